"""Pure domain of allowance-debt collection: dates, money, interest, limitation, arrangements.

Nothing in this package performs I/O or imports a framework; most of the tests live here.
"""

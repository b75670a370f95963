"""Money is integer euro cents everywhere; rates are integer basis points.

Rounding happens in one place per quantity, with the rule the law or policy names.
"""

from __future__ import annotations

from fractions import Fraction


def ceil_div(numerator: int, denominator: int) -> int:
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    return -(-numerator // denominator)


def round_half_up(value: Fraction) -> int:
    """Round an exact amount of cents to whole cents, halves away from zero."""
    if value < 0:
        return -round_half_up(-value)
    return round_half_up_ratio(value.numerator, value.denominator)


def round_half_up_ratio(numerator: int, denominator: int) -> int:
    """numerator / denominator cents (both >= 0) rounded half-up, in integers only."""
    return (2 * numerator + denominator) // (2 * denominator)


def format_euro(cents: int, language: str) -> str:
    """Render cents as a euro amount a debtor reads: "€ 1.234,56" (nl) or "€1,234.56" (en)."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    if language == "nl":
        if euros < 1000:  # most amounts: no thousands separator to put in
            return f"{sign}€ {euros},{rest:02d}"
        return f"{sign}€ {euros:_},{rest:02d}".replace("_", ".")
    return f"{sign}€{euros:,}.{rest:02d}"


def format_basis_points(basis_points: int, language: str) -> str:
    """Render a rate in basis points as a percentage: 430 -> "4,30%" (nl) or "4.30%" (en)."""
    whole, rest = divmod(basis_points, 100)
    separator = "," if language == "nl" else "."
    return f"{whole}{separator}{rest:02d}%"

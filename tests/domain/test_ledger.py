"""The debtor's ledger (collection-rules.md §6, §8; Awir 34(3)): costs of acts, payments
allocated costs -> interest -> principal, across claims the one due first first, and interest
waived on exempted days."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from service.domain.interest import Exemption, claim_balance
from service.domain.ledger import Charge, ClaimEntries, debtor_ledger
from service.domain.money import round_half_up
from service.domain.series import DatedSeries

FOUR_PERCENT = DatedSeries.of([(date(2015, 1, 1), 400)])


def _interest(principal: int, days: int) -> int:
    return round_half_up(Fraction(principal * 400 * days, 10_000 * 365))


def _cost(act: str, open_cents: int) -> int:
    # A simple table for the tests: an aanmaning costs 900 below 45,400 open and 1,900 from it.
    if act == "aanmaning":
        return 900 if open_cents < 45_400 else 1_900
    return 3_900


def _claim(
    amount: int,
    due: date,
    payments: tuple[tuple[date, int], ...] = (),
    acts: tuple[tuple[date, str], ...] = (),
    exemptions: tuple[Exemption, ...] = (),
) -> ClaimEntries:
    return ClaimEntries(amount, due, payments, acts, exemptions)


def test_one_claim_without_costs_or_debtor_payments_is_the_claim_balance() -> None:
    due, as_of = date(2025, 1, 31), date(2025, 12, 1)
    payments = ((date(2025, 6, 1), 10_000),)
    ledger = debtor_ledger([_claim(100_000, due, payments)], (), as_of, FOUR_PERCENT, 365, _cost)
    assert ledger.claims[0].balance == claim_balance(
        100_000, due, payments, as_of, FOUR_PERCENT, 365
    )


def test_an_aanmaning_costs_by_what_is_open_that_day() -> None:
    due = date(2025, 1, 31)
    # 45,399 open on the day of the aanmaning (no interest yet: the act is on the first
    # interest day, interest counts up to the day before) -> 900; 45,400 -> 1,900.
    below = debtor_ledger(
        [_claim(45_399, due, acts=((date(2025, 2, 1), "aanmaning"),))],
        (),
        date(2025, 2, 2),
        FOUR_PERCENT,
        365,
        _cost,
    )
    at = debtor_ledger(
        [_claim(45_400, due, acts=((date(2025, 2, 1), "aanmaning"),))],
        (),
        date(2025, 2, 2),
        FOUR_PERCENT,
        365,
        _cost,
    )
    assert below.claims[0].balance.costs_cents == 900
    assert at.claims[0].balance.costs_cents == 1_900
    assert at.claims[0].charges == (Charge(date(2025, 2, 1), "aanmaning", 1_900),)


def test_a_paid_claim_is_not_charged_for_an_act() -> None:
    due = date(2025, 1, 31)
    ledger = debtor_ledger(
        [_claim(10_000, due, ((due, 10_000),), ((date(2025, 3, 1), "aanmaning"),))],
        (),
        date(2025, 4, 1),
        FOUR_PERCENT,
        365,
        _cost,
    )
    assert ledger.claims[0].balance.costs_cents == 0
    assert ledger.claims[0].charges == ()


def test_a_payment_on_a_claim_pays_its_costs_then_interest_then_principal() -> None:
    due = date(2025, 1, 31)
    act = date(2025, 3, 3)  # interest 1 Feb .. 2 Mar = 30 days on 100,000
    paid_on = date(2025, 4, 2)  # interest 1 Feb .. 1 Apr = 60 days
    ledger = debtor_ledger(
        [_claim(100_000, due, ((paid_on, 5_000),), ((act, "aanmaning"),))],
        (),
        paid_on,
        FOUR_PERCENT,
        365,
        _cost,
    )
    balance = ledger.claims[0].balance
    interest = _interest(100_000, 60)
    assert balance.costs_paid_cents == 1_900
    assert balance.costs_cents == 0
    assert balance.interest_paid_cents == interest
    assert balance.interest_cents == 0
    assert balance.principal_paid_cents == 5_000 - 1_900 - interest
    assert balance.open_cents == 100_000 - (5_000 - 1_900 - interest)


def test_a_debtor_payment_pays_all_costs_then_all_interest_then_principal_oldest_first() -> None:
    older = _claim(20_000, date(2025, 1, 31), acts=((date(2025, 3, 1), "aanmaning"),))
    newer = _claim(60_000, date(2025, 2, 28), acts=((date(2025, 3, 1), "aanmaning"),))
    paid_on = date(2025, 5, 1)
    older_interest = _interest(20_000, 89)  # 1 Feb .. 30 Apr
    newer_interest = _interest(60_000, 61)  # 1 Mar .. 30 Apr
    costs = 900 + 1_900
    payment = costs + older_interest + newer_interest + 5_000
    ledger = debtor_ledger([newer, older], ((paid_on, payment),), paid_on, FOUR_PERCENT, 365, _cost)
    new, old = (claim.balance for claim in ledger.claims)
    assert (old.costs_paid_cents, new.costs_paid_cents) == (900, 1_900)
    assert (old.interest_paid_cents, new.interest_paid_cents) == (older_interest, newer_interest)
    # The principal part goes to the claim due first.
    assert old.principal_paid_cents == 5_000
    assert new.principal_paid_cents == 0
    assert ledger.claims[1].allocated == ((paid_on, 900 + older_interest + 5_000),)
    assert ledger.overpaid_cents == 0


def test_a_debtor_payment_beyond_everything_owed_is_overpaid() -> None:
    due = date(2025, 1, 31)
    ledger = debtor_ledger(
        [_claim(10_000, due)], ((due, 12_000),), date(2025, 3, 1), FOUR_PERCENT, 365, _cost
    )
    assert ledger.claims[0].balance.open_cents == 0
    assert ledger.overpaid_cents == 2_000


def test_a_payment_on_the_day_of_an_aanmaning_counts_before_its_costs() -> None:
    due = date(2025, 1, 31)
    day = date(2025, 2, 1)  # no interest yet
    ledger = debtor_ledger(
        [_claim(50_000, due, ((day, 10_000),), ((day, "aanmaning"),))],
        (),
        day,
        FOUR_PERCENT,
        365,
        _cost,
    )
    balance = ledger.claims[0].balance
    # 40,000 open when the aanmaning is made: the lower cost.
    assert balance.open_cents == 40_000
    assert balance.costs_cents == 900


def test_waived_interest_is_what_the_open_principal_earns_on_exempted_days() -> None:
    due = date(2025, 1, 31)
    exempt = (Exemption(date(2025, 3, 1), date(2025, 3, 31), "pause"),)
    ledger = debtor_ledger(
        [_claim(100_000, due, ((date(2025, 3, 15), 50_000),), exemptions=exempt)],
        (),
        date(2025, 5, 1),
        FOUR_PERCENT,
        365,
        _cost,
    )
    balance = ledger.claims[0].balance
    # 1-14 March on 100,000 and 15-31 March on what the payment left open.
    charged_before = _interest(100_000, 28)  # February
    left = 100_000 - (50_000 - charged_before)
    waived = round_half_up(Fraction(400 * (100_000 * 14 + left * 17), 10_000 * 365))
    assert balance.waived_for("pause") == (waived, 31)
    assert balance.waived_cents == waived


def test_where_exemptions_overlap_the_first_given_waives_the_day() -> None:
    due = date(2025, 1, 31)
    exemptions = (
        Exemption(date(2025, 2, 1), date(2025, 2, 28), "arrangement"),
        Exemption(date(2025, 2, 15), date(2025, 3, 14), "pause"),
    )
    ledger = debtor_ledger(
        [_claim(100_000, due, exemptions=exemptions)],
        (),
        date(2025, 4, 1),
        FOUR_PERCENT,
        365,
        _cost,
    )
    balance = ledger.claims[0].balance
    assert balance.waived_for("arrangement") == (_interest(100_000, 28), 28)
    assert balance.waived_for("pause") == (_interest(100_000, 14), 14)
    assert balance.interest_cents == _interest(100_000, 17)  # 15-31 March

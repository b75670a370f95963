"""Late-payment interest (invorderingsrente), Awir art. 29 -> Invorderingswet 1990 art. 28-29.

Simple interest on the unpaid principal from the day after the due date up to and including the
day before payment (for a balance still open: the day before the evaluation date). The rate in
force on each day applies, so a period that crosses a rate change is split. Payments pay accrued
interest first, then principal (Awir 34(3)).

Waivers: days inside an exemption (a complied arrangement, a payment pause, the Awir 29a
restart terms, the herstel moratorium) accrue no interest. The policy decides which exemptions a
claim has; this module only leaves those days out.

Rounding: the claim's cumulative exact interest is rounded half-up to whole cents, and the
interest already paid is subtracted. Without payments that is exactly one rounding per claim; with
payments it never lets rounding differences add up across settlements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from service.domain.calendar import days_inclusive
from service.domain.money import round_half_up_ratio
from service.domain.series import DatedSeries

BASIS_POINTS = 10_000


@dataclass(frozen=True, slots=True)
class InterestPeriod:
    """One stretch of days with one principal and one rate."""

    first: date
    last: date
    principal_cents: int
    rate_basis_points: int

    @property
    def days(self) -> int:
        return days_inclusive(self.first, self.last)


@dataclass(frozen=True, slots=True)
class ClaimBalance:
    open_cents: int
    interest_cents: int
    principal_paid_cents: int
    interest_paid_cents: int
    overpaid_cents: int
    periods: tuple[InterestPeriod, ...]

    @property
    def paid_cents(self) -> int:
        """Everything received: to interest, to principal and beyond."""
        return self.principal_paid_cents + self.interest_paid_cents + self.overpaid_cents

    @property
    def accrued_interest_cents(self) -> int:
        """All interest charged on the claim so far: still owed plus already paid."""
        return self.interest_cents + self.interest_paid_cents

    @property
    def interest_days(self) -> int:
        return sum(period.days for period in self.periods)


def interest_on(periods: Iterable[InterestPeriod], day_count: int) -> Fraction:
    """Exact interest in cents over the periods (not rounded)."""
    return Fraction(_numerator(periods), BASIS_POINTS * day_count)


def _numerator(periods: Iterable[InterestPeriod]) -> int:
    # Interest in cents is this over BASIS_POINTS x day_count: integers stay exact and are
    # much faster than Fractions on the hot path.
    return sum(
        period.principal_cents * period.rate_basis_points * period.days for period in periods
    )


@dataclass(frozen=True, slots=True)
class Exemption:
    """Days from `first` up to and including `last` on which no interest accrues."""

    first: date
    last: date


def _without(first: date, last: date, exemptions: tuple[Exemption, ...]) -> list[tuple[date, date]]:
    """The stretches of [first, last] outside every exemption (exemptions sorted by start)."""
    stretches = []
    start = first
    for exemption in exemptions:
        if exemption.last < start:
            continue
        if exemption.first > last:
            break
        if exemption.first > start:
            stretches.append((start, exemption.first - timedelta(days=1)))
        start = max(start, exemption.last + timedelta(days=1))
        if start > last:
            return stretches
    stretches.append((start, last))
    return stretches


def _periods(
    principal_cents: int,
    first: date,
    last: date,
    rates: DatedSeries[int],
    exemptions: tuple[Exemption, ...],
) -> list[InterestPeriod]:
    if principal_cents <= 0 or last < first:
        return []
    if not exemptions:
        return [
            InterestPeriod(start, end, principal_cents, rate)
            for start, end, rate in rates.periods(first, last)
        ]
    return [
        InterestPeriod(start, end, principal_cents, rate)
        for stretch_first, stretch_last in _without(first, last, exemptions)
        for start, end, rate in rates.periods(stretch_first, stretch_last)
    ]


def claim_balance(
    amount_cents: int,
    due_date: date,
    payments: Iterable[tuple[date, int]],
    as_of: date,
    rates: DatedSeries[int],
    day_count: int,
    exemptions: Iterable[Exemption] = (),
) -> ClaimBalance:
    """The open principal and the interest owed on one claim as of `as_of`.

    `payments` are (date, cents) pairs on or before `as_of`; they are applied in date order.
    No interest accrues on the days of `exemptions`.
    """
    exempt = tuple(sorted(exemptions, key=lambda exemption: exemption.first))
    principal = amount_cents
    interest_paid = 0
    principal_paid = 0
    overpaid = 0
    denominator = BASIS_POINTS * day_count
    exact_interest = 0  # in 1/denominator cents
    all_periods: list[InterestPeriod] = []
    accrue_from = due_date + timedelta(days=1)

    for paid_on, paid_cents in sorted(payments):
        if paid_on > accrue_from:
            new = _periods(principal, accrue_from, paid_on - timedelta(days=1), rates, exempt)
            exact_interest += _numerator(new)
            all_periods.extend(new)
            accrue_from = paid_on
        interest_due = round_half_up_ratio(exact_interest, denominator) - interest_paid
        to_interest = min(paid_cents, interest_due)
        to_principal = min(paid_cents - to_interest, principal)
        interest_paid += to_interest
        principal_paid += to_principal
        principal -= to_principal
        overpaid += paid_cents - to_interest - to_principal

    if as_of > accrue_from:
        new = _periods(principal, accrue_from, as_of - timedelta(days=1), rates, exempt)
        exact_interest += _numerator(new)
        all_periods.extend(new)

    return ClaimBalance(
        open_cents=principal,
        interest_cents=round_half_up_ratio(exact_interest, denominator) - interest_paid,
        principal_paid_cents=principal_paid,
        interest_paid_cents=interest_paid,
        overpaid_cents=overpaid,
        periods=tuple(all_periods),
    )

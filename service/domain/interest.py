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

from collections.abc import Iterable, Sequence
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
    # Collection costs (Kostenwet, Awir 34(2)): still owed, and paid so far.
    costs_cents: int = 0
    costs_paid_cents: int = 0
    # Interest not charged, by the ground of the exemption: (ground, cents, days). The days and
    # amounts are those on which principal was actually open.
    waived: tuple[tuple[str, int, int], ...] = ()
    # All of it, rounded once like the interest charged (so it may differ by a cent from the
    # sum of the grounds, each rounded on its own).
    waived_cents: int = 0

    def waived_for(self, ground: str) -> tuple[int, int]:
        """(cents, days) waived on this ground."""
        for name, cents, days in self.waived:
            if name == ground:
                return cents, days
        return 0, 0

    @property
    def paid_cents(self) -> int:
        """Everything received: to costs, to interest, to principal and beyond."""
        return (
            self.costs_paid_cents
            + self.principal_paid_cents
            + self.interest_paid_cents
            + self.overpaid_cents
        )

    @property
    def owed_cents(self) -> int:
        return self.open_cents + self.interest_cents + self.costs_cents

    @property
    def accrued_interest_cents(self) -> int:
        """All interest charged on the claim so far: still owed plus already paid."""
        return self.interest_cents + self.interest_paid_cents

    @property
    def interest_days(self) -> int:
        return sum(period.days for period in self.periods)


def interest_on(periods: Iterable[InterestPeriod], day_count: int) -> Fraction:
    """Exact interest in cents over the periods (not rounded)."""
    return Fraction(numerator(periods), BASIS_POINTS * day_count)


def numerator(periods: Iterable[InterestPeriod]) -> int:
    # Interest in cents is this over BASIS_POINTS x day_count: integers stay exact and are
    # much faster than Fractions on the hot path.
    return sum(
        period.principal_cents * period.rate_basis_points * period.days for period in periods
    )


@dataclass(frozen=True, slots=True)
class Exemption:
    """Days from `first` up to and including `last` on which no interest accrues, and why."""

    first: date
    last: date
    ground: str = ""


def split(
    first: date, last: date, exemptions: Sequence[Exemption]
) -> list[tuple[date, date, str | None]]:
    """[first, last] cut into stretches: (start, end, None) where interest accrues and
    (start, end, ground) where an exemption waives it. Where exemptions overlap, the one given
    first waives the day."""
    stretches: list[tuple[date, date, str | None]] = [(first, last, None)]
    for exemption in exemptions:
        if exemption.last < first or exemption.first > last:
            continue
        carved: list[tuple[date, date, str | None]] = []
        for start, end, ground in stretches:
            if ground is not None or exemption.last < start or exemption.first > end:
                carved.append((start, end, ground))
                continue
            inner_start, inner_end = max(start, exemption.first), min(end, exemption.last)
            if start < inner_start:
                carved.append((start, inner_start - timedelta(days=1), None))
            carved.append((inner_start, inner_end, exemption.ground))
            if inner_end < end:
                carved.append((inner_end + timedelta(days=1), end, None))
        stretches = carved
    return stretches


def periods_between(
    principal_cents: int,
    first: date,
    last: date,
    rates: DatedSeries[int],
    exemptions: Sequence[Exemption],
) -> list[tuple[InterestPeriod, str | None]]:
    """The periods of [first, last] with their rate, each with the ground that waives it (None
    where interest is charged)."""
    if principal_cents <= 0 or last < first:
        return []
    return [
        (InterestPeriod(start, end, principal_cents, rate), ground)
        for stretch_first, stretch_last, ground in split(first, last, exemptions)
        for start, end, rate in rates.periods(stretch_first, stretch_last)
    ]


def claim_balance(
    amount_cents: int,
    due_date: date,
    payments: Iterable[tuple[date, int]],
    as_of: date,
    rates: DatedSeries[int],
    day_count: int,
) -> ClaimBalance:
    """The open principal and the interest owed on one claim as of `as_of`.

    `payments` are (date, cents) pairs on or before `as_of`; they are applied in date order.
    This is the short path of the debtor's ledger (`service.domain.ledger`) for a claim with
    nothing but its own payments: no costs, no exempted days, no payments to the debtor as a
    whole. Most claims of most decisions are like that.
    """
    principal = amount_cents
    interest_paid = principal_paid = overpaid = 0
    denominator = BASIS_POINTS * day_count
    exact = 0  # in 1/denominator cents
    periods: list[InterestPeriod] = []
    accrue_from = due_date + timedelta(days=1)
    for paid_on, paid_cents in sorted(payments):
        if paid_on > accrue_from and principal > 0:
            for start, end, rate in rates.periods(accrue_from, paid_on - timedelta(days=1)):
                period = InterestPeriod(start, end, principal, rate)
                exact += principal * rate * period.days
                periods.append(period)
        accrue_from = max(accrue_from, paid_on)
        to_interest = min(paid_cents, round_half_up_ratio(exact, denominator) - interest_paid)
        to_principal = min(paid_cents - to_interest, principal)
        interest_paid += to_interest
        principal_paid += to_principal
        principal -= to_principal
        overpaid += paid_cents - to_interest - to_principal
    if as_of > accrue_from and principal > 0:
        for start, end, rate in rates.periods(accrue_from, as_of - timedelta(days=1)):
            period = InterestPeriod(start, end, principal, rate)
            exact += principal * rate * period.days
            periods.append(period)
    return ClaimBalance(
        open_cents=principal,
        interest_cents=round_half_up_ratio(exact, denominator) - interest_paid,
        principal_paid_cents=principal_paid,
        interest_paid_cents=interest_paid,
        overpaid_cents=overpaid,
        periods=tuple(periods),
    )

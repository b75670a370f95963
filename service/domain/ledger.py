"""The debtor's ledger: every claim's principal, late-payment interest and collection costs as of
a date, with payments allocated as Awir 34(3) prescribes.

A payment on a claim pays that claim's costs, then its interest, then its principal. A payment to
the debtor as a whole (not earmarked for a claim) pays the costs of all claims first, then their
interest, then their principal; within each class the claim due first is paid first (ties in the
order of the claims). What is left after everything is paid is recorded as overpaid.

Costs (Kostenwet via Awir 34(2)) arise with an aanmaning or a dwangbevel; the policy says how
much, from the amount open on the claim that day. Events of one day are taken payments first,
then acts, so a payment made on the day of an aanmaning counts before its costs.

Interest as in `service.domain.interest`: simple, per day at the rate of the day, not on exempted
days, rounded half-up once over the claim's cumulative exact amount.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from service.domain.interest import (
    BASIS_POINTS,
    ClaimBalance,
    Exemption,
    InterestPeriod,
    claim_balance,
    numerator,
    periods_between,
)
from service.domain.money import round_half_up_ratio
from service.domain.series import DatedSeries

CostRule = Callable[[str, int], int]  # (act, amount open on the claim that day) -> cents


@dataclass(frozen=True, slots=True)
class ClaimEntries:
    """What the ledger needs of one claim."""

    amount_cents: int
    due_date: date
    payments: tuple[tuple[date, int], ...]  # payments and offsets on this claim
    acts: tuple[tuple[date, str], ...]  # aanmaning / dwangbevel: acts that cost money
    # In the order the policy granted them: where two overlap, the first waives the day.
    exemptions: tuple[Exemption, ...]


@dataclass(frozen=True, slots=True)
class Charge:
    """Costs charged for an act on a claim."""

    date: date
    act: str
    cents: int


@dataclass(frozen=True, slots=True)
class ClaimLedger:
    balance: ClaimBalance
    charges: tuple[Charge, ...]
    # Parts of payments to the debtor as a whole that went to this claim: (date, cents).
    allocated: tuple[tuple[date, int], ...]


@dataclass(frozen=True, slots=True)
class DebtorLedger:
    claims: tuple[ClaimLedger, ...]
    overpaid_cents: int  # of payments to the debtor as a whole, beyond everything owed


@dataclass(slots=True)
class _Account:
    exemptions: tuple[Exemption, ...]
    principal: int
    accrue_from: date
    exact: int = 0  # interest in 1/(BASIS_POINTS x day_count) cents
    interest_paid: int = 0
    principal_paid: int = 0
    overpaid: int = 0
    costs: int = 0
    costs_paid: int = 0
    periods: list[InterestPeriod] = field(default_factory=list)
    waived_exact: dict[str, int] = field(default_factory=dict)
    waived_days: dict[str, int] = field(default_factory=dict)
    charges: list[Charge] = field(default_factory=list)
    allocated: list[tuple[date, int]] = field(default_factory=list)

    def accrue(self, day: date, rates: DatedSeries[int]) -> None:
        """Interest up to and including the day before `day`."""
        if day > self.accrue_from:
            new = periods_between(
                self.principal, self.accrue_from, day - timedelta(days=1), rates, self.exemptions
            )
            for period, ground in new:
                if ground is None:
                    self.exact += numerator((period,))
                    self.periods.append(period)
                else:
                    self.waived_exact[ground] = self.waived_exact.get(ground, 0) + numerator(
                        (period,)
                    )
                    self.waived_days[ground] = self.waived_days.get(ground, 0) + period.days
            self.accrue_from = day

    def interest_due(self, denominator: int) -> int:
        return round_half_up_ratio(self.exact, denominator) - self.interest_paid

    def pay_costs(self, cents: int) -> int:
        paid = min(cents, self.costs)
        self.costs -= paid
        self.costs_paid += paid
        return cents - paid

    def pay_interest(self, cents: int, denominator: int) -> int:
        paid = min(cents, self.interest_due(denominator))
        self.interest_paid += paid
        return cents - paid

    def pay_principal(self, cents: int) -> int:
        paid = min(cents, self.principal)
        self.principal -= paid
        self.principal_paid += paid
        return cents - paid


_PAYMENT, _DEBTOR_PAYMENT, _ACT = 0, 1, 2


def debtor_ledger(
    claims: Sequence[ClaimEntries],
    debtor_payments: Sequence[tuple[date, int]],
    as_of: date,
    rates: DatedSeries[int],
    day_count: int,
    cost_of: CostRule,
) -> DebtorLedger:
    """Every claim's balance as of `as_of` (events on or before it)."""
    if len(claims) == 1 and not debtor_payments and not claims[0].acts and not claims[0].exemptions:
        # The common case, on the short path: one claim with nothing but its own payments.
        only = claims[0]
        balance = claim_balance(
            only.amount_cents, only.due_date, only.payments, as_of, rates, day_count
        )
        return DebtorLedger((ClaimLedger(balance, (), ()),), 0)
    denominator = BASIS_POINTS * day_count
    accounts = [
        _Account(
            exemptions=claim.exemptions,
            principal=claim.amount_cents,
            accrue_from=claim.due_date + timedelta(days=1),
        )
        for claim in claims
    ]
    # Claims due first are paid first; the order in the case breaks ties.
    by_due = sorted(range(len(accounts)), key=lambda i: (claims[i].due_date, i))

    events: list[tuple[date, int, int, int, str]] = []
    for index, claim in enumerate(claims):
        events.extend((day, _PAYMENT, cents, index, "") for day, cents in claim.payments)
        events.extend((day, _ACT, 0, index, act) for day, act in claim.acts)
    events.extend((day, _DEBTOR_PAYMENT, cents, -1, "") for day, cents in debtor_payments)
    # Date, then payments before acts; within a kind the same order as a claim's own payments
    # always had (by amount), so single-claim results do not change.
    events.sort(key=lambda event: (event[0], event[1], event[3], event[2]))

    overpaid = 0
    for day, kind, cents, index, act in events:
        if kind == _DEBTOR_PAYMENT:
            for account in accounts:
                account.accrue(day, rates)
            left = cents
            share = [0] * len(accounts)
            for step in ("costs", "interest", "principal"):
                for i in by_due:
                    account = accounts[i]
                    before = left
                    if step == "costs":
                        left = account.pay_costs(left)
                    elif step == "interest":
                        left = account.pay_interest(left, denominator)
                    else:
                        left = account.pay_principal(left)
                    share[i] += before - left
            for account, part in zip(accounts, share, strict=True):
                if part:
                    account.allocated.append((day, part))
            overpaid += left
            continue
        account = accounts[index]
        account.accrue(day, rates)
        if kind == _PAYMENT:
            left = account.pay_principal(
                account.pay_interest(account.pay_costs(cents), denominator)
            )
            account.overpaid += left
        else:
            open_cents = account.principal + account.interest_due(denominator)
            if open_cents > 0:  # nothing is demanded, so nothing costs, on a paid claim
                charged = cost_of(act, open_cents)
                account.costs += charged
                account.charges.append(Charge(day, act, charged))

    ledgers = []
    for account in accounts:
        account.accrue(as_of, rates)
        ledgers.append(
            ClaimLedger(
                balance=ClaimBalance(
                    open_cents=account.principal,
                    interest_cents=account.interest_due(denominator),
                    principal_paid_cents=account.principal_paid,
                    interest_paid_cents=account.interest_paid,
                    overpaid_cents=account.overpaid,
                    periods=tuple(account.periods),
                    costs_cents=account.costs,
                    costs_paid_cents=account.costs_paid,
                    waived=tuple(
                        (
                            ground,
                            round_half_up_ratio(exact, denominator),
                            account.waived_days[ground],
                        )
                        for ground, exact in account.waived_exact.items()
                    ),
                    waived_cents=round_half_up_ratio(
                        sum(account.waived_exact.values()), denominator
                    ),
                ),
                charges=tuple(account.charges),
                allocated=tuple(account.allocated),
            )
        )
    return DebtorLedger(tuple(ledgers), overpaid)

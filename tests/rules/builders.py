"""Small helpers to build cases for the rule scenario tests.

Defaults are chosen so that a test only names what it is about: a definitive huurtoeslag claim
of € 500,00 decided on 10 January 2025 (due 21 February 2025), a debtor who asks for nothing and
receives no allowances any more.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from service.domain.case import (
    Allowance,
    ArrangementRequest,
    Case,
    Claim,
    Debtor,
    Event,
    EventType,
    OngoingAllowance,
    Origin,
)
from service.domain.decision import ClaimResult, Decision, TraceEntry


def claim(
    ref: str = "C1",
    *,
    amount_cents: int = 50_000,
    decision_date: date = date(2025, 1, 10),
    origin: Origin = "definitive",
    allowance: Allowance = "huurtoeslag",
    benefit_year: int | None = None,
    events: Iterable[Event] = (),
) -> Claim:
    return Claim(
        ref=ref,
        allowance=allowance,
        benefit_year=benefit_year if benefit_year is not None else decision_date.year - 1,
        origin=origin,
        decision_date=decision_date,
        amount_cents=amount_cents,
        events=tuple(events),
    )


def event(type_: EventType, on: date) -> Event:
    """An act without money: aanmaning, dwangbevel, written_claim."""
    return Event(type=type_, date=on)


def payment(on: date, amount_cents: int) -> Event:
    return Event(type="payment", date=on, amount_cents=amount_cents)


def offset(on: date, amount_cents: int) -> Event:
    return Event(type="offset", date=on, amount_cents=amount_cents)


def ongoing(allowance: Allowance, monthly_cents: int) -> OngoingAllowance:
    return OngoingAllowance(allowance=allowance, monthly_cents=monthly_cents)


def debtor(
    *,
    request: ArrangementRequest = "none",
    capacity: int | None = None,
    assets: int | None = None,
    allowances: Iterable[OngoingAllowance] = (),
    ref: str = "D1",
) -> Debtor:
    return Debtor(
        ref=ref,
        arrangement_request=request,
        monthly_payment_capacity_cents=capacity,
        assets_cents=assets,
        ongoing_allowances=tuple(allowances),
    )


def personal(capacity: int, assets: int = 0) -> Debtor:
    return debtor(request="personal", capacity=capacity, assets=assets)


def case(*claims: Claim, as_of: date, who: Debtor | None = None) -> Case:
    return Case(as_of=as_of, debtor=who if who is not None else debtor(), claims=claims)


# --- reading a decision ------------------------------------------------------------------------


def result(decision: Decision, ref: str) -> ClaimResult:
    (found,) = [item for item in decision.claims if item.ref == ref]
    return found


def fired(decision: Decision) -> list[tuple[str, str | None]]:
    """(rule, claim_ref) of every trace entry, in trace order."""
    return [(entry.rule, entry.claim_ref) for entry in decision.trace]


def rule_ids(decision: Decision) -> list[str]:
    return [entry.rule for entry in decision.trace]


def entries(decision: Decision, rule: str, ref: str | None = None) -> list[TraceEntry]:
    return [
        entry
        for entry in decision.trace
        if entry.rule == rule and (ref is None or entry.claim_ref == ref)
    ]


def entry(decision: Decision, rule: str, ref: str | None = None) -> TraceEntry:
    (found,) = entries(decision, rule, ref)
    return found

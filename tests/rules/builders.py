"""Small helpers to build cases for the rule scenario tests.

Defaults are chosen so that a test only names what it is about: a definitive huurtoeslag claim
of € 500,00 decided on 10 January 2025 (due 21 February 2025), a debtor who asks for nothing and
receives no allowances any more.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from fractions import Fraction

import msgspec

from service.domain.case import (
    Allowance,
    ArrangementRequest,
    Case,
    Claim,
    Debtor,
    DebtorEvent,
    DebtorEventType,
    Event,
    EventType,
    Herstel,
    HouseholdType,
    ImmediateCollectionGround,
    Income,
    MaatwerkSignal,
    OngoingAllowance,
    Origin,
    PauseReason,
    PauseRequest,
)
from service.domain.decision import ClaimResult, Decision, NextStep, Plan, TraceEntry
from service.domain.money import round_half_up
from service.domain.validation import case_problems


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


# --- the strategy's stages: debtor events, pause requests, collector and restart events --------


def debtor_event(type_: DebtorEventType, on: date, *, months: int | None = None) -> DebtorEvent:
    """Something that happened to the debtor's arrangement; `months` only for a 'pause'."""
    return DebtorEvent(type=type_, date=on, months=months)


def arrangement_start(on: date) -> DebtorEvent:
    return debtor_event("arrangement_start", on)


def arrangement_withdrawn(on: date) -> DebtorEvent:
    return debtor_event("arrangement_withdrawn", on)


def recorded_pause(on: date, months: int) -> DebtorEvent:
    """A payment pause granted by an earlier decision, from `on` for `months`."""
    return debtor_event("pause", on, months=months)


def with_events(who: Debtor, *events: DebtorEvent) -> Debtor:
    """The debtor with these arrangement events (the `debtor` builder has none)."""
    return msgspec.structs.replace(who, events=tuple(events))


def pause_request(start: date, months: int = 3, reason: PauseReason = "illness") -> PauseRequest:
    return PauseRequest(start=start, months=months, reason=reason)


def requesting(asked: Case, request: PauseRequest) -> Case:
    """The case with a payment pause requested (the `case` builder asks for none)."""
    return msgspec.structs.replace(asked, pause_request=request)


def interruption(on: date, by: str = "collector-7", reason: str = "payment is realistic") -> Event:
    """A written claim a collector decided to send to interrupt limitation (names who and why)."""
    return Event(type="interruption", date=on, by=by, reason=reason)


def restart_letter(on: date) -> Event:
    """Awir 29a: the letter announcing that paused collection restarts."""
    return Event(type="restart_letter", date=on)


def restart_extension(on: date) -> Event:
    """Awir 29a: one extension of the restart term."""
    return Event(type="restart_extension", date=on)


def valid(given: Case) -> Case:
    """The case, after checking it is one the service accepts (no event after as_of, ...)."""
    assert case_problems(given) == []
    return given


def expected_interest(principal_cents: int, *rate_days: tuple[int, int]) -> int:
    """The test's own interest figure: principal x sum(basis points x days) / (10,000 x 365),
    rounded half-up once."""
    exact = Fraction(principal_cents * sum(bp * days for bp, days in rate_days), 10_000 * 365)
    return round_half_up(exact)


# --- the debtor's situation: payments, income, herstel, maatwerk signals, immediate collection --


def debtor_payment(on: date, amount_cents: int) -> DebtorEvent:
    """A payment to the debtor's account as a whole, not earmarked for one claim."""
    return DebtorEvent(type="payment", date=on, amount_cents=amount_cents)


def household_income(
    net_cents: int,
    *,
    household: HouseholdType = "single",
    partner_cents: int = 0,
    housing_cents: int = 0,
    care_cents: int = 0,
) -> Income:
    """Monthly household income and fixed costs, from which the policy computes the capacity."""
    return Income(
        net_income_cents=net_cents,
        partner_net_income_cents=partner_cents,
        housing_costs_cents=housing_cents,
        care_premiums_cents=care_cents,
        household=household,
    )


def recognised_victim(first_compensation: date | None = None) -> Herstel:
    """A recognised victim of the allowance affair (§11), with the first compensation payment."""
    return Herstel(recognised=True, first_compensation_date=first_compensation)


def in_situation(
    who: Debtor,
    *,
    income: Income | None = None,
    herstel: Herstel | None = None,
    signals: Iterable[MaatwerkSignal] = (),
    ground: ImmediateCollectionGround | None = None,
) -> Debtor:
    """The debtor with this income, herstel status, maatwerk signals and immediate-collection
    ground (the `debtor` builder has none of them)."""
    return msgspec.structs.replace(
        who,
        income=income,
        herstel=herstel,
        signals=tuple(signals),
        immediate_collection_ground=ground,
    )


def next_step_of(decision: Decision) -> NextStep:
    """The one collection act the decision proposes."""
    assert len(decision.next_steps) == 1, (decision.next_steps, rule_ids(decision))
    return decision.next_steps[0]


def proposed(decision: Decision) -> dict[str, NextStep]:
    """The proposed collection acts by step."""
    return {step.step: step for step in decision.next_steps}


def plan_or_fail(decision: Decision) -> Plan:
    assert decision.plan is not None, decision.outcome
    return decision.plan

"""The actions rules can take. Each is a pure function of the decision's working state.

An action returns the variables its explanation templates may use. The legal basis of what an
action does lives on the rules that use it (policy documents), not here.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from service.domain.arrangement import (
    Schedule,
    merged_schedule,
    monthly_schedule,
    postponed_schedule,
    standard_monthly_amount,
)
from service.domain.calendar import add_days, add_years
from service.domain.decision import Arrangement, Plan
from service.domain.interest import ClaimBalance
from service.domain.ledger import Charge
from service.domain.limitation import limitation
from service.domain.money import format_basis_points, format_euro
from service.policy.model import Rule
from service.rules.balance import COST_PARAMETERS, ledger_of
from service.rules.explain import Localized, Money, Variable, format_date
from service.rules.registry import Decides, ParameterNeed, action
from service.rules.summary import INSTALMENT_PLAN, NO_PLAN, PLAN
from service.rules.work import ClaimWork, DecisionWork, PolicyDefect

NOT_APPLICABLE = Localized("n.v.t.", "n/a")
ORIGIN_TEXT = {
    "definitive": Localized("een definitieve berekening", "a final calculation"),
    "advance": Localized("een herziening van het voorschot", "a revised advance"),
}


def _claim(subject: ClaimWork | None, rule: Rule) -> ClaimWork:
    if subject is None:
        raise PolicyDefect(f"{rule.id} is a claim rule but ran without a claim")
    return subject


# --- claim_terms -------------------------------------------------------------------------------


@action(
    "set_due_date",
    stage="claim_terms",
    summary="Due date = decision date + the payment term.",
    variables={"decision_date", "due_date", "term_days"},
    parameters=(ParameterNeed("payment_term_days", "days"),),
)
def set_due_date(work: DecisionWork, subject: ClaimWork | None, rule: Rule) -> dict[str, Variable]:
    claim = _claim(subject, rule)
    term = work.policy.integer("payment_term_days")
    claim.due_date = add_days(claim.claim.decision_date, term)
    return {
        "decision_date": claim.claim.decision_date,
        "due_date": claim.due_date,
        "term_days": term,
    }


@action(
    "set_limitation_date",
    stage="claim_terms",
    summary="Limitation date = due date + the limitation period, moved by every interruption.",
    variables={"due_date", "limitation_date", "years", "interruptions", "postponed"},
    parameters=(
        ParameterNeed("limitation_years", "years"),
        ParameterNeed("limitation_interrupting_events", "event_types"),
    ),
)
def set_limitation_date(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    claim = _claim(subject, rule)
    due_date = claim.require_due_date(rule.id)
    years = work.policy.integer("limitation_years")
    interrupting = set(work.policy.names("limitation_interrupting_events"))
    acts = [event.date for event in claim.claim.events if event.type in interrupting]
    claim.limitation = limitation(due_date, acts, years, work.pauses)
    effective = claim.limitation.effective_interruptions
    if effective:
        count, last = len(effective), effective[-1]
        text = Localized(
            f"de termijn is {count} keer gestuit, het laatst op {format_date(last, 'nl')}",
            f"limitation was interrupted {count} time(s), last on {format_date(last, 'en')}",
        )
    else:
        text = Localized("de termijn is niet gestuit", "limitation was not interrupted")
    pauses = claim.limitation.effective_postponements
    if pauses:
        first, last = pauses[-1].first, pauses[-1].last
        postponed = Localized(
            f"; de termijn is verlengd met {len(pauses)} betaalpauze(s) (uitstel), de laatste van "
            f"{format_date(first, 'nl')} tot en met {format_date(last, 'nl')}",
            f"; it was extended by {len(pauses)} payment pause(s) (postponement), the last from "
            f"{format_date(first, 'en')} to {format_date(last, 'en')}",
        )
    else:
        postponed = Localized("", "")  # nothing to say: most claims are never postponed
    return {
        "due_date": due_date,
        "limitation_date": claim.limitation.limitation_date,
        "years": years,
        "interruptions": text,
        "postponed": postponed,
    }


@action(
    "compute_balance",
    stage="claim_terms",
    summary="Open principal, late-payment interest and collection costs as of the evaluation "
    "date; a payment pays costs first, then interest, then principal (Awir 34(3)), and a payment "
    "to the debtor as a whole is spread over the claims, the claim due first paid first.",
    variables={"amount", "paid", "open", "interest", "interest_days", "rates", "costs"},
    parameters=(
        ParameterNeed("interest_rate_basis_points", "basis_points", dated=True),
        ParameterNeed("interest_day_count", "days"),
        *COST_PARAMETERS,
    ),
)
def compute_balance(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    claim = _claim(subject, rule)
    ledger = ledger_of(work, claim, rule.id)
    balance = claim.balance = ledger.balance
    days_by_rate: dict[int, int] = {}
    for period in balance.periods:
        days_by_rate[period.rate_basis_points] = (
            days_by_rate.get(period.rate_basis_points, 0) + period.days
        )
    if days_by_rate:
        rates = Localized(
            ", ".join(
                f"{format_basis_points(rate, 'nl')} over {days} dagen"
                for rate, days in days_by_rate.items()
            ),
            ", ".join(
                f"{format_basis_points(rate, 'en')} for {days} days"
                for rate, days in days_by_rate.items()
            ),
        )
    else:
        rates = Localized("geen rentedagen", "no interest days")
    return {
        "amount": Money(claim.claim.amount_cents),
        "paid": Money(balance.paid_cents),
        "open": Money(balance.open_cents),
        "interest": Money(balance.interest_cents),
        "interest_days": balance.interest_days,
        "rates": rates,
        "costs": _costs_text(ledger.charges, balance),
    }


def _costs_text(charges: tuple[Charge, ...], balance: ClaimBalance) -> Localized:
    """Nothing when no act cost anything; otherwise what was charged and what is still owed."""
    if not charges:
        return Localized("", "")
    charged = sum(charge.cents for charge in charges)
    acts_nl = ", ".join(f"{charge.act} van {format_date(charge.date, 'nl')}" for charge in charges)
    acts_en = ", ".join(f"{charge.act} of {format_date(charge.date, 'en')}" for charge in charges)
    return Localized(
        f". Invorderingskosten ({acts_nl}): {format_euro(charged, 'nl')}, "
        f"waarvan nog open {format_euro(balance.costs_cents, 'nl')}",
        f". Collection costs ({acts_en}): {format_euro(charged, 'en')}, "
        f"of which {format_euro(balance.costs_cents, 'en')} is still open",
    )


# --- claim_status ------------------------------------------------------------------------------


def _set_recoverable(claim: ClaimWork, value: bool, rule: Rule) -> None:
    if claim.recoverable is not None and claim.recoverable != value:
        raise PolicyDefect(
            f"{rule.id} says claim {claim.claim.ref} is "
            f"{'' if value else 'not '}recoverable, an earlier rule said the opposite"
        )
    claim.recoverable = value


def _threshold_variables(work: DecisionWork, claim: ClaimWork, rule: Rule) -> dict[str, Variable]:
    decided = claim.claim.decision_date
    return {
        "amount": Money(claim.claim.amount_cents),
        "interest": Money(claim.require_balance(rule.id).interest_cents),
        "threshold": Money(work.policy.series("small_claim_threshold_cents").at(decided)),
        "decision_year": decided.year,
        "origin": ORIGIN_TEXT[claim.claim.origin],
    }


@action(
    "mark_not_recovered",
    stage="claim_status",
    summary="The claim is not recovered, and no interest is charged on it.",
    variables={"amount", "threshold", "decision_year", "origin", "interest"},
    parameters=(ParameterNeed("small_claim_threshold_cents", "cents", dated=True),),
)
def mark_not_recovered(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    claim = _claim(subject, rule)
    _set_recoverable(claim, False, rule)
    return _threshold_variables(work, claim, rule)


@action(
    "mark_recoverable",
    stage="claim_status",
    summary="The claim is recovered.",
    variables={"amount", "threshold", "decision_year", "origin", "interest"},
    parameters=(ParameterNeed("small_claim_threshold_cents", "cents", dated=True),),
)
def mark_recoverable(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    claim = _claim(subject, rule)
    _set_recoverable(claim, True, rule)
    return _threshold_variables(work, claim, rule)


@action(
    "mark_expired",
    stage="claim_status",
    summary="The claim is past its limitation date: nothing is collected, offset or enforced.",
    variables={"limitation_date", "open", "interest"},
)
def mark_expired(work: DecisionWork, subject: ClaimWork | None, rule: Rule) -> dict[str, Variable]:
    claim = _claim(subject, rule)
    claim.expired = True
    balance = claim.require_balance(rule.id)
    return {
        "limitation_date": claim.require_limitation(rule.id).limitation_date,
        "open": Money(balance.open_cents),
        "interest": Money(balance.interest_cents),
    }


@action(
    "mark_settled",
    stage="claim_status",
    summary="Nothing is open on the claim any more.",
    variables={"amount", "paid"},
)
def mark_settled(work: DecisionWork, subject: ClaimWork | None, rule: Rule) -> dict[str, Variable]:
    claim = _claim(subject, rule)
    balance = claim.require_balance(rule.id)
    return {
        "amount": Money(claim.claim.amount_cents),
        "paid": Money(balance.paid_cents),
    }


# --- debtor_plan -------------------------------------------------------------------------------


@action(
    "decide_not_recovered",
    stage="debtor_plan",
    summary="Outcome not_recovered: no claim of the case is recovered.",
    variables={"claim_count"},
    decides=(Decides("not_recovered", NO_PLAN),),
)
def decide_not_recovered(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    work.decide("not_recovered", rule.id)
    return {"claim_count": len(work.claims)}


@action(
    "decide_nothing_due",
    stage="debtor_plan",
    summary="Outcome nothing_due: every recovered claim is paid or expired.",
    variables={"claim_count", "expired_count"},
    decides=(Decides("nothing_due", NO_PLAN),),
)
def decide_nothing_due(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    work.decide("nothing_due", rule.id)
    return {
        "claim_count": len(work.claims),
        "expired_count": sum(1 for claim in work.claims if claim.expired),
    }


def plan_of(
    work: DecisionWork,
    schedule: Schedule,
    method: Literal["offset", "transfer"],
    kind: Literal["standard", "personal", "immediate"],
    review_date: date | None = None,
    net_allowance_cents: int | None = None,
    offset_window_end: date | None = None,
) -> Plan:
    debtor = work.require_debtor()
    return Plan(
        method=method,
        kind=kind,
        monthly_cents=schedule.monthly_cents,
        instalments=schedule.count,
        last_instalment_cents=schedule.last_instalment_cents,
        first_due_date=schedule.first_due_date,
        schedule=schedule.instalments,
        claim_refs=tuple(claim.claim.ref for claim in debtor.collectible),
        total_cents=debtor.collectible_total_cents,
        review_date=review_date,
        remaining_after_plan_cents=schedule.remaining_after_plan_cents,
        net_allowance_cents=net_allowance_cents,
        offset_window_end=offset_window_end,
    )


def _first_due(work: DecisionWork, latest: bool) -> date:
    """The later of as_of and the earliest (transfer) or latest (offset) due date in the plan."""
    due_dates = [claim.require_due_date("plan") for claim in work.require_debtor().collectible]
    if not due_dates:
        raise PolicyDefect("a plan rule fired for a debtor without collectible claims")
    return max(work.case.as_of, max(due_dates) if latest else min(due_dates))


_STANDARD_PARAMETERS = (
    ParameterNeed("standard_min_monthly_cents", "cents"),
    ParameterNeed("standard_max_instalments", "count"),
    ParameterNeed("standard_rounding_cents", "cents"),
)
_PLAN_VARIABLES = {
    "total",
    "monthly",
    "instalments",
    "last_instalment",
    "first_due_date",
    "claim_count",
}


@action(
    "plan_standard",
    stage="debtor_plan",
    summary="One standard arrangement over all collectible claims, paid by transfer or "
    "collected by offsetting against the allowances the debtor still receives.",
    variables=_PLAN_VARIABLES | {"ongoing", "net_allowance", "capacity", "assets"},
    parameters=_STANDARD_PARAMETERS,
    args={"method": ("transfer", "offset")},
    decides=(
        Decides("offset", INSTALMENT_PLAN | {"net_allowance"}, args={"method": "offset"}),
        Decides("standard_arrangement", INSTALMENT_PLAN, args={"method": "transfer"}),
    ),
)
def plan_standard(work: DecisionWork, subject: ClaimWork | None, rule: Rule) -> dict[str, Variable]:
    debtor = work.require_debtor()
    method: Literal["offset", "transfer"] = (
        "offset" if rule.args["method"] == "offset" else "transfer"
    )
    first_due = _first_due(work, latest=method == "offset")
    schedule = monthly_schedule(
        debtor.collectible_total_cents,
        debtor.standard_monthly_cents,
        first_due,
        work.policy.integer("standard_max_instalments"),
    )
    schedule = postponed_schedule(schedule, work.pauses)
    if schedule.remaining_after_plan_cents:
        raise PolicyDefect(f"{rule.id}: the standard amount does not pay the total in time")
    net_allowance = None
    if method == "offset":
        net_allowance = debtor.ongoing_allowances_cents - schedule.monthly_cents
        if net_allowance < 0:
            raise PolicyDefect(f"{rule.id}: offsetting needs allowances above the monthly amount")
    work.decide("offset" if method == "offset" else "standard_arrangement", rule.id)
    work.plan = plan_of(work, schedule, method, "standard", net_allowance_cents=net_allowance)
    debtor_input = work.case.debtor
    return {
        **_schedule_variables(work, schedule),
        "ongoing": Money(debtor.ongoing_allowances_cents),
        "net_allowance": Money(net_allowance or 0),
        "capacity": Money(work.capacity_cents or 0),
        "assets": Money(debtor_input.assets_cents or 0),
    }


def _schedule_variables(work: DecisionWork, schedule: Schedule) -> dict[str, Variable]:
    debtor = work.require_debtor()
    return {
        "total": Money(debtor.collectible_total_cents),
        "monthly": Money(schedule.monthly_cents),
        "instalments": schedule.count,
        "last_instalment": Money(schedule.last_instalment_cents),
        "first_due_date": schedule.first_due_date or NOT_APPLICABLE,
        "claim_count": len(debtor.collectible),
    }


@action(
    "plan_personal",
    stage="debtor_plan",
    summary="A personal arrangement at the debtor's monthly capacity; when that does not pay "
    "everything within the maximum term, it is reviewed part-way and the rest falls under "
    "no further measures.",
    variables=_PLAN_VARIABLES | {"capacity", "remaining", "review_date", "offset_window_end"},
    parameters=(
        ParameterNeed("standard_max_instalments", "count"),
        ParameterNeed("personal_review_after_instalments", "count"),
        ParameterNeed("no_further_measures_offset_window_years", "years"),
    ),
    decides=(
        Decides(
            "personal_arrangement",
            INSTALMENT_PLAN,
            partial=INSTALMENT_PLAN | {"review_date", "offset_window_end"},
        ),
    ),
)
def plan_personal(work: DecisionWork, subject: ClaimWork | None, rule: Rule) -> dict[str, Variable]:
    debtor = work.require_debtor()
    capacity = work.capacity_cents or 0
    if capacity <= 0:
        raise PolicyDefect(f"{rule.id}: a personal arrangement needs a capacity above 0")
    schedule = monthly_schedule(
        debtor.collectible_total_cents,
        capacity,
        _first_due(work, latest=False),
        work.policy.integer("standard_max_instalments"),
    )
    schedule = postponed_schedule(schedule, work.pauses)
    review_date = window_end = None
    if schedule.remaining_after_plan_cents:
        review_after = work.policy.integer("personal_review_after_instalments")
        review_date = schedule.instalments[min(review_after, schedule.count) - 1].due_date
        assert schedule.last_due_date is not None
        window_end = add_years(
            schedule.last_due_date, work.policy.integer("no_further_measures_offset_window_years")
        )
    work.decide("personal_arrangement", rule.id)
    work.plan = plan_of(
        work,
        schedule,
        "transfer",
        "personal",
        review_date=review_date,
        offset_window_end=window_end,
    )
    return {
        **_schedule_variables(work, schedule),
        "capacity": Money(capacity),
        "remaining": Money(schedule.remaining_after_plan_cents),
        "review_date": review_date or NOT_APPLICABLE,
        "offset_window_end": window_end or NOT_APPLICABLE,
    }


@action(
    "decide_no_further_measures",
    stage="debtor_plan",
    summary="No further collection measures; the debt stays owed and one-off payments are "
    "still offset during the window.",
    variables={"total", "offset_window_end", "claim_count"},
    parameters=(ParameterNeed("no_further_measures_offset_window_years", "years"),),
    # No instalments, the whole debt left unpaid: one text fits every such decision.
    decides=(Decides("no_further_measures", PLAN | {"offset_window_end"}),),
)
def decide_no_further_measures(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    debtor = work.require_debtor()
    window_end = add_years(
        work.case.as_of, work.policy.integer("no_further_measures_offset_window_years")
    )
    work.decide("no_further_measures", rule.id)
    # Only one-off back-payments and tax refunds are still offset, so the plan has no
    # instalments: everything remains after it, and the window says until when offsetting runs.
    work.plan = plan_of(
        work,
        Schedule(0, (), debtor.collectible_total_cents),
        "offset",
        "personal",
        offset_window_end=window_end,
    )
    return {
        "total": Money(debtor.collectible_total_cents),
        "offset_window_end": window_end,
        "claim_count": len(debtor.collectible),
    }


@action(
    "plan_per_claim",
    stage="debtor_plan",
    summary="The practice before the strategy: one standard arrangement per collectible claim, "
    "each at least the minimum a month and at most the maximum number of instalments.",
    variables=_PLAN_VARIABLES | {"arrangement_count"},
    parameters=_STANDARD_PARAMETERS,
    decides=(Decides("standard_arrangement", INSTALMENT_PLAN),),
)
def plan_per_claim(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    debtor = work.require_debtor()
    policy = work.policy
    maximum = policy.integer("standard_max_instalments")
    arrangements = []
    schedules = []
    for claim in debtor.collectible:
        owed = claim.owed_cents
        monthly = standard_monthly_amount(
            owed,
            policy.integer("standard_min_monthly_cents"),
            maximum,
            policy.integer("standard_rounding_cents"),
        )
        first_due = max(work.case.as_of, claim.require_due_date(rule.id))
        schedule = postponed_schedule(
            monthly_schedule(owed, monthly, first_due, maximum), work.pauses
        )
        schedules.append(schedule)
        arrangements.append(
            Arrangement(
                claim_ref=claim.claim.ref,
                total_cents=owed,
                monthly_cents=monthly,
                instalments=schedule.count,
                first_due_date=schedule.first_due_date,
                schedule=schedule.instalments,
            )
        )
    merged = merged_schedule(schedules)
    if not merged:
        raise PolicyDefect(f"{rule.id}: a plan rule fired for a debtor without collectible claims")
    # The plan's figures are per month, what the debtor pays in it over all arrangements: claims
    # with different due dates pay on different days of the same month.
    by_month: dict[tuple[int, int], int] = {}
    for instalment in merged:
        key = (instalment.due_date.year, instalment.due_date.month)
        by_month[key] = by_month.get(key, 0) + instalment.amount_cents
    months = list(by_month.values())
    work.decide("standard_arrangement", rule.id)
    work.plan = Plan(
        method="transfer",
        kind="per_claim",
        monthly_cents=months[0],
        instalments=len(months),
        last_instalment_cents=months[-1],
        first_due_date=merged[0].due_date,
        schedule=merged,
        claim_refs=tuple(claim.claim.ref for claim in debtor.collectible),
        total_cents=debtor.collectible_total_cents,
        review_date=None,
        remaining_after_plan_cents=0,
        net_allowance_cents=None,
        offset_window_end=None,
        arrangements=tuple(arrangements),
    )
    return {
        "total": Money(debtor.collectible_total_cents),
        "monthly": Money(months[0]),
        "instalments": len(months),
        "last_instalment": Money(months[-1]),
        "first_due_date": merged[0].due_date,
        "claim_count": len(debtor.collectible),
        "arrangement_count": len(arrangements),
    }


# The actions of the strategy's other stages live in their own modules; importing them here
# registers them wherever the actions are loaded.
from service.rules import (  # noqa: E402, F401
    debtor_actions,
    enforcement_actions,
    herstel_actions,
    limitation_actions,
    pause_actions,
    waiver_actions,
)

"""Reminders, forced collection and costs (collection-rules.md §8), and immediate collection
(Awir 31a).

The plan says what the debtor can pay; these actions say what collection does next when an
arrangement is not kept: a free reminder, then withdrawal with the whole balance due, then an
aanmaning and a dwangbevel with their Kostenwet costs. A new arrangement stays possible
(M-ARRANGEMENT-IN-ENFORCEMENT); maatwerk signals send every hard step to a collector.
"""

from __future__ import annotations

from datetime import date

from service.domain.arrangement import Schedule
from service.domain.calendar import add_days
from service.domain.debtor_history import ClaimEnforcement
from service.domain.decision import Instalment, NextStep
from service.policy.model import Rule
from service.rules.actions import NOT_APPLICABLE, plan_of
from service.rules.balance import COST_PARAMETERS, cost_rule
from service.rules.explain import Localized, Money, Variable
from service.rules.registry import Decides, ParameterNeed, action
from service.rules.summary import INSTALMENT_PLAN
from service.rules.work import ClaimWork, DecisionWork, PolicyDefect

STEPS = (
    "send_reminder",
    "withdraw_arrangement",
    "aanmaning",
    "dwangbevel",
    "new_arrangement",
    "collector_decides",
)
# The term each act gives to pay, by parameter.
_TERMS = {
    "send_reminder": "reminder_term_days",
    "aanmaning": "aanmaning_term_days",
    "dwangbevel": "dwangbevel_term_days",
}


@action(
    "propose_next_step",
    stage="debtor_actions",
    summary="Propose a collection act that comes next, for the claims it concerns, with the day "
    "to pay by and what the act costs (aanmaning and dwangbevel per claim, by the Kostenwet "
    "parameters).",
    variables={"pay_by", "costs", "owed", "costs_incurred", "claim_count"},
    parameters=(
        ParameterNeed("reminder_term_days", "days"),
        ParameterNeed("aanmaning_term_days", "days"),
        ParameterNeed("dwangbevel_term_days", "days"),
        *COST_PARAMETERS,
    ),
    args={"step": STEPS},
)
def propose_next_step(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    step = str(rule.args["step"])
    if any(proposed.step == step for proposed in work.next_steps):
        raise PolicyDefect(f"{rule.id} proposes '{step}' a second time: the rules overlap")
    claims = _claims_for(work, step)
    if not claims:
        raise PolicyDefect(f"{rule.id} proposes '{step}' for no claim")
    pay_by: date | None = None
    if step in _TERMS:
        pay_by = add_days(work.case.as_of, work.policy.integer(_TERMS[step]))
    elif step == "withdraw_arrangement":
        pay_by = work.case.as_of  # the whole balance is due at once
    costs = 0
    if step in ("aanmaning", "dwangbevel"):
        # One act per claim: each costs by what is open on that claim (Kostenwet).
        cost_of = cost_rule(work.policy)
        costs = sum(
            cost_of(step, claim.balance.open_cents + claim.balance.interest_cents)
            for claim in claims
            if claim.balance is not None
        )
    work.next_steps.append(
        NextStep(
            step=step,  # type: ignore[arg-type]
            pay_by=pay_by,
            costs_cents=costs,
            claim_refs=tuple(claim.claim.ref for claim in claims),
        )
    )
    return {
        "pay_by": pay_by or NOT_APPLICABLE,
        "costs": Money(costs),
        "owed": Money(sum(claim.owed_cents for claim in claims)),
        "costs_incurred": Money(
            sum(claim.balance.costs_cents for claim in claims if claim.balance is not None)
        ),
        "claim_count": len(claims),
    }


def _claims_for(work: DecisionWork, step: str) -> list[ClaimWork]:
    """The claims an act is for: an aanmaning for those without one since the arrangement was
    withdrawn; a dwangbevel for those whose aanmaning went unpaid past its term; every other
    step for all collectible claims."""
    collectible = work.require_debtor().collectible
    if step == "aanmaning":
        return [c for c in collectible if _enforcement(work, c).aanmaning is None]
    if step == "dwangbevel":
        term = work.policy.integer("aanmaning_term_days")
        overdue = []
        for claim in collectible:
            found = _enforcement(work, claim)
            if (
                found.aanmaning is not None
                and found.dwangbevel is None
                and not found.paid_since_aanmaning
                and (work.case.as_of - found.aanmaning).days > term
            ):
                overdue.append(claim)
        return overdue
    return list(collectible)


def _enforcement(work: DecisionWork, claim: ClaimWork) -> ClaimEnforcement:
    found = work.enforcement.get(claim.claim.ref)
    if found is None:
        raise PolicyDefect("an aanmaning or dwangbevel rule fired outside forced collection")
    return found


GROUND_TEXT = {
    "bankruptcy": Localized("faillissement", "bankruptcy"),
    "wsnp": Localized("schuldsanering (Wsnp)", "debt restructuring (Wsnp)"),
    "leaving_country": Localized("vertrek uit Nederland", "leaving the country"),
    "no_fixed_address": Localized(
        "geen vaste woon- of verblijfplaats", "no fixed address, with a risk of non-payment"
    ),
    "hiding_goods": Localized("vrees voor verduistering van goederen", "fear of hiding goods"),
}


@action(
    "decide_immediate_collection",
    stage="debtor_plan",
    summary="Outcome immediate_collection: the whole amount is due at once (Awir 31a), with the "
    "ground.",
    variables={"ground", "total", "pay_by", "claim_count"},
    decides=(Decides("immediate_collection", INSTALMENT_PLAN),),
)
def decide_immediate_collection(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    ground = work.case.debtor.immediate_collection_ground
    if ground is None:
        raise PolicyDefect(f"{rule.id} needs a ground for immediate collection")
    debtor = work.require_debtor()
    total = debtor.collectible_total_cents
    due = work.case.as_of
    work.decide("immediate_collection", rule.id)
    work.plan = plan_of(
        work, Schedule(total, (Instalment(due, total),), 0), "transfer", "immediate"
    )
    return {
        "ground": GROUND_TEXT[ground],
        "total": Money(total),
        "pay_by": due,
        "claim_count": len(debtor.collectible),
    }

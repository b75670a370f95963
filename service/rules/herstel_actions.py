"""Recognised victims of the allowance affair (hersteloperatie, collection-rules.md §11).

Claims that arose before 2021 are remitted; other claims that arose before the first
compensation payment are paused for the moratorium (pauzeknop) and never carry late-payment
interest, not during the pause and not after collection restarts.
"""

from __future__ import annotations

from datetime import timedelta

from service.domain.calendar import add_months
from service.domain.case import LATEST_DATE
from service.domain.interest import Exemption
from service.policy.model import Rule
from service.rules.explain import Money, Variable
from service.rules.registry import ParameterNeed, action
from service.rules.waiver_actions import WAIVER_VARIABLES, waive
from service.rules.work import ClaimWork, DecisionWork, PolicyDefect, claim_subject


@action(
    "waive_interest_herstel",
    stage="claim_terms",
    summary="No late-payment interest at all on a recognised victim's paused claim, also after "
    "collection restarts.",
    variables=WAIVER_VARIABLES,
)
def waive_interest_herstel(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    claim = claim_subject(subject, rule.id)
    start = claim.require_due_date(rule.id) + timedelta(days=1)
    return waive(work, claim, rule, "herstel", [Exemption(start, LATEST_DATE)])


@action(
    "mark_remitted_herstel",
    stage="claim_status",
    summary="A recognised victim's claim that arose before the cut-off is remitted: nothing of "
    "it is collected.",
    variables={"amount", "open", "interest", "decision_date"},
)
def mark_remitted_herstel(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    claim = claim_subject(subject, rule.id)
    claim.remitted = True
    balance = claim.require_balance(rule.id)
    return {
        "amount": Money(claim.claim.amount_cents),
        "open": Money(balance.open_cents),
        "interest": Money(balance.interest_cents),
        "decision_date": claim.claim.decision_date,
    }


@action(
    "pause_for_herstel",
    stage="claim_status",
    summary="A recognised victim's claim that arose before the first compensation payment is "
    "paused for the moratorium, counted from that payment; it is not collected before the "
    "restart date.",
    variables={"first_compensation", "restart_date", "months", "open"},
    parameters=(ParameterNeed("herstel_moratorium_months", "months"),),
)
def pause_for_herstel(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    claim = claim_subject(subject, rule.id)
    herstel = work.case.debtor.herstel
    if herstel is None or herstel.first_compensation_date is None:
        raise PolicyDefect(f"{rule.id} needs the date of the first compensation payment")
    months = work.policy.integer("herstel_moratorium_months")
    claim.restart_date = add_months(herstel.first_compensation_date, months)
    claim.paused = work.case.as_of < claim.restart_date
    return {
        "first_compensation": herstel.first_compensation_date,
        "restart_date": claim.restart_date,
        "months": months,
        "open": Money(claim.require_balance(rule.id).open_cents),
    }

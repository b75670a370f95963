"""The debtor-facing summary of a decision: which placeholders a summary template may use, and
their values for a decision.

The texts themselves are policy data (`[summaries.<outcome>]` in each policy version). The
placeholders are a fixed set built from the decision alone — never from a rule's action
variables — so one summary reads the same whichever rule decided the outcome, and a letter system
can rely on what each name means.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from service.domain.decision import ClaimResult, Plan
from service.rules.explain import Localized, Money, Variable

# Every placeholder a summary template may use, with what it means (README lists the same).
SUMMARY_PLACEHOLDERS: dict[str, str] = {
    "as_of": "the date the decision is made on",
    "claim_count": "the number of claims the decision is about",
    "plan_claim_count": "the number of claims in the plan",
    "total": "what the plan covers: open principal plus interest of its claims",
    "method": "how the plan is collected: 'door verrekening' / 'by offsetting' or "
    "'per overschrijving' / 'by bank transfer'",
    "remaining": "what the plan leaves unpaid",
    "monthly": "what is paid a month (with one instalment: that instalment)",
    "instalments": "the number of instalments",
    "months": "the number of instalments as a duration: '24 maanden' / '24 months', "
    "'1 maand' / '1 month'",
    "last_instalment": "the last instalment",
    "first_due_date": "the due date of the first instalment",
    "last_due_date": "the due date of the last instalment",
    "net_allowance": "the allowance still paid out a month while the plan is offset",
    "review_date": "when the arrangement is reviewed",
    "offset_window_end": "until when one-off back-payments and tax refunds are still offset",
    "restart_date": "when collection of claims paused for a recognised victim restarts (the "
    "earliest restart date among them)",
}

# Which placeholders a decision has depends on its shape; actions declare the shape of each
# outcome they decide from these groups, so the loader can refuse a summary that names a value
# its outcome never has (it would otherwise fail only when such a decision is made).
NO_PLAN = frozenset({"as_of", "claim_count"})
PLAN = NO_PLAN | {"plan_claim_count", "total", "method", "remaining"}
INSTALMENT_PLAN = PLAN | {
    "monthly",
    "instalments",
    "months",
    "last_instalment",
    "first_due_date",
    "last_due_date",
}

# Collection paused for a recognised victim (§11): no plan, a restart date.
HERSTEL_PAUSE = NO_PLAN | {"restart_date"}

METHOD_TEXT = {
    "offset": Localized("door verrekening", "by offsetting"),
    "transfer": Localized("per overschrijving", "by bank transfer"),
}


def _months(count: int) -> Localized:
    # Summaries go into letters as they are, so "1 maanden" would be a visible error.
    if count == 1:
        return Localized("1 maand", "1 month")
    return Localized(f"{count} maanden", f"{count} months")


def summary_variables(
    as_of: date, claims: Sequence[ClaimResult], plan: Plan | None
) -> dict[str, Variable]:
    """The placeholder values of a decision; a name without a value for it is left out."""
    variables: dict[str, Variable] = {"as_of": as_of, "claim_count": len(claims)}
    restarts = [claim.restart_date for claim in claims if claim.restart_date is not None]
    if restarts:
        variables["restart_date"] = min(restarts)
    if plan is None:
        return variables
    variables.update(
        plan_claim_count=len(plan.claim_refs),
        total=Money(plan.total_cents),
        method=METHOD_TEXT[plan.method],
        remaining=Money(plan.remaining_after_plan_cents),
    )
    if plan.schedule:
        first, last = plan.schedule[0], plan.schedule[-1]
        # Per claim, several payments can fall in one month: the plan's figures are per month.
        per_month = plan.kind == "per_claim"
        variables.update(
            # Not plan.monthly_cents otherwise: a plan of one instalment below the standard
            # amount would tell the debtor "€ 20,00 a month" for a single payment of € 0,50.
            monthly=Money(plan.monthly_cents if per_month else first.amount_cents),
            instalments=plan.instalments,
            months=_months(plan.instalments),
            last_instalment=Money(plan.last_instalment_cents if per_month else last.amount_cents),
            first_due_date=first.due_date,
            last_due_date=last.due_date,
        )
    if plan.net_allowance_cents is not None:
        variables["net_allowance"] = Money(plan.net_allowance_cents)
    if plan.review_date is not None:
        variables["review_date"] = plan.review_date
    if plan.offset_window_end is not None:
        variables["offset_window_end"] = plan.offset_window_end
    return variables

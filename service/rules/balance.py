"""A claim's balance under the policy: shared by the balance rule and the interest waivers."""

from __future__ import annotations

from service.domain.case import PAYING_EVENTS
from service.domain.interest import ClaimBalance, claim_balance
from service.rules.work import ClaimWork, DecisionWork


def balance_of(work: DecisionWork, claim: ClaimWork, rule_id: str) -> ClaimBalance:
    """Open principal and interest as of the evaluation date, leaving out exempted days."""
    payments = [
        (event.date, event.amount_cents or 0)
        for event in claim.claim.events
        if event.type in PAYING_EVENTS
    ]
    return claim_balance(
        claim.claim.amount_cents,
        claim.require_due_date(rule_id),
        payments,
        work.case.as_of,
        work.policy.series("interest_rate_basis_points"),
        work.policy.integer("interest_day_count"),
        [exemption for _, exemption in claim.exemptions],
    )

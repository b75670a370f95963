"""What to do about a claim nearing its limitation date (M-NO-AUTO-INTERRUPT, §7): claim_actions.

Before the strategy every expiring claim was interrupted automatically by a written claim. From
the 2024 versions the policy proposes an interruption only where collection is realistic, for a
collector to confirm, and otherwise lets the claim expire; the decision says which.
"""

from __future__ import annotations

from service.policy.model import Rule
from service.rules.explain import Money, Variable
from service.rules.registry import action
from service.rules.work import ClaimWork, DecisionWork, PolicyDefect, claim_subject

PROPOSALS = ("let_expire", "interrupt", "collector_decides", "interrupt_automatically")


@action(
    "propose_limitation_action",
    stage="claim_actions",
    summary="Propose what to do about a claim whose limitation date falls within the "
    "look-ahead window: let it expire, interrupt it (a collector confirms), leave it to a "
    "collector, or (before the strategy) interrupt it automatically.",
    variables={"limitation_date", "days_left", "owed"},
    args={"proposal": PROPOSALS},
)
def propose_limitation_action(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    claim = claim_subject(subject, rule.id)
    if claim.limitation_proposal != "none":
        raise PolicyDefect(
            f"{rule.id} proposes '{rule.args['proposal']}' for claim {claim.claim.ref}, an "
            f"earlier rule proposed '{claim.limitation_proposal}': the conditions overlap"
        )
    claim.limitation_proposal = str(rule.args["proposal"])
    limitation = claim.require_limitation(rule.id)
    return {
        "limitation_date": limitation.limitation_date,
        "days_left": (limitation.limitation_date - work.case.as_of).days,
        "owed": Money(claim.owed_cents),
    }

"""The stages of a decision, in the order they run.

Each stage sees facts built from the case and from what earlier stages decided, so a rule can
depend on an earlier rule's result (the plan needs to know which claims are recoverable) while
every stage is still one engine call over all of its facts.
"""

from __future__ import annotations

from typing import Literal

Stage = Literal[
    "debtor_terms", "claim_terms", "claim_status", "claim_actions", "debtor_plan", "debtor_actions"
]
# debtor_terms:  what holds for the debtor before any claim is looked at (a payment pause).
# claim_terms:   per claim, the terms of law: due date, limitation, balance, interest waivers.
# claim_status:  per claim, recovered or not, expired or not, settled or not.
# claim_actions: per claim, the act proposed next (interrupt limitation or let it expire).
# debtor_plan:   one outcome and plan for the debtor.
# debtor_actions: the collection act proposed next (reminder, withdrawal, aanmaning, dwangbevel).
STAGES: tuple[Stage, ...] = (
    "debtor_terms",
    "claim_terms",
    "claim_status",
    "claim_actions",
    "debtor_plan",
    "debtor_actions",
)
STAGE_SUBJECT: dict[str, str] = {
    "debtor_terms": "debtor",
    "claim_terms": "claim",
    "claim_status": "claim",
    "claim_actions": "claim",
    "debtor_plan": "debtor",
    "debtor_actions": "debtor",
}

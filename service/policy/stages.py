"""The stages of a decision, in the order they run.

Each stage sees facts built from the case and from what earlier stages decided, so a rule can
depend on an earlier rule's result (the plan needs to know which claims are recoverable) while
every stage is still one engine call over all of its facts.
"""

from __future__ import annotations

from typing import Literal

Stage = Literal["claim_terms", "claim_status", "debtor_plan"]
STAGES: tuple[Stage, ...] = ("claim_terms", "claim_status", "debtor_plan")
STAGE_SUBJECT: dict[str, str] = {
    "claim_terms": "claim",
    "claim_status": "claim",
    "debtor_plan": "debtor",
}

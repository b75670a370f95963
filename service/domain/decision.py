"""The decision: per-claim status, the repayment plan, and the trace of fired rules."""

from __future__ import annotations

from datetime import date
from typing import Literal

import msgspec

# An open enumeration: later policy versions may add outcomes; clients must accept unknown ones.
# Today: offset, standard_arrangement, personal_arrangement, no_further_measures, not_recovered,
# nothing_due.
Outcome = str


class Explanation(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    nl: str
    en: str


class TraceEntry(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One fired rule: which, why (legal basis), for what (claim or the debtor), in words."""

    rule: str
    stage: str
    measures: tuple[str, ...]
    legal_basis: str
    claim_ref: str | None
    explanation: Explanation


class ClaimResult(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    ref: str
    recoverable: bool
    due_date: date
    limitation_date: date
    expired: bool
    open_cents: int
    interest_cents: int


class Instalment(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One instalment of a plan: when it is due and how much."""

    due_date: date
    amount_cents: int


class Plan(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    method: Literal["offset", "transfer"]
    kind: Literal["standard", "personal"]
    monthly_cents: int
    instalments: int
    last_instalment_cents: int
    first_due_date: date | None
    schedule: tuple[Instalment, ...]
    claim_refs: tuple[str, ...]
    total_cents: int
    review_date: date | None
    remaining_after_plan_cents: int
    net_allowance_cents: int | None
    offset_window_end: date | None


class Decision(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    policy_version: str
    policy_hash: str
    as_of: date
    outcome: Outcome
    # A short text to the debtor about what the decision means for them, from the policy's
    # summary of the outcome; a letter system can use it as it is.
    summary: Explanation
    claims: tuple[ClaimResult, ...]
    plan: Plan | None
    requires_review: bool
    review_reasons: tuple[str, ...]
    trace: tuple[TraceEntry, ...]

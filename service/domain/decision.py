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


# What to do about a claim's limitation (M-NO-AUTO-INTERRUPT, collection-rules.md §7): nothing
# yet (outside the window), let it expire, interrupt it (a collector confirms), leave it to a
# collector, or - the practice before the strategy - interrupt automatically.
LimitationProposal = Literal[
    "none", "let_expire", "interrupt", "collector_decides", "interrupt_automatically"
]


# Where the claim stands, in one word: collectible (in the plan), not_recovered (small claim),
# remitted_herstel / paused_herstel (recognised victim, §11), expired, or settled.
ClaimStatus = Literal[
    "collectible", "not_recovered", "remitted_herstel", "paused_herstel", "expired", "settled"
]


class ClaimResult(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    ref: str
    status: ClaimStatus
    recoverable: bool
    due_date: date
    limitation_date: date
    within_limitation_window: bool
    limitation_proposal: LimitationProposal
    expired: bool
    open_cents: int
    interest_cents: int
    interest_waived_cents: int
    costs_cents: int  # collection costs still owed (aanmaning, dwangbevel)
    # For a claim paused by the herstel moratorium: the day collection restarts.
    restart_date: date | None = None


class PauseVerdict(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """What became of a requested payment pause (M-PAUSE): granted, sent to a collector with
    the grounds, or refused with the grounds."""

    status: Literal["granted", "referred", "refused"]
    start: date
    months: int
    end: date  # the last day of the pause
    reason: str
    grounds: tuple[str, ...]


class Instalment(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One instalment of a plan: when it is due and how much."""

    due_date: date
    amount_cents: int


class Arrangement(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One claim's own arrangement, in a plan of kind per_claim."""

    claim_ref: str
    total_cents: int
    monthly_cents: int
    instalments: int
    first_due_date: date | None
    schedule: tuple[Instalment, ...]


class Plan(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    method: Literal["offset", "transfer"]
    # per_claim: the practice before the strategy, one standard arrangement per claim; the
    # schedule is what the debtor pays each month over all of them (see `arrangements`).
    kind: Literal["standard", "personal", "per_claim", "immediate"]
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
    arrangements: tuple[Arrangement, ...] = ()


class NextStep(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """The collection act proposed next (§8): a free reminder, withdrawal of the arrangement,
    an aanmaning, a dwangbevel, a new arrangement in enforcement, or a collector's decision."""

    step: Literal[
        "send_reminder",
        "withdraw_arrangement",
        "aanmaning",
        "dwangbevel",
        "new_arrangement",
        "collector_decides",
    ]
    pay_by: date | None  # what the act demands: pay by this day
    costs_cents: int  # what the act costs (Kostenwet); costs already incurred are in the claims
    claim_refs: tuple[str, ...]  # the claims the act is for


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
    pause: PauseVerdict | None
    next_steps: tuple[NextStep, ...]
    requires_review: bool
    review_reasons: tuple[str, ...]
    trace: tuple[TraceEntry, ...]

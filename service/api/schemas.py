"""Request and response bodies of the API that are not domain values themselves.

Requests are closed (`forbid_unknown_fields`): a field the API does not know is an error, never
silently dropped.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

import msgspec

from service.domain.case import (
    Allowance,
    ArrangementRequest,
    Case,
    Cents,
    Day,
    DebtorEventType,
    EventType,
    Herstel,
    ImmediateCollectionGround,
    Income,
    MaatwerkSignal,
    Months,
    Note,
    OngoingAllowance,
    Origin,
    PauseReason,
    PositiveCents,
    Ref,
    Year,
)
from service.domain.decision import Decision
from service.policy.document import Evidence, ParameterDocument
from service.policy.measures import Measure, MeasureOrigin


class _Closed(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


# --- debtors, claims, events -----------------------------------------------------------------


class DebtorBody(_Closed, frozen=True):
    arrangement_request: ArrangementRequest = "none"
    monthly_payment_capacity_cents: Cents | None = None
    assets_cents: Cents | None = None
    ongoing_allowances: Annotated[tuple[OngoingAllowance, ...], msgspec.Meta(max_length=4)] = ()
    income: Income | None = None
    herstel: Herstel | None = None
    signals: Annotated[tuple[MaatwerkSignal, ...], msgspec.Meta(max_length=5)] = ()
    immediate_collection_ground: ImmediateCollectionGround | None = None


class DebtorView(_Closed, frozen=True):
    ref: str
    arrangement_request: str
    monthly_payment_capacity_cents: int | None
    assets_cents: int | None
    ongoing_allowances: tuple[OngoingAllowance, ...]
    income: Income | None
    herstel: Herstel | None
    signals: tuple[str, ...]
    immediate_collection_ground: str | None


class ClaimBody(_Closed, frozen=True):
    allowance: Allowance
    benefit_year: Year
    origin: Origin
    decision_date: date
    amount_cents: PositiveCents


class EventBody(_Closed, frozen=True):
    id: Ref
    type: EventType
    date: date
    amount_cents: PositiveCents | None = None
    by: Annotated[
        Ref | None, msgspec.Meta(description="Who decided (required for interruption)")
    ] = None
    reason: Annotated[Note | None, msgspec.Meta(description="Why (required for interruption)")] = (
        None
    )


class EventView(_Closed, frozen=True):
    id: str
    type: str
    date: date
    amount_cents: int | None
    by: str | None
    reason: str | None
    recorded_at: datetime


class DebtorEventBody(_Closed, frozen=True):
    id: Ref
    type: DebtorEventType
    date: date
    months: Annotated[Months | None, msgspec.Meta(description="Only for a pause")] = None
    amount_cents: Annotated[
        PositiveCents | None, msgspec.Meta(description="Only for a payment")
    ] = None
    granted_on: Annotated[
        Day | None, msgspec.Meta(description="Only for a pause: the day it was granted")
    ] = None
    by: Ref | None = None
    reason: Note | None = None


class DebtorEventView(_Closed, frozen=True):
    id: str
    type: str
    date: date
    months: int | None
    amount_cents: int | None
    granted_on: Day | None
    by: str | None
    reason: str | None
    recorded_at: datetime


class DebtorEventList(_Closed, frozen=True):
    items: tuple[DebtorEventView, ...]


class PauseRequestBody(_Closed, frozen=True):
    as_of: Annotated[date, msgspec.Meta(description="The day the request is decided")]
    start: date
    months: Months
    reason: PauseReason
    policy_version: str | None = None


class ClaimView(_Closed, frozen=True):
    debtor_ref: str
    ref: str
    allowance: str
    benefit_year: int
    origin: str
    decision_date: date
    amount_cents: int
    events: tuple[EventView, ...] = ()


# --- decisions ---------------------------------------------------------------------------------


class DecisionRequest(_Closed, frozen=True):
    as_of: date
    policy_version: str | None = None


class DecisionRecord(Decision, frozen=True, kw_only=True):
    """A stored decision: the decision itself, what it was made on, and when."""

    id: uuid.UUID
    debtor_ref: str
    decided_at: datetime
    input: Case


class PauseDecision(_Closed, frozen=True):
    """The decision on a pause request, and the pause event recorded when it was granted."""

    decision: DecisionRecord
    pause_event: DebtorEventView | None


class ExpiringClaimView(_Closed, frozen=True):
    debtor_ref: str
    claim_ref: str
    limitation_date: date
    days_left: int
    owed_cents: int
    within_limitation_window: bool
    proposal: str
    policy_version: str
    debtor_href: str


class ExpiringClaimPage(_Closed, frozen=True):
    as_of: date
    within_days: int
    items: tuple[ExpiringClaimView, ...]
    next_cursor: str | None


class DecisionSummary(_Closed, frozen=True):
    id: uuid.UUID
    href: str
    decided_at: datetime
    as_of: date
    policy_version: str
    outcome: str
    requires_review: bool


class DecisionPage(_Closed, frozen=True):
    items: tuple[DecisionSummary, ...]
    next_cursor: str | None


class DifferenceView(_Closed, frozen=True):
    path: str
    recorded: Any
    replayed: Any


class ReplayView(_Closed, frozen=True):
    decision_id: uuid.UUID
    policy_version: str
    policy_hash: str
    identical: bool
    differences: tuple[DifferenceView, ...]
    replayed: Decision


# --- policies and measures ---------------------------------------------------------------------


class PolicySummary(_Closed, frozen=True):
    version: str
    title: str
    effective_from: date
    supersedes: str | None
    content_hash: str
    rule_count: int
    href: str


class PolicyList(_Closed, frozen=True):
    in_force_today: str | None
    items: tuple[PolicySummary, ...]


class ExplanationTemplates(_Closed, frozen=True):
    nl: str
    en: str


class SummaryTemplates(_Closed, frozen=True):
    """The summary templates of one outcome; `partial` for a plan that leaves part unpaid."""

    nl: str
    en: str
    partial: ExplanationTemplates | None


class RuleView(_Closed, frozen=True):
    id: str
    title: str
    stage: str
    measures: tuple[str, ...]
    legal_basis: str
    evidence: Evidence
    priority: int
    condition: str
    when: dict[str, Any] | None
    action: str
    args: dict[str, Any]
    review: str | None
    explanation: ExplanationTemplates


class PolicyDetail(_Closed, frozen=True):
    version: str
    title: str
    effective_from: date
    supersedes: str | None
    description: str | None
    content_hash: str
    ruleset: str
    parameters: dict[str, ParameterDocument]
    summaries: dict[str, SummaryTemplates]
    rules: tuple[RuleView, ...]


class MeasureNameView(_Closed, frozen=True):
    nl: str
    en: str


class MeasureBody(Measure, frozen=True):
    """A catalogue entry to add: the catalogue file's own type, so both validate alike."""


class MeasureView(_Closed, frozen=True):
    id: str
    name: MeasureNameView
    status: str
    source: str
    rules_section: str | None
    origin: MeasureOrigin
    recorded_at: datetime | None
    encoded_by: tuple[str, ...]
    rules_by_version: dict[str, tuple[str, ...]]


class MeasureReport(_Closed, frozen=True):
    total_in_strategy: int
    catalogued: int
    version: str
    encoded_in_version: int
    summary: str
    measures: tuple[MeasureView, ...]


# --- health ------------------------------------------------------------------------------------


class Health(_Closed, frozen=True):
    status: str


class Readiness(_Closed, frozen=True):
    status: str
    database: str
    database_origin: str
    policy_versions: tuple[str, ...]

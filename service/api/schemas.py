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
    EventType,
    OngoingAllowance,
    Origin,
    PositiveCents,
    Ref,
    Year,
)
from service.domain.decision import Decision
from service.policy.document import Evidence, ParameterDocument


class _Closed(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


# --- debtors, claims, events -----------------------------------------------------------------


class DebtorBody(_Closed, frozen=True):
    arrangement_request: ArrangementRequest = "none"
    monthly_payment_capacity_cents: Cents | None = None
    assets_cents: Cents | None = None
    ongoing_allowances: Annotated[tuple[OngoingAllowance, ...], msgspec.Meta(max_length=4)] = ()


class DebtorView(_Closed, frozen=True):
    ref: str
    arrangement_request: str
    monthly_payment_capacity_cents: int | None
    assets_cents: int | None
    ongoing_allowances: tuple[OngoingAllowance, ...]


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


class EventView(_Closed, frozen=True):
    id: str
    type: str
    date: date
    amount_cents: int | None
    recorded_at: datetime


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


class MeasureView(_Closed, frozen=True):
    id: str
    name: MeasureNameView
    status: str
    source: str
    rules_section: str | None
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

"""The schema of a policy document (TOML), as msgspec structs.

msgspec checks types, required keys and unknown keys, and reports the path of the first problem;
`service.policy.loader` adds the checks that need more than one key at a time.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import msgspec

from service.policy.stages import Stage

Evidence = Literal["H", "M", "L"]
Unit = Literal["cents", "days", "months", "years", "count", "basis_points", "flag", "event_types"]
Identifier = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
RuleId = Annotated[str, msgspec.Meta(pattern=r"^R-[A-Z0-9]+(-[A-Z0-9]+)*$", max_length=64)]
MEASURE_ID_PATTERN = r"^M-[A-Z0-9]+(-[A-Z0-9]+)*$"
MeasureId = Annotated[str, msgspec.Meta(pattern=MEASURE_ID_PATTERN, max_length=64)]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
ParameterValue = int | bool | list[str]


class SeriesPointDocument(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    from_: date = msgspec.field(name="from")
    value: int
    evidence: Evidence
    source: str | None = None
    note: str | None = None


class ParameterDocument(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    unit: Unit
    description: Text
    source: Text
    evidence: Evidence | None = None
    note: str | None = None
    value: ParameterValue | None = None
    series: list[SeriesPointDocument] | None = None
    # A value per key, e.g. a living-cost norm per household type.
    table: dict[Identifier, int] | None = None


class ExplanationDocument(msgspec.Struct, forbid_unknown_fields=True):
    nl: Text
    en: Text


class SummaryDocument(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """The summary of one outcome; `partial` is the text for a plan that leaves part unpaid."""

    nl: Text
    en: Text
    partial: ExplanationDocument | None = None


class RuleDocument(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    id: RuleId
    title: Text
    stage: Stage
    measures: list[MeasureId]
    legal_basis: Text
    evidence: Evidence
    priority: Annotated[int, msgspec.Meta(ge=0, le=1000)]
    action: Identifier
    explanation: ExplanationDocument
    when: dict[str, Any] | None = None
    args: dict[str, str | int | bool] = {}
    review: Identifier | None = None


class PolicyDocument(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    version: date
    title: Text
    supersedes: date | None = None
    description: str | None = None
    # Keyed by outcome. Optional in the schema so that a missing one is reported by the
    # coverage check, which names the outcome and the rules that decide it.
    summaries: dict[Identifier, SummaryDocument] = {}
    parameters: dict[Identifier, ParameterDocument]
    rules: list[RuleDocument]

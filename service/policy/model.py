"""A loaded, validated policy version: parameters, rules and the content hash."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from service.domain.series import DatedSeries
from service.policy.conditions import Condition


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    unit: str
    value: int | bool | tuple[str, ...] | None
    series: DatedSeries[int] | None
    table: dict[str, int] | None = None

    @property
    def dated(self) -> bool:
        return self.series is not None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    stage: str
    measures: tuple[str, ...]
    legal_basis: str
    evidence: str
    priority: int
    order: int  # position in the document: breaks priority ties, so the order is stable
    when: Condition | None
    action: str
    args: dict[str, str | int | bool]
    explanation_nl: str
    explanation_en: str
    review: str | None


@dataclass(frozen=True, slots=True)
class SummaryText:
    nl: str
    en: str


@dataclass(frozen=True, slots=True)
class Summary:
    """The debtor-facing summary of one outcome: the text, and the text for a plan that leaves
    part of the debt unpaid (only for outcomes that come both ways)."""

    text: SummaryText
    partial: SummaryText | None


@dataclass(frozen=True, slots=True)
class Policy:
    version: str
    effective_from: date
    title: str
    supersedes: str | None
    content_hash: str
    parameters: dict[str, Parameter]
    rules: tuple[Rule, ...]
    summaries: dict[str, Summary]
    document: dict[str, Any] = field(repr=False)
    source: str = ""
    source_text: str = field(default="", repr=False)

    @property
    def ruleset_name(self) -> str:
        return f"toeslagen@{self.version}#{self.content_hash[:8]}"

    def integer(self, name: str) -> int:
        value = self.parameters[name].value
        assert isinstance(value, int), name
        assert not isinstance(value, bool), name
        return value

    def flag(self, name: str) -> bool:
        value = self.parameters[name].value
        assert isinstance(value, bool), name
        return value

    def names(self, name: str) -> tuple[str, ...]:
        value = self.parameters[name].value
        assert isinstance(value, tuple), name
        return value

    def table(self, name: str) -> dict[str, int]:
        table = self.parameters[name].table
        assert table is not None, name
        return table

    def series(self, name: str) -> DatedSeries[int]:
        series = self.parameters[name].series
        assert series is not None, name
        return series

    def rules_of(self, stage: str) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.stage == stage)

    def measures_encoded(self) -> dict[str, list[str]]:
        encoded: dict[str, list[str]] = {}
        for rule in self.rules:
            for measure in rule.measures:
                encoded.setdefault(measure, []).append(rule.id)
        return encoded

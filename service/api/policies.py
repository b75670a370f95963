"""Policy versions and the measure catalogue, read-only."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import msgspec
from litestar import Controller, get
from litestar.params import PathParameter, QueryParameter

from service.api.common import INVALID, NOT_FOUND, Service
from service.api.schemas import (
    ExplanationTemplates,
    MeasureNameView,
    MeasureReport,
    MeasureView,
    PolicyDetail,
    PolicyList,
    PolicySummary,
    RuleView,
    SummaryTemplates,
)
from service.decisions import DecisionService, NotFound
from service.domain.validation import FieldProblem, InvalidCase
from service.policy.conditions import describe
from service.policy.document import ParameterDocument
from service.policy.model import Policy
from service.policy.registry import PolicyNotFound


def _in_force(service: DecisionService, day: date) -> Policy | None:
    try:
        return service.registry.in_force(day)
    except PolicyNotFound:
        return None


class PolicyController(Controller):
    path = "/v1/policies"
    tags = ["policies"]

    @get("/", summary="The policy versions")
    async def list_policies(self, service: Service) -> PolicyList:
        current = _in_force(service, date.today())
        return PolicyList(
            in_force_today=current.version if current else None,
            items=tuple(
                PolicySummary(
                    version=policy.version,
                    title=policy.title,
                    effective_from=policy.effective_from,
                    supersedes=policy.supersedes,
                    content_hash=policy.content_hash,
                    rule_count=len(policy.rules),
                    href=f"/v1/policies/{policy.version}",
                )
                for policy in service.registry.policies
            ),
        )

    @get(
        "/{version:str}",
        summary="One policy version: parameters, summaries and rules",
        responses=NOT_FOUND,
    )
    async def get_policy(
        self,
        version: Annotated[str, PathParameter(description="e.g. 2025-01-01")],
        service: Service,
    ) -> PolicyDetail:
        policy = service.registry.get(version)
        if policy is None:
            raise NotFound(f"policy version '{version}' does not exist")
        document = policy.document
        raw_rules: list[dict[str, Any]] = document["rules"]
        return PolicyDetail(
            version=policy.version,
            title=policy.title,
            effective_from=policy.effective_from,
            supersedes=policy.supersedes,
            description=document.get("description"),
            content_hash=policy.content_hash,
            ruleset=policy.ruleset_name,
            parameters=msgspec.convert(document["parameters"], dict[str, ParameterDocument]),
            summaries={
                outcome: SummaryTemplates(
                    nl=summary.text.nl,
                    en=summary.text.en,
                    partial=ExplanationTemplates(nl=summary.partial.nl, en=summary.partial.en)
                    if summary.partial is not None
                    else None,
                )
                for outcome, summary in policy.summaries.items()
            },
            rules=tuple(
                RuleView(
                    id=rule.id,
                    title=rule.title,
                    stage=rule.stage,
                    measures=rule.measures,
                    legal_basis=rule.legal_basis,
                    evidence=rule.evidence,  # type: ignore[arg-type]
                    priority=rule.priority,
                    condition=describe(rule.when),
                    when=raw.get("when"),
                    action=rule.action,
                    args=rule.args,
                    review=rule.review,
                    explanation=ExplanationTemplates(
                        nl=rule.explanation_nl, en=rule.explanation_en
                    ),
                )
                for rule, raw in zip(policy.rules, raw_rules, strict=True)
            ),
        )


class MeasureController(Controller):
    path = "/v1/measures"
    tags = ["policies"]

    @get(
        "/",
        summary="The measure catalogue and which rules encode each measure",
        description=(
            "Reports how many of the strategy's measures are catalogued and how many the chosen "
            "version (default: the one in force today) encodes, with the encoding rules per "
            "version."
        ),
        responses=INVALID,
    )
    async def measures(
        self,
        service: Service,
        version: Annotated[str | None, QueryParameter(description="A policy version")] = None,
    ) -> MeasureReport:
        registry = service.registry
        if version is None:
            chosen = _in_force(service, date.today()) or registry.policies[-1]
        else:
            found = registry.get(version)
            if found is None:
                raise InvalidCase(
                    [FieldProblem("version", f"unknown policy version '{version}'", "query")]
                )
            chosen = found
        by_version = {policy.version: policy.measures_encoded() for policy in registry.policies}
        catalogue = registry.catalogue
        encoded = by_version[chosen.version]
        views = tuple(
            MeasureView(
                id=measure.id,
                name=MeasureNameView(nl=measure.name.nl, en=measure.name.en),
                status=measure.status,
                source=measure.source,
                rules_section=measure.rules_section,
                encoded_by=tuple(encoded.get(measure.id, ())),
                rules_by_version={
                    name: tuple(rules.get(measure.id, ())) for name, rules in by_version.items()
                },
            )
            for measure in catalogue.measures
        )
        count = sum(1 for view in views if view.encoded_by)
        return MeasureReport(
            total_in_strategy=catalogue.total_in_strategy,
            catalogued=len(catalogue.measures),
            version=chosen.version,
            encoded_in_version=count,
            summary=(
                f"{len(catalogue.measures)} of {catalogue.total_in_strategy} catalogued, "
                f"{count} encoded in {chosen.version}"
            ),
            measures=views,
        )

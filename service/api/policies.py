"""Policy versions (read-only) and the measure catalogue (read, and add entries)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.params import JSONBody, PathParameter, QueryParameter

from service.api.common import (
    CONFLICT,
    INVALID,
    MALFORMED,
    NOT_FOUND,
    Connection,
    Measures,
    Service,
    strict_body,
)
from service.api.schemas import (
    ExplanationTemplates,
    MeasureBody,
    MeasureNameView,
    MeasureReport,
    MeasureView,
    PolicyDetail,
    PolicyList,
    PolicySummary,
    RuleView,
    SummaryTemplates,
)
from service.decisions import NotFound
from service.domain.validation import FieldProblem, InvalidCase
from service.policy.conditions import describe
from service.policy.document import ParameterDocument
from service.policy.measures import CatalogueEntry, Measure
from service.policy.model import Policy
from service.policy.registry import PolicyNotFound, PolicyRegistry


def _in_force(registry: PolicyRegistry, day: date) -> Policy | None:
    try:
        return registry.in_force(day)
    except PolicyNotFound:
        return None


class PolicyController(Controller):
    path = "/v1/policies"
    tags = ["policies"]

    @get("/", summary="The policy versions")
    async def list_policies(self, service: Service) -> PolicyList:
        current = _in_force(service.registry, date.today())
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
            "version. Each entry says whether it comes from the catalogue file or was added "
            "through the API."
        ),
        responses=INVALID,
    )
    async def measures(
        self,
        measures: Measures,
        connection: Connection,
        version: Annotated[str | None, QueryParameter(description="A policy version")] = None,
    ) -> MeasureReport:
        await measures.refresh(connection)
        registry = measures.registry
        chosen = _chosen_version(registry, version)
        by_version = _rules_by_version(registry)
        catalogue = registry.catalogue
        views = tuple(
            _measure_view(entry, chosen.version, by_version) for entry in catalogue.entries
        )
        count = sum(1 for view in views if view.encoded_by)
        return MeasureReport(
            total_in_strategy=catalogue.total_in_strategy,
            catalogued=len(views),
            version=chosen.version,
            encoded_in_version=count,
            summary=(
                f"{len(views)} of {catalogue.total_in_strategy} catalogued, "
                f"{count} encoded in {chosen.version}"
            ),
            measures=views,
        )

    @get(
        "/{measure_id:str}",
        summary="One catalogued measure and the rules that encode it",
        description="`encoded_by` is for the chosen version (default: the one in force today).",
        responses={**NOT_FOUND, **INVALID},
    )
    async def measure(
        self,
        measure_id: Annotated[str, PathParameter(description="e.g. M-SMALL-CLAIMS")],
        measures: Measures,
        connection: Connection,
        version: Annotated[str | None, QueryParameter(description="A policy version")] = None,
    ) -> MeasureView:
        await measures.refresh(connection)
        registry = measures.registry
        chosen = _chosen_version(registry, version)
        entry = registry.catalogue.get(measure_id)
        if entry is None:
            raise NotFound(f"measure '{measure_id}' is not catalogued")
        return _measure_view(entry, chosen.version, _rules_by_version(registry))

    @post(
        "/",
        summary="Add a measure to the catalogue",
        description=(
            "Policy staff add a measure of the strategy as it is published, without a code "
            "change. The entry is validated like the catalogue file's, stored, and listed after "
            "the file's entries. 201 with `Location`; 409 when the id is already catalogued; "
            "422 for a bad field or when the catalogue already holds every measure of the "
            "strategy. Policy rules can only name measures of the catalogue file, so an added "
            "entry is encoded by no rule."
        ),
        responses={**INVALID, **MALFORMED, **CONFLICT},
    )
    async def add_measure(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[MeasureBody],
        measures: Measures,
        connection: Connection,
    ) -> Response[MeasureView]:
        body = await strict_body(request, MeasureBody)
        measure = Measure(**msgspec.structs.asdict(body))
        entry = await measures.add(connection, measure)
        registry = measures.registry
        today = _chosen_version(registry, None)
        return Response(
            _measure_view(entry, today.version, _rules_by_version(registry)),
            status_code=201,
            headers={"Location": f"/v1/measures/{entry.measure.id}"},
        )


def _chosen_version(registry: PolicyRegistry, version: str | None) -> Policy:
    if version is None:
        return _in_force(registry, date.today()) or registry.policies[-1]
    found = registry.get(version)
    if found is None:
        raise InvalidCase([FieldProblem("version", f"unknown policy version '{version}'", "query")])
    return found


def _rules_by_version(registry: PolicyRegistry) -> dict[str, dict[str, list[str]]]:
    return {policy.version: policy.measures_encoded() for policy in registry.policies}


def _measure_view(
    entry: CatalogueEntry, version: str, by_version: dict[str, dict[str, list[str]]]
) -> MeasureView:
    measure = entry.measure
    return MeasureView(
        id=measure.id,
        name=MeasureNameView(nl=measure.name.nl, en=measure.name.en),
        status=measure.status,
        source=measure.source,
        rules_section=measure.rules_section,
        origin=entry.origin,
        recorded_at=entry.recorded_at,
        encoded_by=tuple(by_version[version].get(measure.id, ())),
        rules_by_version={
            name: tuple(rules.get(measure.id, ())) for name, rules in by_version.items()
        },
    )

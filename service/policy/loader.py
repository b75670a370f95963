"""Load policy documents (TOML) into validated `Policy` values.

Every problem names the file, the path inside the document and what is wrong; a document with
any problem is refused as a whole, so a half-valid policy never serves a decision.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from service.domain.case import EventType
from service.domain.series import DatedSeries
from service.policy.conditions import ConditionError, ConditionParser, ParameterShape
from service.policy.document import (
    ExplanationDocument,
    ParameterDocument,
    PolicyDocument,
    RuleDocument,
    SummaryDocument,
)
from service.policy.errors import PolicyDocumentError, PolicyProblem
from service.policy.measures import MeasureCatalogue, load_catalogue
from service.policy.model import Parameter, Policy, Rule, Summary, SummaryText
from service.policy.msgspec_paths import problem_path
from service.rules import actions as _actions  # noqa: F401  (registers every action)
from service.rules.explain import placeholders, template_problem
from service.rules.registry import ACTIONS, ActionSpec, outcomes
from service.rules.summary import SUMMARY_PLACEHOLDERS

INTEGER_UNITS = frozenset({"cents", "days", "months", "years", "count", "basis_points"})
EVENT_TYPES = frozenset(EventType.__args__)  # type: ignore[attr-defined]

# Parameters the pipeline itself needs to derive the plan stage's facts.
PIPELINE_PARAMETERS: dict[str, str] = {
    "standard_min_monthly_cents": "cents",
    "standard_max_instalments": "count",
    "standard_rounding_cents": "cents",
    # Every decision reports per claim whether its limitation date falls within this window.
    "limitation_lookahead_days": "days",
}

MEASURES_FILE = "measures.toml"


def content_hash(raw: Mapping[str, Any]) -> str:
    """SHA-256 of the document's canonical JSON: formatting and comments do not change it."""
    return hashlib.sha256(msgspec.json.encode(raw, order="sorted")).hexdigest()


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[PolicyProblem] = []

    def add(self, path: str, message: str) -> None:
        self.items.append(PolicyProblem(self.file, path, message))


def parse_policy(text: str, file: str, catalogue: MeasureCatalogue) -> Policy:
    """Parse and validate one policy document's text."""
    problems = _Problems(file)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PolicyDocumentError([PolicyProblem(file, "(document)", f"TOML: {error}")]) from error
    keyed = _keyed_problems(raw, file)
    if keyed:
        raise PolicyDocumentError(keyed)
    try:
        document = msgspec.convert(raw, PolicyDocument)
    except msgspec.ValidationError as error:
        path, message = problem_path(str(error))
        raise PolicyDocumentError([PolicyProblem(file, path, message)]) from error

    parameters = {
        name: _parameter(name, spec, problems) for name, spec in document.parameters.items()
    }
    for name, unit in PIPELINE_PARAMETERS.items():
        _need(parameters, name, unit, False, "parameters", "the decision pipeline", problems)
    shapes = {
        name: ParameterShape(
            "bool" if param.unit == "flag" else "list" if param.unit == "event_types" else "int",
            param.dated,
        )
        for name, param in parameters.items()
        if param is not None and param.table is None  # a table is read by actions only
    }
    rules = []
    seen: set[str] = set()
    for index, rule_doc in enumerate(document.rules):
        where = f"rules[{index}]"
        if rule_doc.id in seen:
            problems.add(f"{where}.id", f"duplicate rule id {rule_doc.id}")
        seen.add(rule_doc.id)
        rule = _rule(rule_doc, index, where, parameters, shapes, catalogue, problems)
        if rule is not None:
            rules.append(rule)
    summaries = _summaries(document, problems)
    if document.supersedes is not None and document.supersedes >= document.version:
        problems.add("supersedes", "must be an earlier version than this one")
    if problems.items:
        raise PolicyDocumentError(problems.items)
    return Policy(
        version=document.version.isoformat(),
        effective_from=document.version,
        title=document.title,
        supersedes=document.supersedes.isoformat() if document.supersedes else None,
        content_hash=content_hash(raw),
        parameters={name: param for name, param in parameters.items() if param is not None},
        rules=tuple(rules),
        summaries=summaries,
        document=msgspec.json.decode(msgspec.json.encode(raw)),
        source=file,
        source_text=text,
    )


def _keyed_problems(raw: dict[str, Any], file: str) -> list[PolicyProblem]:
    """Check the parts of a document that are keyed by name one by one.

    msgspec reports a problem inside a table keyed by name as `parameters[...]`; checking each
    entry on its own puts the name in the path (`parameters.payment_term_days.value`).
    """
    problems = []
    parameters = raw.get("parameters")
    if isinstance(parameters, dict):
        for name, spec in parameters.items():
            try:
                msgspec.convert(spec, ParameterDocument)
            except msgspec.ValidationError as error:
                path, message = problem_path(str(error), root=f"parameters.{name}")
                problems.append(PolicyProblem(file, path, message))
    summaries = raw.get("summaries")
    if isinstance(summaries, dict):
        for outcome, spec in summaries.items():
            try:
                msgspec.convert(spec, SummaryDocument)
            except msgspec.ValidationError as error:
                path, message = problem_path(str(error), root=f"summaries.{outcome}")
                problems.append(PolicyProblem(file, path, message))
    rules = raw.get("rules")
    if isinstance(rules, list):
        for index, rule in enumerate(rules):
            args = rule.get("args") if isinstance(rule, dict) else None
            if not isinstance(args, dict):
                continue
            for name, value in args.items():
                if not isinstance(value, (str, int, bool)):
                    problems.append(
                        PolicyProblem(
                            file,
                            f"rules[{index}].args.{name}",
                            "an argument is a string, a whole number or true/false",
                        )
                    )
    return problems


def _parameter(name: str, spec: ParameterDocument, problems: _Problems) -> Parameter | None:
    where = f"parameters.{name}"
    given = [spec.value is not None, spec.series is not None, spec.table is not None]
    if sum(given) != 1:
        problems.add(where, "give exactly one of 'value', 'series' or 'table'")
        return None
    if spec.table is not None:
        if spec.unit not in INTEGER_UNITS:
            problems.add(f"{where}.table", f"a table holds numbers; unit '{spec.unit}' does not")
            return None
        if not spec.table:
            problems.add(f"{where}.table", "a table needs at least one entry")
            return None
        negative = [key for key, number in spec.table.items() if number < 0]
        for key in negative:
            problems.add(f"{where}.table.{key}", "must not be negative")
        return Parameter(name, spec.unit, None, None, dict(spec.table))
    if spec.series is not None:
        if spec.unit not in INTEGER_UNITS:
            problems.add(f"{where}.series", f"a series holds numbers; unit '{spec.unit}' does not")
            return None
        if not spec.series:
            problems.add(f"{where}.series", "a series needs at least one entry")
            return None
        dates = [point.from_ for point in spec.series]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            problems.add(f"{where}.series", "entries must be in increasing date order")
            return None
        for index, point in enumerate(spec.series):
            if point.value < 0:
                problems.add(f"{where}.series[{index}].value", "must not be negative")
        return Parameter(
            name,
            spec.unit,
            None,
            DatedSeries.of([(point.from_, point.value) for point in spec.series]),
        )
    value = spec.value
    if spec.unit in INTEGER_UNITS:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.add(f"{where}.value", f"unit '{spec.unit}' takes a whole number >= 0")
            return None
        return Parameter(name, spec.unit, value, None)
    if spec.unit == "flag":
        if not isinstance(value, bool):
            problems.add(f"{where}.value", "unit 'flag' takes true or false")
            return None
        return Parameter(name, spec.unit, value, None)
    # event_types
    if not isinstance(value, list) or not all(item in EVENT_TYPES for item in value):
        problems.add(f"{where}.value", f"unit 'event_types' takes a list of {sorted(EVENT_TYPES)}")
        return None
    return Parameter(name, spec.unit, tuple(value), None)


def _need(
    parameters: Mapping[str, Parameter | None],
    name: str,
    unit: str,
    dated: bool,
    path: str,
    who: str,
    problems: _Problems,
    table_keys: tuple[str, ...] = (),
) -> None:
    param = parameters.get(name)
    shape = "a dated series" if dated else "a table" if table_keys else "a value"
    if name not in parameters:
        kind = ", dated" if dated else ", a table" if table_keys else ""
        problems.add(path, f"{who} needs parameter '{name}' ({unit}{kind})")
    elif param is not None and (
        param.unit != unit or param.dated != dated or (param.table is not None) != bool(table_keys)
    ):
        problems.add(f"parameters.{name}", f"{who} needs it as {shape} in {unit}")
    elif param is not None and param.table is not None:
        for key in table_keys:
            if key not in param.table:
                problems.add(f"parameters.{name}.table", f"{who} needs a value for '{key}'")


def _rule(
    doc: RuleDocument,
    index: int,
    where: str,
    parameters: Mapping[str, Parameter | None],
    shapes: dict[str, ParameterShape],
    catalogue: MeasureCatalogue,
    problems: _Problems,
) -> Rule | None:
    before = len(problems.items)
    for measure_index, measure in enumerate(doc.measures):
        if measure not in catalogue.ids():
            problems.add(
                f"{where}.measures[{measure_index}]",
                f"measure {measure} is not in the catalogue ({MEASURES_FILE})",
            )
    spec: ActionSpec | None = ACTIONS.get(doc.action)
    if spec is None:
        problems.add(f"{where}.action", f"unknown action '{doc.action}'; known: {sorted(ACTIONS)}")
    else:
        if spec.stage != doc.stage:
            problems.add(
                f"{where}.action", f"'{doc.action}' runs in stage {spec.stage}, not {doc.stage}"
            )
        for name in sorted(set(spec.args) | set(doc.args)):
            if name not in spec.args:
                problems.add(f"{where}.args.{name}", f"'{doc.action}' takes no argument '{name}'")
            elif name not in doc.args:
                problems.add(f"{where}.args", f"'{doc.action}' needs argument '{name}'")
            elif doc.args[name] not in spec.args[name]:
                problems.add(f"{where}.args.{name}", f"takes one of {list(spec.args[name])}")
        for need in spec.parameters:
            _need(
                parameters,
                need.name,
                need.unit,
                need.dated,
                f"{where}.action",
                doc.action,
                problems,
                need.table_keys,
            )
        scalar_parameters = {
            n for n, p in parameters.items() if p is not None and not p.dated and p.table is None
        }
        for language in ("nl", "en"):
            template = getattr(doc.explanation, language)
            path = f"{where}.explanation.{language}"
            malformed = template_problem(template)
            if malformed:
                problems.add(path, malformed)
            unknown = placeholders(template) - spec.variables - scalar_parameters
            if unknown:
                problems.add(
                    path,
                    f"unknown placeholder(s) {sorted(unknown)}; '{doc.action}' provides "
                    f"{sorted(spec.variables)} and the policy's parameters",
                )
            clash = spec.variables & scalar_parameters
            if clash:
                problems.add(path, f"parameter name(s) {sorted(clash)} clash with action variables")
    condition = None
    if doc.when is not None:
        try:
            condition = ConditionParser(doc.stage, shapes).parse(doc.when, f"{where}.when")
        except ConditionError as error:
            problems.add(error.path, error.message)
    if len(problems.items) > before:
        return None
    return Rule(
        id=doc.id,
        title=doc.title,
        stage=doc.stage,
        measures=tuple(doc.measures),
        legal_basis=doc.legal_basis,
        evidence=doc.evidence,
        priority=doc.priority,
        order=index,
        when=condition,
        action=doc.action,
        args=dict(doc.args),
        explanation_nl=doc.explanation.nl,
        explanation_en=doc.explanation.en,
        review=doc.review,
    )


def _summaries(document: PolicyDocument, problems: _Problems) -> dict[str, Summary]:
    """Check that every outcome the rules can decide has a summary, and check each summary."""
    needed: dict[str, list[str]] = {}
    needs_partial: dict[str, list[str]] = {}
    for index, rule in enumerate(document.rules):
        spec = ACTIONS.get(rule.action)
        if spec is None:
            continue  # reported with the rule
        for decides in spec.outcomes_for(rule.args):
            who = f"rules[{index}] ({rule.id})"
            needed.setdefault(decides.outcome, []).append(who)
            if decides.partial is not None:
                needs_partial.setdefault(decides.outcome, []).append(who)
    for outcome, deciders in needed.items():
        if outcome not in document.summaries:
            problems.add(
                f"summaries.{outcome}",
                f"missing: {', '.join(deciders)} can decide outcome '{outcome}', so the policy "
                f"needs [summaries.{outcome}] with nl and en",
            )
        elif outcome in needs_partial and document.summaries[outcome].partial is None:
            problems.add(
                f"summaries.{outcome}.partial",
                f"missing: {', '.join(needs_partial[outcome])} can decide outcome '{outcome}' "
                "with a plan that leaves part of the debt unpaid, which needs its own text",
            )

    declared = outcomes()
    summaries: dict[str, Summary] = {}
    for outcome, doc in document.summaries.items():
        where = f"summaries.{outcome}"
        forms = declared.get(outcome)
        if forms is None:
            problems.add(
                where, f"no action decides outcome '{outcome}'; known outcomes: {sorted(declared)}"
            )
            continue
        # A name is usable only if every decision with this outcome has a value for it.
        available = frozenset.intersection(*(form.placeholders for form in forms))
        _summary_templates(where, doc, f"a '{outcome}' decision", available, problems)
        partial = None
        if doc.partial is not None:
            partial_forms = [form.partial for form in forms if form.partial is not None]
            if partial_forms:
                available = frozenset.intersection(*partial_forms)
                kind = f"a '{outcome}' decision whose plan leaves part unpaid"
                _summary_templates(f"{where}.partial", doc.partial, kind, available, problems)
            else:
                problems.add(
                    f"{where}.partial",
                    f"never used: no action decides '{outcome}' both with and without a plan "
                    f"that pays everything, so [{where}] is the text of every such decision",
                )
            partial = SummaryText(doc.partial.nl, doc.partial.en)
        summaries[outcome] = Summary(SummaryText(doc.nl, doc.en), partial)
    return summaries


def _summary_templates(
    where: str,
    doc: SummaryDocument | ExplanationDocument,
    kind: str,
    available: frozenset[str],
    problems: _Problems,
) -> None:
    for language in ("nl", "en"):
        template = getattr(doc, language)
        path = f"{where}.{language}"
        malformed = template_problem(template)
        if malformed:
            problems.add(path, malformed)
        names = placeholders(template)
        unknown = names - set(SUMMARY_PLACEHOLDERS)
        if unknown:
            problems.add(
                path,
                f"unknown placeholder(s) {sorted(unknown)}; a summary may use "
                f"{sorted(SUMMARY_PLACEHOLDERS)}",
            )
        absent = names - unknown - available
        if absent:
            problems.add(
                path,
                f"placeholder(s) {sorted(absent)} have no value in {kind}; it has "
                f"{sorted(available)}",
            )


def load_directory(directory: Path) -> tuple[list[Policy], MeasureCatalogue]:
    """Load the measure catalogue and every policy document (`*.toml`) in a directory."""
    catalogue = load_catalogue(directory / MEASURES_FILE)
    policies: list[Policy] = []
    problems: list[PolicyProblem] = []
    for path in sorted(directory.glob("*.toml")):
        if path.name == MEASURES_FILE:
            continue
        try:
            policy = parse_policy(path.read_text(encoding="utf-8"), path.name, catalogue)
        except PolicyDocumentError as error:
            problems.extend(error.problems)
            continue
        expected = f"{policy.version}.toml"
        if path.name != expected:
            problems.append(
                PolicyProblem(path.name, "version", f"the file must be named {expected}")
            )
        policies.append(policy)
    versions = {policy.version for policy in policies}
    for policy in policies:
        if policy.supersedes is not None and policy.supersedes not in versions:
            problems.append(
                PolicyProblem(policy.source, "supersedes", f"no policy version {policy.supersedes}")
            )
    if problems:
        raise PolicyDocumentError(problems)
    if not policies:
        raise PolicyDocumentError(
            [PolicyProblem(str(directory), "(directory)", "no policy documents")]
        )
    return sorted(policies, key=lambda policy: policy.effective_from), catalogue

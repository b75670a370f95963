"""parse_policy, load_directory, content_hash and the measure catalogue loader.

Every bad document is a shipped policy with exactly one thing changed, so each test isolates one
problem and asserts the path in the document that the problem names.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from service.config import PROJECT_ROOT
from service.policy.errors import PolicyDocumentError, PolicyProblem
from service.policy.loader import content_hash, load_directory, parse_policy
from service.policy.measures import MeasureCatalogue, load_catalogue
from service.policy.model import Policy
from tests.conftest import POLICY_DIR, policy_file

VERSION = "2025-01-01"
FILE = f"{VERSION}.toml"


def _position(rule_id: str) -> int:
    """A rule's position in the shipped document, so problem paths can be predicted."""
    rules = tomllib.loads(policy_file(VERSION).read_text(encoding="utf-8"))["rules"]
    return next(index for index, rule in enumerate(rules) if rule["id"] == rule_id)


def _all_index(rule_id: str, holds: Callable[[dict[str, Any]], bool]) -> int:
    """The position in the rule's `when.all` of its one condition that `holds`: computed from
    the shipped document, so a condition added before it does not break the predicted path."""
    rules = tomllib.loads(policy_file(VERSION).read_text(encoding="utf-8"))["rules"]
    conditions = rules[_position(rule_id)]["when"]["all"]
    found = [index for index, condition in enumerate(conditions) if holds(condition)]
    assert len(found) == 1, (rule_id, found)
    return found[0]


def _field_index(rule_id: str, field: str) -> int:
    return _all_index(rule_id, lambda condition: condition.get("field") == field)


R_DUE_DATE = _position("R-DUE-DATE")
R_LIMITATION = _position("R-LIMITATION")
R_SMALL_CLAIM = _position("R-SMALL-CLAIM")
R_ABOVE_THRESHOLD = _position("R-ABOVE-THRESHOLD")
R_ADVANCE_ALWAYS = _position("R-ADVANCE-ALWAYS")
R_EXPIRED = _position("R-EXPIRED")
R_SETTLED = _position("R-SETTLED")
R_AUTO_OFFSET = _position("R-AUTO-OFFSET")
R_STANDARD_ARRANGEMENT = _position("R-STANDARD-ARRANGEMENT")
R_PERSONAL_REFUSED_ASSETS = _position("R-PERSONAL-REFUSED-ASSETS")


@pytest.fixture(scope="module")
def catalogue() -> MeasureCatalogue:
    return load_catalogue(POLICY_DIR / "measures.toml")


def shipped(version: str = VERSION) -> str:
    return policy_file(version).read_text(encoding="utf-8")


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def _block(text: str, start: str, end: str) -> tuple[int, int]:
    assert text.count(start) == 1, f"{start!r} occurs {text.count(start)} times"
    begin = text.index(start)
    stop = text.find(end, begin + len(start))
    return begin, len(text) if stop < 0 else stop


def edit_rule(text: str, rule_id: str, old: str, new: str) -> str:
    """Replace `old` (exactly once) inside the rule with this id."""
    begin, stop = _block(text, f'id = "{rule_id}"\n', "[[rules]]\n")
    return text[:begin] + replace_once(text[begin:stop], old, new) + text[stop:]


def edit_parameter(text: str, name: str, old: str, new: str) -> str:
    """Replace `old` (exactly once) inside the parameter table of this name."""
    begin, stop = _block(text, f"[parameters.{name}]\n", "\n\n")
    return text[:begin] + replace_once(text[begin:stop], old, new) + text[stop:]


def drop_parameter(text: str, name: str) -> str:
    begin, stop = _block(text, f"[parameters.{name}]\n", "\n\n")
    return text[:begin] + text[stop + 2 :]


def problems_of(text: str, catalogue: MeasureCatalogue, file: str = FILE) -> list[PolicyProblem]:
    with pytest.raises(PolicyDocumentError) as caught:
        parse_policy(text, file, catalogue)
    problems = caught.value.problems
    assert problems
    assert all(problem.file == file for problem in problems)
    return problems


def only_problem(text: str, catalogue: MeasureCatalogue) -> PolicyProblem:
    problems = problems_of(text, catalogue)
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


def paths(problems: list[PolicyProblem]) -> list[str]:
    return [problem.path for problem in problems]


def parse(text: str, catalogue: MeasureCatalogue) -> Policy:
    return parse_policy(text, FILE, catalogue)


# --- the error values --------------------------------------------------------------------------


def test_problem_renders_as_file_path_message() -> None:
    problem = PolicyProblem("2025-01-01.toml", "rules[3].when.all[1].field", "unknown field")
    assert str(problem) == "2025-01-01.toml: rules[3].when.all[1].field: unknown field"


def test_document_error_lists_every_problem_one_per_line() -> None:
    problems = [PolicyProblem("a.toml", "version", "one"), PolicyProblem("b.toml", "title", "two")]
    error = PolicyDocumentError(problems)
    assert error.problems == problems
    assert str(error) == "a.toml: version: one\nb.toml: title: two"


def test_unchanged_shipped_text_parses(catalogue: MeasureCatalogue) -> None:
    policy = parse(shipped(), catalogue)
    assert policy.version == VERSION
    assert policy.source == FILE


# --- document structure (msgspec schema) -------------------------------------------------------


def test_toml_syntax_error_names_the_file_and_the_document(catalogue: MeasureCatalogue) -> None:
    text = replace_once(
        shipped(), 'title = "Invorderingsstrategie', "title = Invorderingsstrategie"
    )
    problem = only_problem(text, catalogue)
    assert problem.path == "(document)"
    assert problem.message.startswith("TOML:")
    assert str(problem).startswith(f"{FILE}: (document): TOML:")


def test_unknown_top_level_key_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = replace_once(
        shipped(),
        'title = "Invorderingsstrategie',
        'colour = "red"\ntitle = "Invorderingsstrategie',
    )
    problem = only_problem(text, catalogue)
    assert (problem.path, problem.message) == ("colour", "unknown field")


def test_priority_as_a_string_is_a_type_error(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-DUE-DATE", "priority = 10", 'priority = "10"')
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_DUE_DATE}].priority"
    assert "int" in problem.message
    assert "str" in problem.message


def test_missing_required_rule_key_is_named(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-LIMITATION", "legal_basis = ", "# legal_basis = ")
    problem = only_problem(text, catalogue)
    assert (problem.path, problem.message) == (
        f"rules[{R_LIMITATION}].legal_basis",
        "required field is missing",
    )


def test_missing_required_top_level_key_is_named(catalogue: MeasureCatalogue) -> None:
    text = replace_once(
        shipped(), 'title = "Invorderingsstrategie', '# title = "Invorderingsstrategie'
    )
    problem = only_problem(text, catalogue)
    assert (problem.path, problem.message) == ("title", "required field is missing")


def test_empty_explanation_is_rejected_at_its_language(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(
        shipped(), "R-DUE-DATE", 'explanation.nl = "De vordering', 'explanation.nl = ""\n# "'
    )
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_DUE_DATE}].explanation.nl"


def test_unknown_stage_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-DUE-DATE", 'stage = "claim_terms"', 'stage = "claim_review"')
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_DUE_DATE}].stage"


def test_malformed_rule_id_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-EXPIRED", 'id = "R-EXPIRED"', 'id = "expired"')
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_EXPIRED}].id"


@pytest.mark.parametrize(
    ("name", "old", "new", "path"),
    [
        pytest.param(
            "payment_term_days",
            "value = 42",
            'value = "42"',
            "parameters.payment_term_days.value",
            id="wrong-type",
        ),
        pytest.param(
            "payment_term_days",
            'unit = "days"',
            'unit = "weeks"',
            "parameters.payment_term_days.unit",
            id="unit-not-allowed",
        ),
        pytest.param(
            "payment_term_days",
            "value = 42",
            "value = 42\ncolour = 1",
            "parameters.payment_term_days.colour",
            id="unknown-key",
        ),
        pytest.param(
            "payment_term_days",
            'source = "Awir art. 28"',
            '# source = "Awir art. 28"',
            "parameters.payment_term_days.source",
            id="missing-key",
        ),
        pytest.param(
            "small_claim_threshold_cents",
            "{ from = 2023-01-01, value = 10600",
            '{ from = 2023-01-01, value = "10600"',
            "parameters.small_claim_threshold_cents.series[1].value",
            id="series-point-type",
        ),
    ],
)
def test_schema_problem_in_a_parameter_names_the_parameter(
    catalogue: MeasureCatalogue, name: str, old: str, new: str, path: str
) -> None:
    problem = only_problem(edit_parameter(shipped(), name, old, new), catalogue)
    assert problem.path == path


def test_schema_problem_in_rule_args_names_the_argument(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(
        shipped(), "R-AUTO-OFFSET", 'args = { method = "offset" }', "args = { method = 1.5 }"
    )
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_AUTO_OFFSET}].args.method"


# --- conditions: the closed input set (collection-rules.md §12) --------------------------------


@pytest.mark.parametrize(
    "field", ["nationality", "ethnicity", "country_of_birth", "fraud_signal", "risk_score"]
)
def test_closed_inputs_a_rule_naming_a_non_whitelisted_field_does_not_load(
    catalogue: MeasureCatalogue, field: str
) -> None:
    text = edit_rule(shipped(), "R-SMALL-CLAIM", 'field = "amount_cents"', f'field = "{field}"')
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_SMALL_CLAIM}].when.all[1].field"
    assert f"'{field}'" in problem.message
    assert "whitelist" in problem.message


def test_closed_inputs_a_non_whitelisted_field_as_operand_does_not_load(
    catalogue: MeasureCatalogue,
) -> None:
    text = edit_rule(
        shipped(),
        "R-EXPIRED",
        'lt = { field = "as_of" }',
        'lt = { field = "nationality" }',
    )
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_EXPIRED}].when.lt.field"
    assert "whitelist" in problem.message


def test_closed_inputs_a_non_whitelisted_field_deep_in_a_condition_is_located(
    catalogue: MeasureCatalogue,
) -> None:
    text = edit_rule(
        shipped(),
        "R-STANDARD-ARRANGEMENT",
        '{ field = "arrangement_request", eq = "none" }',
        '{ field = "risk_score", eq = 0 }',
    )
    problem = only_problem(text, catalogue)
    position = _all_index("R-STANDARD-ARRANGEMENT", lambda condition: "any" in condition)
    assert problem.path == (
        f"rules[{R_STANDARD_ARRANGEMENT}].when.all[{position}].any[1].all[0].field"
    )


def test_field_outside_the_rules_stage_is_rejected(catalogue: MeasureCatalogue) -> None:
    # due_date exists, but only from claim_status on: claim_terms computes it.
    text = edit_rule(
        shipped(),
        "R-DUE-DATE",
        'action = "set_due_date"\n',
        'action = "set_due_date"\nwhen = { field = "due_date", lt = { field = "as_of" } }\n',
    )
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_DUE_DATE}].when.field"
    assert "'due_date'" in problem.message
    assert "claim_terms" in problem.message


def test_debtor_field_in_a_claim_rule_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(
        shipped(),
        "R-ADVANCE-ALWAYS",
        'when = { field = "origin", eq = "advance" }',
        'when = { field = "assets_cents", eq = 0 }',
    )
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_ADVANCE_ALWAYS}].when.field"


@pytest.mark.parametrize("literal", ['"0"', "false", "0.5"])
def test_wrong_literal_type_for_an_int_field_is_rejected(
    catalogue: MeasureCatalogue, literal: str
) -> None:
    text = edit_rule(
        shipped(),
        "R-SETTLED",
        'field = "open_cents"\neq = 0',
        f'field = "open_cents"\neq = {literal}',
    )
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_SETTLED}].when.all[0].eq"
    assert "open_cents" in problem.message


def test_enum_value_outside_the_allowed_set_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-ADVANCE-ALWAYS", 'eq = "advance"', 'eq = "voorschot"')
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_ADVANCE_ALWAYS}].when.eq"
    assert "definitive" in problem.message
    assert "advance" in problem.message


def test_enum_value_outside_the_allowed_set_in_a_list_is_located(
    catalogue: MeasureCatalogue,
) -> None:
    text = edit_rule(
        shipped(), "R-ADVANCE-ALWAYS", 'eq = "advance"', 'in = ["advance", "voorschot"]'
    )
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_ADVANCE_ALWAYS}].when.in[1]"


def test_ordering_operator_on_an_enum_field_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-ADVANCE-ALWAYS", 'eq = "advance"', 'gt = "advance"')
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_ADVANCE_ALWAYS}].when.gt"
    assert "'origin'" in problem.message


def test_date_literal_for_a_date_field_is_accepted(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-EXPIRED", 'lt = { field = "as_of" }', "lt = 2025-01-01")
    assert parse(text, catalogue).rules[R_EXPIRED].when is not None


def test_datetime_literal_for_a_date_field_is_rejected(catalogue: MeasureCatalogue) -> None:
    # A TOML datetime is not a date: a date field compared with it would never be well typed.
    text = edit_rule(shipped(), "R-EXPIRED", 'lt = { field = "as_of" }', "lt = 2025-01-01T00:00:00")
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_EXPIRED}].when.lt"


def test_unknown_operator_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-ADVANCE-ALWAYS", 'eq = "advance"', 'like = "advance"')
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_ADVANCE_ALWAYS}].when.like"


def test_comparing_fields_of_different_types_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(
        shipped(),
        "R-AUTO-OFFSET",
        'gt = { field = "standard_monthly_cents" }',
        'gt = { field = "arrangement_request" }',
    )
    problem = only_problem(text, catalogue)
    position = _field_index("R-AUTO-OFFSET", "ongoing_allowances_cents")
    assert problem.path == f"rules[{R_AUTO_OFFSET}].when.all[{position}].gt"


def test_unknown_parameter_in_a_condition_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(
        shipped(),
        "R-PERSONAL-REFUSED-ASSETS",
        '{ param = "personal_asset_limit_cents" }',
        '{ param = "asset_limit_cents" }',
    )
    problem = only_problem(text, catalogue)
    position = _field_index("R-PERSONAL-REFUSED-ASSETS", "assets_cents")
    assert problem.path == f"rules[{R_PERSONAL_REFUSED_ASSETS}].when.all[{position}].gt.param"
    assert "asset_limit_cents" in problem.message


def test_list_parameter_compared_with_an_int_field_is_rejected(
    catalogue: MeasureCatalogue,
) -> None:
    text = edit_rule(
        shipped(),
        "R-PERSONAL-REFUSED-ASSETS",
        '{ param = "personal_asset_limit_cents" }',
        '{ param = "limitation_interrupting_events" }',
    )
    problem = only_problem(text, catalogue)
    position = _field_index("R-PERSONAL-REFUSED-ASSETS", "assets_cents")
    assert problem.path == f"rules[{R_PERSONAL_REFUSED_ASSETS}].when.all[{position}].gt"


def test_dated_parameter_without_at_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-SMALL-CLAIM", ', at = "decision_date" }', " }")
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_SMALL_CLAIM}].when.all[1].lte"
    assert "'at'" in problem.message


def test_at_naming_a_non_date_field_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-SMALL-CLAIM", 'at = "decision_date"', 'at = "amount_cents"')
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_SMALL_CLAIM}].when.all[1].lte.at"
    assert "not a date field" in problem.message


def test_at_naming_an_unknown_field_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-SMALL-CLAIM", 'at = "decision_date"', 'at = "birth_date"')
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_SMALL_CLAIM}].when.all[1].lte.at"


def test_at_on_a_scalar_parameter_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(
        shipped(),
        "R-PERSONAL-REFUSED-ASSETS",
        '{ param = "personal_asset_limit_cents" }',
        '{ param = "personal_asset_limit_cents", at = "as_of" }',
    )
    problem = only_problem(text, catalogue)
    position = _field_index("R-PERSONAL-REFUSED-ASSETS", "assets_cents")
    assert problem.path == f"rules[{R_PERSONAL_REFUSED_ASSETS}].when.all[{position}].gt.at"


# --- actions -----------------------------------------------------------------------------------


def test_unknown_action_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-EXPIRED", 'action = "mark_expired"', 'action = "mark_lost"')
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_EXPIRED}].action"
    assert "'mark_lost'" in problem.message
    assert "mark_expired" in problem.message  # the known actions are listed


def test_action_in_the_wrong_stage_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-DUE-DATE", 'stage = "claim_terms"', 'stage = "claim_status"')
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_DUE_DATE}].action"
    assert "claim_terms" in problem.message
    assert "claim_status" in problem.message


def test_missing_action_argument_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-AUTO-OFFSET", 'args = { method = "offset" }\n', "")
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_AUTO_OFFSET}].args"
    assert "'method'" in problem.message


def test_unknown_action_argument_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(
        shipped(),
        "R-AUTO-OFFSET",
        'args = { method = "offset" }',
        'args = { method = "offset", speed = "fast" }',
    )
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_AUTO_OFFSET}].args.speed"


def test_argument_for_an_action_that_takes_none_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(
        shipped(),
        "R-EXPIRED",
        'action = "mark_expired"',
        'action = "mark_expired"\nargs = { method = "offset" }',
    )
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_EXPIRED}].args.method"


@pytest.mark.parametrize("method", ["cash", "direct_debit", ""])
def test_invalid_plan_standard_method_is_rejected(catalogue: MeasureCatalogue, method: str) -> None:
    text = edit_rule(
        shipped(),
        "R-AUTO-OFFSET",
        'args = { method = "offset" }',
        f'args = {{ method = "{method}" }}',
    )
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_AUTO_OFFSET}].args.method"
    assert "transfer" in problem.message
    assert "offset" in problem.message


def test_parameter_an_action_needs_is_missing(catalogue: MeasureCatalogue) -> None:
    text = drop_parameter(shipped(), "payment_term_days")
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_DUE_DATE}].action"
    assert "'payment_term_days'" in problem.message


def test_parameter_an_action_needs_has_the_wrong_unit(catalogue: MeasureCatalogue) -> None:
    text = edit_parameter(shipped(), "payment_term_days", 'unit = "days"', 'unit = "months"')
    problem = only_problem(text, catalogue)
    assert problem.path == "parameters.payment_term_days"
    assert "days" in problem.message


def test_scalar_parameter_given_as_a_series_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_parameter(
        shipped(),
        "payment_term_days",
        "value = 42",
        'series = [{ from = 2015-01-01, value = 42, evidence = "H" }]',
    )
    problem = only_problem(text, catalogue)
    assert problem.path == "parameters.payment_term_days"


def test_dated_parameter_given_as_a_value_is_rejected(catalogue: MeasureCatalogue) -> None:
    begin, stop = _block(shipped(), "[parameters.interest_rate_basis_points]\n", "\n\n")
    text = shipped()
    table = text[begin:stop]
    scalar = table[: table.index("series = [")] + "value = 400"
    problem = only_problem(text[:begin] + scalar + text[stop:], catalogue)
    assert problem.path == "parameters.interest_rate_basis_points"
    assert "dated series" in problem.message


def test_parameter_the_pipeline_needs_is_missing(catalogue: MeasureCatalogue) -> None:
    problems = problems_of(drop_parameter(shipped(), "standard_rounding_cents"), catalogue)
    assert "parameters" in paths(problems)
    pipeline = next(problem for problem in problems if problem.path == "parameters")
    assert "'standard_rounding_cents'" in pipeline.message
    # and every plan_standard rule says it too
    rules = tomllib.loads(shipped())["rules"]
    plan_standard = [index for index, rule in enumerate(rules) if rule["action"] == "plan_standard"]
    assert [rules[index]["id"] for index in plan_standard] == [
        "R-AUTO-OFFSET",
        "R-STANDARD-ARRANGEMENT",
        "R-PERSONAL-REFUSED-ASSETS",
        "R-PERSONAL-REFUSED-CAPACITY",
    ]
    assert {f"rules[{index}].action" for index in plan_standard} <= set(paths(problems))


# --- explanations ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_placeholder_unknown_to_the_action_is_rejected(
    catalogue: MeasureCatalogue, language: str
) -> None:
    old = "uiterlijk op {due_date}." if language == "nl" else "by {due_date}."
    new = old.replace("{due_date}", "{due_date} ({nationality})")
    problem = only_problem(edit_rule(shipped(), "R-DUE-DATE", old, new), catalogue)
    assert problem.path == f"rules[{R_DUE_DATE}].explanation.{language}"
    assert "nationality" in problem.message


def test_scalar_parameter_names_are_allowed_as_placeholders(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(
        shipped(),
        "R-DUE-DATE",
        "by {due_date}.",
        "by {due_date} ({limitation_years}, {interest_day_count}).",
    )
    policy = parse(text, catalogue)
    assert "{limitation_years}" in policy.rules[R_DUE_DATE].explanation_en


def test_dated_parameter_names_are_not_placeholders(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(
        shipped(), "R-DUE-DATE", "by {due_date}.", "by {due_date} ({small_claim_threshold_cents})."
    )
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_DUE_DATE}].explanation.en"


@pytest.mark.parametrize("broken", ["by {due_date}}.", "by {due_date.", "by {Due_date}.", "by {}."])
def test_stray_brace_in_a_template_is_rejected(catalogue: MeasureCatalogue, broken: str) -> None:
    problem = only_problem(edit_rule(shipped(), "R-DUE-DATE", "by {due_date}.", broken), catalogue)
    assert problem.path == f"rules[{R_DUE_DATE}].explanation.en"
    assert "brace" in problem.message or "'{'" in problem.message


def test_parameter_named_like_an_action_variable_clashes(catalogue: MeasureCatalogue) -> None:
    text = replace_once(
        shipped(),
        "[parameters.payment_term_days]\n",
        '[parameters.term_days]\nunit = "days"\nvalue = 1\nsource = "x"\ndescription = "x"\n\n'
        "[parameters.payment_term_days]\n",
    )
    problems = problems_of(text, catalogue)
    assert paths(problems) == [
        f"rules[{R_DUE_DATE}].explanation.nl",
        f"rules[{R_DUE_DATE}].explanation.en",
    ]
    assert all("term_days" in problem.message for problem in problems)


# --- measures and rule ids ---------------------------------------------------------------------


def test_measure_not_in_the_catalogue_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(
        shipped(),
        "R-SMALL-CLAIM",
        'measures = ["M-SMALL-CLAIMS"]',
        'measures = ["M-SMALL-CLAIMS", "M-FRAUD-SIGNAL"]',
    )
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_SMALL_CLAIM}].measures[1]"
    assert "M-FRAUD-SIGNAL" in problem.message


def test_duplicate_rule_id_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(
        shipped(), "R-ABOVE-THRESHOLD", 'id = "R-ABOVE-THRESHOLD"', 'id = "R-SMALL-CLAIM"'
    )
    problem = only_problem(text, catalogue)
    assert problem.path == f"rules[{R_ABOVE_THRESHOLD}].id"
    assert "R-SMALL-CLAIM" in problem.message


# --- parameters --------------------------------------------------------------------------------


def test_parameter_with_both_value_and_series_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_parameter(
        shipped(), "interest_rate_basis_points", "series = [", "value = 400\nseries = ["
    )
    problem = only_problem(text, catalogue)
    assert problem.path == "parameters.interest_rate_basis_points"
    assert "exactly one" in problem.message


def test_parameter_with_neither_value_nor_series_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_parameter(shipped(), "payment_term_days", "value = 42\n", "")
    problem = only_problem(text, catalogue)
    assert problem.path == "parameters.payment_term_days"
    assert "exactly one" in problem.message


def test_unsorted_series_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_parameter(
        shipped(), "interest_rate_basis_points", "{ from = 2024-01-01,", "{ from = 2014-01-01,"
    )
    problem = only_problem(text, catalogue)
    assert problem.path == "parameters.interest_rate_basis_points.series"


def test_series_with_two_entries_on_one_date_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_parameter(
        shipped(), "interest_rate_basis_points", "{ from = 2024-01-01,", "{ from = 2015-01-01,"
    )
    problem = only_problem(text, catalogue)
    assert problem.path == "parameters.interest_rate_basis_points.series"


def test_empty_series_is_rejected(catalogue: MeasureCatalogue) -> None:
    begin, stop = _block(shipped(), "[parameters.interest_rate_basis_points]\n", "\n\n")
    text = shipped()
    table = text[begin:stop]
    empty = table[: table.index("series = [")] + "series = []"
    problem = only_problem(text[:begin] + empty + text[stop:], catalogue)
    assert problem.path == "parameters.interest_rate_basis_points.series"


def test_negative_series_value_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_parameter(
        shipped(),
        "small_claim_threshold_cents",
        "{ from = 2023-01-01, value = 10600",
        "{ from = 2023-01-01, value = -10600",
    )
    problem = only_problem(text, catalogue)
    assert problem.path == "parameters.small_claim_threshold_cents.series[1].value"


def test_series_in_a_non_numeric_unit_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_parameter(
        shipped(), "interest_rate_basis_points", 'unit = "basis_points"', 'unit = "flag"'
    )
    problem = only_problem(text, catalogue)
    assert problem.path == "parameters.interest_rate_basis_points.series"


@pytest.mark.parametrize("value", ["-42", "true"])
def test_integer_unit_needs_a_whole_number_at_least_zero(
    catalogue: MeasureCatalogue, value: str
) -> None:
    text = edit_parameter(shipped(), "payment_term_days", "value = 42", f"value = {value}")
    problem = only_problem(text, catalogue)
    assert problem.path == "parameters.payment_term_days.value"


def _with_flag(value: str) -> str:
    return replace_once(
        shipped(),
        "[parameters.payment_term_days]\n",
        f'[parameters.interest_during_arrangement]\nunit = "flag"\nvalue = {value}\n'
        'source = "product convention"\ndescription = "Interest accrues during an arrangement."\n\n'
        "[parameters.payment_term_days]\n",
    )


def test_flag_parameter_with_an_int_is_rejected(catalogue: MeasureCatalogue) -> None:
    problem = only_problem(_with_flag("1"), catalogue)
    assert problem.path == "parameters.interest_during_arrangement.value"
    assert "flag" in problem.message


def test_flag_parameter_with_a_bool_loads(catalogue: MeasureCatalogue) -> None:
    policy = parse(_with_flag("false"), catalogue)
    assert policy.flag("interest_during_arrangement") is False


def test_event_types_parameter_with_an_unknown_event_is_rejected(
    catalogue: MeasureCatalogue,
) -> None:
    text = edit_parameter(
        shipped(),
        "limitation_interrupting_events",
        '"interruption"]',
        '"interruption", "phone_call"]',
    )
    problem = only_problem(text, catalogue)
    assert problem.path == "parameters.limitation_interrupting_events.value"
    assert "aanmaning" in problem.message


def test_event_types_parameter_with_a_number_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_parameter(
        shipped(),
        "limitation_interrupting_events",
        'value = ["aanmaning", "dwangbevel", "offset", "written_claim", "payment", "interruption"]',
        "value = 5",
    )
    problem = only_problem(text, catalogue)
    assert problem.path == "parameters.limitation_interrupting_events.value"


# --- supersedes --------------------------------------------------------------------------------


@pytest.mark.parametrize("supersedes", ["2025-01-01", "2026-01-01"])
def test_supersedes_must_be_earlier_than_the_version(
    catalogue: MeasureCatalogue, supersedes: str
) -> None:
    text = replace_once(shipped(), "supersedes = 2024-01-01", f"supersedes = {supersedes}")
    problem = only_problem(text, catalogue)
    assert problem.path == "supersedes"


def test_several_problems_in_one_document_are_all_reported(catalogue: MeasureCatalogue) -> None:
    text = edit_rule(shipped(), "R-EXPIRED", 'action = "mark_expired"', 'action = "mark_lost"')
    text = edit_rule(text, "R-SMALL-CLAIM", 'field = "amount_cents"', 'field = "nationality"')
    text = replace_once(text, "supersedes = 2024-01-01", "supersedes = 2025-01-01")
    assert paths(problems_of(text, catalogue)) == [
        f"rules[{R_SMALL_CLAIM}].when.all[1].field",
        f"rules[{R_EXPIRED}].action",
        "supersedes",
    ]


# --- content hash ------------------------------------------------------------------------------


def test_content_hash_is_the_hash_of_the_parsed_document(catalogue: MeasureCatalogue) -> None:
    policy = parse(shipped(), catalogue)
    assert policy.content_hash == content_hash(tomllib.loads(shipped()))
    assert len(policy.content_hash) == 64
    assert int(policy.content_hash, 16) >= 0


def test_content_hash_is_stable_under_comments_and_whitespace(
    catalogue: MeasureCatalogue,
) -> None:
    original = parse(shipped(), catalogue).content_hash
    text = "# a new comment at the top\n\n" + shipped()
    text = replace_once(text, "value = 42\n", "value   =   42   # six weeks\n\n\n")
    text = replace_once(text, '[[rules]]\nid = "R-DUE-DATE"', '\n\n[[rules]]\nid = "R-DUE-DATE"')
    assert parse(text, catalogue).content_hash == original


def test_content_hash_is_stable_under_key_order(catalogue: MeasureCatalogue) -> None:
    original = parse(shipped(), catalogue).content_hash
    text = edit_parameter(
        shipped(), "payment_term_days", 'unit = "days"\nvalue = 42', 'value = 42\nunit = "days"'
    )
    assert parse(text, catalogue).content_hash == original


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("value = 42", "value = 43", id="parameter-value"),
        pytest.param("by {due_date}.", "by {due_date}!", id="explanation"),
    ],
)
def test_content_hash_changes_when_a_value_changes(
    catalogue: MeasureCatalogue, old: str, new: str
) -> None:
    original = parse(shipped(), catalogue).content_hash
    assert parse(replace_once(shipped(), old, new), catalogue).content_hash != original


# --- load_directory ----------------------------------------------------------------------------


@pytest.fixture
def policy_dir(tmp_path: Path) -> Path:
    target = tmp_path / "policies"
    shutil.copytree(POLICY_DIR, target)
    return target


def directory_problems(directory: Path) -> list[PolicyProblem]:
    with pytest.raises(PolicyDocumentError) as caught:
        load_directory(directory)
    return caught.value.problems


def test_load_directory_loads_the_catalogue_and_every_version(policy_dir: Path) -> None:
    (policy_dir / "README.md").write_text("not a policy", encoding="utf-8")
    policies, catalogue = load_directory(policy_dir)
    assert [policy.version for policy in policies] == [
        "2023-01-01",
        "2024-01-01",
        "2025-01-01",
        "2026-01-01",
    ]
    assert [policy.source for policy in policies] == [
        "2023-01-01.toml",
        "2024-01-01.toml",
        "2025-01-01.toml",
        "2026-01-01.toml",
    ]
    assert catalogue.total_in_strategy == 45


def test_load_directory_requires_file_named_after_its_version(policy_dir: Path) -> None:
    (policy_dir / "2026-01-01.toml").rename(policy_dir / "latest.toml")
    problems = directory_problems(policy_dir)
    assert [(p.file, p.path) for p in problems] == [("latest.toml", "version")]
    assert "2026-01-01.toml" in problems[0].message


def test_load_directory_rejects_a_copy_under_another_date(policy_dir: Path) -> None:
    shutil.copy(policy_dir / "2025-01-01.toml", policy_dir / "2025-07-01.toml")
    problems = directory_problems(policy_dir)
    assert [(p.file, p.path) for p in problems] == [("2025-07-01.toml", "version")]


def test_load_directory_requires_supersedes_to_name_a_loaded_version(policy_dir: Path) -> None:
    (policy_dir / "2024-01-01.toml").unlink()
    problems = directory_problems(policy_dir)
    assert [(p.file, p.path) for p in problems] == [("2025-01-01.toml", "supersedes")]
    assert "2024-01-01" in problems[0].message


def test_load_directory_reports_problems_of_several_files(policy_dir: Path) -> None:
    broken_2024 = replace_once(shipped("2024-01-01"), 'title = "Inv', "title = Inv")
    (policy_dir / "2024-01-01.toml").write_text(broken_2024, encoding="utf-8")
    broken_2026 = edit_rule(
        shipped("2026-01-01"), "R-SMALL-CLAIM", 'field = "amount_cents"', 'field = "nationality"'
    )
    (policy_dir / "2026-01-01.toml").write_text(broken_2026, encoding="utf-8")
    found = {(p.file, p.path) for p in directory_problems(policy_dir)}
    assert ("2024-01-01.toml", "(document)") in found
    assert ("2026-01-01.toml", f"rules[{R_SMALL_CLAIM}].when.all[1].field") in found


def test_load_directory_without_policy_documents_is_an_error(policy_dir: Path) -> None:
    for path in policy_dir.glob("20*.toml"):
        path.unlink()
    problems = directory_problems(policy_dir)
    assert [p.path for p in problems] == ["(directory)"]


def test_load_directory_checks_rules_against_its_own_catalogue(policy_dir: Path) -> None:
    catalogue_path = policy_dir / "measures.toml"
    text = catalogue_path.read_text(encoding="utf-8")
    text = replace_once(text, 'id = "M-SMALL-CLAIMS"', 'id = "M-SMALL-CLAIMS-RENAMED"')
    catalogue_path.write_text(text, encoding="utf-8")
    problems = directory_problems(policy_dir)
    assert {p.file for p in problems} == {
        "2023-01-01.toml",
        "2024-01-01.toml",
        "2025-01-01.toml",
        "2026-01-01.toml",
    }
    assert all("M-SMALL-CLAIMS" in p.message for p in problems)
    assert f"rules[{R_SMALL_CLAIM}].measures[0]" in {p.path for p in problems}


def test_load_directory_validates_actions_without_importing_the_decider() -> None:
    # The loader checks every rule's action against the action registry; that must hold in a
    # fresh interpreter that imports only the loader (a policy-check tool, a migration script).
    code = (
        "from service.policy.loader import load_directory\n"
        "from pathlib import Path\n"
        f"policies, _ = load_directory(Path({str(POLICY_DIR)!r}))\n"
        "print(' '.join(policy.version for policy in policies))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01"]


# --- the measure catalogue file ----------------------------------------------------------------


def _catalogue_problems(tmp_path: Path, text: str) -> list[PolicyProblem]:
    path = tmp_path / "measures.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyDocumentError) as caught:
        load_catalogue(path)
    assert all(problem.file == "measures.toml" for problem in caught.value.problems)
    return caught.value.problems


def test_catalogue_rejects_a_duplicate_measure_id(tmp_path: Path) -> None:
    text = (POLICY_DIR / "measures.toml").read_text(encoding="utf-8")
    text = replace_once(text, 'id = "M-MAATWERK"', 'id = "M-AUTO-OFFSET"')
    problems = _catalogue_problems(tmp_path, text)
    assert [(p.path, p.message) for p in problems] == [("measures[2].id", "duplicate measure id")]


def test_catalogue_rejects_more_measures_than_the_strategy_has(tmp_path: Path) -> None:
    text = (POLICY_DIR / "measures.toml").read_text(encoding="utf-8")
    text = replace_once(text, "total_in_strategy = 45", "total_in_strategy = 14")
    problems = _catalogue_problems(tmp_path, text)
    assert [p.path for p in problems] == ["measures"]


def test_catalogue_rejects_an_unknown_status(tmp_path: Path) -> None:
    text = (POLICY_DIR / "measures.toml").read_text(encoding="utf-8")
    text = replace_once(text, 'status = "ambition"', 'status = "someday"')
    problems = _catalogue_problems(tmp_path, text)
    assert [p.path for p in problems] == ["measures[8].status"]

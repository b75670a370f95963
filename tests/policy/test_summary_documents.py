"""The `[summaries.<outcome>]` tables of a policy document: which placeholders they may use and
that every outcome the policy's rules can decide has one.

As in test_loader.py, every bad document is a shipped policy with one thing changed, and each
test asserts the path the problem names.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from service.policy.errors import PolicyDocumentError
from service.policy.loader import load_directory, parse_policy
from service.policy.measures import MeasureCatalogue, load_catalogue
from service.rules.registry import ACTIONS, Decides, action
from service.rules.summary import INSTALMENT_PLAN, NO_PLAN, SUMMARY_PLACEHOLDERS
from tests.conftest import POLICY_DIR
from tests.policy.test_loader import (
    FILE,
    _block,
    _position,
    only_problem,
    parse,
    paths,
    problems_of,
    replace_once,
    shipped,
)

OUTCOMES = {
    "offset",
    "standard_arrangement",
    "personal_arrangement",
    "no_further_measures",
    "not_recovered",
    "nothing_due",
    "paused_herstel",
    "immediate_collection",
}
# Outcomes the legacy 2023 version cannot decide: it has no automatic offsetting, no herstel
# moratorium and no immediate collection (Awir 31a).
NOT_IN_2023 = {"offset", "paused_herstel", "immediate_collection"}


@pytest.fixture(scope="module")
def catalogue() -> MeasureCatalogue:
    return load_catalogue(POLICY_DIR / "measures.toml")


def edit_summary(text: str, outcome: str, old: str, new: str) -> str:
    """Replace `old` (exactly once) inside the summary table of this outcome."""
    begin, stop = _block(text, f"[summaries.{outcome}]\n", "\n\n")
    return text[:begin] + replace_once(text[begin:stop], old, new) + text[stop:]


def drop_summary(text: str, outcome: str) -> str:
    begin, stop = _block(text, f"[summaries.{outcome}]\n", "\n\n")
    return text[:begin] + text[stop + 2 :]


def drop_rule(text: str, rule_id: str) -> str:
    begin, stop = _block(text, f'[[rules]]\nid = "{rule_id}"\n', "\n[[rules]]\n")
    return text[:begin] + text[stop + 1 :]


# --- what the shipped versions hold ------------------------------------------------------------


def test_shipped_version_has_a_summary_of_every_outcome(catalogue: MeasureCatalogue) -> None:
    policy = parse(shipped(), catalogue)
    assert set(policy.summaries) == OUTCOMES
    # Only the personal arrangement comes both with and without a remainder.
    assert {o for o, s in policy.summaries.items() if s.partial is not None} == {
        "personal_arrangement"
    }
    assert "{monthly}" in policy.summaries["standard_arrangement"].text.nl
    partial = policy.summaries["personal_arrangement"].partial
    assert partial is not None
    assert "{offset_window_end}" in partial.en
    assert "{restart_date}" in policy.summaries["paused_herstel"].text.en
    # Immediate collection: the whole total, due at once.
    immediate = policy.summaries["immediate_collection"].text
    for placeholder in ("{total}", "{first_due_date}"):
        assert placeholder in immediate.nl
        assert placeholder in immediate.en


# --- placeholders ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_unknown_placeholder_in_a_summary_is_rejected(
    catalogue: MeasureCatalogue, language: str
) -> None:
    text = edit_summary(
        shipped(), "standard_arrangement", f'\n{language} = "', f'\n{language} = "{{nationality}} '
    )
    problem = only_problem(text, catalogue)
    assert problem.file == FILE
    assert problem.path == f"summaries.standard_arrangement.{language}"
    assert "unknown placeholder(s) ['nationality']" in problem.message
    assert str(problem).startswith(f"{FILE}: summaries.standard_arrangement.{language}: ")


def test_unknown_placeholder_in_a_partial_text_is_located(catalogue: MeasureCatalogue) -> None:
    text = edit_summary(
        shipped(), "personal_arrangement", 'partial.en = "', 'partial.en = "{risk_score} '
    )
    problem = only_problem(text, catalogue)
    assert problem.path == "summaries.personal_arrangement.partial.en"
    assert "risk_score" in problem.message


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("capacity", id="action-variable"),
        pytest.param("standard_min_monthly_cents", id="parameter"),
    ],
)
def test_rule_variables_and_parameters_are_not_summary_placeholders(
    catalogue: MeasureCatalogue, name: str
) -> None:
    # Summaries are built from the decision alone, whichever rule decided it.
    text = edit_summary(shipped(), "personal_arrangement", '\nen = "', f'\nen = "{{{name}}} ')
    problem = only_problem(text, catalogue)
    assert problem.path == "summaries.personal_arrangement.en"
    assert f"unknown placeholder(s) ['{name}']" in problem.message


def test_placeholder_the_outcome_never_has_is_rejected(catalogue: MeasureCatalogue) -> None:
    # A not_recovered decision has no plan, so no monthly amount.
    text = edit_summary(shipped(), "not_recovered", 'nl = "', 'nl = "{monthly} ')
    problem = only_problem(text, catalogue)
    assert problem.path == "summaries.not_recovered.nl"
    assert "['monthly'] have no value in a 'not_recovered' decision" in problem.message


def test_restart_date_only_in_the_herstel_pause(catalogue: MeasureCatalogue) -> None:
    # Only a decision pausing collection for a recognised victim has a restart date.
    text = edit_summary(
        shipped(), "personal_arrangement", 'partial.nl = "', 'partial.nl = "{restart_date} '
    )
    problem = only_problem(text, catalogue)
    assert problem.path == "summaries.personal_arrangement.partial.nl"
    assert "['restart_date'] have no value in a 'personal_arrangement' decision" in problem.message


def test_remainder_placeholders_only_in_the_partial_text(catalogue: MeasureCatalogue) -> None:
    # A personal arrangement that pays everything has no review date.
    text = edit_summary(shipped(), "personal_arrangement", '\nen = "', '\nen = "{review_date} ')
    problem = only_problem(text, catalogue)
    assert problem.path == "summaries.personal_arrangement.en"
    assert "review_date" in problem.message


def test_every_placeholder_of_a_partial_personal_arrangement_is_accepted(
    catalogue: MeasureCatalogue,
) -> None:
    # Every placeholder but the offset's net allowance and the herstel moratorium's restart date,
    # which a personal arrangement never has.
    names = sorted(INSTALMENT_PLAN | {"review_date", "offset_window_end"})
    assert set(names) == SUMMARY_PLACEHOLDERS.keys() - {"net_allowance", "restart_date"}
    every = " ".join(f"{{{name}}}" for name in names)
    text = edit_summary(
        shipped(), "personal_arrangement", 'partial.nl = "', f'partial.nl = "{every} '
    )
    partial = parse(text, catalogue).summaries["personal_arrangement"].partial
    assert partial is not None
    assert partial.nl.startswith(every)


@pytest.mark.parametrize("broken", ["{total", "{Total}", "{}"])
def test_stray_brace_in_a_summary_is_rejected(catalogue: MeasureCatalogue, broken: str) -> None:
    text = edit_summary(
        shipped(), "standard_arrangement", "The total is {total}.", f"The total is {broken}."
    )
    problems = problems_of(text, catalogue)
    assert paths(problems) == ["summaries.standard_arrangement.en"]
    assert "'{'" in problems[0].message


# --- coverage: every outcome the rules can decide has a summary --------------------------------


def test_missing_summary_of_an_outcome_is_rejected(catalogue: MeasureCatalogue) -> None:
    problem = only_problem(drop_summary(shipped(), "offset"), catalogue)
    assert problem.path == "summaries.offset"
    offset = _position("R-AUTO-OFFSET")
    assert f"rules[{offset}] (R-AUTO-OFFSET) can decide outcome 'offset'" in problem.message
    assert str(problem).startswith(f"{FILE}: summaries.offset: missing:")


def test_missing_summary_names_every_rule_that_decides_the_outcome(
    catalogue: MeasureCatalogue,
) -> None:
    problem = only_problem(drop_summary(shipped(), "standard_arrangement"), catalogue)
    assert problem.path == "summaries.standard_arrangement"
    for rule_id in (
        "R-STANDARD-ARRANGEMENT",
        "R-PERSONAL-REFUSED-ASSETS",
        "R-PERSONAL-REFUSED-CAPACITY",
    ):
        assert f"rules[{_position(rule_id)}] ({rule_id})" in problem.message
    assert "R-AUTO-OFFSET" not in problem.message  # method = offset decides 'offset'


def test_missing_partial_text_is_rejected(catalogue: MeasureCatalogue) -> None:
    begin, stop = _block(shipped(), "[summaries.personal_arrangement]\n", "\n\n")
    table = shipped()[begin:stop]
    without = "\n".join(line for line in table.split("\n") if not line.startswith("partial."))
    problem = only_problem(shipped()[:begin] + without + shipped()[stop:], catalogue)
    assert problem.path == "summaries.personal_arrangement.partial"
    assert "R-PERSONAL-PARTIAL" in problem.message
    assert "leaves part of the debt unpaid" in problem.message


def test_document_without_summaries_lists_every_outcome(catalogue: MeasureCatalogue) -> None:
    text = shipped()
    for outcome in OUTCOMES:
        text = drop_summary(text, outcome)
    problems = problems_of(text, catalogue)
    assert sorted(paths(problems)) == sorted(f"summaries.{outcome}" for outcome in OUTCOMES)


def test_an_outcome_no_rule_can_decide_needs_no_summary(catalogue: MeasureCatalogue) -> None:
    # Without R-AUTO-OFFSET no rule runs plan_standard with method = offset.
    text = drop_summary(drop_rule(shipped(), "R-AUTO-OFFSET"), "offset")
    policy = parse(text, catalogue)
    assert "offset" not in policy.summaries
    assert "R-AUTO-OFFSET" not in {rule.id for rule in policy.rules}


def test_adding_an_outcome_to_an_action_forces_a_summary(
    catalogue: MeasureCatalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A later version of the action may also decide a new outcome: every policy using it must
    # then say what the debtor is told.
    spec = ACTIONS["decide_no_further_measures"]
    extra = Decides("bailiff_handover", NO_PLAN)
    monkeypatch.setitem(
        ACTIONS, spec.name, dataclasses.replace(spec, decides=(*spec.decides, extra))
    )

    problem = only_problem(shipped(), catalogue)
    assert problem.path == "summaries.bailiff_handover"
    assert "(R-NO-FURTHER-MEASURES) can decide outcome 'bailiff_handover'" in problem.message

    text = replace_once(
        shipped(),
        "[summaries.nothing_due]\n",
        '[summaries.bailiff_handover]\nnl = "Betaal nu."\nen = "Pay now."\n\n'
        "[summaries.nothing_due]\n",
    )
    assert parse(text, catalogue).summaries["bailiff_handover"].text.en == "Pay now."


# --- summaries that belong to no outcome -------------------------------------------------------


def test_summary_of_an_outcome_no_action_decides_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = replace_once(shipped(), "[summaries.nothing_due]\n", "[summaries.standard_arangement]\n")
    problems = problems_of(text, catalogue)
    by_path = {problem.path: problem.message for problem in problems}
    assert (
        "no action decides outcome 'standard_arangement'"
        in by_path["summaries.standard_arangement"]
    )
    # ...and the outcome it should have named has none now.
    assert "summaries.nothing_due" in by_path


def test_partial_text_for_an_outcome_with_one_form_is_rejected(
    catalogue: MeasureCatalogue,
) -> None:
    text = edit_summary(
        shipped(),
        "no_further_measures",
        'en = "',
        'partial.nl = "Niets."\npartial.en = "Nothing."\nen = "',
    )
    problem = only_problem(text, catalogue)
    assert problem.path == "summaries.no_further_measures.partial"
    assert "never used" in problem.message


# --- the schema of a summary table -------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        pytest.param(
            'en = "', 'colour = "red"\nen = "', "summaries.offset.colour", "unknown field", id="key"
        ),
        pytest.param(
            '\nen = "', '\n# en = "', "summaries.offset.en", "required field is missing", id="en"
        ),
    ],
)
def test_schema_problem_in_a_summary_names_the_outcome(
    catalogue: MeasureCatalogue, old: str, new: str, path: str, message: str
) -> None:
    problems = problems_of(edit_summary(shipped(), "offset", old, new), catalogue)
    assert [(p.path, p.message) for p in problems] == [(path, message)]


def test_empty_summary_text_is_rejected(catalogue: MeasureCatalogue) -> None:
    text = edit_summary(shipped(), "not_recovered", 'nl = "U hoeft', 'nl = ""\n# "')
    problem = only_problem(text, catalogue)
    assert problem.path == "summaries.not_recovered.nl"


def test_load_directory_names_the_file_of_a_bad_summary(tmp_path: Path) -> None:
    target = tmp_path / "policies"
    shutil.copytree(POLICY_DIR, target)
    text = edit_summary(shipped("2026-01-01"), "offset", 'nl = "', 'nl = "{bsn} ')
    (target / "2026-01-01.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PolicyDocumentError) as caught:
        load_directory(target)
    assert [(p.file, p.path) for p in caught.value.problems] == [
        ("2026-01-01.toml", "summaries.offset.nl")
    ]


def test_shipped_text_of_every_version_parses(catalogue: MeasureCatalogue) -> None:
    for path in sorted(POLICY_DIR.glob("20*.toml")):
        policy = parse_policy(path.read_text(encoding="utf-8"), path.name, catalogue)
        # Exactly the outcomes its rules can decide: the 2023 version, without automatic
        # offsetting, the herstel moratorium or immediate collection, has no 'offset',
        # 'paused_herstel' or 'immediate_collection'; the strategy versions have all of them.
        decidable = {
            decides.outcome
            for rule in policy.rules
            for decides in ACTIONS[rule.action].outcomes_for(rule.args)
        }
        assert set(policy.summaries) == decidable, path.name
        assert decidable == (
            OUTCOMES - NOT_IN_2023 if policy.version == "2023-01-01" else OUTCOMES
        ), path.name


# --- the declarations on the actions -----------------------------------------------------------


def _noop(*_: object) -> dict[str, object]:
    return {}


@pytest.mark.parametrize(
    ("decides", "message"),
    [
        pytest.param(
            Decides("offset", NO_PLAN, args={"method": "cash"}), "method='cash'", id="arg-value"
        ),
        pytest.param(
            Decides("offset", NO_PLAN | {"nationality"}), "['nationality']", id="placeholder"
        ),
        pytest.param(
            Decides("offset", NO_PLAN, partial=frozenset({"bsn"})), "['bsn']", id="partial"
        ),
    ],
)
def test_an_action_declaring_a_wrong_outcome_does_not_register(
    decides: Decides, message: str
) -> None:
    register = action(
        "test_only_action",
        stage="debtor_plan",
        summary="for this test",
        variables=set(),
        args={"method": ("transfer", "offset")},
        decides=(decides,),
    )
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        register(_noop)  # type: ignore[arg-type]
    assert "test_only_action" not in ACTIONS


def test_each_plan_standard_method_decides_one_outcome() -> None:
    spec = ACTIONS["plan_standard"]
    assert [d.outcome for d in spec.outcomes_for({"method": "offset"})] == ["offset"]
    assert [d.outcome for d in spec.outcomes_for({"method": "transfer"})] == [
        "standard_arrangement"
    ]
    # Claim rules decide no outcome.
    assert ACTIONS["set_due_date"].outcomes_for({}) == ()

"""A stage call is skipped when no fact meets any rule's necessary literal comparisons; that must
never change a decision. Every case the project ships (policy cases, worked examples) and a
synthetic mix is decided with and without skipping, and the decisions must be equal."""

from __future__ import annotations

import sys
import tomllib
from datetime import date

import msgspec
import pytest

from service.config import PROJECT_ROOT
from service.decider import Decider
from service.domain.case import Case
from service.engine.durable_engine import DurableRulesEngine, _necessary_tests, _StageRules
from service.measure_examples import EXAMPLES
from service.policy.conditions import ConditionParser, ParameterShape
from service.policy.registry import PolicyRegistry
from tests.conftest import POLICY_DIR

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
from synthetic import generate_cases


def _cases() -> list[Case]:
    cases = [
        msgspec.convert(tomllib.loads(path.read_text(encoding="utf-8"))["case"], Case)
        for path in sorted((POLICY_DIR / "cases").glob("*.toml"))
    ]
    cases += [msgspec.convert(example.body, Case) for example in EXAMPLES]
    return cases + generate_cases(300, 20251126)


@pytest.fixture(scope="module")
def without_skipping(registry: PolicyRegistry) -> Decider:
    decider = Decider(DurableRulesEngine(skip_hopeless_calls=False))
    for policy in registry.policies:
        decider.prepare(policy)
    return decider


@pytest.mark.parametrize("version", [None, "2023-01-01", "2024-01-01", "2026-01-01"])
def test_skipping_hopeless_engine_calls_changes_no_decision(
    version: str | None,
    registry: PolicyRegistry,
    decider: Decider,
    without_skipping: Decider,
) -> None:
    for case in _cases():
        pinned = msgspec.structs.replace(case, policy_version=version or case.policy_version)
        policy = registry.choose(pinned.as_of, pinned.policy_version)
        assert decider.decide(pinned, policy) == without_skipping.decide(pinned, policy)


def _guard(condition: dict[str, object]) -> _StageRules:
    parsed = ConditionParser(
        "debtor_terms", {"pause_max_months": ParameterShape("int", dated=False)}
    ).parse(condition, "when")
    return _StageRules("ruleset", (), (), (_necessary_tests(parsed),))


def test_a_call_is_skipped_only_when_every_fact_fails_a_necessary_comparison() -> None:
    rules = _guard(
        {
            "all": [
                {"field": "pause_requested", "eq": True},
                {"field": "pause_months", "gt": 2},
                {"field": "pause_months", "lte": {"param": "pause_max_months"}},  # not a literal
            ]
        }
    )
    assert rules.cannot_match([{"pause_requested": False, "pause_months": 3}])
    assert rules.cannot_match([{"pause_requested": True, "pause_months": 2}])
    assert not rules.cannot_match([{"pause_requested": True, "pause_months": 3}])
    # One fact that may match is enough to make the call.
    assert not rules.cannot_match(
        [
            {"pause_requested": False, "pause_months": 0},
            {"pause_requested": True, "pause_months": 9},
        ]
    )


def test_a_rule_without_a_literal_comparison_at_the_top_is_always_called() -> None:
    rules = _guard(
        {
            "any": [
                {"field": "pause_requested", "eq": True},
                {"field": "as_of", "gt": date(2025, 1, 1)},
            ]
        }
    )
    assert not rules.cannot_match([{"pause_requested": False, "as_of": date(2024, 1, 1)}])

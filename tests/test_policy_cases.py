"""Run the policy test cases in policies/cases/ (tests as data) against the real engine."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import pytest

from service.decider import Decider
from service.domain.case import Case
from service.policy.registry import PolicyRegistry
from tests.conftest import POLICY_DIR

CASES = sorted((POLICY_DIR / "cases").glob("*.toml"))


def _plain(value: Any) -> Any:
    """TOML dates as the ISO strings the decision uses."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def test_there_are_policy_cases() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_policy_case(path: Path, registry: PolicyRegistry, decider: Decider) -> None:
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    case = msgspec.convert(document["case"], Case)
    policy = registry.choose(case.as_of, case.policy_version)
    decision = msgspec.json.decode(msgspec.json.encode(decider.decide(case, policy)))
    expect = _plain(document["expect"])

    assert decision["outcome"] == expect["outcome"], document["title"]
    if "requires_review" in expect:
        assert decision["requires_review"] == expect["requires_review"]
    if "review_reasons" in expect:
        assert decision["review_reasons"] == expect["review_reasons"]
    for key, value in expect.get("pause", {}).items():
        assert decision["pause"] is not None
        assert decision["pause"][key] == value, f"pause.{key}"
    if "next_steps" in expect:
        assert decision["next_steps"] == expect["next_steps"]
    fired = {entry["rule"] for entry in decision["trace"]}
    assert set(expect.get("rules", [])) <= fired, f"missing rules: {expect.get('rules')}"
    assert not set(expect.get("absent_rules", [])) & fired
    for key, value in expect.get("plan", {}).items():
        assert decision["plan"] is not None
        assert decision["plan"][key] == value, f"plan.{key}"
    starts = expect.get("schedule_starts", [])
    if starts:
        schedule = [item["due_date"] for item in decision["plan"]["schedule"]]
        assert schedule[: len(starts)] == starts
    by_ref = {claim["ref"]: claim for claim in decision["claims"]}
    for expected in expect.get("claims", []):
        actual = by_ref[expected["ref"]]
        for key, value in expected.items():
            assert actual[key] == value, f"claims[{expected['ref']}].{key}"

"""docs/measures.md shows what the service decides: regenerate it with `make docs`."""

from __future__ import annotations

import pytest

from service.config import PROJECT_ROOT
from service.decider import Decider
from service.measure_examples import EXAMPLES, Example, decide, readme_with_examples, render
from service.policy.registry import PolicyRegistry


def test_docs_measures_md_matches_what_the_service_decides(
    registry: PolicyRegistry, decider: Decider
) -> None:
    written = (PROJECT_ROOT / "docs" / "measures.md").read_text(encoding="utf-8")
    assert written == render(registry, decider), "docs/measures.md is stale: run `make docs`"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.title)
def test_each_example_shows_the_rules_it_names_and_its_measures(
    example: Example, registry: PolicyRegistry, decider: Decider
) -> None:
    decision = decide(example, registry, decider)
    fired = {entry.rule for entry in decision.trace}
    assert set(example.rules) <= fired
    measures = {measure for entry in decision.trace for measure in entry.measures}
    assert set(example.measures) <= measures


def test_every_measure_the_2025_version_encodes_has_an_example(registry: PolicyRegistry) -> None:
    policy = registry.get("2025-01-01")
    assert policy is not None
    shown = {measure for example in EXAMPLES for measure in example.measures}
    assert set(policy.measures_encoded()) <= shown


def test_the_readme_examples_match_what_the_service_decides(
    registry: PolicyRegistry, decider: Decider
) -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == readme_with_examples(readme, registry, decider), (
        "the examples in README.md are stale: run `make docs`"
    )

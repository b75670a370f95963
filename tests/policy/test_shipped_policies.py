"""The shipped policy versions and measure catalogue hold the values of collection-rules.md."""

from __future__ import annotations

from datetime import date

import pytest

from service.domain.series import NoValueBefore
from service.policy.conditions import AllOf, describe
from service.policy.model import Policy
from service.policy.registry import PolicyRegistry
from service.policy.stages import STAGES

VERSIONS = ["2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01"]

# collection-rules.md §1: the measures known by id.
KNOWN_MEASURES = {
    "M-AUTO-OFFSET",
    "M-ONE-ARRANGEMENT",
    "M-MAATWERK",
    "M-SIMPLE-PAYMENT",
    "M-PAUSE",
    "M-NO-AUTO-INTERRUPT",
    "M-INTEREST-INFO",
    "M-ARRANGEMENT-IN-ENFORCEMENT",
    "M-LONGER-TERM",
    "M-SMALL-CLAIMS",
    "M-NO-INTEREST-RESTART",
    "M-NO-INTEREST-HERSTEL",
    "M-DECOUPLED-RATE",
    "M-SUBSISTENCE",
    "M-NO-FURTHER-MEASURES",
}


def version(registry: PolicyRegistry, name: str) -> Policy:
    policy = registry.get(name)
    assert policy is not None, name
    return policy


# --- the versions ------------------------------------------------------------------------------


def test_four_versions_load(registry: PolicyRegistry) -> None:
    assert [policy.version for policy in registry.policies] == VERSIONS


@pytest.mark.parametrize("name", VERSIONS)
def test_version_string_is_the_effective_date(registry: PolicyRegistry, name: str) -> None:
    policy = version(registry, name)
    assert policy.effective_from == date.fromisoformat(name)
    assert policy.version == policy.effective_from.isoformat()
    assert policy.source == f"{name}.toml"


def test_supersedes_chain(registry: PolicyRegistry) -> None:
    assert version(registry, "2023-01-01").supersedes is None
    assert version(registry, "2024-01-01").supersedes == "2023-01-01"
    assert version(registry, "2025-01-01").supersedes == "2024-01-01"
    assert version(registry, "2026-01-01").supersedes == "2025-01-01"


def test_versions_have_distinct_content_hashes(registry: PolicyRegistry) -> None:
    hashes = [policy.content_hash for policy in registry.policies]
    assert len(set(hashes)) == 4
    assert all(len(value) == 64 for value in hashes)


# --- §2 small-claim threshold ------------------------------------------------------------------

THRESHOLD_SERIES = {
    "2023-01-01": (
        (date(1900, 1, 1), date(2023, 1, 1)),
        (0, 10_600),
    ),
    "2024-01-01": (
        (date(1900, 1, 1), date(2023, 1, 1), date(2024, 1, 1)),
        (0, 10_600, 11_600),
    ),
    "2025-01-01": (
        (date(1900, 1, 1), date(2023, 1, 1), date(2024, 1, 1), date(2025, 1, 1)),
        (0, 10_600, 11_600, 11_800),
    ),
    "2026-01-01": (
        (date(1900, 1, 1), date(2023, 1, 1), date(2024, 1, 1), date(2025, 1, 1), date(2026, 1, 1)),
        (0, 10_600, 11_600, 11_800, 12_100),
    ),
}


@pytest.mark.parametrize("name", VERSIONS)
def test_small_claim_threshold_series(registry: PolicyRegistry, name: str) -> None:
    parameter = version(registry, name).parameters["small_claim_threshold_cents"]
    assert parameter.unit == "cents"
    assert parameter.series is not None
    assert (parameter.series.starts, parameter.series.values) == THRESHOLD_SERIES[name]


@pytest.mark.parametrize(
    ("name", "decided", "threshold"),
    [
        ("2023-01-01", date(2022, 12, 31), 0),
        ("2023-01-01", date(2023, 1, 1), 10_600),
        ("2023-01-01", date(2025, 6, 1), 10_600),
        ("2024-01-01", date(2022, 12, 31), 0),
        ("2024-01-01", date(2023, 1, 1), 10_600),
        ("2024-01-01", date(2023, 12, 31), 10_600),
        ("2024-01-01", date(2024, 1, 1), 11_600),
        ("2024-01-01", date(2025, 6, 1), 11_600),
        ("2025-01-01", date(2010, 5, 1), 0),
        ("2025-01-01", date(2024, 12, 31), 11_600),
        ("2025-01-01", date(2025, 1, 1), 11_800),
        ("2025-01-01", date(2026, 6, 1), 11_800),
        ("2026-01-01", date(2025, 12, 31), 11_800),
        ("2026-01-01", date(2026, 1, 1), 12_100),
        ("2026-01-01", date(2026, 12, 31), 12_100),
    ],
)
def test_small_claim_threshold_by_decision_date(
    registry: PolicyRegistry, name: str, decided: date, threshold: int
) -> None:
    assert version(registry, name).series("small_claim_threshold_cents").at(decided) == threshold


# --- §6 interest rate --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "day", "rate"),
    [
        ("2023-01-01", date(2015, 1, 1), 400),
        ("2023-01-01", date(2026, 6, 1), 400),
        ("2024-01-01", date(2015, 1, 1), 400),
        ("2024-01-01", date(2026, 6, 1), 400),
        ("2025-01-01", date(2020, 7, 1), 400),
        ("2025-01-01", date(2026, 6, 1), 400),
        ("2026-01-01", date(2015, 1, 1), 400),
        ("2026-01-01", date(2025, 12, 31), 400),
        ("2026-01-01", date(2026, 1, 1), 430),
        ("2026-01-01", date(2030, 1, 1), 430),
    ],
)
def test_interest_rate_by_day(registry: PolicyRegistry, name: str, day: date, rate: int) -> None:
    assert version(registry, name).series("interest_rate_basis_points").at(day) == rate


@pytest.mark.parametrize("name", VERSIONS)
def test_interest_rate_starts_in_2015(registry: PolicyRegistry, name: str) -> None:
    parameter = version(registry, name).parameters["interest_rate_basis_points"]
    assert parameter.unit == "basis_points"
    assert parameter.series is not None
    assert parameter.series.first_date == date(2015, 1, 1)
    with pytest.raises(NoValueBefore):
        parameter.series.at(date(2014, 12, 31))


def test_only_the_2026_version_has_the_rate_of_2026(registry: PolicyRegistry) -> None:
    for name in VERSIONS:
        values = version(registry, name).series("interest_rate_basis_points").values
        assert (430 in values) == (name == "2026-01-01"), name
        assert set(values) <= {400, 430}


# --- scalar parameters -------------------------------------------------------------------------

SCALARS = [
    ("payment_term_days", "days", 42),
    ("limitation_years", "years", 5),
    ("interest_day_count", "days", 365),
    ("standard_min_monthly_cents", "cents", 2_000),
    ("standard_max_instalments", "count", 24),
    ("standard_rounding_cents", "cents", 100),
    ("personal_asset_limit_cents", "cents", 0),
    ("personal_review_after_instalments", "count", 12),
    ("no_further_measures_offset_window_years", "years", 3),
    # Costs (Kostenwet via Awir 34(2)) and the terms of the collection acts (§8).
    ("aanmaning_costs_low_cents", "cents", 900),
    ("aanmaning_costs_high_cents", "cents", 1_900),
    ("aanmaning_costs_threshold_cents", "cents", 45_400),
    ("dwangbevel_costs_base_cents", "cents", 3_900),
    ("dwangbevel_costs_step_cents", "cents", 300),
    ("dwangbevel_costs_step_size_cents", "cents", 4_500),
    ("reminder_term_days", "days", 14),
    ("aanmaning_term_days", "days", 14),
    ("dwangbevel_term_days", "days", 2),
]


@pytest.mark.parametrize("name", VERSIONS)
@pytest.mark.parametrize(("parameter", "unit", "value"), SCALARS)
def test_scalar_parameters(
    registry: PolicyRegistry, name: str, parameter: str, unit: str, value: int
) -> None:
    policy = version(registry, name)
    assert policy.parameters[parameter].unit == unit
    assert policy.integer(parameter) == value


@pytest.mark.parametrize("name", VERSIONS)
def test_limitation_is_interrupted_by_the_acts_of_awb_4_105(
    registry: PolicyRegistry, name: str
) -> None:
    events = version(registry, name).names("limitation_interrupting_events")
    # A collector's interruption is a written claim (Awb 4:105), recorded with who and why.
    assert set(events) == {
        "aanmaning",
        "dwangbevel",
        "offset",
        "written_claim",
        "payment",
        "interruption",
    }


# --- rules -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", VERSIONS)
def test_every_rule_has_a_legal_basis(registry: PolicyRegistry, name: str) -> None:
    for rule in version(registry, name).rules:
        assert rule.legal_basis.strip(), rule.id


@pytest.mark.parametrize("name", VERSIONS)
def test_every_rule_measure_is_in_the_catalogue(registry: PolicyRegistry, name: str) -> None:
    ids = registry.catalogue.ids()
    policy = version(registry, name)
    for rule in policy.rules:
        assert set(rule.measures) <= ids, rule.id
    assert set(policy.measures_encoded()) <= ids


@pytest.mark.parametrize("name", VERSIONS)
def test_rule_ids_are_unique_and_every_stage_has_rules(registry: PolicyRegistry, name: str) -> None:
    policy = version(registry, name)
    ids = [rule.id for rule in policy.rules]
    assert len(ids) == len(set(ids))
    for stage in STAGES:
        assert policy.rules_of(stage), stage


@pytest.mark.parametrize("name", VERSIONS)
def test_small_claim_rules_follow_awir_26a(registry: PolicyRegistry, name: str) -> None:
    # Equal to the threshold: not recovered; one cent above: recovered; advances always.
    by_id = {rule.id: rule for rule in version(registry, name).rules}
    small, above, advance = (
        by_id["R-SMALL-CLAIM"],
        by_id["R-ABOVE-THRESHOLD"],
        by_id["R-ADVANCE-ALWAYS"],
    )
    assert (small.action, above.action, advance.action) == (
        "mark_not_recovered",
        "mark_recoverable",
        "mark_recoverable",
    )
    assert describe(small.when) == (
        "origin == 'definitive' and "
        "amount_cents <= param small_claim_threshold_cents at decision_date"
    )
    assert describe(above.when) == (
        "origin == 'definitive' and "
        "amount_cents > param small_claim_threshold_cents at decision_date"
    )
    assert describe(advance.when) == "origin == 'advance'"
    assert "M-SMALL-CLAIMS" in small.measures


# Actions that set a plan with instalments or announce no further measures: none of them may run
# where the whole amount is collected at once (Awir 31a).
PLAN_ACTIONS = {"plan_standard", "plan_personal", "decide_no_further_measures"}


@pytest.mark.parametrize("name", ["2024-01-01", "2025-01-01", "2026-01-01"])
def test_no_plan_rule_runs_on_a_ground_for_immediate_collection(
    registry: PolicyRegistry, name: str
) -> None:
    policy = version(registry, name)
    plan_rules = [rule for rule in policy.rules if rule.action in PLAN_ACTIONS]
    assert plan_rules
    for rule in plan_rules:
        assert isinstance(rule.when, AllOf), rule.id
        conditions = [describe(item) for item in rule.when.items]
        first = conditions.index("collectible_count > 0")
        assert conditions[first + 1] == "immediate_collection_ground == 'none'", rule.id
    (immediate,) = [rule for rule in policy.rules if rule.id == "R-IMMEDIATE-COLLECTION"]
    assert immediate.stage == "debtor_plan"
    assert immediate.action == "decide_immediate_collection"
    assert describe(immediate.when) == (
        "collectible_count > 0 and immediate_collection_ground != 'none'"
    )


def test_the_2023_version_has_no_immediate_collection(registry: PolicyRegistry) -> None:
    policy = version(registry, "2023-01-01")
    assert "immediate_collection_ground" not in " ".join(
        describe(rule.when) for rule in policy.rules
    )
    assert "decide_immediate_collection" not in {rule.action for rule in policy.rules}


# --- the measure catalogue (§1) ----------------------------------------------------------------


def test_catalogue_counts_45_measures_in_the_strategy(registry: PolicyRegistry) -> None:
    assert registry.catalogue.total_in_strategy == 45


def test_catalogue_has_the_known_measures(registry: PolicyRegistry) -> None:
    assert registry.catalogue.ids() >= KNOWN_MEASURES
    assert len(registry.catalogue.measures) <= registry.catalogue.total_in_strategy


def test_catalogue_ids_are_unique_and_named_in_both_languages(registry: PolicyRegistry) -> None:
    ids = [measure.id for measure in registry.catalogue.measures]
    assert len(ids) == len(set(ids))
    for measure in registry.catalogue.measures:
        assert measure.name.nl.strip()
        assert measure.name.en.strip()
        assert measure.source.strip()

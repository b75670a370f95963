"""Policy versions and the measure catalogue, read through the API."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from typing import Any

import asyncpg
import httpx
import pytest

from service.config import PROJECT_ROOT
from service.policy.registry import PolicyRegistry
from service.policy.stages import STAGES
from tests.api.support import assert_problem

Client = httpx.AsyncClient
VERSIONS = ["2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01"]
# The rules of the collection strategy (2024, 2025 and 2026).
RULE_IDS = {
    "R-CAPACITY-FROM-INCOME",
    "R-PAUSE-GRANTED",
    "R-PAUSE-NO-ARRANGEMENT",
    "R-PAUSE-OTHER-REASON",
    "R-PAUSE-TOO-LONG",
    "R-PAUSE-TOO-SOON",
    "R-PAUSE-BACKDATED",
    "R-PAUSE-TOO-FAR-AHEAD",
    "R-DUE-DATE",
    "R-LIMITATION",
    "R-BALANCE-INTEREST",
    "R-NO-INTEREST-HERSTEL",
    "R-NO-INTEREST-PAUSE",
    "R-NO-INTEREST-ARRANGEMENT",
    "R-NO-INTEREST-RESTART",
    "R-SMALL-CLAIM",
    "R-ABOVE-THRESHOLD",
    "R-ADVANCE-ALWAYS",
    "R-HERSTEL-REMITTED",
    "R-HERSTEL-MORATORIUM",
    "R-EXPIRED",
    "R-SETTLED",
    "R-LIMITATION-INTERRUPT",
    "R-LIMITATION-EXPIRE-SMALL",
    "R-LIMITATION-EXPIRE-NO-MEANS",
    "R-LIMITATION-COLLECTOR",
    "R-MAATWERK-PROBLEM-DEBTS",
    "R-MAATWERK-DEBT-COUNSELLING",
    "R-MAATWERK-LOW-INCOME",
    "R-MAATWERK-PROTECTED-INCOME",
    "R-MAATWERK-LIFE-EVENT",
    "R-MAATWERK-ZERO-CAPACITY",
    "R-HERSTEL-ALL-PAUSED",
    "R-IMMEDIATE-COLLECTION",
    "R-NOT-RECOVERED",
    "R-NOTHING-DUE",
    "R-AUTO-OFFSET",
    "R-STANDARD-ARRANGEMENT",
    "R-PERSONAL-REFUSED-ASSETS",
    "R-PERSONAL-REFUSED-CAPACITY",
    "R-PERSONAL-ARRANGEMENT",
    "R-PERSONAL-PARTIAL",
    "R-NO-FURTHER-MEASURES",
    "R-REMINDER",
    "R-WITHDRAW-ARRANGEMENT",
    "R-AANMANING",
    "R-DWANGBEVEL",
    "R-ARRANGEMENT-IN-ENFORCEMENT",
    "R-ENFORCEMENT-TO-COLLECTOR",
}
# The practice before the strategy (2023): no pause, automatic interruption, one arrangement per
# claim. The capacity is computed from income here too (encoding no strategy measure). The
# reminder, withdrawal, aanmaning and dwangbevel steps (§8) are there too, without maatwerk.
RULE_IDS_2023 = {
    "R-CAPACITY-FROM-INCOME",
    "R-NO-PAUSE",
    "R-DUE-DATE",
    "R-LIMITATION",
    "R-BALANCE-INTEREST",
    "R-SMALL-CLAIM",
    "R-ABOVE-THRESHOLD",
    "R-ADVANCE-ALWAYS",
    "R-EXPIRED",
    "R-SETTLED",
    "R-LIMITATION-AUTO-INTERRUPT",
    "R-NOT-RECOVERED",
    "R-NOTHING-DUE",
    "R-STANDARD-PER-CLAIM",
    "R-PERSONAL-ARRANGEMENT",
    "R-PERSONAL-PARTIAL",
    "R-NO-FURTHER-MEASURES",
    "R-PERSONAL-REFUSED-ASSETS",
    "R-PERSONAL-REFUSED-CAPACITY",
    "R-REMINDER",
    "R-WITHDRAW-ARRANGEMENT",
    "R-AANMANING",
    "R-DWANGBEVEL",
}
RULE_COUNTS = {
    "2023-01-01": len(RULE_IDS_2023),
    "2024-01-01": len(RULE_IDS),
    "2025-01-01": len(RULE_IDS),
    "2026-01-01": len(RULE_IDS),
}
ONE_ARRANGEMENT_RULES_2025 = [
    "R-AUTO-OFFSET",
    "R-STANDARD-ARRANGEMENT",
    "R-PERSONAL-REFUSED-ASSETS",
    "R-PERSONAL-REFUSED-CAPACITY",
    "R-PERSONAL-ARRANGEMENT",
    "R-PERSONAL-PARTIAL",
]


def in_force_on(day: date) -> str | None:
    started = [version for version in VERSIONS if date.fromisoformat(version) <= day]
    return started[-1] if started else None


def catalogue() -> dict[str, Any]:
    with (PROJECT_ROOT / "policies" / "measures.toml").open("rb") as file:
        return tomllib.load(file)


def document(version: str) -> dict[str, Any]:
    """The shipped policy document, read without the service's loader."""
    with (PROJECT_ROOT / "policies" / f"{version}.toml").open("rb") as file:
        return tomllib.load(file)


def encoded_measures(version: str) -> set[str]:
    """The measures at least one rule of the shipped document names."""
    return {measure for rule in document(version)["rules"] for measure in rule["measures"]}


async def test_policies_lists_four_versions_with_hashes(
    client: Client, registry: PolicyRegistry, pool: asyncpg.Pool
) -> None:
    response = await client.get("/v1/policies")
    assert response.status_code == 200
    body = response.json()
    assert body["in_force_today"] == in_force_on(date.today())

    items = body["items"]
    assert [item["version"] for item in items] == VERSIONS
    assert [item["effective_from"] for item in items] == VERSIONS
    assert [item["supersedes"] for item in items] == [
        None,
        "2023-01-01",
        "2024-01-01",
        "2025-01-01",
    ]
    for item in items:
        assert re.fullmatch(r"[0-9a-f]{64}", item["content_hash"])
        # The hash of the shipped document, and recorded in the database for replay.
        assert item["content_hash"] == registry.get(item["version"]).content_hash
        recorded = await pool.fetchval(
            "SELECT count(*) FROM policy_revisions WHERE version = $1 AND content_hash = $2",
            item["version"],
            item["content_hash"],
        )
        assert recorded == 1
        assert item["href"] == f"/v1/policies/{item['version']}"
        assert item["rule_count"] == RULE_COUNTS[item["version"]]
        assert item["rule_count"] == len(document(item["version"])["rules"])
        assert item["title"]
    assert len({item["content_hash"] for item in items}) == 4


async def test_policy_2025_has_its_parameters_and_rules(client: Client) -> None:
    response = await client.get("/v1/policies/2025-01-01")
    assert response.status_code == 200
    policy = response.json()
    assert policy["version"] == "2025-01-01"
    assert policy["effective_from"] == "2025-01-01"
    assert policy["supersedes"] == "2024-01-01"
    items = (await client.get("/v1/policies")).json()["items"]
    summary = next(item for item in items if item["version"] == "2025-01-01")
    assert policy["content_hash"] == summary["content_hash"]
    assert policy["ruleset"] == f"toeslagen@2025-01-01#{policy['content_hash'][:8]}"

    parameters = policy["parameters"]
    assert parameters["payment_term_days"]["value"] == 42
    assert parameters["payment_term_days"]["source"] == "Awir art. 28"
    assert parameters["limitation_years"]["value"] == 5
    assert parameters["standard_min_monthly_cents"]["value"] == 2_000
    assert parameters["standard_max_instalments"]["value"] == 24
    assert parameters["personal_asset_limit_cents"]["value"] == 0
    threshold = parameters["small_claim_threshold_cents"]
    assert threshold["value"] is None
    assert [(step["from"], step["value"]) for step in threshold["series"]] == [
        ("1900-01-01", 0),
        ("2023-01-01", 10_600),
        ("2024-01-01", 11_600),
        ("2025-01-01", 11_800),
    ]
    assert threshold["series"][-1]["evidence"] == "H"
    rates = parameters["interest_rate_basis_points"]["series"]
    assert [step["value"] for step in rates] == [400, 400]
    # Collection costs (Kostenwet via Awir 34(2), §8) and the terms of the collection acts.
    assert {
        name: parameters[name]["value"]
        for name in (
            "aanmaning_costs_low_cents",
            "aanmaning_costs_high_cents",
            "aanmaning_costs_threshold_cents",
            "dwangbevel_costs_base_cents",
            "dwangbevel_costs_step_cents",
            "dwangbevel_costs_step_size_cents",
            "reminder_term_days",
            "aanmaning_term_days",
            "dwangbevel_term_days",
            "pause_max_lead_days",
        )
    } == {
        "aanmaning_costs_low_cents": 900,
        "aanmaning_costs_high_cents": 1_900,
        "aanmaning_costs_threshold_cents": 45_400,
        "dwangbevel_costs_base_cents": 3_900,
        "dwangbevel_costs_step_cents": 300,
        "dwangbevel_costs_step_size_cents": 4_500,
        "reminder_term_days": 14,
        "aanmaning_term_days": 14,
        "dwangbevel_term_days": 2,
        "pause_max_lead_days": 92,
    }

    rules = {rule["id"]: rule for rule in policy["rules"]}
    assert set(rules) == RULE_IDS
    measure_ids = {measure["id"] for measure in catalogue()["measures"]}
    for rule in policy["rules"]:
        assert rule["legal_basis"], rule["id"]
        assert isinstance(rule["measures"], list), rule["id"]
        assert set(rule["measures"]) <= measure_ids, rule["id"]
        assert isinstance(rule["condition"], str), rule["id"]
        assert rule["condition"], rule["id"]
        assert rule["stage"] in STAGES
        assert rule["explanation"]["nl"]
        assert rule["explanation"]["en"]
        assert rule["evidence"] in ("H", "M", "L")

    assert rules["R-DUE-DATE"]["condition"] == "always"
    assert rules["R-DUE-DATE"]["when"] is None
    assert rules["R-SMALL-CLAIM"]["legal_basis"] == "Awir art. 26a"
    assert rules["R-SMALL-CLAIM"]["measures"] == ["M-SMALL-CLAIMS"]
    assert rules["R-SMALL-CLAIM"]["condition"] == (
        "origin == 'definitive' and amount_cents <= param small_claim_threshold_cents "
        "at decision_date"
    )
    assert rules["R-NO-FURTHER-MEASURES"]["review"] == "no_further_measures"
    assert rules["R-AUTO-OFFSET"]["args"] == {"method": "offset"}


@pytest.mark.parametrize("version", ["2022-01-01", "2099-01-01", "latest"])
async def test_unknown_policy_version_is_404(client: Client, version: str) -> None:
    response = await client.get(f"/v1/policies/{version}")
    problem = assert_problem(response, 404, "not-found")
    assert version in problem["detail"]


async def test_measures_report_for_2025(client: Client) -> None:
    response = await client.get("/v1/measures", params={"version": "2025-01-01"})
    assert response.status_code == 200
    report = response.json()
    catalogued = catalogue()
    assert report["total_in_strategy"] == 45 == catalogued["total_in_strategy"]
    assert report["catalogued"] == len(catalogued["measures"]) == 15
    assert len(report["measures"]) == report["catalogued"]
    assert report["version"] == "2025-01-01"
    encoded = [measure["id"] for measure in report["measures"] if measure["encoded_by"]]
    in_document = encoded_measures("2025-01-01")
    assert set(encoded) == in_document
    assert report["encoded_in_version"] == len(encoded) == len(in_document)
    assert report["summary"] == f"15 of 45 catalogued, {len(in_document)} encoded in 2025-01-01"

    measures = {measure["id"]: measure for measure in report["measures"]}
    one = measures["M-ONE-ARRANGEMENT"]
    assert one["encoded_by"] == ONE_ARRANGEMENT_RULES_2025
    assert one["rules_by_version"]["2025-01-01"] == ONE_ARRANGEMENT_RULES_2025
    assert set(one["rules_by_version"]) == set(VERSIONS)
    assert one["rules_by_version"]["2023-01-01"] == []  # before the strategy: one per claim
    assert one["name"]["nl"] == "Eén betalingsregeling voor alle toeslagen"
    assert one["rules_section"] == "§4.2"

    # The report agrees with the rules the policy document itself lists.
    policy = (await client.get("/v1/policies/2025-01-01")).json()
    assert [
        rule["id"] for rule in policy["rules"] if "M-ONE-ARRANGEMENT" in rule["measures"]
    ] == ONE_ARRANGEMENT_RULES_2025
    for measure_id, measure in measures.items():
        assert measure["encoded_by"] == [
            rule["id"] for rule in policy["rules"] if measure_id in rule["measures"]
        ]
    # A measure no rule encodes yet is catalogued but not encoded.
    not_encoded = {measure["id"] for measure in catalogued["measures"]} - in_document
    assert not_encoded
    for measure_id in not_encoded:
        assert measures[measure_id]["encoded_by"] == [], measure_id
        assert measures[measure_id]["rules_by_version"]["2025-01-01"] == [], measure_id
    # The herstel measure is encoded from the strategy versions on (it was not before).
    assert measures["M-NO-INTEREST-HERSTEL"]["encoded_by"] == [
        "R-NO-INTEREST-HERSTEL",
        "R-HERSTEL-MORATORIUM",
        "R-HERSTEL-ALL-PAUSED",
    ]
    assert measures["M-NO-INTEREST-HERSTEL"]["rules_by_version"]["2023-01-01"] == []


async def test_measures_default_to_the_version_in_force_today(client: Client) -> None:
    report = (await client.get("/v1/measures")).json()
    assert report["version"] == in_force_on(date.today())


async def test_measures_for_an_unknown_version_is_422(client: Client) -> None:
    response = await client.get("/v1/measures", params={"version": "2099-01-01"})
    assert_problem(response, 422, "validation-error", "version", location="query")

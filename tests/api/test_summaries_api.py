"""The decision summary over HTTP: in an evaluation, in a stored decision, in the log row, in a
replay; and the summary templates of a policy version.

The case is the README's: a huurtoeslag claim of € 300,00 decided 10 January 2025 (due 42 days
later, 21 February) and a zorgtoeslag claim of € 90,00, below the 2025 threshold of € 118,00,
decided as of 12 April 2025 for a debtor who asks for the standard arrangement.
"""

from __future__ import annotations

import tomllib
import uuid
from datetime import date
from typing import Any

import asyncpg
import httpx

from tests.api.support import unique
from tests.conftest import policy_file

AS_OF = "2025-04-12"

HT = {
    "allowance": "huurtoeslag",
    "benefit_year": 2024,
    "origin": "definitive",
    "decision_date": "2025-01-10",
    "amount_cents": 30_000,
}
ZT = {
    "allowance": "zorgtoeslag",
    "benefit_year": 2024,
    "origin": "definitive",
    "decision_date": "2025-02-03",
    "amount_cents": 9_000,
}


def expected_summary() -> dict[str, str]:
    # Only HT is recovered. Interest from 22 February to 11 April 2025: 7 + 31 + 11 = 49 days,
    # 30,000 x 4% x 49 / 365 = 161.10 -> 161 cents. Total 30,161.
    interest_days = (date(2025, 4, 12) - date(2025, 2, 22)).days
    assert interest_days == 49
    interest = (2 * 30_000 * 400 * interest_days + 3_650_000) // (2 * 3_650_000)  # half-up
    total = 30_000 + interest
    assert total == 30_161
    # 30,161 / 24 = 1,256.7 -> 1,300 in whole euros, below the minimum: 2,000 a month.
    # ceil(30,161 / 2,000) = 16 instalments, the last 30,161 - 15 x 2,000 = 161.
    # The due date has passed, so the first is on as_of; the 16th 15 months later.
    monthly, count = 2_000, -(-total // 2_000)
    last = total - (count - 1) * monthly
    assert (count, last) == (16, 161)
    return {
        "nl": "U betaalt € 20,00 per maand, 16 maanden lang, vanaf 12 april 2025; "
        "de laatste termijn is € 1,61, op 12 juli 2026. Het totaal is € 301,61.",
        "en": "You pay €20.00 a month for 16 months, from 12 April 2025; "
        "the last instalment is €1.61, on 12 July 2026. The total is €301.61.",
    }


async def test_evaluation_carries_the_summary(client: httpx.AsyncClient) -> None:
    body = {
        "as_of": AS_OF,
        "debtor": {"ref": unique("D-sum"), "arrangement_request": "standard"},
        "claims": [
            {"ref": "HT-2024", **HT, "events": []},
            {"ref": "ZT-2024", **ZT, "events": []},
        ],
    }
    response = await client.post("/v1/evaluations", json=body)
    assert response.status_code == 200, response.text
    decision = response.json()
    assert decision["outcome"] == "standard_arrangement"
    assert decision["summary"] == expected_summary()


async def stored_decision(client: httpx.AsyncClient) -> dict[str, Any]:
    debtor = unique("D-sum")
    created = await client.put(f"/v1/debtors/{debtor}", json={"arrangement_request": "standard"})
    assert created.status_code == 201
    for ref, claim in (("HT-2024", HT), ("ZT-2024", ZT)):
        put = await client.put(f"/v1/debtors/{debtor}/claims/{ref}", json=claim)
        assert put.status_code == 201, put.text
    decided = await client.post(f"/v1/debtors/{debtor}/decisions", json={"as_of": AS_OF})
    assert decided.status_code == 201, decided.text
    record: dict[str, Any] = decided.json()
    return record


async def test_stored_decision_keeps_the_summary_and_replays_it(
    client: httpx.AsyncClient, pool: asyncpg.Pool
) -> None:
    record = await stored_decision(client)
    assert record["summary"] == expected_summary()

    read = await client.get(f"/v1/decisions/{record['id']}")
    assert read.status_code == 200
    assert read.json()["summary"] == expected_summary()

    # It is part of the logged result itself, not worked out again when read.
    logged = await pool.fetchval(
        "SELECT result -> 'summary' FROM decisions WHERE id = $1", uuid.UUID(record["id"])
    )
    assert logged == expected_summary()

    replay = await client.post(f"/v1/decisions/{record['id']}/replay")
    assert replay.status_code == 200
    assert replay.json()["identical"] is True
    assert replay.json()["differences"] == []
    assert replay.json()["replayed"]["summary"] == expected_summary()


async def test_replay_reports_a_summary_that_differs(
    client: httpx.AsyncClient, pool: asyncpg.Pool
) -> None:
    # A row written elsewhere (an older build) with another text: replay must name it.
    record = await stored_decision(client)
    row = await pool.fetchrow("SELECT * FROM decisions WHERE id = $1", uuid.UUID(record["id"]))
    altered = dict(row["result"])
    altered["summary"] = {**altered["summary"], "nl": "Iets anders."}
    copy_id = uuid.uuid4()
    await pool.execute(
        """
        INSERT INTO decisions (id, debtor_ref, as_of, policy_version, policy_hash, outcome,
                               requires_review, input, result)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        """,
        copy_id,
        row["debtor_ref"],
        row["as_of"],
        row["policy_version"],
        row["policy_hash"],
        row["outcome"],
        row["requires_review"],
        row["input"],
        altered,
    )

    replay = (await client.post(f"/v1/decisions/{copy_id}/replay")).json()

    assert replay["identical"] is False
    assert replay["differences"] == [
        {"path": "summary.nl", "recorded": "Iets anders.", "replayed": expected_summary()["nl"]}
    ]


async def test_policy_version_shows_its_summary_templates(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/policies/2025-01-01")
    assert response.status_code == 200
    in_file = tomllib.loads(policy_file("2025-01-01").read_text(encoding="utf-8"))["summaries"]
    expected = {
        outcome: {"nl": texts["nl"], "en": texts["en"], "partial": texts.get("partial")}
        for outcome, texts in in_file.items()
    }
    assert response.json()["summaries"] == expected
    assert expected["personal_arrangement"]["partial"] is not None
    assert expected["offset"]["partial"] is None

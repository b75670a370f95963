"""Replay reports every difference between a recorded decision and the rules as they decide now.

The log is append-only, so a decision that disagrees with its policy revision can only come from
elsewhere (an older build, a row written by hand). Such a row is appended here with SQL, as a
migration or another writer could, and replay must say exactly where it differs.
"""

from __future__ import annotations

import uuid

import asyncpg
import httpx

from tests.api.support import claim_body, unique


async def test_replay_lists_each_difference_from_the_recorded_decision(
    client: httpx.AsyncClient, pool: asyncpg.Pool
) -> None:
    debtor = unique("D-replay")
    assert (await client.put(f"/v1/debtors/{debtor}", json={})).status_code == 201
    claim = await client.put(f"/v1/debtors/{debtor}/claims/C1", json=claim_body())
    assert claim.status_code == 201
    decided = await client.post(f"/v1/debtors/{debtor}/decisions", json={"as_of": "2025-06-01"})
    assert decided.status_code == 201
    original = decided.json()

    row = await pool.fetchrow("SELECT * FROM decisions WHERE id = $1", uuid.UUID(original["id"]))
    altered = dict(row["result"])
    altered["plan"] = {**altered["plan"], "monthly_cents": altered["plan"]["monthly_cents"] + 100}
    altered["requires_review"] = True
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
        True,
        row["input"],
        altered,
    )

    response = await client.post(f"/v1/decisions/{copy_id}/replay")

    assert response.status_code == 200
    replay = response.json()
    assert replay["identical"] is False
    assert replay["policy_hash"] == original["policy_hash"]
    monthly = original["plan"]["monthly_cents"]
    assert replay["differences"] == [
        {"path": "plan.monthly_cents", "recorded": monthly + 100, "replayed": monthly},
        {"path": "requires_review", "recorded": True, "replayed": False},
    ]
    assert replay["replayed"]["plan"]["monthly_cents"] == monthly

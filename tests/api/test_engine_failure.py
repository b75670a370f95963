"""An engine failure fails the decision: a 500 problem document, and nothing is stored."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest

from service.app import create_app
from tests.broken_engine import FactsWithoutIds
from tests.conftest import make_settings, serving


@pytest.fixture(scope="module")
async def broken_client(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(make_settings(database_url), engine=FactsWithoutIds())
    async with serving(app) as client:
        yield client


CLAIM = {
    "allowance": "zorgtoeslag",
    "benefit_year": 2024,
    "origin": "definitive",
    "decision_date": "2025-03-01",
    "amount_cents": 50_000,
}


async def test_a_failing_engine_gives_a_500_problem_and_stores_nothing(
    client: httpx.AsyncClient,
    broken_client: httpx.AsyncClient,
    pool: asyncpg.Pool,
) -> None:
    debtor = f"D-broken-{uuid.uuid4().hex[:8]}"
    assert (await client.put(f"/v1/debtors/{debtor}", json={})).status_code == 201
    put = await client.put(f"/v1/debtors/{debtor}/claims/C1", json=CLAIM)
    assert put.status_code == 201
    before = await pool.fetchval("SELECT count(*) FROM decisions")

    response = await broken_client.post(
        f"/v1/debtors/{debtor}/decisions", json={"as_of": "2025-06-01"}
    )

    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"] == "/problems/decision-failed"
    assert "traceback" not in problem["detail"]  # internals are logged, not returned
    assert await pool.fetchval("SELECT count(*) FROM decisions") == before


async def test_a_failing_engine_fails_an_evaluation_with_a_problem_document(
    broken_client: httpx.AsyncClient,
) -> None:
    case = {
        "as_of": "2025-06-01",
        "debtor": {"ref": "D1"},
        "claims": [{"ref": "C1", **CLAIM}],
    }
    response = await broken_client.post("/v1/evaluations", json=case)
    assert response.status_code == 500
    assert response.json()["type"] == "/problems/decision-failed"

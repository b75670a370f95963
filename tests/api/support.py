"""Helpers for the API tests: unique refs, request bodies, database access and problem checks.

The database is shared by the whole test session, so every test makes its own refs (`unique`)
and compares row counts before and after a request instead of expecting absolute numbers.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import asyncpg
import httpx

PROBLEM_JSON = "application/problem+json"
TABLES = ("debtors", "claims", "claim_events", "debtor_events", "decisions", "added_measures")


def unique(prefix: str) -> str:
    """A ref no other test uses (refs allow letters, digits and . _ : -)."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def claim_body(**changes: Any) -> dict[str, Any]:
    """A definitive huurtoeslag claim of € 1.500,00 decided on 15 January 2025 (PUT body)."""
    return {
        "allowance": "huurtoeslag",
        "benefit_year": 2023,
        "origin": "definitive",
        "decision_date": "2025-01-15",
        "amount_cents": 150_000,
        **changes,
    }


def case_claim(ref: str = "C1", **changes: Any) -> dict[str, Any]:
    """The same claim as it appears inside a Case, with its ref and (no) events."""
    return {"ref": ref, **claim_body(), "events": [], **changes}


def case_body(**changes: Any) -> dict[str, Any]:
    """A valid case as of 1 June 2025: one debtor who asks for nothing, one claim."""
    return {
        "as_of": "2025-06-01",
        "debtor": {"ref": unique("debtor"), "arrangement_request": "none"},
        "claims": [case_claim()],
        **changes,
    }


async def row_counts(pool: asyncpg.Pool) -> dict[str, int]:
    """Rows in every table the API writes to."""
    async with pool.acquire() as connection:
        return {
            table: await connection.fetchval(f"SELECT count(*) FROM {table}") for table in TABLES
        }


def assert_problem(
    response: httpx.Response,
    status: int,
    slug: str,
    field: str | None = None,
    location: str = "body",
) -> dict[str, Any]:
    """The response is an RFC 9457 problem document of this status and type.

    With `field`, `errors` names exactly that one field, at that location.
    """
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON), response.headers
    problem: dict[str, Any] = response.json()
    assert problem["type"] == f"/problems/{slug}", problem
    assert problem["status"] == status, problem
    assert problem["title"], problem
    assert problem["instance"] == response.request.url.path, problem
    if field is not None:
        errors = problem["errors"]
        assert [error["field"] for error in errors] == [field], errors
        assert errors[0]["location"] == location, errors
        assert errors[0]["message"]
        assert field in problem["detail"]
    return problem


def problem_fields(response: httpx.Response) -> set[str]:
    return {error["field"] for error in response.json().get("errors", [])}


async def send_rejected(
    client: httpx.AsyncClient,
    pool: asyncpg.Pool,
    method: str,
    path: str,
    body: Callable[[], Any] | None = None,
    content: bytes | None = None,
) -> httpx.Response:
    """Send a bad request and prove nothing was stored; returns the response. `body` builds the
    JSON body afresh for each call; `content` sends raw bytes instead."""
    before = await row_counts(pool)
    if content is not None:
        response = await client.request(
            method, path, content=content, headers={"content-type": "application/json"}
        )
    else:
        response = await client.request(method, path, json=body() if body else None)
    assert response.status_code != 500, response.text
    assert await row_counts(pool) == before, "a rejected request stored something"
    return response

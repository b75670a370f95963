"""Stored facts and the decision log: debtors, claims, events, decisions, history and replay.

Every test makes its own debtor (a unique ref): the database is shared by the whole session.
"""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg
import httpx
import pytest

from tests.api.support import assert_problem, claim_body, row_counts, unique

Client = httpx.AsyncClient


async def put_debtor(client: Client, ref: str, **body: Any) -> httpx.Response:
    response = await client.put(f"/v1/debtors/{ref}", json=body)
    assert response.status_code in (200, 201), response.text
    return response


async def put_claim(client: Client, debtor: str, claim: str, **changes: Any) -> httpx.Response:
    response = await client.put(f"/v1/debtors/{debtor}/claims/{claim}", json=claim_body(**changes))
    assert response.status_code in (200, 201), response.text
    return response


async def post_event(client: Client, debtor: str, claim: str, **event: Any) -> httpx.Response:
    return await client.post(f"/v1/debtors/{debtor}/claims/{claim}/events", json=event)


async def decide(client: Client, debtor: str, as_of: str, **body: Any) -> httpx.Response:
    response = await client.post(f"/v1/debtors/{debtor}/decisions", json={"as_of": as_of, **body})
    assert response.status_code == 201, response.text
    return response


# --- debtors, claims, events -------------------------------------------------------------------


async def test_debtor_is_created_read_and_replaced(client: Client, pool: asyncpg.Pool) -> None:
    ref = unique("debtor")
    body = {
        "arrangement_request": "personal",
        "monthly_payment_capacity_cents": 5_000,
        "assets_cents": 0,
        "ongoing_allowances": [{"allowance": "huurtoeslag", "monthly_cents": 30_000}],
    }
    # The situation fields left out (income, herstel, signals) come back as their defaults.
    situation = {
        "income": None,
        "herstel": None,
        "signals": [],
        "immediate_collection_ground": None,
    }
    created = await client.put(f"/v1/debtors/{ref}", json=body)
    assert created.status_code == 201
    assert created.json() == {"ref": ref, **body, **situation}
    read = await client.get(f"/v1/debtors/{ref}")
    assert read.status_code == 200
    assert read.json() == {"ref": ref, **body, **situation}

    # A PUT replaces the whole debtor: fields left out fall back to their defaults.
    replaced = await client.put(f"/v1/debtors/{ref}", json={"arrangement_request": "standard"})
    assert replaced.status_code == 200
    expected = {
        "ref": ref,
        "arrangement_request": "standard",
        "monthly_payment_capacity_cents": None,
        "assets_cents": None,
        "ongoing_allowances": [],
        **situation,
    }
    assert replaced.json() == expected
    assert (await client.get(f"/v1/debtors/{ref}")).json() == expected
    rows = await pool.fetchval("SELECT count(*) FROM debtors WHERE ref = $1", ref)
    assert rows == 1


async def test_claim_is_created_read_and_replaced_keeping_its_events(client: Client) -> None:
    debtor = unique("debtor")
    await put_debtor(client, debtor)
    path = f"/v1/debtors/{debtor}/claims/C1"

    created = await client.put(path, json=claim_body())
    assert created.status_code == 201
    assert created.json() == {"debtor_ref": debtor, "ref": "C1", **claim_body(), "events": []}

    event = await post_event(
        client, debtor, "C1", id="P1", type="payment", date="2025-03-01", amount_cents=2_500
    )
    assert event.status_code == 201

    replaced = await client.put(path, json=claim_body(amount_cents=140_000, origin="advance"))
    assert replaced.status_code == 200
    claim = replaced.json()
    assert claim["amount_cents"] == 140_000
    assert claim["origin"] == "advance"
    assert [(e["id"], e["type"], e["date"], e["amount_cents"]) for e in claim["events"]] == [
        ("P1", "payment", "2025-03-01", 2_500)
    ]
    assert (await client.get(path)).json() == claim


async def test_events_are_listed_in_date_order(client: Client) -> None:
    debtor = unique("debtor")
    await put_debtor(client, debtor)
    await put_claim(client, debtor, "C1")
    for event_id, day in (("E3", "2025-05-01"), ("E1", "2025-02-01"), ("E2", "2025-03-01")):
        response = await post_event(client, debtor, "C1", id=event_id, type="aanmaning", date=day)
        assert response.status_code == 201
    claim = (await client.get(f"/v1/debtors/{debtor}/claims/C1")).json()
    assert [event["id"] for event in claim["events"]] == ["E1", "E2", "E3"]


async def test_same_event_twice_is_idempotent(client: Client, pool: asyncpg.Pool) -> None:
    debtor = unique("debtor")
    await put_debtor(client, debtor)
    await put_claim(client, debtor, "C1")
    event = {"id": "PAY-1", "type": "payment", "date": "2025-03-01", "amount_cents": 10_000}

    first = await post_event(client, debtor, "C1", **event)
    assert first.status_code == 201
    stored = first.json()
    assert {key: stored[key] for key in event} == event
    assert stored["recorded_at"]

    again = await post_event(client, debtor, "C1", **event)
    assert again.status_code == 200
    assert again.json() == stored  # the stored event, recorded_at included

    rows = await pool.fetchval(
        "SELECT count(*) FROM claim_events WHERE debtor_ref = $1 AND claim_ref = $2 AND id = $3",
        debtor,
        "C1",
        "PAY-1",
    )
    assert rows == 1
    claim = (await client.get(f"/v1/debtors/{debtor}/claims/C1")).json()
    assert claim["events"] == [stored]


@pytest.mark.parametrize(
    "other",
    [
        pytest.param({"amount_cents": 10_001}, id="amount"),
        pytest.param({"date": "2025-03-02"}, id="date"),
        pytest.param({"type": "offset"}, id="type"),
    ],
)
async def test_same_event_id_with_other_content_is_409(
    client: Client, pool: asyncpg.Pool, other: dict[str, Any]
) -> None:
    debtor = unique("debtor")
    await put_debtor(client, debtor)
    await put_claim(client, debtor, "C1")
    event = {"id": "PAY-1", "type": "payment", "date": "2025-03-01", "amount_cents": 10_000}
    stored = (await post_event(client, debtor, "C1", **event)).json()

    before = await row_counts(pool)
    clash = await post_event(client, debtor, "C1", **{**event, **other})
    problem = assert_problem(clash, 409, "conflict")
    assert "PAY-1" in problem["detail"]
    assert await row_counts(pool) == before
    claim = (await client.get(f"/v1/debtors/{debtor}/claims/C1")).json()
    assert claim["events"] == [stored]


async def test_the_same_event_id_on_another_claim_is_another_event(client: Client) -> None:
    debtor = unique("debtor")
    await put_debtor(client, debtor)
    await put_claim(client, debtor, "C1")
    await put_claim(client, debtor, "C2")
    event = {"id": "A-1", "type": "aanmaning", "date": "2025-03-01"}
    assert (await post_event(client, debtor, "C1", **event)).status_code == 201
    assert (await post_event(client, debtor, "C2", **event)).status_code == 201


async def test_unknown_resources_are_404(client: Client, pool: asyncpg.Pool) -> None:
    debtor, nobody = unique("debtor"), unique("nobody")
    await put_debtor(client, debtor)
    await put_claim(client, debtor, "C1")
    event = {"id": "E1", "type": "aanmaning", "date": "2025-03-01"}
    requests: list[tuple[str, str, Any]] = [
        ("GET", f"/v1/debtors/{nobody}", None),
        ("PUT", f"/v1/debtors/{nobody}/claims/C1", claim_body()),
        ("GET", f"/v1/debtors/{nobody}/claims/C1", None),
        ("GET", f"/v1/debtors/{debtor}/claims/C2", None),
        ("POST", f"/v1/debtors/{nobody}/claims/C1/events", event),
        ("POST", f"/v1/debtors/{debtor}/claims/C2/events", event),
        ("POST", f"/v1/debtors/{nobody}/decisions", {"as_of": "2025-06-01"}),
        ("GET", f"/v1/debtors/{nobody}/decisions", None),
        ("GET", f"/v1/decisions/{uuid.uuid4()}", None),
        ("POST", f"/v1/decisions/{uuid.uuid4()}/replay", None),
    ]
    before = await row_counts(pool)
    for method, path, body in requests:
        response = await client.request(method, path, json=body)
        problem = assert_problem(response, 404, "not-found")
        assert problem["detail"], path
    assert await row_counts(pool) == before


# --- deciding from stored facts ----------------------------------------------------------------


async def test_decision_from_stored_facts_uses_only_what_was_known_on_as_of(
    client: Client, pool: asyncpg.Pool
) -> None:
    debtor = unique("debtor")
    await put_debtor(client, debtor, arrangement_request="none")
    # Decided before as_of, with a payment before and an aanmaning after as_of.
    await put_claim(client, debtor, "HUUR-2023", decision_date="2025-01-15")
    await post_event(
        client, debtor, "HUUR-2023", id="P1", type="payment", date="2025-03-01", amount_cents=5_000
    )
    await post_event(client, debtor, "HUUR-2023", id="A1", type="aanmaning", date="2025-06-02")
    # Decided on as_of itself: included.
    await put_claim(
        client,
        debtor,
        "ZORG-2024",
        allowance="zorgtoeslag",
        benefit_year=2024,
        origin="advance",
        decision_date="2025-06-01",
        amount_cents=30_000,
    )
    # Decided after as_of: not known yet.
    await put_claim(client, debtor, "KOT-2024", decision_date="2025-06-15")

    before = await row_counts(pool)
    response = await decide(client, debtor, "2025-06-01")
    after = await row_counts(pool)
    assert after == {**before, "decisions": before["decisions"] + 1}

    record = response.json()
    assert response.headers["location"] == f"/v1/decisions/{record['id']}"
    assert record["debtor_ref"] == debtor
    assert record["as_of"] == "2025-06-01"
    assert record["policy_version"] == "2025-01-01"
    assert record["decided_at"]

    # The snapshot: claims decided on or before as_of, events dated on or before it.
    snapshot = record["input"]
    assert snapshot["as_of"] == "2025-06-01"
    assert snapshot["policy_version"] is None
    assert snapshot["debtor"]["ref"] == debtor
    assert [claim["ref"] for claim in snapshot["claims"]] == ["HUUR-2023", "ZORG-2024"]
    huur = snapshot["claims"][0]
    assert huur["events"] == [
        {
            "type": "payment",
            "date": "2025-03-01",
            "amount_cents": 5_000,
            "id": "P1",
            "by": None,
            "reason": None,
        }
    ]
    assert snapshot["claims"][1]["events"] == []
    assert [claim["ref"] for claim in record["claims"]] == ["HUUR-2023", "ZORG-2024"]

    # GET returns exactly what the POST returned.
    fetched = await client.get(response.headers["location"])
    assert fetched.status_code == 200
    assert fetched.json() == record

    # The stored decision is the decision an evaluation of the snapshot makes.
    evaluated = await client.post("/v1/evaluations", json=snapshot)
    assert evaluated.status_code == 200
    assert {key: record[key] for key in evaluated.json()} == evaluated.json()

    # The row holds the same snapshot and result.
    row = await pool.fetchrow(
        "SELECT debtor_ref, as_of, policy_version, policy_hash, outcome, input FROM decisions "
        "WHERE id = $1",
        uuid.UUID(record["id"]),
    )
    assert row is not None
    assert row["debtor_ref"] == debtor
    assert row["as_of"].isoformat() == "2025-06-01"
    assert row["policy_hash"] == record["policy_hash"]
    assert row["outcome"] == record["outcome"]
    assert row["input"] == snapshot


async def test_decision_with_pinned_version_is_recorded_with_it(client: Client) -> None:
    debtor = unique("debtor")
    await put_debtor(client, debtor)
    await put_claim(client, debtor, "C1")
    record = (await decide(client, debtor, "2025-06-01", policy_version="2024-01-01")).json()
    assert record["policy_version"] == "2024-01-01"
    assert record["input"]["policy_version"] == "2024-01-01"
    policies = (await client.get("/v1/policies")).json()["items"]
    assert (
        record["policy_hash"] == {p["version"]: p["content_hash"] for p in policies}["2024-01-01"]
    )


async def test_history_is_newest_first_and_paginates_to_the_end(client: Client) -> None:
    debtor = unique("debtor")
    await put_debtor(client, debtor)
    await put_claim(client, debtor, "C1")
    created = []
    for day in ("2025-06-01", "2025-06-02", "2025-06-03", "2025-06-04", "2025-06-05"):
        created.append((await decide(client, debtor, day)).json())
    # A decision of another debtor never shows up in this history.
    other = unique("debtor")
    await put_debtor(client, other)
    await decide(client, other, "2025-06-01")

    pages: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor is not None:
            params["cursor"] = cursor
        response = await client.get(f"/v1/debtors/{debtor}/decisions", params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        pages.append(page)
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert len(pages) < 10, "pagination does not end"

    assert [len(page["items"]) for page in pages] == [2, 2, 1]
    assert pages[-1]["next_cursor"] is None
    items = [item for page in pages for item in page["items"]]
    ids = [item["id"] for item in items]
    assert len(set(ids)) == len(ids) == 5
    newest_first = list(reversed(created))
    assert ids == [record["id"] for record in newest_first]
    assert [item["as_of"] for item in items] == [
        "2025-06-05",
        "2025-06-04",
        "2025-06-03",
        "2025-06-02",
        "2025-06-01",
    ]
    for item, record in zip(items, newest_first, strict=True):
        assert item == {
            "id": record["id"],
            "href": f"/v1/decisions/{record['id']}",
            "decided_at": record["decided_at"],
            "as_of": record["as_of"],
            "policy_version": record["policy_version"],
            "outcome": record["outcome"],
            "requires_review": record["requires_review"],
        }

    # Without a limit, one page holds all five.
    whole = (await client.get(f"/v1/debtors/{debtor}/decisions")).json()
    assert [item["id"] for item in whole["items"]] == ids
    assert whole["next_cursor"] is None


async def test_history_of_a_debtor_without_decisions_is_empty(client: Client) -> None:
    debtor = unique("debtor")
    await put_debtor(client, debtor)
    response = await client.get(f"/v1/debtors/{debtor}/decisions")
    assert response.status_code == 200
    assert response.json() == {"items": [], "next_cursor": None}


@pytest.mark.parametrize("cursor", ["abc", "-1", "12.5", "1e3"])
async def test_history_with_a_bad_cursor_is_422(client: Client, cursor: str) -> None:
    debtor = unique("debtor")
    await put_debtor(client, debtor)
    response = await client.get(f"/v1/debtors/{debtor}/decisions", params={"cursor": cursor})
    assert_problem(response, 422, "validation-error", "cursor", location="query")


async def test_replay_of_a_stored_decision_is_identical(client: Client) -> None:
    debtor = unique("debtor")
    await put_debtor(
        client,
        debtor,
        arrangement_request="personal",
        monthly_payment_capacity_cents=3_000,
        assets_cents=0,
    )
    await put_claim(client, debtor, "C1", amount_cents=250_000)
    await post_event(client, debtor, "C1", id="A1", type="aanmaning", date="2025-04-01")
    record = (await decide(client, debtor, "2025-06-01")).json()
    assert record["outcome"] == "personal_arrangement"

    response = await client.post(f"/v1/decisions/{record['id']}/replay")
    assert response.status_code == 200, response.text
    replay = response.json()
    assert replay["decision_id"] == record["id"]
    assert replay["policy_version"] == record["policy_version"]
    assert replay["policy_hash"] == record["policy_hash"]
    assert replay["identical"] is True
    assert replay["differences"] == []
    assert {key: record[key] for key in replay["replayed"]} == replay["replayed"]


async def test_replay_stores_nothing(client: Client, pool: asyncpg.Pool) -> None:
    debtor = unique("debtor")
    await put_debtor(client, debtor)
    await put_claim(client, debtor, "C1")
    record = (await decide(client, debtor, "2025-06-01")).json()
    before = await row_counts(pool)
    assert (await client.post(f"/v1/decisions/{record['id']}/replay")).status_code == 200
    assert await row_counts(pool) == before


# --- the decision log is append-only in the database -------------------------------------------


@pytest.mark.parametrize(
    ("statement", "operation"),
    [
        pytest.param("UPDATE decisions SET outcome = 'nothing_due' WHERE id = $1", "UPDATE"),
        pytest.param("DELETE FROM decisions WHERE id = $1", "DELETE"),
        pytest.param("TRUNCATE decisions", "TRUNCATE"),
    ],
)
async def test_decisions_are_append_only_in_the_database(
    client: Client, pool: asyncpg.Pool, statement: str, operation: str
) -> None:
    debtor = unique("debtor")
    await put_debtor(client, debtor)
    await put_claim(client, debtor, "C1")
    decision_id = uuid.UUID((await decide(client, debtor, "2025-06-01")).json()["id"])
    select = "SELECT * FROM decisions WHERE id = $1"
    row_before = await pool.fetchrow(select, decision_id)
    count_before = await pool.fetchval("SELECT count(*) FROM decisions")
    args = (decision_id,) if "$1" in statement else ()

    async with pool.acquire() as connection:
        # In a transaction that is always rolled back: should the trigger be missing, the
        # statement still changes nothing the other tests rely on.
        transaction = connection.transaction()
        await transaction.start()
        try:
            with pytest.raises(asyncpg.PostgresError, match="append-only") as raised:
                await connection.execute(statement, *args)
        finally:
            await transaction.rollback()
    assert operation in str(raised.value)

    assert await pool.fetchrow(select, decision_id) == row_before
    assert await pool.fetchval("SELECT count(*) FROM decisions") == count_before
    assert (await client.get(f"/v1/decisions/{decision_id}")).status_code == 200

"""The debtor's arrangement events (POST/GET /v1/debtors/{ref}/events) and a collector's
`interruption` on a claim, through the real app and a real database.

Every test makes its own debtor (a unique ref): the database is shared by the whole session.
"""

from __future__ import annotations

from typing import Any

import asyncpg
import httpx
import pytest

from tests.api.support import assert_problem, claim_body, row_counts, unique

Client = httpx.AsyncClient


async def new_debtor(client: Client, **body: Any) -> str:
    """A stored debtor with one claim C1: € 1.500,00 decided 15 January 2025, due 26 Feb 2025."""
    ref = unique("dev-debtor")
    response = await client.put(f"/v1/debtors/{ref}", json=body)
    assert response.status_code == 201, response.text
    response = await client.put(f"/v1/debtors/{ref}/claims/C1", json=claim_body())
    assert response.status_code == 201, response.text
    return ref


async def post_debtor_event(client: Client, debtor: str, **event: Any) -> httpx.Response:
    return await client.post(f"/v1/debtors/{debtor}/events", json=event)


async def decide(client: Client, debtor: str, as_of: str, **body: Any) -> dict[str, Any]:
    response = await client.post(f"/v1/debtors/{debtor}/decisions", json={"as_of": as_of, **body})
    assert response.status_code == 201, response.text
    decision: dict[str, Any] = response.json()
    return decision


def rules_of(decision: dict[str, Any]) -> list[str]:
    return [entry["rule"] for entry in decision["trace"]]


# --- recording ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "event",
    [
        pytest.param({"type": "arrangement_start", "date": "2025-03-01"}, id="arrangement_start"),
        pytest.param({"type": "instalment_missed", "date": "2025-04-01"}, id="instalment_missed"),
        pytest.param({"type": "reminder", "date": "2025-04-05"}, id="reminder"),
        pytest.param(
            {"type": "arrangement_withdrawn", "date": "2025-05-01"}, id="arrangement_withdrawn"
        ),
        pytest.param(
            {"type": "pause", "date": "2025-07-01", "months": 2, "reason": "illness"}, id="pause"
        ),
        pytest.param(
            {"type": "reminder", "date": "2025-04-05", "by": "clerk-12", "reason": "phoned first"},
            id="with-by-and-reason",
        ),
        pytest.param(
            {"type": "payment", "date": "2025-04-10", "amount_cents": 10_000}, id="payment"
        ),
        pytest.param(
            {"type": "pause", "date": "2025-07-01", "months": 2, "granted_on": "2025-06-10"},
            id="pause-with-granted-on",
        ),
    ],
)
async def test_a_debtor_event_is_recorded_and_shown(
    client: Client, pool: asyncpg.Pool, event: dict[str, Any]
) -> None:
    debtor = await new_debtor(client)
    before = await row_counts(pool)
    response = await post_debtor_event(client, debtor, id="EV-1", **event)
    assert response.status_code == 201, response.text
    assert await row_counts(pool) == {**before, "debtor_events": before["debtor_events"] + 1}

    stored = response.json()
    expected = {
        "id": "EV-1",
        "months": None,
        "amount_cents": None,
        "granted_on": None,
        "by": None,
        "reason": None,
        **event,
    }
    assert {key: stored[key] for key in expected} == expected
    assert set(stored) == {*expected, "recorded_at"}
    assert stored["recorded_at"]

    listed = await client.get(f"/v1/debtors/{debtor}/events")
    assert listed.status_code == 200, listed.text
    assert listed.json() == {"items": [stored]}


async def test_the_same_debtor_event_again_is_200_and_unchanged(
    client: Client, pool: asyncpg.Pool
) -> None:
    debtor = await new_debtor(client)
    event = {"id": "P-1", "type": "pause", "date": "2025-07-01", "months": 3}
    first = await post_debtor_event(client, debtor, **event)
    assert first.status_code == 201, first.text
    stored = first.json()

    before = await row_counts(pool)
    again = await post_debtor_event(client, debtor, **event)
    assert again.status_code == 200, again.text
    assert again.json() == stored  # recorded_at included: the stored event, not a new one
    assert await row_counts(pool) == before
    assert (await client.get(f"/v1/debtors/{debtor}/events")).json() == {"items": [stored]}


@pytest.mark.parametrize(
    "other",
    [
        pytest.param({"type": "reminder", "months": None}, id="type"),
        pytest.param({"date": "2025-07-02"}, id="date"),
        pytest.param({"months": 2}, id="months"),
        pytest.param({"reason": "illness"}, id="reason"),
        pytest.param({"by": "clerk-1"}, id="by"),
    ],
)
async def test_the_same_debtor_event_id_with_other_content_is_409(
    client: Client, pool: asyncpg.Pool, other: dict[str, Any]
) -> None:
    debtor = await new_debtor(client)
    event = {"id": "P-1", "type": "pause", "date": "2025-07-01", "months": 3}
    stored = (await post_debtor_event(client, debtor, **event)).json()

    before = await row_counts(pool)
    clash = await post_debtor_event(client, debtor, **{**event, **other})
    problem = assert_problem(clash, 409, "conflict")
    assert "P-1" in problem["detail"]
    assert await row_counts(pool) == before
    assert (await client.get(f"/v1/debtors/{debtor}/events")).json() == {"items": [stored]}


async def test_the_same_event_id_on_another_debtor_is_another_event(client: Client) -> None:
    first, second = await new_debtor(client), await new_debtor(client)
    event = {"id": "A-1", "type": "arrangement_start", "date": "2025-03-01"}
    assert (await post_debtor_event(client, first, **event)).status_code == 201
    assert (await post_debtor_event(client, second, **event)).status_code == 201


async def test_debtor_events_are_listed_in_date_order(client: Client) -> None:
    debtor = await new_debtor(client)
    sent = [
        ("E3", "arrangement_withdrawn", "2025-05-01"),
        ("E1", "arrangement_start", "2025-03-01"),
        ("E4", "reminder", "2025-04-05"),
        ("E2", "instalment_missed", "2025-04-01"),
    ]
    for event_id, event_type, day in sent:
        response = await post_debtor_event(client, debtor, id=event_id, type=event_type, date=day)
        assert response.status_code == 201, response.text
    response = await post_debtor_event(
        client, debtor, id="E0", type="pause", date="2025-03-15", months=1
    )
    assert response.status_code == 201, response.text

    listed = await client.get(f"/v1/debtors/{debtor}/events")
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert [(item["id"], item["date"]) for item in items] == [
        ("E1", "2025-03-01"),
        ("E0", "2025-03-15"),
        ("E2", "2025-04-01"),
        ("E4", "2025-04-05"),
        ("E3", "2025-05-01"),
    ]


async def test_a_debtor_without_events_lists_none(client: Client) -> None:
    debtor = await new_debtor(client)
    listed = await client.get(f"/v1/debtors/{debtor}/events")
    assert listed.status_code == 200
    assert listed.json() == {"items": []}


async def test_events_of_an_unknown_debtor_are_404_and_nothing_is_stored(
    client: Client, pool: asyncpg.Pool
) -> None:
    nobody = unique("nobody")
    before = await row_counts(pool)
    posted = await post_debtor_event(
        client, nobody, id="E1", type="arrangement_start", date="2025-03-01"
    )
    assert nobody in assert_problem(posted, 404, "not-found")["detail"]
    listed = await client.get(f"/v1/debtors/{nobody}/events")
    assert nobody in assert_problem(listed, 404, "not-found")["detail"]
    assert await row_counts(pool) == before
    assert (await client.get(f"/v1/debtors/{nobody}")).status_code == 404


# --- what a stored event does to a later decision ----------------------------------------------


async def test_a_stored_arrangement_start_waives_interest_in_a_later_stored_decision(
    client: Client,
) -> None:
    debtor = await new_debtor(client, arrangement_request="standard")
    without = await decide(client, debtor, "2025-06-01")
    assert "R-NO-INTEREST-ARRANGEMENT" not in rules_of(without)
    # Due 26 Feb 2025; interest from 27 Feb to 31 May (94 days): 150000 x 4% x 94/365 = 1545.
    assert without["claims"][0]["interest_cents"] == 1_545
    assert without["claims"][0]["interest_waived_cents"] == 0

    response = await post_debtor_event(
        client, debtor, id="ARR-1", type="arrangement_start", date="2025-03-01"
    )
    assert response.status_code == 201, response.text

    decision = await decide(client, debtor, "2025-06-01")
    assert decision["input"]["debtor"]["events"] == [
        {
            "type": "arrangement_start",
            "date": "2025-03-01",
            "months": None,
            "amount_cents": None,
            "granted_on": None,
            "id": "ARR-1",
            "by": None,
            "reason": None,
        }
    ]
    # From 1 March to 31 May (92 days) no interest: 150000 x 4% x 92/365 = 1512 is waived; the
    # two days before the arrangement started (27-28 Feb) stay: 1545 - 1512 = 33.
    claim = decision["claims"][0]
    assert claim["interest_waived_cents"] == 1_512
    assert claim["interest_cents"] == 33
    waivers = [e for e in decision["trace"] if e["rule"] == "R-NO-INTEREST-ARRANGEMENT"]
    assert len(waivers) == 1, decision["trace"]
    assert waivers[0]["claim_ref"] == "C1"
    assert waivers[0]["stage"] == "claim_terms"
    assert "€15.12" in waivers[0]["explanation"]["en"]
    assert decision["plan"]["total_cents"] == 150_033


async def test_an_arrangement_start_after_as_of_does_not_count(client: Client) -> None:
    # A decision as of 1 June knows nothing of an arrangement that starts on 1 July.
    debtor = await new_debtor(client, arrangement_request="standard")
    response = await post_debtor_event(
        client, debtor, id="ARR-1", type="arrangement_start", date="2025-07-01"
    )
    assert response.status_code == 201, response.text
    decision = await decide(client, debtor, "2025-06-01")
    assert decision["input"]["debtor"]["events"] == []
    assert "R-NO-INTEREST-ARRANGEMENT" not in rules_of(decision)
    assert decision["claims"][0]["interest_waived_cents"] == 0


# --- a collector's interruption on a claim (M-NO-AUTO-INTERRUPT) -------------------------------


async def test_a_collectors_interruption_is_recorded_with_who_and_why(
    client: Client, pool: asyncpg.Pool
) -> None:
    debtor = await new_debtor(client)
    event = {
        "id": "INT-1",
        "type": "interruption",
        "date": "2025-05-01",
        "by": "collector-7",
        "reason": "Debtor has income again; collection is realistic.",
    }
    before = await row_counts(pool)
    response = await client.post(f"/v1/debtors/{debtor}/claims/C1/events", json=event)
    assert response.status_code == 201, response.text
    assert await row_counts(pool) == {**before, "claim_events": before["claim_events"] + 1}
    stored = response.json()
    assert {key: stored[key] for key in event} == event
    assert stored["amount_cents"] is None

    claim = await client.get(f"/v1/debtors/{debtor}/claims/C1")
    assert claim.status_code == 200
    assert claim.json()["events"] == [stored]

    again = await client.post(f"/v1/debtors/{debtor}/claims/C1/events", json=event)
    assert again.status_code == 200
    assert again.json() == stored
    clash = await client.post(
        f"/v1/debtors/{debtor}/claims/C1/events", json={**event, "by": "collector-8"}
    )
    assert_problem(clash, 409, "conflict")


async def test_a_collectors_interruption_moves_the_limitation_date_of_a_later_decision(
    client: Client,
) -> None:
    debtor = await new_debtor(client)
    before = await decide(client, debtor, "2025-06-01")
    # Due 26 February 2025: the last day is five years later.
    assert before["claims"][0]["limitation_date"] == "2030-02-26"

    response = await client.post(
        f"/v1/debtors/{debtor}/claims/C1/events",
        json={
            "id": "INT-1",
            "type": "interruption",
            "date": "2025-05-01",
            "by": "collector-7",
            "reason": "Debtor has income again.",
        },
    )
    assert response.status_code == 201, response.text

    decision = await decide(client, debtor, "2025-06-01")
    event = decision["input"]["claims"][0]["events"][0]
    assert (event["type"], event["by"], event["reason"]) == (
        "interruption",
        "collector-7",
        "Debtor has income again.",
    )
    # An interruption on 1 May 2025 starts a new period: the last day becomes 1 May 2030 (§7).
    assert decision["claims"][0]["limitation_date"] == "2030-05-01"
    limitation = next(e for e in decision["trace"] if e["rule"] == "R-LIMITATION")
    assert "1 May 2025" in limitation["explanation"]["en"], limitation

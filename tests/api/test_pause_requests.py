"""Payment pause requests (M-PAUSE, collection-rules.md §9): POST /v1/debtors/{ref}/pause-requests.

The request is decided on the stored facts as of `as_of` and the decision is recorded; a granted
pause is also recorded as a `pause` event of the debtor, so later decisions see it. Every test
makes its own debtor (a unique ref): the database is shared by the whole session.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import asyncpg
import httpx
import pytest

from tests.api.support import assert_problem, claim_body, row_counts, unique

Client = httpx.AsyncClient

# The claim of every test: € 1.500,00 decided 15 January 2025, due 26 February 2025.
ILLNESS = {"as_of": "2025-06-01", "start": "2025-07-01", "months": 3, "reason": "illness"}


async def new_debtor(client: Client, *, arrangement: str | None = "2025-03-01") -> str:
    """A debtor on a standard arrangement with one claim C1; the arrangement started on the
    given date (recorded as an `arrangement_start` event), or never (None)."""
    ref = unique("pause-debtor")
    response = await client.put(f"/v1/debtors/{ref}", json={"arrangement_request": "standard"})
    assert response.status_code == 201, response.text
    response = await client.put(f"/v1/debtors/{ref}/claims/C1", json=claim_body())
    assert response.status_code == 201, response.text
    if arrangement is not None:
        response = await client.post(
            f"/v1/debtors/{ref}/events",
            json={"id": "ARR-1", "type": "arrangement_start", "date": arrangement},
        )
        assert response.status_code == 201, response.text
    return ref


async def request_pause(client: Client, debtor: str, **body: Any) -> httpx.Response:
    return await client.post(f"/v1/debtors/{debtor}/pause-requests", json={**ILLNESS, **body})


async def debtor_events(client: Client, debtor: str) -> list[dict[str, Any]]:
    response = await client.get(f"/v1/debtors/{debtor}/events")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def decide(client: Client, debtor: str, as_of: str) -> dict[str, Any]:
    response = await client.post(f"/v1/debtors/{debtor}/decisions", json={"as_of": as_of})
    assert response.status_code == 201, response.text
    decision: dict[str, Any] = response.json()
    return decision


def response_ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def months_later(day: date, months: int) -> date:
    """The same day of the month, `months` later (the schedules here fall on the 1st)."""
    index = day.month - 1 + months
    return day.replace(year=day.year + index // 12, month=index % 12 + 1)


def rules_of(decision: dict[str, Any]) -> list[str]:
    return [entry["rule"] for entry in decision["trace"]]


def due_dates(decision: dict[str, Any]) -> list[date]:
    return [date.fromisoformat(item["due_date"]) for item in decision["plan"]["schedule"]]


# --- granted -----------------------------------------------------------------------------------


async def test_a_pause_within_the_limits_is_granted_and_recorded(
    client: Client, pool: asyncpg.Pool
) -> None:
    debtor = await new_debtor(client)
    before = await row_counts(pool)
    response = await request_pause(client, debtor)
    assert response.status_code == 201, response.text
    assert await row_counts(pool) == {
        **before,
        "decisions": before["decisions"] + 1,
        "debtor_events": before["debtor_events"] + 1,
    }

    body = response.json()
    assert set(body) == {"decision", "pause_event"}
    decision = body["decision"]
    assert response.headers["location"] == f"/v1/decisions/{decision['id']}"
    assert decision["debtor_ref"] == debtor
    assert decision["as_of"] == "2025-06-01"
    assert decision["policy_version"] == "2025-01-01"
    assert decision["pause"] == {
        "status": "granted",
        "start": "2025-07-01",
        "months": 3,
        "end": "2025-09-30",
        "reason": "illness",
        "grounds": [],
    }
    assert decision["requires_review"] is False
    assert "R-PAUSE-GRANTED" in rules_of(decision)
    # What was asked is part of the recorded input.
    assert decision["input"]["pause_request"] == {
        "start": "2025-07-01",
        "months": 3,
        "reason": "illness",
    }

    event = body["pause_event"]
    assert event is not None
    assert (event["type"], event["date"], event["months"], event["reason"]) == (
        "pause",
        "2025-07-01",
        3,
        "illness",
    )
    assert event["id"]
    assert event["recorded_at"]

    # The decision is in the log, exactly as returned.
    stored = await client.get(response.headers["location"])
    assert stored.status_code == 200
    assert stored.json() == decision

    # The debtor's events now hold the granted pause, after the arrangement's start.
    events = await debtor_events(client, debtor)
    assert [item["id"] for item in events] == ["ARR-1", event["id"]]
    assert events[1] == event


async def test_a_later_decision_moves_the_instalments_past_the_granted_pause(
    client: Client,
) -> None:
    debtor = await new_debtor(client)
    before = await decide(client, debtor, "2025-06-01")
    granted = response_ok(await request_pause(client, debtor))
    assert granted["decision"]["pause"]["status"] == "granted"
    after = await decide(client, debtor, "2025-06-01")

    assert [e["type"] for e in after["input"]["debtor"]["events"]] == [
        "arrangement_start",
        "pause",
    ]
    pause_first, pause_last = date(2025, 7, 1), date(2025, 9, 30)
    old, new = due_dates(before), due_dates(after)
    assert len(new) == len(old)
    assert not [day for day in new if pause_first <= day <= pause_last], new
    # The June instalment stays; every later one moves by the three months of the pause.
    assert old[:2] == [date(2025, 6, 1), date(2025, 7, 1)]
    assert new[0] == old[0] == date(2025, 6, 1)
    assert new[1:] == [months_later(day, 3) for day in old[1:]]
    assert [i["amount_cents"] for i in after["plan"]["schedule"]] == [
        i["amount_cents"] for i in before["plan"]["schedule"]
    ]
    # The pause is a postponement: limitation moves by its 92 days (§7).
    assert before["claims"][0]["limitation_date"] == "2030-02-26"
    assert after["claims"][0]["limitation_date"] == "2030-05-29"


async def test_a_decision_as_of_a_day_before_the_pause_was_granted_does_not_see_it(
    client: Client,
) -> None:
    # The pause from 1 July is granted on 1 June (the request's as_of) and recorded with that
    # day: what was decided as of 31 May could not have known it, so a decision as of 31 May
    # does not see it; one as of 1 June does.
    debtor = await new_debtor(client)
    granted = response_ok(await request_pause(client, debtor))
    assert granted["decision"]["pause"]["status"] == "granted"
    event = granted["pause_event"]
    assert (event["date"], event["granted_on"]) == ("2025-07-01", "2025-06-01")

    before = await decide(client, debtor, "2025-05-31")
    assert [e["type"] for e in before["input"]["debtor"]["events"]] == ["arrangement_start"]
    # No postponement: limitation stays five years after the due date of 26 February 2025.
    assert before["claims"][0]["limitation_date"] == "2030-02-26"

    on_the_day = await decide(client, debtor, "2025-06-01")
    assert [e["type"] for e in on_the_day["input"]["debtor"]["events"]] == [
        "arrangement_start",
        "pause",
    ]
    assert on_the_day["input"]["debtor"]["events"][1]["granted_on"] == "2025-06-01"
    # The pause of 1 July .. 30 September (92 days) postpones limitation: 26 Feb 2030 + 92 days
    # = 29 May 2030 (2 + 31 + 30 + 29).
    assert on_the_day["claims"][0]["limitation_date"] == "2030-05-29"


# --- referred ----------------------------------------------------------------------------------


async def test_a_second_pause_six_months_later_is_referred_as_too_soon(
    client: Client, pool: asyncpg.Pool
) -> None:
    debtor = await new_debtor(client)
    first = response_ok(await request_pause(client, debtor))
    assert first["decision"]["pause"]["status"] == "granted"
    events = await debtor_events(client, debtor)

    before = await row_counts(pool)
    second = response_ok(
        await request_pause(client, debtor, as_of="2025-12-01", start="2026-01-01")
    )
    assert await row_counts(pool) == {**before, "decisions": before["decisions"] + 1}
    decision = second["decision"]
    assert decision["pause"]["status"] == "referred"
    assert decision["pause"]["grounds"] == ["too_soon"]
    assert decision["requires_review"] is True
    assert "pause_request" in decision["review_reasons"]
    assert "R-PAUSE-TOO-SOON" in rules_of(decision)
    assert second["pause_event"] is None
    assert await debtor_events(client, debtor) == events


async def test_a_pause_two_months_before_a_granted_later_pause_is_referred_as_too_soon(
    client: Client,
) -> None:
    # At most one pause per 12 months (§9), whichever of the two is asked first: a pause from
    # 1 December is granted on 1 September, ahead of its start (91 days ahead: 30 + 31 + 30,
    # within the 92 a pause may start ahead); a one-month pause from 1 October asked the next
    # day (29 days ahead) would make two pauses two months apart.
    debtor = await new_debtor(client)
    first = response_ok(await request_pause(client, debtor, as_of="2025-09-01", start="2025-12-01"))
    assert first["decision"]["pause"]["status"] == "granted"

    second = response_ok(
        await request_pause(client, debtor, as_of="2025-09-02", start="2025-10-01", months=1)
    )
    assert second["decision"]["pause"]["status"] == "referred", second["decision"]["pause"]
    assert second["decision"]["pause"]["grounds"] == ["too_soon"]
    assert second["pause_event"] is None
    assert [item["type"] for item in await debtor_events(client, debtor)] == [
        "arrangement_start",
        "pause",
    ]


@pytest.mark.parametrize(
    ("changes", "ground", "rule"),
    [
        pytest.param({"reason": "other"}, "reason_other", "R-PAUSE-OTHER-REASON", id="other"),
        pytest.param({"months": 4}, "too_long", "R-PAUSE-TOO-LONG", id="too-long"),
    ],
)
async def test_a_pause_outside_the_listed_limits_is_referred(
    client: Client, pool: asyncpg.Pool, changes: dict[str, Any], ground: str, rule: str
) -> None:
    debtor = await new_debtor(client)
    before = await row_counts(pool)
    body = response_ok(await request_pause(client, debtor, **changes))
    assert await row_counts(pool) == {**before, "decisions": before["decisions"] + 1}
    decision = body["decision"]
    assert decision["pause"]["status"] == "referred"
    assert decision["pause"]["grounds"] == [ground]
    assert decision["requires_review"] is True
    assert "pause_request" in decision["review_reasons"]
    assert rule in rules_of(decision)
    assert body["pause_event"] is None
    assert [item["type"] for item in await debtor_events(client, debtor)] == ["arrangement_start"]


# --- refused -----------------------------------------------------------------------------------


async def test_a_pause_without_an_arrangement_is_refused(
    client: Client, pool: asyncpg.Pool
) -> None:
    debtor = await new_debtor(client, arrangement=None)
    before = await row_counts(pool)
    body = response_ok(await request_pause(client, debtor))
    assert await row_counts(pool) == {**before, "decisions": before["decisions"] + 1}
    decision = body["decision"]
    assert decision["pause"]["status"] == "refused"
    assert decision["pause"]["grounds"] == ["no_arrangement"]
    assert "R-PAUSE-NO-ARRANGEMENT" in rules_of(decision)
    assert body["pause_event"] is None
    assert await debtor_events(client, debtor) == []


async def test_a_pause_after_the_arrangement_was_withdrawn_is_refused(client: Client) -> None:
    debtor = await new_debtor(client)
    response = await client.post(
        f"/v1/debtors/{debtor}/events",
        json={"id": "W-1", "type": "arrangement_withdrawn", "date": "2025-05-01"},
    )
    assert response.status_code == 201, response.text
    body = response_ok(await request_pause(client, debtor))
    assert body["decision"]["pause"]["status"] == "refused"
    assert body["decision"]["pause"]["grounds"] == ["no_arrangement"]
    assert body["pause_event"] is None


async def test_a_pause_under_the_pinned_legacy_version_is_refused_and_not_recorded(
    client: Client, pool: asyncpg.Pool
) -> None:
    debtor = await new_debtor(client)
    before = await row_counts(pool)
    body = response_ok(await request_pause(client, debtor, policy_version="2023-01-01"))
    assert await row_counts(pool) == {**before, "decisions": before["decisions"] + 1}
    decision = body["decision"]
    assert decision["policy_version"] == "2023-01-01"
    assert decision["input"]["policy_version"] == "2023-01-01"
    assert decision["pause"]["status"] == "refused"
    assert decision["pause"]["grounds"] == ["not_in_policy"]
    assert "R-NO-PAUSE" in rules_of(decision)
    assert body["pause_event"] is None
    assert [item["type"] for item in await debtor_events(client, debtor)] == ["arrangement_start"]
    # The debtor's later decisions know of no pause.
    later = await decide(client, debtor, "2025-06-01")
    assert [e["type"] for e in later["input"]["debtor"]["events"]] == ["arrangement_start"]


# --- replay and unknown debtors ----------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({}, id="granted"),
        pytest.param({"reason": "other"}, id="referred"),
        pytest.param({"policy_version": "2023-01-01"}, id="refused-legacy"),
    ],
)
async def test_a_pause_decision_replays_identically(
    client: Client, pool: asyncpg.Pool, changes: dict[str, Any]
) -> None:
    debtor = await new_debtor(client)
    decision = response_ok(await request_pause(client, debtor, **changes))["decision"]
    before = await row_counts(pool)
    response = await client.post(f"/v1/decisions/{decision['id']}/replay")
    assert response.status_code == 200, response.text
    replay = response.json()
    assert replay["decision_id"] == decision["id"]
    assert replay["policy_version"] == decision["policy_version"]
    assert replay["policy_hash"] == decision["policy_hash"]
    assert replay["differences"] == []
    assert replay["identical"] is True
    assert {key: decision[key] for key in replay["replayed"]} == replay["replayed"]
    assert await row_counts(pool) == before


async def test_a_pause_request_of_an_unknown_debtor_is_404_and_stores_nothing(
    client: Client, pool: asyncpg.Pool
) -> None:
    nobody = unique("nobody")
    before = await row_counts(pool)
    response = await request_pause(client, nobody)
    problem = assert_problem(response, 404, "not-found")
    assert nobody in problem["detail"]
    assert await row_counts(pool) == before
    assert (await client.get(f"/v1/debtors/{nobody}")).status_code == 404

"""Bad input to the collection strategy's new fields and endpoints: pause requests, the debtor's
arrangement events, a collector's interruption, and the expiring-claims listing.

Every rejection must be an RFC 9457 problem document whose `errors` name the exact field (and
where it was sent); never a 500. Each test counts the rows of every table before and after: a
rejected request stores nothing.

URL templates use `{debtor}` and `{claim}` for a debtor with one claim (decided 15 January 2025)
that the module creates first, and `{new}` for a debtor that does not exist.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import asyncpg
import httpx
import pytest

from tests.api.support import (
    assert_problem,
    case_body,
    case_claim,
    claim_body,
    row_counts,
    send_rejected,
    unique,
)

Client = httpx.AsyncClient
Body = Callable[[], Any]

EVALUATIONS = "/v1/evaluations"
CLAIM_EVENTS = "/v1/debtors/{debtor}/claims/{claim}/events"
DEBTOR_EVENTS = "/v1/debtors/{debtor}/events"
PAUSE_REQUESTS = "/v1/debtors/{debtor}/pause-requests"
EXPIRING = "/v1/limitation/expiring"

PAUSE = {"start": "2025-07-01", "months": 3, "reason": "illness"}
PAUSE_REQUEST = {"as_of": "2025-06-01", **PAUSE}
INTERRUPTION = {
    "type": "interruption",
    "date": "2025-04-01",
    "by": "collector-7",
    "reason": "Collection is realistic.",
}


@pytest.fixture(scope="module")
async def stored(client: Client) -> dict[str, str]:
    """A stored debtor on an arrangement, with one claim."""
    debtor, claim = unique("strategy-bad"), "C1"
    response = await client.put(f"/v1/debtors/{debtor}", json={"arrangement_request": "standard"})
    assert response.status_code == 201, response.text
    response = await client.put(f"/v1/debtors/{debtor}/claims/{claim}", json=claim_body())
    assert response.status_code == 201, response.text
    response = await client.post(
        f"/v1/debtors/{debtor}/events",
        json={"id": "ARR-1", "type": "arrangement_start", "date": "2025-03-01"},
    )
    assert response.status_code == 201, response.text
    return {"debtor": debtor, "claim": claim}


def url(template: str, stored: dict[str, str]) -> str:
    return template.format(new=unique("new"), **stored)


def evaluation(**changes: Any) -> Body:
    """A valid evaluation (as of 1 June 2025) with these top-level changes."""
    return lambda: case_body(**changes)


def with_pause_request(**changes: Any) -> Body:
    return evaluation(pause_request={**PAUSE, **changes})


def with_debtor_event(**event: Any) -> Body:
    def build() -> dict[str, Any]:
        body = case_body()
        body["debtor"]["events"] = [event]
        return body

    return build


def with_claim_event(**event: Any) -> Body:
    return lambda: case_body(claims=[case_claim(events=[event])])


def without(body: dict[str, Any], *names: str) -> Body:
    def build() -> dict[str, Any]:
        copied = copy.deepcopy(body)
        for name in names:
            del copied[name]
        return copied

    return build


def event(**fields: Any) -> Body:
    return lambda: {"id": unique("E"), **fields}


# --- the evaluation's pause request ------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param(with_pause_request(months=0), "pause_request.months", id="months-0"),
        pytest.param(with_pause_request(months=25), "pause_request.months", id="months-25"),
        pytest.param(with_pause_request(months=2.5), "pause_request.months", id="months-float"),
        pytest.param(with_pause_request(months="3"), "pause_request.months", id="months-string"),
        pytest.param(
            with_pause_request(reason="holiday"), "pause_request.reason", id="reason-holiday"
        ),
        pytest.param(
            with_pause_request(start="2101-01-01"), "pause_request.start", id="start-2101"
        ),
        pytest.param(
            with_pause_request(start="1999-12-31"), "pause_request.start", id="start-1999"
        ),
        pytest.param(
            with_pause_request(start="2025-02-30"), "pause_request.start", id="start-invalid"
        ),
        pytest.param(with_pause_request(note="please"), "pause_request.note", id="unknown-field"),
        pytest.param(
            evaluation(pause_request={"start": "2025-07-01", "months": 3}),
            "pause_request.reason",
            id="reason-missing",
        ),
    ],
)
async def test_a_bad_pause_request_in_an_evaluation_is_rejected(
    client: Client, pool: asyncpg.Pool, body: Body, field: str
) -> None:
    response = await send_rejected(client, pool, "POST", EVALUATIONS, body)
    assert_problem(response, 422, "validation-error", field)


# --- the evaluation's debtor events ------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        pytest.param(
            with_debtor_event(type="holiday", date="2025-03-01"),
            "debtor.events[0].type",
            None,
            id="unknown-type",
        ),
        pytest.param(
            with_debtor_event(type="pause", date="2025-03-01"),
            "debtor.events[0].months",
            "required",
            id="pause-without-months",
        ),
        pytest.param(
            with_debtor_event(type="reminder", date="2025-03-01", months=2),
            "debtor.events[0].months",
            "not allowed",
            id="months-on-reminder",
        ),
        pytest.param(
            with_debtor_event(type="arrangement_start", date="2025-03-01", months=2),
            "debtor.events[0].months",
            "not allowed",
            id="months-on-arrangement-start",
        ),
        pytest.param(
            with_debtor_event(type="pause", date="2025-03-01", months=25),
            "debtor.events[0].months",
            None,
            id="pause-months-25",
        ),
        pytest.param(
            with_debtor_event(type="arrangement_start", date="2025-06-02"),
            "debtor.events[0].date",
            "after as_of",
            id="date-after-as_of",
        ),
        pytest.param(
            with_debtor_event(type="reminder", date="2025-06-02"),
            "debtor.events[0].date",
            "after as_of",
            id="reminder-after-as_of",
        ),
        pytest.param(
            with_debtor_event(type="reminder", date="2025-04-01", by="clerk 12"),
            "debtor.events[0].by",
            None,
            id="by-with-a-space",
        ),
        pytest.param(
            with_debtor_event(type="reminder", date="2025-04-01", reason=""),
            "debtor.events[0].reason",
            None,
            id="empty-reason",
        ),
    ],
)
async def test_a_bad_debtor_event_in_an_evaluation_is_rejected(
    client: Client, pool: asyncpg.Pool, body: Body, field: str, message: str | None
) -> None:
    response = await send_rejected(client, pool, "POST", EVALUATIONS, body)
    problem = assert_problem(response, 422, "validation-error", field)
    if message is not None:
        assert message in problem["errors"][0]["message"]


async def test_a_pause_event_after_as_of_is_accepted(client: Client, pool: asyncpg.Pool) -> None:
    # The boundary of the date checks above: a pause may be granted ahead of its start.
    before = await row_counts(pool)
    body = with_debtor_event(type="pause", date="2025-07-01", months=2)()
    response = await client.post(EVALUATIONS, json=body)
    assert response.status_code == 200, response.text
    assert await row_counts(pool) == before


# --- a collector's interruption ----------------------------------------------------------------


def _interruption(**changes: Any) -> dict[str, Any]:
    return {key: value for key, value in {**INTERRUPTION, **changes}.items() if value is not None}


@pytest.mark.parametrize(
    ("method", "template", "body", "field", "message"),
    [
        pytest.param(
            "POST",
            EVALUATIONS,
            with_claim_event(**_interruption(by=None)),
            "claims[0].events[0].by",
            "required",
            id="evaluation-without-by",
        ),
        pytest.param(
            "POST",
            EVALUATIONS,
            with_claim_event(**_interruption(reason=None)),
            "claims[0].events[0].reason",
            "required",
            id="evaluation-without-reason",
        ),
        pytest.param(
            "POST",
            CLAIM_EVENTS,
            event(**_interruption(by=None)),
            "by",
            "required",
            id="post-event-without-by",
        ),
        pytest.param(
            "POST",
            CLAIM_EVENTS,
            event(**_interruption(reason=None)),
            "reason",
            "required",
            id="post-event-without-reason",
        ),
        pytest.param(
            "POST",
            EVALUATIONS,
            with_claim_event(**_interruption(by="Jan de Vries")),
            "claims[0].events[0].by",
            None,
            id="evaluation-by-with-spaces",
        ),
        pytest.param(
            "POST",
            CLAIM_EVENTS,
            event(**_interruption(by="collector/7")),
            "by",
            None,
            id="post-event-by-with-a-slash",
        ),
        pytest.param(
            "POST",
            CLAIM_EVENTS,
            event(**_interruption(by="-collector")),
            "by",
            None,
            id="post-event-by-starting-with-a-dash",
        ),
        pytest.param(
            "POST",
            CLAIM_EVENTS,
            event(**_interruption(by="c" * 65)),
            "by",
            None,
            id="post-event-by-too-long",
        ),
        pytest.param(
            "POST",
            CLAIM_EVENTS,
            event(**_interruption(reason="x" * 501)),
            "reason",
            None,
            id="post-event-reason-too-long",
        ),
        pytest.param(
            "POST",
            CLAIM_EVENTS,
            event(**_interruption(amount_cents=100)),
            "amount_cents",
            "not allowed",
            id="post-event-interruption-with-amount",
        ),
        pytest.param(
            "POST",
            DEBTOR_EVENTS,
            event(type="reminder", date="2025-04-01", by="clerk 12"),
            "by",
            None,
            id="debtor-event-by-with-a-space",
        ),
    ],
)
async def test_a_bad_attributed_event_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
    field: str,
    message: str | None,
) -> None:
    response = await send_rejected(client, pool, method, url(template, stored), body)
    problem = assert_problem(response, 422, "validation-error", field)
    if message is not None:
        assert message in problem["errors"][0]["message"]


# --- POST pause-requests -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param(without(PAUSE_REQUEST, "as_of"), "as_of", id="without-as_of"),
        pytest.param(without(PAUSE_REQUEST, "start"), "start", id="without-start"),
        pytest.param(without(PAUSE_REQUEST, "months"), "months", id="without-months"),
        pytest.param(without(PAUSE_REQUEST, "reason"), "reason", id="without-reason"),
        pytest.param(lambda: {**PAUSE_REQUEST, "months": "3"}, "months", id="months-string"),
        pytest.param(lambda: {**PAUSE_REQUEST, "months": 0}, "months", id="months-0"),
        pytest.param(lambda: {**PAUSE_REQUEST, "months": 25}, "months", id="months-25"),
        pytest.param(lambda: {**PAUSE_REQUEST, "reason": "holiday"}, "reason", id="reason"),
        pytest.param(lambda: {**PAUSE_REQUEST, "urgent": True}, "urgent", id="unknown-field"),
        pytest.param(lambda: {**PAUSE_REQUEST, "as_of": "2025-02-30"}, "as_of", id="bad-as_of"),
        pytest.param(lambda: {**PAUSE_REQUEST, "start": "2101-01-01"}, "start", id="start-2101"),
        pytest.param(
            lambda: {**PAUSE_REQUEST, "as_of": "2022-12-31"}, "as_of", id="before-any-policy"
        ),
        pytest.param(
            lambda: {**PAUSE_REQUEST, "policy_version": "2099-01-01"},
            "policy_version",
            id="unknown-policy-version",
        ),
    ],
)
async def test_a_bad_pause_request_body_is_rejected(
    client: Client, pool: asyncpg.Pool, stored: dict[str, str], body: Body, field: str
) -> None:
    response = await send_rejected(client, pool, "POST", url(PAUSE_REQUESTS, stored), body)
    assert_problem(response, 422, "validation-error", field)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"months=3&reason=illness", id="form"),
        pytest.param(b'{"as_of": "2025-06-01", "months": 3', id="truncated"),
        pytest.param(b'{"as_of": "2025-06-01",}', id="trailing-comma"),
    ],
)
async def test_a_pause_request_that_is_not_json_is_400(
    client: Client, pool: asyncpg.Pool, stored: dict[str, str], content: bytes
) -> None:
    response = await send_rejected(
        client, pool, "POST", url(PAUSE_REQUESTS, stored), content=content
    )
    assert_problem(response, 400, "malformed-json")


async def test_a_pause_request_with_a_bad_path_ref_is_rejected_in_path(
    client: Client, pool: asyncpg.Pool
) -> None:
    response = await send_rejected(
        client, pool, "POST", "/v1/debtors/bad*ref/pause-requests", lambda: PAUSE_REQUEST
    )
    assert_problem(response, 422, "validation-error", "ref", location="path")


# --- POST debtor events ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        pytest.param(
            event(type="pause", date="2025-07-01"), "months", "required", id="pause-no-months"
        ),
        pytest.param(
            event(type="reminder", date="2025-04-01", months=1),
            "months",
            "not allowed",
            id="months-on-reminder",
        ),
        pytest.param(event(type="holiday", date="2025-04-01"), "type", None, id="unknown-type"),
        pytest.param(
            event(type="pause", date="2025-07-01", months="3"), "months", None, id="months-string"
        ),
        pytest.param(
            event(type="pause", date="2025-07-01", months=25), "months", None, id="months-25"
        ),
        pytest.param(event(type="reminder", date="2025-02-30"), "date", None, id="invalid-date"),
        pytest.param(
            event(type="reminder", date="2101-01-01"), "date", None, id="date-out-of-range"
        ),
        pytest.param(
            lambda: {"type": "reminder", "date": "2025-04-01"}, "id", None, id="without-id"
        ),
        pytest.param(
            event(type="reminder", date="2025-04-01", note="x"), "note", None, id="unknown-field"
        ),
    ],
)
async def test_a_bad_debtor_event_body_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    body: Body,
    field: str,
    message: str | None,
) -> None:
    response = await send_rejected(client, pool, "POST", url(DEBTOR_EVENTS, stored), body)
    problem = assert_problem(response, 422, "validation-error", field)
    if message is not None:
        assert message in problem["errors"][0]["message"]


async def test_a_debtor_event_that_is_not_json_is_400(
    client: Client, pool: asyncpg.Pool, stored: dict[str, str]
) -> None:
    response = await send_rejected(
        client, pool, "POST", url(DEBTOR_EVENTS, stored), content=b'{"id": "E1", "type": '
    )
    assert_problem(response, 400, "malformed-json")


# --- GET expiring ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field"),
    [
        pytest.param({"as_of": "2025-09-01", "within_days": "-1"}, "within_days", id="days--1"),
        pytest.param({"as_of": "2025-09-01", "within_days": "5000"}, "within_days", id="days-5000"),
        pytest.param({"as_of": "2025-09-01", "within_days": "ten"}, "within_days", id="days-text"),
        pytest.param({"within_days": "90"}, "as_of", id="as_of-missing"),
        pytest.param({"as_of": "2025-13-01"}, "as_of", id="as_of-month-13"),
        pytest.param({"as_of": "2025-02-30"}, "as_of", id="as_of-feb-30"),
        pytest.param({"as_of": "1999-12-31"}, "as_of", id="as_of-too-early"),
        pytest.param({"as_of": "2025-09-01", "cursor": "garbage"}, "cursor", id="cursor-garbage"),
        pytest.param({"as_of": "2025-09-01", "cursor": "!!"}, "cursor", id="cursor-not-base64"),
        pytest.param({"as_of": "2025-09-01", "limit": "0"}, "limit", id="limit-0"),
        pytest.param({"as_of": "2025-09-01", "limit": "501"}, "limit", id="limit-501"),
    ],
)
async def test_a_bad_expiring_query_is_rejected_naming_the_query_field(
    client: Client, pool: asyncpg.Pool, params: dict[str, str], field: str
) -> None:
    before = await row_counts(pool)
    response = await client.get(EXPIRING, params=params)
    assert response.status_code != 500, response.text
    assert_problem(response, 422, "validation-error", field, location="query")
    assert await row_counts(pool) == before

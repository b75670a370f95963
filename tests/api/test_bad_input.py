"""Bad input: one test per class of mistake, through the real app and a real database.

Every rejection must be an RFC 9457 problem document (`application/problem+json`) of the right
status and type, whose `errors` name the exact field; never a 500. Each test also counts the rows
of every table before and after: a rejected request stores nothing (and an evaluation never
stores anything at all).

Where a class applies to the stored endpoints too (PUT debtor, PUT claim, POST event, POST
decisions) the test is parametrised over them. URL templates use `{new}` for a debtor that does
not exist yet (so a wrongly accepted PUT would create it), `{debtor}` and `{claim}` for a debtor
with one claim that the module creates first.
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
    problem_fields,
    row_counts,
    send_rejected,
    unique,
)

Client = httpx.AsyncClient
Body = Callable[[], Any]

EVALUATIONS = "/v1/evaluations"
DEBTOR = "/v1/debtors/{new}"
CLAIM = "/v1/debtors/{debtor}/claims/{new}"
EVENTS = "/v1/debtors/{debtor}/claims/{claim}/events"
DECISIONS = "/v1/debtors/{debtor}/decisions"
ONE_MIB = 1024 * 1024


@pytest.fixture(scope="module")
async def stored(client: Client) -> dict[str, str]:
    """A stored debtor with one claim (decided 15 January 2025) and one aanmaning on it."""
    debtor, claim = unique("bad-debtor"), "C1"
    response = await client.put(f"/v1/debtors/{debtor}", json={"arrangement_request": "none"})
    assert response.status_code == 201
    response = await client.put(f"/v1/debtors/{debtor}/claims/{claim}", json=claim_body())
    assert response.status_code == 201
    response = await client.post(
        f"/v1/debtors/{debtor}/claims/{claim}/events",
        json={"id": "E1", "type": "aanmaning", "date": "2025-03-01"},
    )
    assert response.status_code == 201
    return {"debtor": debtor, "claim": claim}


def url(template: str, stored: dict[str, str]) -> str:
    return template.format(new=unique("new"), **stored)


def changed(base: Callable[[], dict[str, Any]], change: Callable[[dict[str, Any]], Any]) -> Body:
    """A body builder: a fresh copy of `base()` with `change` applied to it."""

    def build() -> dict[str, Any]:
        body = copy.deepcopy(base())
        change(body)
        return body

    return build


def event(**fields: Any) -> Body:
    return lambda: {"id": unique("E"), **fields}


# --- unknown fields (the closed input whitelist of collection-rules.md §12) --------------------


@pytest.mark.parametrize(
    ("method", "template", "body", "field"),
    [
        pytest.param(
            "POST", EVALUATIONS, lambda: case_body(priority="high"), "priority", id="evaluation"
        ),
        pytest.param(
            "POST",
            EVALUATIONS,
            lambda: case_body(claims=[case_claim(fraud_signal=True)]),
            "claims[0].fraud_signal",
            id="evaluation-claim",
        ),
        pytest.param(
            "POST",
            EVALUATIONS,
            lambda: case_body(
                claims=[case_claim(events=[{"type": "aanmaning", "date": "2025-03-01", "x": 1}])]
            ),
            "claims[0].events[0].x",
            id="evaluation-event",
        ),
        pytest.param("PUT", DEBTOR, lambda: {"nationality": "NL"}, "nationality", id="put-debtor"),
        pytest.param("PUT", CLAIM, lambda: claim_body(risk_score=7), "risk_score", id="put-claim"),
        pytest.param(
            "POST",
            EVENTS,
            event(type="aanmaning", date="2025-04-01", note="called"),
            "note",
            id="post-event",
        ),
        pytest.param(
            "POST",
            DECISIONS,
            lambda: {"as_of": "2025-06-01", "fast": True},
            "fast",
            id="post-decision",
        ),
    ],
)
async def test_unknown_top_level_field_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
    field: str,
) -> None:
    response = await send_rejected(client, pool, method, url(template, stored), body)
    problem = assert_problem(response, 422, "validation-error", field)
    assert problem["errors"][0]["message"] == "unknown field"


@pytest.mark.parametrize(
    "forbidden", ["nationality", "ethnicity", "country_of_birth", "fraud_signal", "risk_score"]
)
async def test_unknown_debtor_field_is_rejected_closed_whitelist(
    client: Client, pool: asyncpg.Pool, forbidden: str
) -> None:
    body = case_body()
    body["debtor"][forbidden] = "NL" if forbidden != "risk_score" else 0.9
    response = await send_rejected(client, pool, "POST", EVALUATIONS, lambda: body)
    problem = assert_problem(response, 422, "validation-error", f"debtor.{forbidden}")
    assert problem["errors"][0]["message"] == "unknown field"


# --- missing, mistyped and out-of-range values -------------------------------------------------


def _without(*path: str | int) -> Callable[[dict[str, Any]], None]:
    def remove(body: dict[str, Any]) -> None:
        target: Any = body
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return remove


@pytest.mark.parametrize(
    ("method", "template", "body", "field"),
    [
        pytest.param(
            "POST", EVALUATIONS, changed(case_body, _without("as_of")), "as_of", id="eval-as_of"
        ),
        pytest.param(
            "POST",
            EVALUATIONS,
            changed(case_body, _without("claims", 0, "origin")),
            "claims[0].origin",
            id="eval-claim-origin",
        ),
        pytest.param(
            "POST",
            EVALUATIONS,
            changed(case_body, _without("debtor", "ref")),
            "debtor.ref",
            id="eval-debtor-ref",
        ),
        pytest.param(
            "PUT",
            CLAIM,
            changed(claim_body, _without("decision_date")),
            "decision_date",
            id="put-claim",
        ),
        pytest.param(
            "POST",
            EVENTS,
            lambda: {"type": "aanmaning", "date": "2025-04-01"},
            "id",
            id="post-event",
        ),
        pytest.param("POST", DECISIONS, lambda: {}, "as_of", id="post-decision"),
    ],
)
async def test_missing_required_field_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
    field: str,
) -> None:
    response = await send_rejected(client, pool, method, url(template, stored), body)
    problem = assert_problem(response, 422, "validation-error", field)
    assert problem["errors"][0]["message"] == "required field is missing"


@pytest.mark.parametrize(
    ("method", "template", "body", "field"),
    [
        pytest.param(
            "POST",
            EVALUATIONS,
            lambda: case_body(claims=[case_claim(amount_cents="150000")]),
            "claims[0].amount_cents",
            id="evaluation",
        ),
        pytest.param(
            "PUT",
            DEBTOR,
            lambda: {"monthly_payment_capacity_cents": "5000"},
            "monthly_payment_capacity_cents",
            id="put-debtor",
        ),
        pytest.param(
            "PUT",
            CLAIM,
            lambda: claim_body(amount_cents="150000"),
            "amount_cents",
            id="put-claim",
        ),
        pytest.param(
            "POST",
            EVENTS,
            event(type="payment", date="2025-04-01", amount_cents="1000"),
            "amount_cents",
            id="post-event",
        ),
    ],
)
async def test_string_amount_is_rejected_as_wrong_type(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
    field: str,
) -> None:
    # Money is an integer number of cents; a JSON string is the wrong type even when it holds
    # digits, and must not be coerced.
    response = await send_rejected(client, pool, method, url(template, stored), body)
    assert_problem(response, 422, "validation-error", field)


@pytest.mark.parametrize(
    ("method", "template", "body", "field"),
    [
        pytest.param(
            "POST",
            EVALUATIONS,
            lambda: case_body(claims=[case_claim(amount_cents=-1)]),
            "claims[0].amount_cents",
            id="evaluation",
        ),
        pytest.param(
            "POST",
            EVALUATIONS,
            lambda: case_body(claims=[case_claim(amount_cents=0)]),
            "claims[0].amount_cents",
            id="evaluation-zero",
        ),
        pytest.param(
            "PUT", CLAIM, lambda: claim_body(amount_cents=-1), "amount_cents", id="put-claim"
        ),
        pytest.param(
            "POST",
            EVENTS,
            event(type="payment", date="2025-04-01", amount_cents=-1),
            "amount_cents",
            id="post-event",
        ),
    ],
)
async def test_negative_amount_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
    field: str,
) -> None:
    response = await send_rejected(client, pool, method, url(template, stored), body)
    assert_problem(response, 422, "validation-error", field)


@pytest.mark.parametrize(
    ("method", "template", "body", "field"),
    [
        pytest.param(
            "POST",
            EVALUATIONS,
            changed(case_body, lambda b: b["debtor"].update(monthly_payment_capacity_cents=-1)),
            "debtor.monthly_payment_capacity_cents",
            id="evaluation",
        ),
        pytest.param(
            "POST",
            EVALUATIONS,
            changed(case_body, lambda b: b["debtor"].update(assets_cents=-1)),
            "debtor.assets_cents",
            id="evaluation-assets",
        ),
        pytest.param(
            "PUT",
            DEBTOR,
            lambda: {"monthly_payment_capacity_cents": -1},
            "monthly_payment_capacity_cents",
            id="put-debtor",
        ),
    ],
)
async def test_negative_capacity_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
    field: str,
) -> None:
    response = await send_rejected(client, pool, method, url(template, stored), body)
    assert_problem(response, 422, "validation-error", field)


@pytest.mark.parametrize(
    ("method", "template", "body", "field"),
    [
        pytest.param(
            "POST",
            EVALUATIONS,
            lambda: case_body(claims=[case_claim(allowance="kinderbijslag")]),
            "claims[0].allowance",
            id="evaluation",
        ),
        pytest.param(
            "POST",
            EVALUATIONS,
            lambda: case_body(claims=[case_claim(origin="estimate")]),
            "claims[0].origin",
            id="evaluation-origin",
        ),
        pytest.param(
            "PUT",
            DEBTOR,
            lambda: {"arrangement_request": "maatwerk"},
            "arrangement_request",
            id="put-debtor",
        ),
        pytest.param(
            "PUT",
            CLAIM,
            lambda: claim_body(allowance="kinderbijslag"),
            "allowance",
            id="put-claim",
        ),
        pytest.param(
            "POST", EVENTS, event(type="beslag", date="2025-04-01"), "type", id="post-event"
        ),
    ],
)
async def test_invalid_enum_value_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
    field: str,
) -> None:
    response = await send_rejected(client, pool, method, url(template, stored), body)
    assert_problem(response, 422, "validation-error", field)


@pytest.mark.parametrize(
    ("method", "template", "body", "field"),
    [
        pytest.param(
            "POST",
            EVALUATIONS,
            lambda: case_body(claims=[case_claim(decision_date="2025-02-30")]),
            "claims[0].decision_date",
            id="evaluation",
        ),
        pytest.param(
            "POST", EVALUATIONS, lambda: case_body(as_of="2025-02-30"), "as_of", id="eval-as_of"
        ),
        pytest.param(
            "PUT",
            CLAIM,
            lambda: claim_body(decision_date="2025-02-30"),
            "decision_date",
            id="put-claim",
        ),
        pytest.param(
            "POST", EVENTS, event(type="aanmaning", date="2025-02-30"), "date", id="post-event"
        ),
        pytest.param(
            "POST", DECISIONS, lambda: {"as_of": "2025-02-30"}, "as_of", id="post-decision"
        ),
    ],
)
async def test_invalid_date_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
    field: str,
) -> None:
    response = await send_rejected(client, pool, method, url(template, stored), body)
    assert_problem(response, 422, "validation-error", field)


# --- values that do not fit together -----------------------------------------------------------


async def test_claim_decided_after_as_of_is_rejected(client: Client, pool: asyncpg.Pool) -> None:
    body = case_body(claims=[case_claim(decision_date="2025-06-02")])  # as_of is 2025-06-01
    response = await send_rejected(client, pool, "POST", EVALUATIONS, lambda: body)
    assert_problem(response, 422, "validation-error", "claims[0].decision_date")


async def test_duplicate_claim_refs_are_rejected(client: Client, pool: asyncpg.Pool) -> None:
    body = case_body(claims=[case_claim("C1"), case_claim("C2"), case_claim("C1")])
    response = await send_rejected(client, pool, "POST", EVALUATIONS, lambda: body)
    problem = assert_problem(response, 422, "validation-error", "claims[2].ref")
    assert "C1" in problem["errors"][0]["message"]


@pytest.mark.parametrize(
    ("method", "template", "body"),
    [
        pytest.param(
            "POST",
            EVALUATIONS,
            lambda: case_body(as_of="2022-12-31", claims=[case_claim(decision_date="2022-06-01")]),
            id="evaluation",
        ),
        pytest.param("POST", DECISIONS, lambda: {"as_of": "2022-12-31"}, id="post-decision"),
    ],
)
async def test_as_of_before_first_policy_version_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
) -> None:
    # The first policy version takes effect on 2023-01-01; nothing is in force the day before.
    response = await send_rejected(client, pool, method, url(template, stored), body)
    problem = assert_problem(response, 422, "validation-error", "as_of")
    assert "2023-01-01" in problem["errors"][0]["message"]


@pytest.mark.parametrize(
    ("method", "template", "body"),
    [
        pytest.param(
            "POST", EVALUATIONS, lambda: case_body(policy_version="2022-01-01"), id="evaluation"
        ),
        pytest.param(
            "POST",
            DECISIONS,
            lambda: {"as_of": "2025-06-01", "policy_version": "2099-01-01"},
            id="post-decision",
        ),
    ],
)
async def test_unknown_pinned_policy_version_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
) -> None:
    response = await send_rejected(client, pool, method, url(template, stored), body)
    problem = assert_problem(response, 422, "validation-error", "policy_version")
    assert "unknown policy version" in problem["errors"][0]["message"]


async def test_more_than_500_claims_are_rejected(client: Client, pool: asyncpg.Pool) -> None:
    body = case_body(claims=[case_claim(f"C{index}") for index in range(501)])
    response = await send_rejected(client, pool, "POST", EVALUATIONS, lambda: body)
    assert_problem(response, 422, "validation-error", "claims")


async def test_exactly_500_claims_are_accepted(client: Client, pool: asyncpg.Pool) -> None:
    # The boundary of the previous test: 500 claims is the most one decision takes.
    before = await row_counts(pool)
    body = case_body(claims=[case_claim(f"C{index}") for index in range(500)])
    response = await client.post(EVALUATIONS, json=body)
    assert response.status_code == 200, response.text
    assert len(response.json()["claims"]) == 500
    assert await row_counts(pool) == before


async def test_event_dated_after_as_of_is_rejected(client: Client, pool: asyncpg.Pool) -> None:
    events = [{"type": "aanmaning", "date": "2025-06-02"}]  # as_of is 2025-06-01
    body = case_body(claims=[case_claim(events=events)])
    response = await send_rejected(client, pool, "POST", EVALUATIONS, lambda: body)
    problem = assert_problem(response, 422, "validation-error", "claims[0].events[0].date")
    assert "after as_of" in problem["errors"][0]["message"]


@pytest.mark.parametrize(
    ("method", "template", "body", "field"),
    [
        pytest.param(
            "POST",
            EVALUATIONS,
            # The claim is decided on 2025-01-15; the aanmaning is dated the day before.
            lambda: case_body(
                claims=[case_claim(events=[{"type": "aanmaning", "date": "2025-01-14"}])]
            ),
            "claims[0].events[0].date",
            id="evaluation",
        ),
        pytest.param(
            "POST", EVENTS, event(type="aanmaning", date="2025-01-14"), "date", id="post-event"
        ),
    ],
)
async def test_event_before_decision_date_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
    field: str,
) -> None:
    response = await send_rejected(client, pool, method, url(template, stored), body)
    problem = assert_problem(response, 422, "validation-error", field)
    assert "decision_date" in problem["errors"][0]["message"]


@pytest.mark.parametrize(
    ("method", "template", "body", "field"),
    [
        pytest.param(
            "POST",
            EVALUATIONS,
            lambda: case_body(
                claims=[case_claim(events=[{"type": "payment", "date": "2025-03-01"}])]
            ),
            "claims[0].events[0].amount_cents",
            id="evaluation-payment",
        ),
        pytest.param(
            "POST",
            EVALUATIONS,
            lambda: case_body(
                claims=[case_claim(events=[{"type": "offset", "date": "2025-03-01"}])]
            ),
            "claims[0].events[0].amount_cents",
            id="evaluation-offset",
        ),
        pytest.param(
            "POST",
            EVENTS,
            event(type="payment", date="2025-04-01"),
            "amount_cents",
            id="post-event",
        ),
    ],
)
async def test_payment_without_amount_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
    field: str,
) -> None:
    response = await send_rejected(client, pool, method, url(template, stored), body)
    problem = assert_problem(response, 422, "validation-error", field)
    assert "required" in problem["errors"][0]["message"]


@pytest.mark.parametrize(
    ("method", "template", "body", "field"),
    [
        pytest.param(
            "POST",
            EVALUATIONS,
            lambda: case_body(
                claims=[
                    case_claim(
                        events=[{"type": "aanmaning", "date": "2025-03-01", "amount_cents": 900}]
                    )
                ]
            ),
            "claims[0].events[0].amount_cents",
            id="evaluation",
        ),
        pytest.param(
            "POST",
            EVENTS,
            event(type="written_claim", date="2025-04-01", amount_cents=900),
            "amount_cents",
            id="post-event",
        ),
    ],
)
async def test_amount_on_an_act_that_moves_no_money_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
    field: str,
) -> None:
    response = await send_rejected(client, pool, method, url(template, stored), body)
    problem = assert_problem(response, 422, "validation-error", field)
    assert "not allowed" in problem["errors"][0]["message"]


@pytest.mark.parametrize(
    ("method", "template", "body", "field"),
    [
        pytest.param(
            "POST",
            EVALUATIONS,
            changed(
                case_body,
                lambda b: b["debtor"].update(arrangement_request="personal", assets_cents=0),
            ),
            "debtor.monthly_payment_capacity_cents",
            id="evaluation",
        ),
        pytest.param(
            "PUT",
            DEBTOR,
            lambda: {"arrangement_request": "personal", "assets_cents": 0},
            "monthly_payment_capacity_cents",
            id="put-debtor",
        ),
    ],
)
async def test_personal_arrangement_without_capacity_is_rejected(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    body: Body,
    field: str,
) -> None:
    response = await send_rejected(client, pool, method, url(template, stored), body)
    problem = assert_problem(response, 422, "validation-error", field)
    assert "personal" in problem["errors"][0]["message"]


async def test_claim_decision_date_after_a_recorded_event_is_rejected(
    client: Client, pool: asyncpg.Pool, stored: dict[str, str]
) -> None:
    # The stored claim has an aanmaning of 2025-03-01; moving its decision date past that event
    # would leave the event before the decision.
    path = url("/v1/debtors/{debtor}/claims/{claim}", stored)
    before = (await client.get(path)).json()
    response = await send_rejected(
        client, pool, "PUT", path, lambda: claim_body(decision_date="2025-04-01")
    )
    assert_problem(response, 422, "validation-error", "decision_date")
    assert (await client.get(path)).json() == before


async def test_far_future_dates_are_rejected_not_a_500(client: Client, pool: asyncpg.Pool) -> None:
    # Valid ISO dates whose terms (due date + 5 years' limitation) fall beyond the year 9999 are
    # bad input: they must get a 422 that names a date field, never an internal error.
    body = case_body(as_of="9999-12-31", claims=[case_claim(decision_date="9998-01-01")])
    response = await send_rejected(client, pool, "POST", EVALUATIONS, lambda: body)
    assert_problem(response, 422, "validation-error")
    assert problem_fields(response) & {"as_of", "claims[0].decision_date"}, response.text


async def test_far_future_dates_in_stored_facts_are_rejected_not_a_500(
    client: Client, pool: asyncpg.Pool
) -> None:
    # The same case from stored facts. Today PUT accepts a claim decided in 9998; deciding on
    # it as of 9999-12-31 must then be a 422 that records no decision. (Rejecting the claim at
    # the PUT instead would be right too.)
    debtor = unique("far-debtor")
    assert (await client.put(f"/v1/debtors/{debtor}", json={})).status_code == 201
    claim = await client.put(
        f"/v1/debtors/{debtor}/claims/C1", json=claim_body(decision_date="9998-01-01")
    )
    if claim.status_code == 422:
        assert_problem(claim, 422, "validation-error", "decision_date")
        return
    assert claim.status_code == 201, claim.text
    response = await send_rejected(
        client, pool, "POST", f"/v1/debtors/{debtor}/decisions", lambda: {"as_of": "9999-12-31"}
    )
    assert_problem(response, 422, "validation-error")
    assert problem_fields(response) & {"as_of", "claims[0].decision_date"}, response.text


# --- the body itself ---------------------------------------------------------------------------

_ALL_WRITES = [
    pytest.param("POST", EVALUATIONS, id="evaluation"),
    pytest.param("PUT", DEBTOR, id="put-debtor"),
    pytest.param("PUT", CLAIM, id="put-claim"),
    pytest.param("POST", EVENTS, id="post-event"),
    pytest.param("POST", DECISIONS, id="post-decision"),
]


@pytest.mark.parametrize(("method", "template"), _ALL_WRITES)
async def test_body_over_1_mib_is_rejected_with_413(
    client: Client, pool: asyncpg.Pool, stored: dict[str, str], method: str, template: str
) -> None:
    # Well-formed JSON, one byte over the limit.
    prefix, suffix = b'{"as_of": "2025-06-01", "padding": "', b'"}'
    content = prefix + b"x" * (ONE_MIB + 1 - len(prefix) - len(suffix)) + suffix
    assert len(content) == ONE_MIB + 1
    response = await send_rejected(client, pool, method, url(template, stored), content=content)
    assert_problem(response, 413, "payload-too-large")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b'{"as_of": "2025-06-01", debtor: {}}', id="bare-key"),
        pytest.param(b'{"as_of": "2025-06-01"}}', id="trailing"),
        pytest.param(b'{"as_of": "2025-06-01", "debtor": {', id="truncated"),
    ],
)
@pytest.mark.parametrize(("method", "template"), _ALL_WRITES)
async def test_malformed_json_is_rejected_with_400(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    template: str,
    content: bytes,
) -> None:
    response = await send_rejected(client, pool, method, url(template, stored), content=content)
    assert_problem(response, 400, "malformed-json", "(body)")


# --- the URL -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        pytest.param("PUT", "/v1/debtors/-starts-with-dash", lambda: {}, "ref", id="put-debtor"),
        pytest.param("GET", "/v1/debtors/" + "a" * 65, None, "ref", id="get-debtor-too-long"),
        pytest.param(
            "PUT", "/v1/debtors/{debtor}/claims/bad*ref", claim_body, "claim_ref", id="put-claim"
        ),
        pytest.param(
            "POST",
            "/v1/debtors/{debtor}/claims/.dot/events",
            event(type="aanmaning", date="2025-04-01"),
            "claim_ref",
            id="post-event",
        ),
        pytest.param(
            "POST",
            "/v1/debtors/bad*ref/decisions",
            lambda: {"as_of": "2025-06-01"},
            "ref",
            id="post-decision",
        ),
    ],
)
async def test_invalid_path_ref_is_rejected_in_path(
    client: Client,
    pool: asyncpg.Pool,
    stored: dict[str, str],
    method: str,
    path: str,
    body: Body | None,
    field: str,
) -> None:
    response = await send_rejected(client, pool, method, path.format(**stored), body)
    assert_problem(response, 422, "validation-error", field, location="path")


@pytest.mark.parametrize("limit", ["0", "101", "ten"])
async def test_history_limit_out_of_range_is_rejected_in_query(
    client: Client, stored: dict[str, str], limit: str
) -> None:
    response = await client.get(url(DECISIONS, stored), params={"limit": limit})
    assert_problem(response, 422, "validation-error", "limit", location="query")


async def test_unknown_route_is_404_problem(client: Client) -> None:
    response = await client.get("/v1/no-such-thing")
    assert_problem(response, 404, "not-found")

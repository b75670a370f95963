"""Claims nearing their limitation date (M-NO-AUTO-INTERRUPT, collection-rules.md §7):
GET /v1/limitation/expiring.

The claims here are decided in 2020, so their limitation dates fall in 2025 and the listing is
asked as of 1 September 2025 (policy 2025-01-01): far from the 2025 claims of the other tests.
The database is still shared, so every test gives its debtors one unique prefix and only looks at
the listed items of that prefix.

A claim's limitation date is its decision date + 42 days (the payment term) + 5 years; `claim`
works back from the limitation date a test wants.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
import pytest

from tests.api.support import assert_problem, row_counts, unique

Client = httpx.AsyncClient

AS_OF = date(2025, 9, 1)
EXPIRING = "/v1/limitation/expiring"
AMOUNT = 150_000

CAPACITY = {"monthly_payment_capacity_cents": 5_000, "assets_cents": 0}
NO_MEANS = {"monthly_payment_capacity_cents": 0, "assets_cents": 0}
UNKNOWN_MEANS: dict[str, Any] = {}


def claim(limitation_date: date, amount_cents: int = AMOUNT) -> dict[str, Any]:
    """A definitive huurtoeslag claim (PUT body) whose limitation date is `limitation_date`."""
    due = limitation_date.replace(year=limitation_date.year - 5)
    decided = due - timedelta(days=42)
    return {
        "allowance": "huurtoeslag",
        "benefit_year": decided.year - 1,
        "origin": "definitive",
        "decision_date": decided.isoformat(),
        "amount_cents": amount_cents,
    }


def owed(limitation_date: date, amount_cents: int = AMOUNT, as_of: date = AS_OF) -> int:
    """Principal + 4% simple interest from the day after the due date to the day before as_of,
    rounded half-up (collection-rules.md §6; 4% applies to every day before 2026)."""
    due = limitation_date.replace(year=limitation_date.year - 5)
    days = (as_of - due).days - 1
    interest = (amount_cents * 400 * days * 2 + 10_000 * 365) // (2 * 10_000 * 365)
    return amount_cents + interest


async def store(
    client: Client, ref: str, means: dict[str, Any], claims: dict[str, dict[str, Any]]
) -> None:
    response = await client.put(f"/v1/debtors/{ref}", json=means)
    assert response.status_code == 201, response.text
    for claim_ref, body in claims.items():
        response = await client.put(f"/v1/debtors/{ref}/claims/{claim_ref}", json=body)
        assert response.status_code == 201, response.text


async def listing(client: Client, **params: Any) -> dict[str, Any]:
    response = await client.get(EXPIRING, params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


async def walk(client: Client, limit: int, **params: Any) -> list[dict[str, Any]]:
    """Every page of the listing, following next_cursor to the end."""
    pages: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        query = {**params, "limit": limit}
        if cursor is not None:
            query["cursor"] = cursor
        page = await listing(client, **query)
        pages.append(page)
        cursor = page["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) < 500, "pagination does not end"


def mine(items: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    return [item for item in items if item["debtor_ref"].startswith(f"{prefix}-")]


def keys(items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(item["debtor_ref"], item["claim_ref"]) for item in items]


def day(offset: int) -> date:
    return AS_OF + timedelta(days=offset)


@pytest.fixture(scope="module")
async def prefix(client: Client) -> str:
    """Debtors with claims inside and outside the windows, stored once for the module.

    Refs mix upper and lower case, so byte order ("Z" < "a", "B" < "b") differs from a
    case-insensitive collation.
    """
    prefix = unique("exp")
    # Capacity: B and b are inside the 90-day window (b on its first day, B on its last);
    # late is inside 180 days; the others are expired, too late or paid.
    await store(
        client,
        f"{prefix}-A",
        CAPACITY,
        {
            "b": claim(day(0)),
            "B": claim(day(90)),
            "expired": claim(day(-1)),
            "late": claim(day(91)),
            "far": claim(day(400)),
        },
    )
    paid = claim(day(10))
    response = await client.put(f"/v1/debtors/{prefix}-A/claims/paid", json=paid)
    assert response.status_code == 201, response.text
    # Paid in full on its due date: no interest, nothing open.
    response = await client.post(
        f"/v1/debtors/{prefix}-A/claims/paid/events",
        json={
            "id": "PAY-1",
            "type": "payment",
            "date": day(10).replace(year=day(10).year - 5).isoformat(),
            "amount_cents": AMOUNT,
        },
    )
    assert response.status_code == 201, response.text
    # Means unknown: a collector decides.
    await store(client, f"{prefix}-Z", UNKNOWN_MEANS, {"C1": claim(day(30))})
    # Known to have no means: let it expire.
    await store(client, f"{prefix}-a", NO_MEANS, {"C1": claim(day(45))})
    # Capacity, but a small balance: let it expire.
    await store(client, f"{prefix}-b", CAPACITY, {"C1": claim(day(60), amount_cents=15_000)})
    # Beyond the policy's 180-day look-ahead: listed only when asked further ahead, proposal none.
    await store(client, f"{prefix}-c", CAPACITY, {"C1": claim(day(200))})
    # Nothing in any window asked here.
    await store(client, f"{prefix}-d", CAPACITY, {"C1": claim(day(-30)), "C2": claim(day(800))})
    return prefix


def item(
    prefix: str, debtor: str, claim_ref: str, offset: int, proposal: str, **changes: Any
) -> dict[str, Any]:
    """The listed item of a claim whose limitation date is AS_OF + offset days."""
    limitation_date = day(offset)
    ref = f"{prefix}-{debtor}"
    return {
        "debtor_ref": ref,
        "claim_ref": claim_ref,
        "limitation_date": limitation_date.isoformat(),
        "days_left": offset,
        "owed_cents": owed(limitation_date, changes.pop("amount_cents", AMOUNT)),
        "within_limitation_window": proposal != "none",
        "proposal": proposal,
        "policy_version": "2025-01-01",
        "debtor_href": f"/v1/debtors/{ref}",
        **changes,
    }


def within_90(prefix: str) -> list[dict[str, Any]]:
    return [
        item(prefix, "A", "B", 90, "interrupt"),
        item(prefix, "A", "b", 0, "interrupt"),
        item(prefix, "Z", "C1", 30, "collector_decides"),
        item(prefix, "a", "C1", 45, "let_expire"),
        item(prefix, "b", "C1", 60, "let_expire", amount_cents=15_000),
    ]


def within_365(prefix: str) -> list[dict[str, Any]]:
    return [
        item(prefix, "A", "B", 90, "interrupt"),
        item(prefix, "A", "b", 0, "interrupt"),
        item(prefix, "A", "late", 91, "interrupt"),
        item(prefix, "Z", "C1", 30, "collector_decides"),
        item(prefix, "a", "C1", 45, "let_expire"),
        item(prefix, "b", "C1", 60, "let_expire", amount_cents=15_000),
        item(prefix, "c", "C1", 200, "none"),
    ]


# --- what is listed ----------------------------------------------------------------------------


async def test_lists_exactly_the_recovered_open_unexpired_claims_in_the_window(
    client: Client, prefix: str
) -> None:
    page = await listing(client, as_of=AS_OF.isoformat(), within_days=90)
    assert page["as_of"] == AS_OF.isoformat()
    assert page["within_days"] == 90
    assert page["next_cursor"] is None
    # Not listed: A/expired (a day past), A/late (one day beyond), A/far, A/paid (nothing open),
    # d's claims; each listed claim with its days left, what is owed and the proposal.
    assert mine(page["items"], prefix) == within_90(prefix)


async def test_a_wider_window_lists_claims_beyond_the_policys_own_with_proposal_none(
    client: Client, prefix: str
) -> None:
    page = await listing(client, as_of=AS_OF.isoformat(), within_days=365)
    assert page["within_days"] == 365
    assert mine(page["items"], prefix) == within_365(prefix)


async def test_without_within_days_the_window_is_180_days(client: Client, prefix: str) -> None:
    page = await listing(client, as_of=AS_OF.isoformat())
    assert page["within_days"] == 180
    assert keys(mine(page["items"], prefix)) == keys(within_365(prefix))[:-1]


async def test_a_window_of_zero_days_lists_what_expires_after_today(
    client: Client, prefix: str
) -> None:
    page = await listing(client, as_of=AS_OF.isoformat(), within_days=0)
    assert mine(page["items"], prefix) == [item(prefix, "A", "b", 0, "interrupt")]


async def test_the_order_is_byte_order_of_debtor_then_claim(client: Client, prefix: str) -> None:
    page = await listing(client, as_of=AS_OF.isoformat(), within_days=365)
    listed = keys(page["items"])
    assert listed == sorted(listed, key=lambda key: (key[0].encode(), key[1].encode()))
    assert keys(mine(page["items"], prefix)) == [
        (f"{prefix}-A", "B"),
        (f"{prefix}-A", "b"),
        (f"{prefix}-A", "late"),
        (f"{prefix}-Z", "C1"),
        (f"{prefix}-a", "C1"),
        (f"{prefix}-b", "C1"),
        (f"{prefix}-c", "C1"),
    ]


# --- pagination --------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 2])
async def test_pages_walk_every_item_exactly_once(client: Client, prefix: str, limit: int) -> None:
    pages = await walk(client, limit, as_of=AS_OF.isoformat(), within_days=365)
    assert pages[-1]["next_cursor"] is None
    assert all(page["next_cursor"] for page in pages[:-1])
    assert all(len(page["items"]) == limit for page in pages[:-1]), [
        len(page["items"]) for page in pages
    ]
    assert 1 <= len(pages[-1]["items"]) <= limit
    walked = [item for page in pages for item in page["items"]]
    assert len(set(keys(walked))) == len(walked), "an item was listed twice"
    assert mine(walked, prefix) == within_365(prefix)
    # The same items as one page holds.
    whole = await listing(client, as_of=AS_OF.isoformat(), within_days=365, limit=500)
    assert walked == whole["items"]
    # Debtor A's three claims are split over pages.
    pages_of_a = {
        index
        for index, page in enumerate(pages)
        for listed in page["items"]
        if listed["debtor_ref"] == f"{prefix}-A"
    }
    assert len(pages_of_a) >= 2


async def test_the_cursor_resumes_inside_a_debtor_with_several_claims(
    client: Client, prefix: str
) -> None:
    pages = await walk(client, 1, as_of=AS_OF.isoformat(), within_days=365)
    first_of_a = next(
        index
        for index, page in enumerate(pages)
        if page["items"][0]["claim_ref"] == "B" and page["items"][0]["debtor_ref"] == f"{prefix}-A"
    )
    cursor = pages[first_of_a]["next_cursor"]
    resumed = await listing(
        client, as_of=AS_OF.isoformat(), within_days=365, limit=2, cursor=cursor
    )
    assert keys(resumed["items"]) == [(f"{prefix}-A", "b"), (f"{prefix}-A", "late")]


# --- an interruption takes the claim off the list ----------------------------------------------


@pytest.mark.parametrize(
    "event",
    [
        pytest.param(
            {"type": "interruption", "by": "collector-3", "reason": "Income is back."},
            id="collector-interruption",
        ),
        pytest.param({"type": "written_claim"}, id="written-claim"),
    ],
)
async def test_an_interrupted_claim_disappears_from_the_list(
    client: Client, event: dict[str, Any]
) -> None:
    prefix = unique("exp-int")
    await store(client, f"{prefix}-D", CAPACITY, {"C1": claim(day(60)), "C2": claim(day(61))})
    before = await listing(client, as_of=AS_OF.isoformat(), within_days=90)
    assert keys(mine(before["items"], prefix)) == [(f"{prefix}-D", "C1"), (f"{prefix}-D", "C2")]
    assert mine(before["items"], prefix)[0]["proposal"] == "interrupt"

    # The collector interrupts C1 a week before the run: its new last day is five years later.
    response = await client.post(
        f"/v1/debtors/{prefix}-D/claims/C1/events",
        json={"id": "INT-1", "date": day(-7).isoformat(), **event},
    )
    assert response.status_code == 201, response.text

    after = await listing(client, as_of=AS_OF.isoformat(), within_days=90)
    assert keys(mine(after["items"], prefix)) == [(f"{prefix}-D", "C2")]


# --- the listing stores nothing ----------------------------------------------------------------


async def test_the_listing_stores_nothing(client: Client, pool: asyncpg.Pool, prefix: str) -> None:
    before = await row_counts(pool)
    await listing(client, as_of=AS_OF.isoformat(), within_days=365)
    await walk(client, 1, as_of=AS_OF.isoformat(), within_days=365)
    assert await row_counts(pool) == before


async def test_an_unknown_cursor_position_is_not_a_500(client: Client) -> None:
    # A well-formed cursor past every ref: an empty last page.
    page = await listing(client, as_of=AS_OF.isoformat(), within_days=365, cursor="WyJ-IiwifiJd")
    assert page["items"] == []
    assert page["next_cursor"] is None


async def test_an_as_of_before_the_first_policy_version_names_the_query_parameter(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(
        "/v1/limitation/expiring", params={"as_of": "2022-12-31", "within_days": 30}
    )
    problem = assert_problem(response, 422, "validation-error", "as_of", location="query")
    assert "2023-01-01" in problem["errors"][0]["message"]


async def test_claims_that_are_not_to_be_collected_are_not_listed(client: Client) -> None:
    # A recognised victim's claim decided before 2021 is remitted (§11) and one whose aanmaning
    # cost money lists its costs in what is owed. Both expire 30 days after as_of.
    prefix = unique("exp-status")
    limitation = day(30)
    remitted = claim(limitation)  # decided in 2020
    assert remitted["decision_date"] < "2021-01-01"
    victim = {**CAPACITY, "herstel": {"recognised": True}}
    await store(client, f"{prefix}-V", victim, {"C1": remitted})
    costly = claim(limitation)
    await store(client, f"{prefix}-K", CAPACITY, {"C1": costly})
    # Within the payment term, so it does not move the limitation date (an interruption never
    # shortens the period) but it does cost money.
    aanmaning = date.fromisoformat(costly["decision_date"]) + timedelta(days=10)
    response = await client.post(
        f"/v1/debtors/{prefix}-K/claims/C1/events",
        json={"id": "A1", "type": "aanmaning", "date": aanmaning.isoformat()},
    )
    assert response.status_code == 201, response.text
    items = mine((await listing(client, as_of=AS_OF.isoformat(), within_days=90))["items"], prefix)
    assert keys(items) == [(f"{prefix}-K", "C1")]
    # 150,000 is open on the day of the aanmaning, over 45,400: 1,900 in costs.
    assert items[0]["owed_cents"] == owed(limitation) + 1_900

"""The debtor's situation through the API: income (capacity from income, §4.3), recognition as a
victim (herstel, §11), maatwerk signals (§10), the ground for immediate collection (Awir 31a),
and payments to the debtor as a whole (Awir 34(3)), through the real app and a real database.

PUT /v1/debtors/{ref} stores them and GET returns them; a stored decision uses them; bad input
for each is a 422 problem document naming the field, and nothing is stored.

Every test makes its own debtor (a unique ref): the database is shared by the whole session.
Interest is principal x 400 bp x days / (10,000 x 365), rounded half-up once per claim.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import asyncpg
import httpx
import pytest

from service.domain.money import round_half_up
from tests.api.support import assert_problem, claim_body, row_counts, unique

Client = httpx.AsyncClient

INCOME = {
    "net_income_cents": 150_000,
    "partner_net_income_cents": 0,
    "housing_costs_cents": 12_000,
    "care_premiums_cents": 3_500,
    "household": "single",
}
HERSTEL = {"recognised": True, "first_compensation_date": "2024-09-15"}
SIGNALS = ["debt_counselling", "recent_life_event"]


def interest(principal: int, days: int) -> int:
    return round_half_up(Fraction(principal * 400 * days, 10_000 * 365))


async def put_debtor(client: Client, ref: str, **body: Any) -> httpx.Response:
    return await client.put(f"/v1/debtors/{ref}", json=body)


async def new_debtor(client: Client, **body: Any) -> str:
    ref = unique("situation")
    response = await put_debtor(client, ref, **body)
    assert response.status_code == 201, response.text
    return ref


async def put_claim(client: Client, debtor: str, ref: str, **changes: Any) -> None:
    response = await client.put(f"/v1/debtors/{debtor}/claims/{ref}", json=claim_body(**changes))
    assert response.status_code == 201, response.text


async def decide(client: Client, debtor: str, as_of: str) -> dict[str, Any]:
    response = await client.post(f"/v1/debtors/{debtor}/decisions", json={"as_of": as_of})
    assert response.status_code == 201, response.text
    decision: dict[str, Any] = response.json()
    return decision


def rules_of(decision: dict[str, Any]) -> list[str]:
    return [entry["rule"] for entry in decision["trace"]]


def claim_of(decision: dict[str, Any], ref: str) -> dict[str, Any]:
    (found,) = [claim for claim in decision["claims"] if claim["ref"] == ref]
    return found


# --- stored and returned -----------------------------------------------------------------------


async def test_income_herstel_and_signals_are_stored_and_returned(
    client: Client, pool: asyncpg.Pool
) -> None:
    ref = unique("situation")
    before = await row_counts(pool)
    response = await put_debtor(client, ref, income=INCOME, herstel=HERSTEL, signals=SIGNALS)
    assert response.status_code == 201, response.text
    assert await row_counts(pool) == {**before, "debtors": before["debtors"] + 1}
    shown = response.json()
    assert shown["income"] == INCOME
    assert shown["herstel"] == HERSTEL
    assert shown["signals"] == SIGNALS

    read = await client.get(f"/v1/debtors/{ref}")
    assert read.status_code == 200, read.text
    assert read.json() == shown


async def test_income_defaults_are_filled_in(client: Client) -> None:
    ref = await new_debtor(client, income={"net_income_cents": 140_000, "household": "couple"})
    read = (await client.get(f"/v1/debtors/{ref}")).json()
    assert read["income"] == {
        "net_income_cents": 140_000,
        "partner_net_income_cents": 0,
        "housing_costs_cents": 0,
        "care_premiums_cents": 0,
        "household": "couple",
    }
    assert read["herstel"] is None
    assert read["signals"] == []


async def test_replacing_a_debtor_replaces_the_situation(
    client: Client, pool: asyncpg.Pool
) -> None:
    ref = await new_debtor(client, income=INCOME, herstel=HERSTEL, signals=SIGNALS)
    before = await row_counts(pool)
    replaced = await put_debtor(
        client, ref, herstel={"recognised": False}, signals=["problem_debts"]
    )
    assert replaced.status_code == 200, replaced.text
    assert await row_counts(pool) == before
    read = (await client.get(f"/v1/debtors/{ref}")).json()
    assert read["income"] is None
    assert read["herstel"] == {"recognised": False, "first_compensation_date": None}
    assert read["signals"] == ["problem_debts"]


async def test_the_immediate_collection_ground_is_stored_and_returned(
    client: Client, pool: asyncpg.Pool
) -> None:
    ref = unique("situation")
    before = await row_counts(pool)
    response = await put_debtor(client, ref, immediate_collection_ground="bankruptcy")
    assert response.status_code == 201, response.text
    assert await row_counts(pool) == {**before, "debtors": before["debtors"] + 1}
    assert response.json()["immediate_collection_ground"] == "bankruptcy"
    read = await client.get(f"/v1/debtors/{ref}")
    assert read.status_code == 200, read.text
    assert read.json()["immediate_collection_ground"] == "bankruptcy"


# --- a stored decision uses them ---------------------------------------------------------------


async def test_a_stored_decision_uses_income_herstel_and_signals(client: Client) -> None:
    debtor = await new_debtor(
        client,
        arrangement_request="personal",
        assets_cents=0,
        income=INCOME,
        herstel=HERSTEL,
        signals=SIGNALS,
    )
    # OLD: decided 1 Mar 2022, before the first compensation (15 Sep 2024): paused until
    # 15 Sep 2025, no interest. NEW: € 1.500,00 decided 15 Jan 2025, due 26 Feb 2025.
    await put_claim(client, debtor, "OLD", decision_date="2022-03-01", benefit_year=2021)
    await put_claim(client, debtor, "NEW")
    decision = await decide(client, debtor, "2025-06-01")

    given = decision["input"]["debtor"]
    assert given["income"] == INCOME
    assert given["herstel"] == HERSTEL
    assert given["signals"] == SIGNALS

    rules = rules_of(decision)
    assert "R-CAPACITY-FROM-INCOME" in rules
    assert "R-MAATWERK-DEBT-COUNSELLING" in rules
    assert "R-MAATWERK-LIFE-EVENT" in rules
    assert "R-HERSTEL-MORATORIUM" in rules
    assert decision["requires_review"] is True
    assert {"maatwerk_debt_counselling", "maatwerk_recent_life_event"} <= set(
        decision["review_reasons"]
    )

    old = claim_of(decision, "OLD")
    assert old["status"] == "paused_herstel"
    assert old["restart_date"] == "2025-09-15"
    assert old["interest_cents"] == 0

    # NEW: interest 27 Feb - 31 May 2025 (94 days): 150,000 x 400 x 94 / 3,650,000 = 1,545.
    new_interest = interest(150_000, 94)
    assert claim_of(decision, "NEW")["interest_cents"] == new_interest == 1_545
    # Capacity 150,000 - 133,000 - 12,000 - 3,500 = 1,500 a month; 24 x 1,500 = 36,000 does
    # not pay 151,545: a personal arrangement of 24 instalments with the rest left.
    plan = decision["plan"]
    assert decision["outcome"] == "personal_arrangement"
    assert plan["claim_refs"] == ["NEW"]
    assert plan["total_cents"] == 150_000 + new_interest
    assert plan["monthly_cents"] == 1_500
    assert plan["instalments"] == 24
    assert plan["remaining_after_plan_cents"] == 150_000 + new_interest - 24 * 1_500


async def test_a_stored_decision_uses_the_immediate_collection_ground(client: Client) -> None:
    debtor = await new_debtor(client, immediate_collection_ground="leaving_country")
    await put_claim(client, debtor, "C1")
    decision = await decide(client, debtor, "2025-06-01")
    assert decision["input"]["debtor"]["immediate_collection_ground"] == "leaving_country"
    assert decision["outcome"] == "immediate_collection"
    total = 150_000 + interest(150_000, 94)
    assert decision["plan"]["kind"] == "immediate"
    assert decision["plan"]["schedule"] == [{"due_date": "2025-06-01", "amount_cents": total}]


# --- bad input: 422 naming the field, nothing stored -------------------------------------------

BAD_SITUATIONS = [
    pytest.param(
        {"income": {**INCOME, "household": "student"}}, "income.household", id="household"
    ),
    pytest.param(
        {"income": {**INCOME, "net_income_cents": -1}},
        "income.net_income_cents",
        id="net-income-negative",
    ),
    pytest.param(
        {"income": {**INCOME, "net_income_cents": "150000"}},
        "income.net_income_cents",
        id="net-income-string",
    ),
    pytest.param(
        {"income": {"net_income_cents": 150_000}}, "income.household", id="household-missing"
    ),
    pytest.param(
        {"herstel": {"first_compensation_date": "2024-09-15"}},
        "herstel.recognised",
        id="recognised-missing",
    ),
    pytest.param(
        {"herstel": {"recognised": True, "first_compensation_date": "2101-01-01"}},
        "herstel.first_compensation_date",
        id="compensation-date-out-of-range",
    ),
    pytest.param(
        {"herstel": {"recognised": False, "first_compensation_date": "2024-09-15"}},
        "herstel.first_compensation_date",
        id="compensation-date-not-recognised",
    ),
    pytest.param({"signals": ["nationality"]}, "signals[0]", id="signal-unknown"),
    pytest.param(
        {"signals": ["debt_counselling", "debt_counselling"]}, "signals[1]", id="signal-twice"
    ),
    pytest.param(
        {"immediate_collection_ground": "emigration"},
        "immediate_collection_ground",
        id="ground-unknown",
    ),
]


@pytest.mark.parametrize(("body", "field"), BAD_SITUATIONS)
async def test_a_bad_situation_for_a_new_debtor_is_rejected(
    client: Client, pool: asyncpg.Pool, body: dict[str, Any], field: str
) -> None:
    ref = unique("bad-situation")
    before = await row_counts(pool)
    response = await put_debtor(client, ref, **body)
    assert_problem(response, 422, "validation-error", field)
    assert await row_counts(pool) == before
    assert (await client.get(f"/v1/debtors/{ref}")).status_code == 404


@pytest.mark.parametrize(("body", "field"), BAD_SITUATIONS)
async def test_a_bad_situation_leaves_a_stored_debtor_unchanged(
    client: Client, pool: asyncpg.Pool, body: dict[str, Any], field: str
) -> None:
    ref = await new_debtor(client, income=INCOME, herstel=HERSTEL, signals=SIGNALS)
    stored = (await client.get(f"/v1/debtors/{ref}")).json()
    before = await row_counts(pool)
    response = await put_debtor(client, ref, **body)
    assert_problem(response, 422, "validation-error", field)
    assert await row_counts(pool) == before
    assert (await client.get(f"/v1/debtors/{ref}")).json() == stored


# --- payments to the debtor as a whole ---------------------------------------------------------


@pytest.mark.parametrize(
    "event",
    [
        pytest.param({"type": "payment", "date": "2025-05-01"}, id="payment-without-amount"),
        pytest.param(
            {"type": "payment", "date": "2025-05-01", "amount_cents": 0}, id="payment-of-0"
        ),
        pytest.param(
            {"type": "reminder", "date": "2025-05-01", "amount_cents": 1_000},
            id="reminder-with-amount",
        ),
        pytest.param(
            {"type": "arrangement_start", "date": "2025-05-01", "amount_cents": 1_000},
            id="start-with-amount",
        ),
    ],
)
async def test_a_bad_debtor_payment_event_is_rejected(
    client: Client, pool: asyncpg.Pool, event: dict[str, Any]
) -> None:
    debtor = await new_debtor(client)
    before = await row_counts(pool)
    response = await client.post(f"/v1/debtors/{debtor}/events", json={"id": "P-1", **event})
    assert_problem(response, 422, "validation-error", "amount_cents")
    assert await row_counts(pool) == before
    assert (await client.get(f"/v1/debtors/{debtor}/events")).json() == {"items": []}


async def test_a_debtor_payment_is_recorded_with_its_amount(
    client: Client, pool: asyncpg.Pool
) -> None:
    debtor = await new_debtor(client)
    before = await row_counts(pool)
    event = {"id": "P-1", "type": "payment", "date": "2025-05-01", "amount_cents": 152_000}
    response = await client.post(f"/v1/debtors/{debtor}/events", json=event)
    assert response.status_code == 201, response.text
    assert await row_counts(pool) == {**before, "debtor_events": before["debtor_events"] + 1}
    stored = response.json()
    assert {key: stored[key] for key in event} == event
    listed = (await client.get(f"/v1/debtors/{debtor}/events")).json()
    assert listed == {"items": [stored]}


async def test_a_debtor_payment_is_spread_over_the_stored_claims(client: Client) -> None:
    debtor = await new_debtor(client)
    # C1: 150,000, decided 15 Jan 2025, due 26 Feb 2025.
    # C2: 60,000 zorgtoeslag, decided 10 Feb 2025, due 24 Mar 2025 (10 Feb + 42 days).
    await put_claim(client, debtor, "C1")
    await put_claim(
        client,
        debtor,
        "C2",
        allowance="zorgtoeslag",
        decision_date="2025-02-10",
        amount_cents=60_000,
    )
    before = await decide(client, debtor, "2025-06-01")
    assert claim_of(before, "C1")["open_cents"] == 150_000
    assert claim_of(before, "C2")["open_cents"] == 60_000

    event = {"id": "PAY-1", "type": "payment", "date": "2025-05-01", "amount_cents": 152_000}
    response = await client.post(f"/v1/debtors/{debtor}/events", json=event)
    assert response.status_code == 201, response.text

    decision = await decide(client, debtor, "2025-06-01")
    (recorded,) = decision["input"]["debtor"]["events"]
    assert (recorded["type"], recorded["date"], recorded["amount_cents"]) == (
        "payment",
        "2025-05-01",
        152_000,
    )
    # On 1 May: interest C1 27 Feb - 30 Apr (63 days) = 1,035.6 -> 1,036; C2 25 Mar - 30 Apr
    # (37 days) = 243.3 -> 243. No costs. The payment pays both interests (1,279), then the
    # principal of C1, due first (150,000), and 721 of C2's principal: C2 open 59,279.
    c1_interest, c2_interest = interest(150_000, 63), interest(60_000, 37)
    assert (c1_interest, c2_interest) == (1_036, 243)
    c2_open = 60_000 - (152_000 - c1_interest - c2_interest - 150_000)
    assert c2_open == 59_279
    # C2 from 1 May to 31 May (31 days) accrues on 59,279; rounded once over the claim's whole
    # interest: (60,000 x 400 x 37 + 59,279 x 400 x 31) / 3,650,000 = 444.67 -> 445, of which
    # 243 is paid: 202 open.
    c2_left = round_half_up(Fraction(60_000 * 400 * 37 + 59_279 * 400 * 31, 10_000 * 365)) - 243
    assert c2_left == 202

    first, second = claim_of(decision, "C1"), claim_of(decision, "C2")
    assert (first["status"], first["open_cents"], first["interest_cents"]) == ("settled", 0, 0)
    assert (second["status"], second["open_cents"], second["interest_cents"]) == (
        "collectible",
        c2_open,
        c2_left,
    )
    assert decision["plan"]["claim_refs"] == ["C2"]
    assert decision["plan"]["total_cents"] == c2_open + c2_left

"""POST /v1/evaluations end to end: a realistic case decided by the real rules engine.

Every expected number below is worked out by hand from collection-rules.md and the 2025-01-01
policy (payment term 42 days, 4.00% interest on a 365-day year, rounded half-up once per claim,
threshold € 118,00 for decisions from 2025, standard arrangement of at least € 20,00 a month and
at most 24 instalments, monthly amount rounded up to whole euros).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import asyncpg
import httpx
import pytest

from tests.api.support import case_body, case_claim, row_counts, unique

AS_OF = "2025-06-01"


def realistic_case(debtor_ref: str) -> dict[str, Any]:
    """A debtor who still receives zorgtoeslag, with three claims of three allowances."""
    return {
        "as_of": AS_OF,
        "debtor": {
            "ref": debtor_ref,
            "arrangement_request": "none",
            "ongoing_allowances": [{"allowance": "zorgtoeslag", "monthly_cents": 12_300}],
        },
        "claims": [
            {
                "ref": "HUUR-2023",
                "allowance": "huurtoeslag",
                "benefit_year": 2023,
                "origin": "definitive",
                "decision_date": "2025-01-15",
                "amount_cents": 150_000,
                "events": [],
            },
            {
                # Exactly the 2025 threshold of € 118,00: not recovered (Awir 26a: "at most").
                "ref": "ZORG-2023",
                "allowance": "zorgtoeslag",
                "benefit_year": 2023,
                "origin": "definitive",
                "decision_date": "2025-03-10",
                "amount_cents": 11_800,
                "events": [],
            },
            {
                "ref": "KOT-2024",
                "allowance": "kinderopvangtoeslag",
                "benefit_year": 2024,
                "origin": "advance",
                "decision_date": "2024-11-01",
                "amount_cents": 50_000,
                "events": [
                    {"id": "P1", "type": "payment", "date": "2025-01-10", "amount_cents": 10_000},
                    {"id": "A1", "type": "aanmaning", "date": "2025-03-01"},
                ],
            },
        ],
    }


def trace_entry(decision: dict[str, Any], rule: str, claim_ref: str | None) -> dict[str, Any]:
    [entry] = [e for e in decision["trace"] if e["rule"] == rule and e["claim_ref"] == claim_ref]
    return entry


async def test_realistic_evaluation_offsets_one_arrangement_for_all_allowances(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/v1/evaluations", json=realistic_case(unique("debtor")))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    decision = response.json()

    # 1 June 2025 falls under the version in force since 1 January 2025.
    policies = (await client.get("/v1/policies")).json()["items"]
    hashes = {policy["version"]: policy["content_hash"] for policy in policies}
    assert decision["policy_version"] == "2025-01-01"
    assert decision["policy_hash"] == hashes["2025-01-01"]
    assert decision["as_of"] == AS_OF

    # Per claim.
    # HUUR-2023: due 2025-01-15 + 42 days = 2025-02-26; limitation 2030-02-26 (no interruption).
    #   Interest 2025-02-27 .. 2025-05-31 = 2 + 31 + 30 + 31 = 94 days:
    #   150,000 x 4% x 94 / 365 = 1,545.21 -> 1,545.
    # ZORG-2023: due 2025-03-10 + 42 = 2025-04-21. Not recovered, so no interest is charged
    #   on it (the result reports 0) and it is not collected.
    # KOT-2024: due 2024-11-01 + 42 = 2024-12-13.
    #   Up to the payment: 2024-12-14 .. 2025-01-09 = 18 + 9 = 27 days:
    #   50,000 x 4% x 27 / 365 = 147.945 -> 148 interest due; the payment of 10,000 pays 148
    #   interest first and 9,852 principal: 40,148 open.
    #   After it: 2025-01-10 .. 2025-05-31 = 22 + 28 + 31 + 30 + 31 = 142 days:
    #   40,148 x 4% x 142 / 365 = 624.769. Cumulative exact 772.714 -> 773, minus 148 paid = 625.
    #   Limitation: 2029-12-13, moved by the payment to 2030-01-10 and the aanmaning to
    #   2030-03-01.
    #   Costs (Kostenwet, §8): on the day of the aanmaning (2025-03-01) the claim has 40,148
    #   principal and interest up to 2025-02-28 open: 2025-01-10 .. 2025-02-28 = 22 + 28 = 50
    #   days, 40,148 x 4% x 50 / 365 = 219.989; cumulative exact 147.945 + 219.989 = 367.934
    #   -> 368, minus 148 paid = 220. Open 40,368 < 45,400, so the aanmaning costs the low
    #   amount of 900, still owed (no payment came after it). Costs bear no interest.
    # Every limitation date lies years beyond the 180-day look-ahead window of 2025: no claim is
    # within it, so no limitation action is proposed. Nothing is waived (no pause, arrangement
    # or restart letter).
    assert decision["claims"] == [
        {
            "ref": "HUUR-2023",
            "status": "collectible",
            "recoverable": True,
            "due_date": "2025-02-26",
            "limitation_date": "2030-02-26",
            "within_limitation_window": False,
            "limitation_proposal": "none",
            "expired": False,
            "open_cents": 150_000,
            "interest_cents": 1_545,
            "interest_waived_cents": 0,
            "costs_cents": 0,
            "restart_date": None,
        },
        {
            "ref": "ZORG-2023",
            "status": "not_recovered",
            "recoverable": False,
            "due_date": "2025-04-21",
            "limitation_date": "2030-04-21",
            "within_limitation_window": False,
            "limitation_proposal": "none",
            "expired": False,
            "open_cents": 11_800,
            "interest_cents": 0,
            "interest_waived_cents": 0,
            "costs_cents": 0,
            "restart_date": None,
        },
        {
            "ref": "KOT-2024",
            "status": "collectible",
            "recoverable": True,
            "due_date": "2024-12-13",
            "limitation_date": "2030-03-01",
            "within_limitation_window": False,
            "limitation_proposal": "none",
            "expired": False,
            "open_cents": 40_148,
            "interest_cents": 625,
            "interest_waived_cents": 0,
            "costs_cents": 900,
            "restart_date": None,
        },
    ]

    # The plan (one arrangement for both collectible claims, §4.2), costs included:
    #   total = (150,000 + 1,545) + (40,148 + 625 + 900) = 193,218
    #   monthly = max(2,000, 193,218 / 24 = 8,050.75 -> 8,051 -> whole euros 8,100) = 8,100
    #   instalments = ceil(193,218 / 8,100) = 24; 23 x 8,100 = 186,300; last = 6,918
    #   The debtor receives 12,300 a month of zorgtoeslag > 8,100, so it is offset (§5),
    #   leaving 12,300 - 8,100 = 4,200 paid out. First withholding = later of as_of and the
    #   latest due date (2025-02-26) = 2025-06-01; the 24th is 23 months later, 2027-05-01.
    assert decision["outcome"] == "offset"
    plan = decision["plan"]
    assert plan["method"] == "offset"
    assert plan["kind"] == "standard"
    assert plan["claim_refs"] == ["HUUR-2023", "KOT-2024"]
    assert plan["total_cents"] == 193_218
    assert plan["monthly_cents"] == 8_100
    assert plan["instalments"] == 24
    assert plan["last_instalment_cents"] == 6_918
    assert plan["first_due_date"] == "2025-06-01"
    assert plan["net_allowance_cents"] == 4_200
    assert plan["remaining_after_plan_cents"] == 0
    assert plan["review_date"] is None
    assert plan["offset_window_end"] is None
    assert plan["arrangements"] == []  # one arrangement for all claims, not one per claim
    schedule = plan["schedule"]
    assert len(schedule) == 24
    assert [item["amount_cents"] for item in schedule] == [8_100] * 23 + [6_918]
    assert sum(item["amount_cents"] for item in schedule) == plan["total_cents"]
    assert schedule[1]["due_date"] == "2025-07-01"
    assert schedule[-1]["due_date"] == "2027-05-01"
    assert decision["requires_review"] is False
    assert decision["review_reasons"] == []
    assert decision["pause"] is None  # no pause was asked for
    # The aanmaning of 1 March 2025 went unpaid, but no arrangement was ever made and withdrawn,
    # and the plan collects by offsetting: no forced collection is proposed (§8, forced
    # collection as the last resort).
    assert decision["next_steps"] == []

    # The trace: every fired rule, in a fixed order (stage, priority, document order, claim).
    claims = ["HUUR-2023", "ZORG-2023", "KOT-2024"]
    assert [(entry["rule"], entry["claim_ref"]) for entry in decision["trace"]] == [
        *(("R-DUE-DATE", ref) for ref in claims),
        *(("R-LIMITATION", ref) for ref in claims),
        *(("R-BALANCE-INTEREST", ref) for ref in claims),
        ("R-SMALL-CLAIM", "ZORG-2023"),
        ("R-ABOVE-THRESHOLD", "HUUR-2023"),
        ("R-ADVANCE-ALWAYS", "KOT-2024"),
        ("R-AUTO-OFFSET", None),
    ]
    # Each entry carries the legal basis and measures of its rule in the policy version.
    policy = (await client.get("/v1/policies/2025-01-01")).json()
    rules = {rule["id"]: rule for rule in policy["rules"]}
    for entry in decision["trace"]:
        assert entry["legal_basis"], entry
        assert entry["legal_basis"] == rules[entry["rule"]]["legal_basis"]
        assert entry["measures"] == rules[entry["rule"]]["measures"]
        assert entry["stage"] == rules[entry["rule"]]["stage"]
        assert entry["explanation"]["nl"]
        assert entry["explanation"]["en"]
    assert trace_entry(decision, "R-DUE-DATE", "HUUR-2023")["legal_basis"] == "Awir art. 28"
    assert trace_entry(decision, "R-SMALL-CLAIM", "ZORG-2023")["legal_basis"] == "Awir art. 26a"
    offset = trace_entry(decision, "R-AUTO-OFFSET", None)
    assert offset["legal_basis"] == "Awir art. 30; Awir art. 31"
    assert offset["measures"] == ["M-AUTO-OFFSET", "M-ONE-ARRANGEMENT"]

    # The explanations show the amounts formatted for a reader: "€ 1.932,18" / "€1,932.18".
    nl, en = offset["explanation"]["nl"], offset["explanation"]["en"]
    for text in ("€ 123,00", "€ 81,00", "€ 1.932,18", "€ 69,18", "€ 42,00", "1 juni 2025"):
        assert text in nl, (text, nl)
    for text in ("€123.00", "€81.00", "€1,932.18", "€69.18", "€42.00", "1 June 2025"):
        assert text in en, (text, en)
    assert "24 maal" in nl
    assert "24 times" in en

    balance = trace_entry(decision, "R-BALANCE-INTEREST", "KOT-2024")["explanation"]
    # 500.00 claimed, 100.00 paid, 401.48 open, 6.25 interest over 27 + 142 = 169 days.
    for text in ("€ 500,00", "€ 100,00", "€ 401,48", "€ 6,25", "4,00% over 169 dagen"):
        assert text in balance["nl"], (text, balance["nl"])
    for text in ("€500.00", "€100.00", "€401.48", "€6.25", "4.00% for 169 days"):
        assert text in balance["en"], (text, balance["en"])
    # Payments go to costs first (Awir 34(3)); the aanmaning's costs are named and still open.
    assert "eerst op de kosten, dan op de rente, dan op de vordering" in balance["nl"]
    assert "costs first, then interest, then principal" in balance["en"]
    assert balance["nl"].endswith(
        ". Invorderingskosten (aanmaning van 1 maart 2025): € 9,00, waarvan nog open € 9,00."
    )
    assert balance["en"].endswith(
        ". Collection costs (aanmaning of 1 March 2025): €9.00, of which €9.00 is still open."
    )

    small = trace_entry(decision, "R-SMALL-CLAIM", "ZORG-2023")["explanation"]
    assert "€ 118,00" in small["nl"]
    assert "2025" in small["nl"]
    assert "€118.00" in small["en"]

    limitation = trace_entry(decision, "R-LIMITATION", "KOT-2024")["explanation"]
    assert "2 keer gestuit, het laatst op 1 maart 2025" in limitation["nl"]
    assert "1 maart 2030" in limitation["nl"]
    assert "interrupted 2 time(s), last on 1 March 2025" in limitation["en"]
    assert "1 March 2030" in limitation["en"]


async def test_a_dwangbevel_is_proposed_only_for_the_claim_whose_aanmaning_went_unpaid(
    client: httpx.AsyncClient,
) -> None:
    # The arrangement was withdrawn on 20 March 2025; since then only KOT-2024 had an aanmaning
    # (1 April), which went unpaid for more than 14 days. A dwangbevel enforces an unpaid
    # aanmaning (Invorderingswet 1990 art. 11-12 via Awir 32), so it is proposed for KOT-2024
    # only, and HUUR-2023, which never had an aanmaning since the withdrawal, gets one.
    body = realistic_case(unique("debtor"))
    body["debtor"]["ongoing_allowances"] = []  # no offsetting: the standard arrangement stands
    body["debtor"]["events"] = [
        {"type": "arrangement_start", "date": "2025-02-01"},
        {"type": "instalment_missed", "date": "2025-03-01"},
        {"type": "reminder", "date": "2025-03-03"},
        {"type": "arrangement_withdrawn", "date": "2025-03-20"},
    ]
    kot = body["claims"][2]
    kot["events"] = [
        {"id": "P1", "type": "payment", "date": "2025-01-10", "amount_cents": 10_000},
        {"id": "A1", "type": "aanmaning", "date": "2025-04-01"},
    ]
    response = await client.post("/v1/evaluations", json=body)
    assert response.status_code == 200, response.text
    decision = response.json()
    steps = {step["step"]: step for step in decision["next_steps"]}
    assert set(steps) == {"aanmaning", "dwangbevel"}
    assert steps["dwangbevel"]["claim_refs"] == ["KOT-2024"]
    assert steps["dwangbevel"]["pay_by"] == "2025-06-03"  # 2 days after as_of
    assert steps["aanmaning"]["claim_refs"] == ["HUUR-2023"]
    assert steps["aanmaning"]["pay_by"] == "2025-06-15"  # 14 days after as_of
    kot_result = next(c for c in decision["claims"] if c["ref"] == "KOT-2024")
    huur_result = next(c for c in decision["claims"] if c["ref"] == "HUUR-2023")
    # Costs by what is open on each claim: the dwangbevel 3,900 + 300 per full 4,500 above the
    # first 4,500; the aanmaning 1,900 from 45,400 open.
    kot_open = kot_result["open_cents"] + kot_result["interest_cents"]
    assert steps["dwangbevel"]["costs_cents"] == 3_900 + 300 * ((kot_open - 4_500) // 4_500)
    assert huur_result["open_cents"] + huur_result["interest_cents"] >= 45_400
    assert steps["aanmaning"]["costs_cents"] == 1_900
    dwangbevel = trace_entry(decision, "R-DWANGBEVEL", None)["explanation"]
    assert "een dwangbevel voor 1 vordering(en)" in dwangbevel["nl"]
    assert "a dwangbevel for 1 claim(s)" in dwangbevel["en"]


def threshold_case(**changes: Any) -> dict[str, Any]:
    # A definitive claim of € 117,00 decided on 10 March 2025: below the 2025 threshold of
    # € 118,00, above the € 116,00 that the 2024-01-01 version has for 2025 decisions.
    return case_body(
        claims=[case_claim("C1", decision_date="2025-03-10", amount_cents=11_700)], **changes
    )


async def test_pinned_version_decides_under_that_version_not_the_one_in_force(
    client: httpx.AsyncClient,
) -> None:
    policies = (await client.get("/v1/policies")).json()["items"]
    hashes = {policy["version"]: policy["content_hash"] for policy in policies}

    in_force = await client.post("/v1/evaluations", json=threshold_case())
    assert in_force.status_code == 200, in_force.text
    in_force_decision = in_force.json()
    assert in_force_decision["policy_version"] == "2025-01-01"
    assert in_force_decision["policy_hash"] == hashes["2025-01-01"]
    assert in_force_decision["outcome"] == "not_recovered"
    assert in_force_decision["plan"] is None
    assert in_force_decision["claims"][0]["recoverable"] is False
    small = trace_entry(in_force_decision, "R-SMALL-CLAIM", "C1")
    assert "€ 118,00" in small["explanation"]["nl"]

    pinned = await client.post("/v1/evaluations", json=threshold_case(policy_version="2024-01-01"))
    assert pinned.status_code == 200, pinned.text
    pinned_decision = pinned.json()
    assert pinned_decision["policy_version"] == "2024-01-01"
    assert pinned_decision["policy_hash"] == hashes["2024-01-01"]
    assert pinned_decision["as_of"] == AS_OF
    assert pinned_decision["claims"][0]["recoverable"] is True
    above = trace_entry(pinned_decision, "R-ABOVE-THRESHOLD", "C1")
    assert "€ 116,00" in above["explanation"]["nl"]
    assert "€116.00" in above["explanation"]["en"]
    # Due 2025-03-10 + 42 = 2025-04-21; interest 2025-04-22 .. 2025-05-31 = 40 days:
    # 11,700 x 4% x 40 / 365 = 51.29 -> 51. Total 11,751; 11,751 / 24 = 490 -> 500 < 2,000, so
    # the monthly amount is the minimum 2,000: 6 instalments, the last 11,751 - 5 x 2,000 = 1,751.
    # No ongoing allowances: a standard arrangement by transfer from 2025-06-01 (the later of
    # as_of and the due date).
    assert pinned_decision["outcome"] == "standard_arrangement"
    plan = pinned_decision["plan"]
    assert plan["method"] == "transfer"
    assert plan["total_cents"] == 11_751
    assert plan["monthly_cents"] == 2_000
    assert plan["instalments"] == 6
    assert plan["last_instalment_cents"] == 1_751
    assert plan["first_due_date"] == "2025-06-01"
    assert [entry["rule"] for entry in pinned_decision["trace"]][-1] == "R-STANDARD-ARRANGEMENT"


@pytest.mark.parametrize(
    ("as_of", "version"),
    [
        ("2023-12-31", "2023-01-01"),
        ("2024-01-01", "2024-01-01"),
        ("2024-12-31", "2024-01-01"),
        ("2025-01-01", "2025-01-01"),
        ("2025-12-31", "2025-01-01"),
        ("2026-01-01", "2026-01-01"),
    ],
)
async def test_without_a_pin_the_version_in_force_on_as_of_decides(
    client: httpx.AsyncClient, as_of: str, version: str
) -> None:
    body = case_body(as_of=as_of, claims=[case_claim("C1", decision_date="2023-11-01")])
    response = await client.post("/v1/evaluations", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["policy_version"] == version


async def test_evaluation_stores_nothing(client: httpx.AsyncClient, pool: asyncpg.Pool) -> None:
    debtor_ref = unique("debtor")
    before = await row_counts(pool)
    for _ in range(3):
        response = await client.post("/v1/evaluations", json=realistic_case(debtor_ref))
        assert response.status_code == 200, response.text
    assert await row_counts(pool) == before
    assert "location" not in response.headers
    # Nothing about the debtor was kept either.
    assert (await client.get(f"/v1/debtors/{debtor_ref}")).status_code == 404
    history = await client.get(f"/v1/debtors/{debtor_ref}/decisions")
    assert history.status_code == 404


async def test_evaluation_is_deterministic(client: httpx.AsyncClient) -> None:
    body = realistic_case(unique("debtor"))
    first = await client.post("/v1/evaluations", json=body)
    second = await client.post("/v1/evaluations", json=body)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert date.fromisoformat(first.json()["as_of"]) == date(2025, 6, 1)

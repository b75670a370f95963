"""Scenario tests of the debtor-level rules (collection-rules.md §4, §5) through the real Decider
and the real durable-rules engine.

Standard monthly amount = max(2,000, ceil(total / 24) rounded up to whole euros); instalments =
ceil(total / monthly); the last one is the remainder. Unless a test says otherwise the claims are
evaluated before their due dates, so no interest is added to the totals.
"""

from __future__ import annotations

from datetime import date

import pytest

from service.decider import Decider
from service.domain.case import Claim
from service.domain.decision import Decision, Instalment, Plan
from service.policy.model import Policy
from tests.rules.builders import (
    case,
    claim,
    debtor,
    entry,
    ongoing,
    payment,
    personal,
    result,
    rule_ids,
)

AS_OF = date(2025, 2, 1)


def two_claims() -> tuple[Claim, Claim]:
    """A: huurtoeslag 2023, 30,000, decided 10 Jan 2025 -> due 21 Feb 2025.
    B: zorgtoeslag 2024, 20,000, decided 3 Feb 2025 -> due 17 Mar 2025 (3 Feb + 25 = 28 Feb,
    + 17 = 17 Mar). Together 50,000."""
    return (
        claim("A", amount_cents=30_000, allowance="huurtoeslag", benefit_year=2023),
        claim(
            "B",
            amount_cents=20_000,
            allowance="zorgtoeslag",
            benefit_year=2024,
            decision_date=date(2025, 2, 3),
        ),
    )


def monthly_dates(first: date, count: int) -> list[date]:
    """Hand-written helper for expected schedules: the same day each month (no clamping needed
    for the days used with it, which are all <= 28)."""
    assert first.day <= 28
    return [
        date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, first.day)
        for i in range(count)
    ]


def plan_of(decision: Decision) -> Plan:
    assert decision.plan is not None
    return decision.plan


# --- §4.1 / §4.2 standard arrangement ----------------------------------------------------------


def test_one_standard_arrangement_over_all_claims(decider: Decider, p2025: Policy) -> None:
    # total 50,000; 50,000 / 24 = 2,083.33 -> 2,084 -> whole euros 2,100 (> 2,000).
    # instalments ceil(50,000 / 2,100) = 24; last = 50,000 - 23 x 2,100 = 1,700.
    # first due = max(as_of 5 Feb 2025, earliest due 21 Feb 2025) = 21 Feb 2025; then monthly,
    # the 24th on 21 Feb 2025 + 23 months = 21 Jan 2027.
    decision = decider.decide(
        case(*two_claims(), as_of=date(2025, 2, 5), who=debtor(request="standard")), p2025
    )
    plan = plan_of(decision)
    assert decision.outcome == "standard_arrangement"
    assert plan.method == "transfer"
    assert plan.kind == "standard"
    assert plan.claim_refs == ("A", "B")
    assert plan.total_cents == 50_000
    assert plan.monthly_cents == 2_100
    assert plan.instalments == 24
    assert plan.last_instalment_cents == 1_700
    assert plan.first_due_date == date(2025, 2, 21)
    expected_dates = monthly_dates(date(2025, 2, 21), 24)
    assert expected_dates[-1] == date(2027, 1, 21)
    assert plan.schedule == tuple(
        Instalment(due_date=day, amount_cents=2_100 if i < 23 else 1_700)
        for i, day in enumerate(expected_dates)
    )
    assert sum(item.amount_cents for item in plan.schedule) == 50_000
    assert plan.review_date is None
    assert plan.remaining_after_plan_cents == 0
    assert plan.net_allowance_cents is None
    assert plan.offset_window_end is None
    assert entry(decision, "R-STANDARD-ARRANGEMENT").claim_ref is None


@pytest.mark.parametrize(
    ("total", "monthly", "count", "last"),
    [
        # 30,000 / 24 = 1,250 -> 1,300 < 2,000 -> 2,000; 30,000 / 2,000 = 15 exactly, last 2,000
        pytest.param(30_000, 2_000, 15, 2_000, id="minimum-exact"),
        # 31,000 / 24 = 1,291.67 -> 1,300 -> 2,000; ceil(15.5) = 16; last 31,000 - 30,000 = 1,000
        pytest.param(31_000, 2_000, 16, 1_000, id="minimum-remainder"),
        # 48,000 / 24 = 2,000 exactly -> 2,000; 24 instalments of 2,000
        pytest.param(48_000, 2_000, 24, 2_000, id="minimum-24"),
        # 48,001 / 24 = 2,000.04 -> 2,001 -> whole euros 2,100; ceil(22.86) = 23;
        # last 48,001 - 22 x 2,100 = 1,801
        pytest.param(48_001, 2_100, 23, 1_801, id="rounded-up-to-euro"),
        # 100,000 / 24 = 4,166.67 -> 4,167 -> 4,200; ceil(23.81) = 24; last 100,000 - 96,600
        pytest.param(100_000, 4_200, 24, 3_400, id="large"),
        # 1,500 (< one minimum instalment): one instalment of the whole 1,500
        pytest.param(1_500, 2_000, 1, 1_500, id="single"),
    ],
)
def test_standard_monthly_amount_and_instalments(
    decider: Decider, p2025: Policy, total: int, monthly: int, count: int, last: int
) -> None:
    decision = decider.decide(
        case(claim(amount_cents=total, origin="advance"), as_of=AS_OF, who=debtor()), p2025
    )
    plan = plan_of(decision)
    assert decision.outcome == "standard_arrangement"
    assert plan.monthly_cents == monthly
    assert plan.instalments == count
    assert plan.last_instalment_cents == last
    assert len(plan.schedule) == count
    assert plan.schedule[-1].amount_cents == last
    assert all(item.amount_cents == monthly for item in plan.schedule[:-1])


def test_schedule_keeps_the_day_and_clamps_short_months(decider: Decider, p2025: Policy) -> None:
    # Decided 20 Dec 2024 -> due 31 Jan 2025 (20 Dec + 11 = 31 Dec, + 31 = 31 Jan).
    # 30,000 -> 15 instalments of 2,000 from 31 Jan 2025, clamped to month ends and back to 31.
    decision = decider.decide(
        case(claim(amount_cents=30_000, decision_date=date(2024, 12, 20)), as_of=date(2025, 1, 15)),
        p2025,
    )
    plan = plan_of(decision)
    assert [item.due_date for item in plan.schedule] == [
        date(2025, 1, 31),
        date(2025, 2, 28),
        date(2025, 3, 31),
        date(2025, 4, 30),
        date(2025, 5, 31),
        date(2025, 6, 30),
        date(2025, 7, 31),
        date(2025, 8, 31),
        date(2025, 9, 30),
        date(2025, 10, 31),
        date(2025, 11, 30),
        date(2025, 12, 31),
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
    ]


def test_first_instalment_is_as_of_when_due_dates_have_passed(
    decider: Decider, p2025: Policy
) -> None:
    # Due 21 Feb 2025, as_of 22 Feb 2025 (no interest day yet): first = max(22 Feb, 21 Feb).
    decision = decider.decide(case(claim(), as_of=date(2025, 2, 22)), p2025)
    plan = plan_of(decision)
    assert plan.total_cents == 50_000
    assert plan.first_due_date == date(2025, 2, 22)
    assert plan.schedule[1].due_date == date(2025, 3, 22)


def test_standard_arrangement_includes_interest(decider: Decider, p2025: Policy) -> None:
    # 100,000 due 21 Feb 2025, as_of 1 Jun 2025: 99 days -> interest 1,085 (see claim tests);
    # total 101,085; 101,085 / 24 = 4,211.88 -> 4,212 -> 4,300; ceil(23.51) = 24;
    # last = 101,085 - 23 x 4,300 = 101,085 - 98,900 = 2,185; first = max(1 Jun, 21 Feb).
    decision = decider.decide(case(claim(amount_cents=100_000), as_of=date(2025, 6, 1)), p2025)
    plan = plan_of(decision)
    assert plan.total_cents == 101_085
    assert plan.monthly_cents == 4_300
    assert plan.instalments == 24
    assert plan.last_instalment_cents == 2_185
    assert plan.first_due_date == date(2025, 6, 1)


def test_plan_covers_only_collectible_claims(decider: Decider, p2025: Policy) -> None:
    # LIVE 30,000 (due 21 Feb 2025); SMALL 11,800 (not recovered); OLD decided 2018 (expired
    # after 21 Feb 2023); PAID paid in full before its due date. Total = LIVE's 30,000.
    decision = decider.decide(
        case(
            claim("SMALL", amount_cents=11_800),
            claim("LIVE", amount_cents=30_000, allowance="kinderopvangtoeslag"),
            claim("OLD", decision_date=date(2018, 1, 10)),
            claim(
                "PAID", decision_date=date(2025, 1, 5), events=[payment(date(2025, 1, 20), 50_000)]
            ),
            as_of=AS_OF,
        ),
        p2025,
    )
    plan = plan_of(decision)
    assert plan.claim_refs == ("LIVE",)
    assert plan.total_cents == 30_000
    assert plan.monthly_cents == 2_000
    assert plan.instalments == 15


def test_none_request_with_ongoing_allowance_at_monthly_amount_is_transfer(
    decider: Decider, p2025: Policy
) -> None:
    # total 50,000 -> monthly 2,100; ongoing exactly 2,100 is not more than it -> transfer.
    decision = decider.decide(
        case(*two_claims(), as_of=AS_OF, who=debtor(allowances=[ongoing("zorgtoeslag", 2_100)])),
        p2025,
    )
    assert decision.outcome == "standard_arrangement"
    assert plan_of(decision).method == "transfer"
    assert plan_of(decision).net_allowance_cents is None
    assert "R-AUTO-OFFSET" not in rule_ids(decision)


# --- §5 offsetting -----------------------------------------------------------------------------


def test_offset_when_ongoing_allowances_exceed_monthly_amount(
    decider: Decider, p2025: Policy
) -> None:
    # ongoing 25,000 + 10,000 = 35,000 > 2,100 -> offset. Monthly 2,100, 24 instalments, last
    # 1,700; first withholding = max(1 Feb, latest due 17 Mar 2025) = 17 Mar 2025.
    # Net allowance = 35,000 - 2,100 = 32,900.
    who = debtor(
        allowances=[ongoing("huurtoeslag", 25_000), ongoing("kindgebonden_budget", 10_000)]
    )
    decision = decider.decide(case(*two_claims(), as_of=AS_OF, who=who), p2025)
    plan = plan_of(decision)
    assert decision.outcome == "offset"
    assert plan.method == "offset"
    assert plan.kind == "standard"
    assert plan.claim_refs == ("A", "B")
    assert plan.total_cents == 50_000
    assert plan.monthly_cents == 2_100
    assert plan.instalments == 24
    assert plan.last_instalment_cents == 1_700
    assert plan.first_due_date == date(2025, 3, 17)
    assert [item.due_date for item in plan.schedule] == monthly_dates(date(2025, 3, 17), 24)
    assert plan.net_allowance_cents == 32_900
    assert "R-AUTO-OFFSET" in rule_ids(decision)
    assert "R-STANDARD-ARRANGEMENT" not in rule_ids(decision)


def test_offset_one_cent_above_monthly_amount(decider: Decider, p2025: Policy) -> None:
    # ongoing 2,101 > 2,100 -> offset; net 2,101 - 2,100 = 1.
    decision = decider.decide(
        case(*two_claims(), as_of=AS_OF, who=debtor(allowances=[ongoing("zorgtoeslag", 2_101)])),
        p2025,
    )
    assert decision.outcome == "offset"
    assert plan_of(decision).net_allowance_cents == 1


def test_offset_starts_on_as_of_when_all_due_dates_passed(decider: Decider, p2025: Policy) -> None:
    # A due 21 Feb, B due 17 Mar; as_of 18 Mar 2025 is later than both.
    # Interest: A 22 Feb..17 Mar = 7 + 17 = 24 days: 30,000 x 400 x 24 / 3,650,000 = 78.90 -> 79
    #           B 18 Mar..17 Mar = 0 days -> 0. Total 50,079 -> 50,079 / 24 = 2,086.6 -> 2,100.
    who = debtor(allowances=[ongoing("huurtoeslag", 30_000)])
    decision = decider.decide(case(*two_claims(), as_of=date(2025, 3, 18), who=who), p2025)
    plan = plan_of(decision)
    assert decision.outcome == "offset"
    assert plan.total_cents == 50_079
    assert plan.first_due_date == date(2025, 3, 18)
    assert plan.net_allowance_cents == 30_000 - 2_100


def test_standard_request_is_transfer_even_with_large_allowances(
    decider: Decider, p2025: Policy
) -> None:
    who = debtor(request="standard", allowances=[ongoing("huurtoeslag", 40_000)])
    decision = decider.decide(case(*two_claims(), as_of=AS_OF, who=who), p2025)
    assert decision.outcome == "standard_arrangement"
    assert plan_of(decision).method == "transfer"
    assert plan_of(decision).first_due_date == date(2025, 2, 21)


# --- §4.3 personal arrangement -----------------------------------------------------------------


def test_personal_refused_with_assets(decider: Decider, p2025: Policy) -> None:
    # assets 1 > limit 0 -> refused; the standard arrangement of 50,000 stands (2,100 x 24).
    decision = decider.decide(
        case(*two_claims(), as_of=AS_OF, who=personal(capacity=1_000, assets=1)), p2025
    )
    plan = plan_of(decision)
    assert decision.outcome == "standard_arrangement"
    assert plan.kind == "standard"
    assert plan.method == "transfer"
    assert plan.monthly_cents == 2_100
    assert plan.instalments == 24
    assert "R-PERSONAL-REFUSED-ASSETS" in rule_ids(decision)
    assert "R-PERSONAL-ARRANGEMENT" not in rule_ids(decision)


def test_personal_refused_with_assets_even_without_capacity(
    decider: Decider, p2025: Policy
) -> None:
    decision = decider.decide(
        case(*two_claims(), as_of=AS_OF, who=personal(capacity=0, assets=50_000)), p2025
    )
    assert decision.outcome == "standard_arrangement"
    assert rule_ids(decision)[-1] == "R-PERSONAL-REFUSED-ASSETS"
    assert not decision.requires_review


@pytest.mark.parametrize("capacity", [2_100, 2_101, 10_000])
def test_personal_refused_when_capacity_covers_standard_amount(
    decider: Decider, p2025: Policy, capacity: int
) -> None:
    # standard monthly for 50,000 is 2,100; capacity >= 2,100 -> refused, standard stands.
    decision = decider.decide(
        case(*two_claims(), as_of=AS_OF, who=personal(capacity=capacity)), p2025
    )
    plan = plan_of(decision)
    assert decision.outcome == "standard_arrangement"
    assert plan.kind == "standard"
    assert plan.monthly_cents == 2_100
    assert "R-PERSONAL-REFUSED-CAPACITY" in rule_ids(decision)


def test_personal_arrangement_just_below_standard_amount(decider: Decider, p2025: Policy) -> None:
    # capacity 2,099 < 2,100; 2,099 x 24 = 50,376 >= 50,000 -> personal arrangement.
    # instalments ceil(50,000 / 2,099) = ceil(23.82) = 24; last 50,000 - 23 x 2,099 = 1,723.
    decision = decider.decide(case(*two_claims(), as_of=AS_OF, who=personal(capacity=2_099)), p2025)
    plan = plan_of(decision)
    assert decision.outcome == "personal_arrangement"
    assert plan.kind == "personal"
    assert plan.method == "transfer"
    assert plan.monthly_cents == 2_099
    assert plan.instalments == 24
    assert plan.last_instalment_cents == 1_723
    assert plan.first_due_date == date(2025, 2, 21)
    assert plan.review_date is None
    assert plan.remaining_after_plan_cents == 0
    assert plan.offset_window_end is None
    assert "R-PERSONAL-ARRANGEMENT" in rule_ids(decision)


def test_personal_arrangement_below_minimum_monthly_amount(decider: Decider, p2025: Policy) -> None:
    # total 30,000 (standard 2,000); capacity 1,500: 1,500 x 24 = 36,000 >= 30,000.
    # instalments 30,000 / 1,500 = 20 exactly, last 1,500; first due 21 Feb 2025.
    decision = decider.decide(
        case(claim(amount_cents=30_000), as_of=AS_OF, who=personal(capacity=1_500)), p2025
    )
    plan = plan_of(decision)
    assert decision.outcome == "personal_arrangement"
    assert plan.monthly_cents == 1_500
    assert plan.instalments == 20
    assert plan.last_instalment_cents == 1_500
    assert plan.schedule[-1].due_date == date(2026, 9, 21)  # 21 Feb 2025 + 19 months
    assert plan.remaining_after_plan_cents == 0
    assert plan.review_date is None


def test_personal_arrangement_capacity_times_24_equals_total(
    decider: Decider, p2025: Policy
) -> None:
    # total 36,000 (standard: 36,000 / 24 = 1,500 -> 2,000); capacity 1,500 x 24 = 36,000 = total
    # -> a full personal arrangement of 24 x 1,500, nothing left, no review.
    decision = decider.decide(
        case(claim(amount_cents=36_000), as_of=AS_OF, who=personal(capacity=1_500)), p2025
    )
    plan = plan_of(decision)
    assert decision.outcome == "personal_arrangement"
    assert plan.instalments == 24
    assert plan.last_instalment_cents == 1_500
    assert plan.remaining_after_plan_cents == 0
    assert plan.review_date is None
    assert "R-PERSONAL-ARRANGEMENT" in rule_ids(decision)
    assert "R-PERSONAL-PARTIAL" not in rule_ids(decision)


def test_personal_partial_arrangement(decider: Decider, p2025: Policy) -> None:
    # total 50,000, capacity 1,000: 1,000 x 24 = 24,000 < 50,000 -> 24 instalments of 1,000,
    # remaining 50,000 - 24,000 = 26,000. First 21 Feb 2025; 12th = + 11 months = 21 Jan 2026
    # (review); 24th = + 23 months = 21 Jan 2027; offset window to 21 Jan 2030.
    decision = decider.decide(case(*two_claims(), as_of=AS_OF, who=personal(capacity=1_000)), p2025)
    plan = plan_of(decision)
    assert decision.outcome == "personal_arrangement"
    assert plan.kind == "personal"
    assert plan.method == "transfer"
    assert plan.claim_refs == ("A", "B")
    assert plan.total_cents == 50_000
    assert plan.monthly_cents == 1_000
    assert plan.instalments == 24
    assert plan.last_instalment_cents == 1_000
    assert all(item.amount_cents == 1_000 for item in plan.schedule)
    assert plan.remaining_after_plan_cents == 26_000
    assert plan.review_date == date(2026, 1, 21)
    assert plan.schedule[11].due_date == date(2026, 1, 21)
    assert plan.schedule[-1].due_date == date(2027, 1, 21)
    assert plan.offset_window_end == date(2030, 1, 21)
    assert "R-PERSONAL-PARTIAL" in rule_ids(decision)


def test_no_further_measures_without_capacity(decider: Decider, p2025: Policy) -> None:
    # capacity 0, assets 0 -> §4.4: no instalments, everything (50,000) remains, one-off
    # payments offset until as_of + 3 years = 1 Feb 2028; a collector confirms.
    decision = decider.decide(case(*two_claims(), as_of=AS_OF, who=personal(capacity=0)), p2025)
    plan = plan_of(decision)
    assert decision.outcome == "no_further_measures"
    assert plan.method == "offset"
    assert plan.kind == "personal"
    assert plan.instalments == 0
    assert plan.schedule == ()
    assert plan.first_due_date is None
    assert plan.claim_refs == ("A", "B")
    assert plan.total_cents == 50_000
    assert plan.remaining_after_plan_cents == 50_000
    assert plan.offset_window_end == date(2028, 2, 1)
    assert plan.review_date is None
    assert decision.requires_review is True
    assert decision.review_reasons == ("no_further_measures",)
    assert "R-NO-FURTHER-MEASURES" in rule_ids(decision)


def test_personal_request_after_everything_is_paid(decider: Decider, p2025: Policy) -> None:
    # No collectible claim: the personal request leads to nothing_due, not to a plan.
    decision = decider.decide(
        case(
            claim(events=[payment(date(2025, 1, 20), 50_000)]),
            as_of=AS_OF,
            who=personal(capacity=0),
        ),
        p2025,
    )
    assert decision.outcome == "nothing_due"
    assert decision.plan is None
    assert not decision.requires_review
    assert result(decision, "C1").open_cents == 0

"""The same cases under the legacy 2023-01-01 version (the practice before the collection
strategy) and the 2025-01-01 version, both pinned, through the real Decider and the real
durable-rules engine: one arrangement for all allowances against one per claim (§4.2),
automatic interruption against proposals where collection is realistic (§7), and the payment
pause (§9).

Standard monthly amount = max(2,000, ceil(total / 24) rounded up to whole euros); instalments =
ceil(total / monthly), at most 24; the last one is the remainder.
"""

from __future__ import annotations

from datetime import date

import pytest

from service.decider import Decider
from service.domain.case import Case, Debtor
from service.domain.decision import Arrangement, Decision, Instalment, Plan
from service.policy.model import Policy
from service.policy.registry import PolicyRegistry
from tests.rules.builders import (
    arrangement_start,
    case,
    claim,
    debtor,
    entry,
    pause_request,
    requesting,
    result,
    rule_ids,
    valid,
    with_events,
)

AS_OF = date(2025, 2, 1)
DUE = date(2025, 2, 21)  # every claim below is decided 10 Jan 2025


def monthly_dates(first: date, count: int) -> list[date]:
    """The same day each month (the days used here are <= 28, so no clamping)."""
    assert first.day <= 28
    return [
        date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, first.day)
        for i in range(count)
    ]


def three_claims() -> Case:
    """€ 300, € 900 and € 2.400 of three allowances, all decided 10 Jan 2025 (due 21 Feb 2025),
    evaluated on 1 Feb 2025 (before the due date: no interest); the debtor asks for nothing and
    receives no allowances."""
    return valid(
        case(
            claim("HT", amount_cents=30_000, allowance="huurtoeslag"),
            claim("ZT", amount_cents=90_000, allowance="zorgtoeslag"),
            claim("KO", amount_cents=240_000, allowance="kinderopvangtoeslag"),
            as_of=AS_OF,
        )
    )


def plan_of(decision: Decision) -> Plan:
    assert decision.plan is not None
    return decision.plan


def test_2025_one_standard_arrangement_for_all_allowances(decider: Decider, p2025: Policy) -> None:
    # total 30,000 + 90,000 + 240,000 = 360,000; 360,000 / 24 = 15,000 (whole euros already)
    # -> max(2,000, 15,000) = 15,000 a month; 24 instalments, the last 15,000.
    decision = decider.decide(three_claims(), p2025)
    plan = plan_of(decision)
    assert plan.kind == "standard"
    assert plan.arrangements == ()
    assert plan.monthly_cents == 15_000
    assert plan.instalments == 24
    assert plan.last_instalment_cents == 15_000
    assert plan.first_due_date == DUE
    assert plan.schedule == tuple(Instalment(day, 15_000) for day in monthly_dates(DUE, 24))
    assert plan.total_cents == 360_000
    assert plan.claim_refs == ("HT", "ZT", "KO")
    assert "R-STANDARD-ARRANGEMENT" in rule_ids(decision)
    assert decision.outcome == "standard_arrangement"


def test_2023_one_standard_arrangement_per_claim(decider: Decider, p2023: Policy) -> None:
    # HT 30,000: 30,000 / 24 = 1,250 -> 1,300 -> max(2,000, 1,300) = 2,000 a month;
    #   ceil(30,000 / 2,000) = 15 instalments, the last 30,000 - 14 x 2,000 = 2,000.
    # ZT 90,000: 90,000 / 24 = 3,750 -> 3,800; ceil(90,000 / 3,800) = 24 (23.7), the last
    #   90,000 - 23 x 3,800 = 2,600.
    # KO 240,000: 240,000 / 24 = 10,000; 24 instalments, the last 10,000.
    # Each starts on max(as_of, its own due date) = 21 Feb 2025. Merged per month:
    #   months 1-15: 2,000 + 3,800 + 10,000 = 15,800
    #   months 16-23: 3,800 + 10,000 = 13,800
    #   month 24: 2,600 + 10,000 = 12,600
    # 15 x 15,800 + 8 x 13,800 + 12,600 = 237,000 + 110,400 + 12,600 = 360,000.
    decision = decider.decide(three_claims(), p2023)
    plan = plan_of(decision)
    assert plan.kind == "per_claim"
    dates = monthly_dates(DUE, 24)
    assert plan.arrangements == (
        Arrangement(
            claim_ref="HT",
            total_cents=30_000,
            monthly_cents=2_000,
            instalments=15,
            first_due_date=DUE,
            schedule=tuple(Instalment(day, 2_000) for day in dates[:15]),
        ),
        Arrangement(
            claim_ref="ZT",
            total_cents=90_000,
            monthly_cents=3_800,
            instalments=24,
            first_due_date=DUE,
            schedule=(
                *(Instalment(day, 3_800) for day in dates[:23]),
                Instalment(dates[23], 2_600),
            ),
        ),
        Arrangement(
            claim_ref="KO",
            total_cents=240_000,
            monthly_cents=10_000,
            instalments=24,
            first_due_date=DUE,
            schedule=tuple(Instalment(day, 10_000) for day in dates),
        ),
    )
    for arrangement in plan.arrangements:
        assert arrangement.monthly_cents >= 2_000
        assert sum(item.amount_cents for item in arrangement.schedule) == arrangement.total_cents
    assert plan.monthly_cents == 15_800
    assert plan.first_due_date == DUE
    assert plan.instalments == 24
    assert plan.last_instalment_cents == 12_600
    assert [item.amount_cents for item in plan.schedule] == [15_800] * 15 + [13_800] * 8 + [12_600]
    assert [item.due_date for item in plan.schedule] == dates
    assert plan.total_cents == 360_000
    assert sum(item.amount_cents for item in plan.schedule) == 360_000
    assert "R-STANDARD-PER-CLAIM" in rule_ids(decision)
    assert entry(decision, "R-STANDARD-PER-CLAIM").claim_ref is None
    assert decision.outcome == "standard_arrangement"


def test_both_versions_collect_the_same_total(
    decider: Decider, p2023: Policy, p2025: Policy
) -> None:
    legacy = plan_of(decider.decide(three_claims(), p2023))
    strategy = plan_of(decider.decide(three_claims(), p2025))
    assert legacy.total_cents == strategy.total_cents == 360_000
    assert legacy.claim_refs == strategy.claim_refs
    # The debtor pays more in the first month without the strategy: 15,800 against 15,000.
    assert legacy.schedule[0].amount_cents - strategy.schedule[0].amount_cents == 800


def test_2023_per_claim_sums_what_is_paid_each_month(decider: Decider, p2023: Policy) -> None:
    # Two claims with due dates in the same month: A 30,000 decided 10 Jan 2025 -> due
    # 21 Feb 2025; B 30,000 decided 15 Jan 2025 -> due 26 Feb 2025 (15 Jan + 16 = 31 Jan,
    # + 26). Each: 30,000 / 24 = 1,250 -> 1,300 -> 2,000 a month, 15 instalments from its own
    # due date (as_of 1 Feb is earlier): A on the 21st, B on the 26th, Feb 2025..Apr 2026.
    # What the debtor pays each month: 2,000 + 2,000 = 4,000, in 15 paying months; the first
    # month (February 2025) is 4,000.
    decision = decider.decide(
        valid(
            case(
                claim("A", amount_cents=30_000),
                claim(
                    "B",
                    amount_cents=30_000,
                    allowance="zorgtoeslag",
                    decision_date=date(2025, 1, 15),
                ),
                as_of=AS_OF,
            )
        ),
        p2023,
    )
    plan = plan_of(decision)
    assert [arrangement.first_due_date for arrangement in plan.arrangements] == [
        date(2025, 2, 21),
        date(2025, 2, 26),
    ]
    assert [arrangement.monthly_cents for arrangement in plan.arrangements] == [2_000, 2_000]
    assert [arrangement.instalments for arrangement in plan.arrangements] == [15, 15]
    per_month: dict[tuple[int, int], int] = {}
    for item in plan.schedule:
        key = (item.due_date.year, item.due_date.month)
        per_month[key] = per_month.get(key, 0) + item.amount_cents
    assert list(per_month.values()) == [4_000] * 15
    assert plan.total_cents == 60_000
    assert plan.first_due_date == date(2025, 2, 21)
    # The plan's figures are per month: 4,000 in the first month, 15 paying months.
    assert plan.monthly_cents == 4_000
    assert plan.instalments == 15
    assert plan.last_instalment_cents == 4_000
    text = entry(decision, "R-STANDARD-PER-CLAIM").explanation
    assert "de eerste maand € 40,00, 15 betaalmaand(en)" in text.nl


def test_2023_per_claim_counts_paying_months_not_payment_dates(
    decider: Decider, p2023: Policy
) -> None:
    # A 30,000 decided 10 Jan 2025 -> due 21 Feb 2025; B 30,000 decided 22 Jan 2025 -> due
    # 5 Mar 2025 (22 Jan + 9 = 31 Jan, + 28 = 28 Feb, + 5 = 5 Mar: 42 days). Each pays 2,000 a
    # month for 15 months from its own due date: A from 21 Feb 2025 to 21 Apr 2026, B from
    # 5 Mar 2025 to 5 May 2026. Per calendar month: February 2025 2,000 (A only), March 2025
    # .. April 2026 4,000 (14 months), May 2026 2,000 (B only): 16 paying months. The schedule
    # keeps every payment date: 30 of them.
    decision = decider.decide(
        valid(
            case(
                claim("A", amount_cents=30_000),
                claim(
                    "B",
                    amount_cents=30_000,
                    allowance="zorgtoeslag",
                    decision_date=date(2025, 1, 22),
                ),
                as_of=AS_OF,
            )
        ),
        p2023,
    )
    plan = plan_of(decision)
    assert [arrangement.first_due_date for arrangement in plan.arrangements] == [
        date(2025, 2, 21),
        date(2025, 3, 5),
    ]
    assert len(plan.schedule) == 30
    assert plan.schedule[0] == Instalment(date(2025, 2, 21), 2_000)
    assert plan.schedule[-1] == Instalment(date(2026, 5, 5), 2_000)
    assert (plan.monthly_cents, plan.instalments, plan.last_instalment_cents) == (2_000, 16, 2_000)
    assert plan.first_due_date == date(2025, 2, 21)
    assert plan.total_cents == 60_000
    text = entry(decision, "R-STANDARD-PER-CLAIM")
    assert (
        "de eerste maand € 20,00, 16 betaalmaand(en) vanaf 21 februari 2025, de laatste "
        "maand € 20,00" in text.explanation.nl
    )


# --- interruption: automatic (2023) against realistic collection (2025) ------------------------

# On 1 Jun 2025, 60 days before its limitation date 31 Jul 2025: due 31 Jul 2020, decided
# 19 Jun 2020 (31 Jul - 31 = 30 Jun, - 11 = 19 Jun). 50,000 plus 1,765 days of interest
# (9,671) = 59,671 owed.


def expiring_case(who: Debtor) -> Case:
    return valid(
        case(
            claim(amount_cents=50_000, decision_date=date(2020, 6, 19)),
            as_of=date(2025, 6, 1),
            who=who,
        )
    )


@pytest.mark.parametrize(
    ("who", "proposal_2025", "review_2025"),
    [
        pytest.param(
            debtor(capacity=10_000, assets=0), "interrupt", "confirm_interruption", id="able"
        ),
        pytest.param(debtor(capacity=0, assets=0), "let_expire", None, id="no-means"),
        pytest.param(
            debtor(), "collector_decides", "limitation_collector_decides", id="capacity-unknown"
        ),
    ],
)
def test_interruption_automatic_in_2023_proposed_in_2025(
    decider: Decider,
    p2023: Policy,
    p2025: Policy,
    who: Debtor,
    proposal_2025: str,
    review_2025: str | None,
) -> None:
    legacy = decider.decide(expiring_case(who), p2023)
    strategy = decider.decide(expiring_case(who), p2025)
    assert result(legacy, "C1").limitation_date == date(2025, 7, 31)
    assert result(legacy, "C1").within_limitation_window is True
    assert result(legacy, "C1").limitation_proposal == "interrupt_automatically"
    assert legacy.review_reasons == ()
    assert result(strategy, "C1").within_limitation_window is True
    assert result(strategy, "C1").limitation_proposal == proposal_2025
    if review_2025 is None:
        assert strategy.review_reasons == ()
    else:
        assert review_2025 in strategy.review_reasons


# --- the payment pause: refused (2023) against granted (2025) ----------------------------------


def test_pause_refused_in_2023_granted_in_2025(
    decider: Decider, p2023: Policy, p2025: Policy
) -> None:
    asked = case(
        claim(),
        as_of=date(2025, 6, 15),
        who=with_events(debtor(), arrangement_start(date(2025, 3, 1))),
    )
    pausing = valid(requesting(asked, pause_request(date(2025, 7, 1), 3, "loss_of_income")))
    legacy = decider.decide(pausing, p2023)
    strategy = decider.decide(pausing, p2025)
    assert legacy.pause is not None
    assert legacy.pause.status == "refused"
    assert legacy.pause.grounds == ("not_in_policy",)
    assert "R-NO-PAUSE" in rule_ids(legacy)
    assert strategy.pause is not None
    assert strategy.pause.status == "granted"
    assert strategy.pause.end == date(2025, 9, 30)
    assert "R-PAUSE-GRANTED" in rule_ids(strategy)
    # Only the granted pause extends limitation: 21 Feb 2030 (+ 92 days = 24 May 2030).
    assert result(legacy, "C1").limitation_date == date(2030, 2, 21)
    assert result(strategy, "C1").limitation_date == date(2030, 5, 24)


def test_version_in_force_matches_the_pinned_one(
    decider: Decider, registry: PolicyRegistry, p2025: Policy
) -> None:
    in_force = registry.in_force(AS_OF)
    assert in_force.version == "2025-01-01"
    assert decider.decide(three_claims(), in_force) == decider.decide(three_claims(), p2025)

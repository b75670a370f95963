"""Scenario tests of the rules for recognised victims of the allowance affair (gedupeerden,
hersteloperatie, collection-rules.md §11) through the real Decider, the real durable-rules engine
and the 2025 policy.

- A recognised victim's debts that arose before 2021-01-01 are remitted (R-HERSTEL-REMITTED).
- A moratorium of 12 months from the first compensation payment pauses the other claims that
  arose before that payment (R-HERSTEL-MORATORIUM): nothing is collected before the restart
  date = first compensation + 12 months.
- No late-payment interest on those paused claims, not over the pause and not after collection
  restarts (R-NO-INTEREST-HERSTEL).

The victim below got the first compensation on 15 Sep 2024, so collection restarts on
15 Sep 2025. Claims are of 50,000 unless said otherwise; due = decision date + 42 days; interest
is principal x 400 bp x days / (10,000 x 365), rounded half-up once.
"""

from __future__ import annotations

from datetime import date

import pytest

from service.decider import Decider
from service.domain.case import Claim, Debtor, Herstel
from service.domain.decision import Decision
from service.domain.validation import case_problems
from service.policy.model import Policy
from tests.rules.builders import (
    case,
    claim,
    debtor,
    entry,
    expected_interest,
    in_situation,
    plan_or_fail,
    recognised_victim,
    result,
    rule_ids,
    valid,
)

FIRST_COMPENSATION = date(2024, 9, 15)
RESTART = date(2025, 9, 15)  # 15 Sep 2024 + 12 months
AS_OF = date(2025, 6, 1)
HERSTEL_RULES = (
    "R-HERSTEL-REMITTED",
    "R-HERSTEL-MORATORIUM",
    "R-NO-INTEREST-HERSTEL",
    "R-HERSTEL-ALL-PAUSED",
)


def victim(first_compensation: date | None = FIRST_COMPENSATION) -> Debtor:
    return in_situation(debtor(), herstel=recognised_victim(first_compensation))


def decided(ref: str, on: date, amount_cents: int = 50_000) -> Claim:
    return claim(ref, decision_date=on, amount_cents=amount_cents)


def decide(
    decider: Decider, policy: Policy, who: Debtor, *claims: Claim, as_of: date = AS_OF
) -> Decision:
    return decider.decide(valid(case(*claims, as_of=as_of, who=who)), policy)


def herstel_fired(decision: Decision) -> list[str]:
    return [rule for rule in rule_ids(decision) if rule in HERSTEL_RULES]


# --- R-HERSTEL-REMITTED ------------------------------------------------------------------------


def test_a_claim_from_before_2021_is_remitted(decider: Decider, p2025: Policy) -> None:
    # Next to it an ordinary claim of 30,000 decided on the day of the first compensation, due
    # 27 Oct 2024: interest 28 Oct 2024 - 31 May 2025 = 4 + 30 + 31 + 31 + 28 + 31 + 30 + 31 =
    # 216 days; 30,000 x 400 x 216 / 3,650,000 = 710.1 -> 710.
    old = decided("OLD", date(2020, 12, 31))
    new = decided("NEW", FIRST_COMPENSATION, 30_000)
    decision = decide(decider, p2025, victim(), old, new)

    remitted = result(decision, "OLD")
    assert remitted.status == "remitted_herstel"
    assert remitted.interest_cents == 0
    assert remitted.costs_cents == 0
    assert remitted.restart_date is None
    traced = entry(decision, "R-HERSTEL-REMITTED", "OLD")
    assert traced.stage == "claim_status"
    assert "1 January 2021" in traced.explanation.en
    assert "remitted" in traced.explanation.en
    # Remitted, not paused: no moratorium and no interest waiver on it.
    assert "R-HERSTEL-MORATORIUM" not in rule_ids(decision)
    assert "R-NO-INTEREST-HERSTEL" not in rule_ids(decision)

    interest = expected_interest(30_000, (400, 216))
    assert interest == 710
    assert result(decision, "NEW").status == "collectible"
    assert result(decision, "NEW").interest_cents == interest
    plan = plan_or_fail(decision)
    assert plan.claim_refs == ("NEW",)
    assert plan.total_cents == 30_000 + interest
    assert decision.outcome == "standard_arrangement"


def test_a_victim_with_only_remitted_claims_pays_nothing(decider: Decider, p2025: Policy) -> None:
    decision = decide(decider, p2025, victim(), decided("OLD", date(2020, 6, 30)))
    assert result(decision, "OLD").status == "remitted_herstel"
    assert decision.outcome == "not_recovered"
    assert decision.plan is None
    assert decision.next_steps == ()


def test_remission_does_not_need_a_compensation_payment(decider: Decider, p2025: Policy) -> None:
    decision = decide(decider, p2025, victim(None), decided("OLD", date(2020, 12, 31)))
    assert result(decision, "OLD").status == "remitted_herstel"


# --- R-HERSTEL-MORATORIUM and R-NO-INTEREST-HERSTEL --------------------------------------------

# The claim decided 1 Jan 2021 is due 12 Feb 2021; interest would run from 13 Feb 2021.
# Up to 31 May 2025: 13 Feb 2021 -> 13 Feb 2025 = 365 + 365 + 365 + 366 (29 Feb 2024) = 1461
# days, then 13 Feb -> 13 May = 28 + 31 + 30 = 89, 13 May -> 1 Jun = 19: 1569 days.
DAYS_TO_JUNE = 1461 + 89 + 19
# Up to 30 Sep 2025: 1461 + (28 + 31 + 30 + 31 + 30 + 31 + 31 = 212, to 13 Sep) + 18 = 1691.
DAYS_TO_OCTOBER = 1461 + 212 + 18


def test_day_counts_by_hand() -> None:
    assert (date(2025, 6, 1) - date(2021, 2, 13)).days == DAYS_TO_JUNE
    assert (date(2025, 10, 1) - date(2021, 2, 13)).days == DAYS_TO_OCTOBER


def test_a_claim_from_2021_before_the_compensation_is_paused(
    decider: Decider, p2025: Policy
) -> None:
    decision = decide(decider, p2025, victim(), decided("C21", date(2021, 1, 1)))
    paused = result(decision, "C21")
    assert paused.status == "paused_herstel"
    assert paused.restart_date == RESTART
    assert paused.interest_cents == 0
    assert paused.interest_waived_cents == expected_interest(50_000, (400, DAYS_TO_JUNE))
    assert paused.open_cents == 50_000

    moratorium = entry(decision, "R-HERSTEL-MORATORIUM", "C21")
    assert moratorium.stage == "claim_status"
    assert "15 September 2024" in moratorium.explanation.en
    assert "15 September 2025" in moratorium.explanation.en
    assert "12 months" in moratorium.explanation.en
    waiver = entry(decision, "R-NO-INTEREST-HERSTEL", "C21")
    assert waiver.stage == "claim_terms"
    assert "M-NO-INTEREST-HERSTEL" in waiver.measures

    assert decision.outcome == "paused_herstel"
    assert decision.plan is None
    assert "15 September 2025" in decision.summary.en
    assert "15 september 2025" in decision.summary.nl
    assert "R-HERSTEL-ALL-PAUSED" in rule_ids(decision)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        pytest.param(date(2025, 9, 14), "paused_herstel", id="day-before-restart"),
        pytest.param(RESTART, "collectible", id="restart-day"),
        pytest.param(date(2025, 10, 1), "collectible", id="after-restart"),
    ],
)
def test_collection_restarts_on_the_restart_date_without_interest(
    decider: Decider, p2025: Policy, as_of: date, status: str
) -> None:
    decision = decide(decider, p2025, victim(), decided("C21", date(2021, 1, 1)), as_of=as_of)
    claim_result = result(decision, "C21")
    assert claim_result.status == status
    assert claim_result.interest_cents == 0
    assert "R-NO-INTEREST-HERSTEL" in rule_ids(decision)
    days = (as_of - date(2021, 2, 13)).days
    assert claim_result.interest_waived_cents == expected_interest(50_000, (400, days))
    if status == "collectible":
        plan = plan_or_fail(decision)
        assert plan.claim_refs == ("C21",)
        assert plan.total_cents == 50_000  # principal only: no interest, ever
        assert decision.outcome == "standard_arrangement"
    else:
        assert decision.outcome == "paused_herstel"


def test_after_restart_all_accrued_interest_is_waived(decider: Decider, p2025: Policy) -> None:
    decision = decide(
        decider, p2025, victim(), decided("C21", date(2021, 1, 1)), as_of=date(2025, 10, 1)
    )
    waived = expected_interest(50_000, (400, DAYS_TO_OCTOBER))
    assert waived == 9_266  # 50,000 x 400 x 1691 / 3,650,000 = 9,265.75
    assert result(decision, "C21").interest_waived_cents == waived
    assert result(decision, "C21").interest_cents == 0
    assert "€92.66" in entry(decision, "R-NO-INTEREST-HERSTEL", "C21").explanation.en


@pytest.mark.parametrize(
    ("decision_date", "status"),
    [
        pytest.param(date(2020, 12, 31), "remitted_herstel", id="2020-12-31"),
        pytest.param(date(2021, 1, 1), "paused_herstel", id="2021-01-01"),
        pytest.param(date(2024, 9, 14), "paused_herstel", id="day-before-compensation"),
        pytest.param(FIRST_COMPENSATION, "collectible", id="on-compensation-day"),
        pytest.param(date(2024, 9, 16), "collectible", id="after-compensation"),
    ],
)
def test_the_decision_date_decides_remitted_paused_or_ordinary(
    decider: Decider, p2025: Policy, decision_date: date, status: str
) -> None:
    decision = decide(decider, p2025, victim(), decided("C", decision_date))
    assert result(decision, "C").status == status


def test_a_claim_decided_on_the_compensation_day_is_ordinary(
    decider: Decider, p2025: Policy
) -> None:
    # Due 27 Oct 2024; 216 days of interest to 31 May 2025 (see above).
    decision = decide(decider, p2025, victim(), decided("C", FIRST_COMPENSATION))
    ordinary = result(decision, "C")
    assert ordinary.status == "collectible"
    assert ordinary.restart_date is None
    assert ordinary.interest_cents == expected_interest(50_000, (400, 216))
    assert ordinary.interest_waived_cents == 0
    assert herstel_fired(decision) == []


def test_a_victim_without_a_compensation_payment_has_no_moratorium(
    decider: Decider, p2025: Policy
) -> None:
    decision = decide(decider, p2025, victim(None), decided("C22", date(2022, 3, 1)))
    assert result(decision, "C22").status == "collectible"
    assert result(decision, "C22").interest_cents > 0
    assert herstel_fired(decision) == []


@pytest.mark.parametrize(
    ("first_compensation", "restart"),
    [
        pytest.param(date(2024, 2, 29), date(2025, 2, 28), id="29-feb-clamped"),
        pytest.param(date(2024, 1, 31), date(2025, 1, 31), id="31-jan"),
        pytest.param(date(2024, 12, 31), date(2025, 12, 31), id="31-dec"),
    ],
)
def test_the_restart_date_is_the_same_day_twelve_months_later_clamped(
    decider: Decider, p2025: Policy, first_compensation: date, restart: date
) -> None:
    decision = decide(
        decider,
        p2025,
        victim(first_compensation),
        decided("C22", date(2022, 3, 1)),
        as_of=date(2024, 12, 31),
    )
    assert result(decision, "C22").restart_date == restart
    assert result(decision, "C22").status == "paused_herstel"


# --- not recognised ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "herstel",
    [pytest.param(Herstel(recognised=False), id="not-recognised"), pytest.param(None, id="none")],
)
def test_a_debtor_who_is_not_recognised_is_ordinary(
    decider: Decider, p2025: Policy, herstel: Herstel | None
) -> None:
    # 2022 claim: due 12 Apr 2022; interest 13 Apr 2022 - 31 May 2025 = 365 + 366 + 365 (to
    # 13 Apr 2025) + 30 + 19 = 1145 days; 50,000 x 400 x 1145 / 3,650,000 = 6,273.97 -> 6,274.
    assert (date(2025, 6, 1) - date(2022, 4, 13)).days == 1145
    who = in_situation(debtor(), herstel=herstel)
    decision = decide(
        decider, p2025, who, decided("C20", date(2020, 12, 31)), decided("C22", date(2022, 3, 1))
    )
    assert herstel_fired(decision) == []
    assert result(decision, "C20").status == "collectible"
    assert result(decision, "C22").status == "collectible"
    assert result(decision, "C22").interest_cents == expected_interest(50_000, (400, 1145)) == 6_274
    assert set(plan_or_fail(decision).claim_refs) == {"C20", "C22"}


# --- the interaction: one claim remitted, one paused -------------------------------------------


def test_a_remitted_and_a_paused_claim_pause_the_collection(
    decider: Decider, p2025: Policy
) -> None:
    decision = decide(
        decider, p2025, victim(), decided("C20", date(2020, 5, 1)), decided("C22", date(2022, 3, 1))
    )
    assert result(decision, "C20").status == "remitted_herstel"
    assert result(decision, "C22").status == "paused_herstel"
    assert result(decision, "C22").restart_date == RESTART
    assert result(decision, "C22").interest_cents == 0
    assert decision.outcome == "paused_herstel"
    assert decision.plan is None
    assert decision.next_steps == ()
    assert "15 September 2025" in decision.summary.en
    assert "15 september 2025" in decision.summary.nl
    assert "1 claim(s)" in entry(decision, "R-HERSTEL-ALL-PAUSED").explanation.en
    assert set(herstel_fired(decision)) == set(HERSTEL_RULES)


def test_a_paused_claim_stays_out_of_the_plan_of_an_ordinary_one(
    decider: Decider, p2025: Policy
) -> None:
    decision = decide(
        decider,
        p2025,
        victim(),
        decided("C22", date(2022, 3, 1)),
        decided("NEW", date(2025, 1, 10)),
    )
    assert result(decision, "C22").status == "paused_herstel"
    plan = plan_or_fail(decision)
    assert plan.claim_refs == ("NEW",)
    # NEW: due 21 Feb 2025; 22 Feb - 31 May = 7 + 31 + 30 + 31 = 99 days of interest.
    assert plan.total_cents == 50_000 + expected_interest(50_000, (400, 99))
    assert decision.outcome == "standard_arrangement"
    assert "R-HERSTEL-ALL-PAUSED" not in rule_ids(decision)


# --- validation --------------------------------------------------------------------------------


def test_a_compensation_date_without_recognition_is_a_problem() -> None:
    who = in_situation(debtor(), herstel=Herstel(recognised=False, first_compensation_date=RESTART))
    problems = case_problems(case(claim(), as_of=AS_OF, who=who))
    assert [problem.field for problem in problems] == ["debtor.herstel.first_compensation_date"]
    assert "recognised" in problems[0].message


def test_a_compensation_date_out_of_range_is_a_problem() -> None:
    who = in_situation(debtor(), herstel=recognised_victim(date(2101, 1, 1)))
    problems = case_problems(case(claim(), as_of=AS_OF, who=who))
    assert [problem.field for problem in problems] == ["debtor.herstel.first_compensation_date"]


def test_a_recognised_victim_with_a_compensation_date_is_valid() -> None:
    assert case_problems(case(claim(), as_of=AS_OF, who=victim())) == []

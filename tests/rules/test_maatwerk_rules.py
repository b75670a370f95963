"""Scenario tests of the maatwerk signals (M-MAATWERK, collection-rules.md §10) through the real
Decider, the real durable-rules engine and the 2025 policy.

A signal that a person needs a tailored approach sends the decision to a collector (review reason
`maatwerk_<signal>`); the plan is still computed and shown to the collector, so the outcome is
the one the debtor would get without the signal. The five input signals are a closed list; the
sixth situation, no payment capacity with a large debt (at least 500,000), is derived by the
policy from the capacity (given, or computed from income) and the collectible total.

Unless a test says otherwise the claims are evaluated on 1 Feb 2025, before their due date
(21 Feb 2025), so no interest is added to the totals.
"""

from __future__ import annotations

from datetime import date
from typing import get_args

import msgspec
import pytest

from service.decider import Decider
from service.domain.case import Claim, Debtor, MaatwerkSignal
from service.domain.decision import Decision
from service.domain.validation import case_problems
from service.policy.model import Policy
from tests.rules.builders import (
    case,
    claim,
    debtor,
    entry,
    expected_interest,
    household_income,
    in_situation,
    ongoing,
    payment,
    personal,
    rule_ids,
    valid,
)

AS_OF = date(2025, 2, 1)

# The rule of each signal in the 2025 policy, and the words §10 uses for it.
SIGNALS: dict[MaatwerkSignal, tuple[str, str]] = {
    "problem_debts": ("R-MAATWERK-PROBLEM-DEBTS", "problem debts with several creditors"),
    "debt_counselling": ("R-MAATWERK-DEBT-COUNSELLING", "debt counselling"),
    "income_below_subsistence": ("R-MAATWERK-LOW-INCOME", "income below the subsistence norm"),
    "offset_below_protected_income": (
        "R-MAATWERK-PROTECTED-INCOME",
        "offsetting below the protected income",
    ),
    "recent_life_event": ("R-MAATWERK-LIFE-EVENT", "a recent life event"),
}
MAATWERK_RULES = {rule for rule, _ in SIGNALS.values()} | {"R-MAATWERK-ZERO-CAPACITY"}


def decide(
    decider: Decider, policy: Policy, who: Debtor, *claims: Claim, as_of: date = AS_OF
) -> Decision:
    return decider.decide(valid(case(*(claims or (claim(),)), as_of=as_of, who=who)), policy)


def maatwerk_fired(decision: Decision) -> set[str]:
    return {rule for rule in rule_ids(decision) if rule in MAATWERK_RULES}


def test_every_input_signal_is_covered() -> None:
    assert set(SIGNALS) == set(get_args(MaatwerkSignal))


# --- the five input signals --------------------------------------------------------------------

BASES = {
    # 50,000 -> standard arrangement of 2,100 a month (24 instalments).
    "standard": debtor(),
    # Allowances of 10,000 a month exceed the standard amount: offsetting.
    "offset": debtor(allowances=[ongoing("zorgtoeslag", 10_000)]),
    # A personal arrangement at a capacity of 1,000 a month.
    "personal": personal(capacity=1_000),
}


@pytest.mark.parametrize("base", list(BASES))
@pytest.mark.parametrize("signal", list(SIGNALS))
def test_a_signal_sends_the_decision_to_a_collector_with_the_plan_computed(
    decider: Decider, p2025: Policy, signal: MaatwerkSignal, base: str
) -> None:
    plain = decide(decider, p2025, BASES[base])
    flagged = decide(decider, p2025, in_situation(BASES[base], signals=[signal]))
    rule, words = SIGNALS[signal]

    assert flagged.requires_review is True
    assert f"maatwerk_{signal}" in flagged.review_reasons
    assert maatwerk_fired(flagged) == {rule}
    traced = entry(flagged, rule)
    assert traced.stage == "debtor_plan"
    assert traced.claim_ref is None
    assert "M-MAATWERK" in traced.measures
    assert traced.legal_basis
    assert words in traced.explanation.en

    # The plan is still computed: the same outcome and plan as without the signal.
    assert flagged.outcome == plain.outcome
    assert flagged.plan == plain.plan
    assert flagged.plan is not None
    assert flagged.claims == plain.claims
    # Without the signal, nothing of it.
    assert maatwerk_fired(plain) == set()
    assert not any(reason.startswith("maatwerk_") for reason in plain.review_reasons)


def test_the_outcome_of_each_base_is_what_it_claims(decider: Decider, p2025: Policy) -> None:
    outcomes = {name: decide(decider, p2025, who).outcome for name, who in BASES.items()}
    assert outcomes == {
        "standard": "standard_arrangement",
        "offset": "offset",
        "personal": "personal_arrangement",
    }


def test_all_signals_together_give_one_review_reason_each(decider: Decider, p2025: Policy) -> None:
    decision = decide(decider, p2025, in_situation(debtor(), signals=list(SIGNALS)))
    assert maatwerk_fired(decision) == {rule for rule, _ in SIGNALS.values()}
    reasons = [reason for reason in decision.review_reasons if reason.startswith("maatwerk_")]
    assert sorted(reasons) == sorted(f"maatwerk_{signal}" for signal in SIGNALS)
    assert decision.outcome == "standard_arrangement"


@pytest.mark.parametrize(
    ("claims", "outcome"),
    [
        # 11,800 is the 2025 threshold: a definitive claim of that amount is not recovered.
        pytest.param((claim(amount_cents=11_800),), "not_recovered", id="not-recovered"),
        pytest.param(
            (claim(events=[payment(date(2025, 1, 20), 50_000)]),), "nothing_due", id="paid"
        ),
        pytest.param((), "nothing_due", id="no-claims"),
    ],
)
def test_no_review_without_collectible_claims(
    decider: Decider, p2025: Policy, claims: tuple[Claim, ...], outcome: str
) -> None:
    who = in_situation(debtor(), signals=list(SIGNALS))
    decision = decider.decide(valid(case(*claims, as_of=AS_OF, who=who)), p2025)
    assert decision.outcome == outcome
    assert maatwerk_fired(decision) == set()
    assert decision.requires_review is False
    assert decision.review_reasons == ()


# --- R-MAATWERK-ZERO-CAPACITY ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "flagged"),
    [
        pytest.param(499_999, False, id="499999"),
        pytest.param(500_000, True, id="500000"),
        pytest.param(900_000, True, id="900000"),
    ],
)
@pytest.mark.parametrize("request_", ["none", "personal"])
def test_zero_capacity_with_a_large_debt_is_a_signal(
    decider: Decider, p2025: Policy, amount: int, flagged: bool, request_: str
) -> None:
    who = personal(capacity=0) if request_ == "personal" else debtor(capacity=0)
    decision = decide(decider, p2025, who, claim(amount_cents=amount))
    if flagged:
        assert maatwerk_fired(decision) == {"R-MAATWERK-ZERO-CAPACITY"}
        assert "maatwerk_zero_capacity_large_debt" in decision.review_reasons
        assert decision.requires_review is True
        traced = entry(decision, "R-MAATWERK-ZERO-CAPACITY")
        assert "M-MAATWERK" in traced.measures
        assert "€5,000.00" in traced.explanation.en  # the limit
    else:
        assert maatwerk_fired(decision) == set()
        assert "maatwerk_zero_capacity_large_debt" not in decision.review_reasons
    # The outcome is the one without the signal.
    expected = "no_further_measures" if request_ == "personal" else "standard_arrangement"
    assert decision.outcome == expected


def test_zero_capacity_computed_from_income_is_a_signal(decider: Decider, p2025: Policy) -> None:
    # Net 120,000 for a single person, below the norm of 133,000: capacity max(0, -13,000) = 0.
    who = in_situation(personal(capacity=0), income=household_income(120_000))
    who = msgspec.structs.replace(who, monthly_payment_capacity_cents=None)
    decision = decide(decider, p2025, who, claim(amount_cents=500_000))
    assert "R-CAPACITY-FROM-INCOME" in rule_ids(decision)
    assert "maatwerk_zero_capacity_large_debt" in decision.review_reasons
    assert decision.outcome == "no_further_measures"

    smaller = decide(decider, p2025, who, claim(amount_cents=499_999))
    assert "maatwerk_zero_capacity_large_debt" not in smaller.review_reasons


def test_a_capacity_of_one_cent_is_no_zero_capacity(decider: Decider, p2025: Policy) -> None:
    decision = decide(decider, p2025, debtor(capacity=1), claim(amount_cents=900_000))
    assert maatwerk_fired(decision) == set()


def test_an_unknown_capacity_is_no_zero_capacity(decider: Decider, p2025: Policy) -> None:
    decision = decide(decider, p2025, debtor(), claim(amount_cents=900_000))
    assert maatwerk_fired(decision) == set()


def test_the_large_debt_is_the_collectible_total(decider: Decider, p2025: Policy) -> None:
    # Two claims of 250,000 together reach 500,000.
    two = decide(
        decider,
        p2025,
        debtor(capacity=0),
        claim("A", amount_cents=250_000),
        claim("B", amount_cents=250_000, allowance="zorgtoeslag"),
    )
    assert "maatwerk_zero_capacity_large_debt" in two.review_reasons
    # Interest counts: 499,000 as of 1 Apr 2025 has 38 days of interest (22 Feb - 31 Mar):
    # 499,000 x 400 x 38 / 3,650,000 = 2,078.0 -> 2,078, so 501,078 is owed.
    interest = expected_interest(499_000, (400, 38))
    assert 499_000 + interest >= 500_000
    late = decide(
        decider, p2025, debtor(capacity=0), claim(amount_cents=499_000), as_of=date(2025, 4, 1)
    )
    assert "maatwerk_zero_capacity_large_debt" in late.review_reasons
    # A claim that is not recovered does not count: 499,999 + a small claim of 11,800.
    small = decide(
        decider,
        p2025,
        debtor(capacity=0),
        claim("A", amount_cents=499_999),
        claim("B", amount_cents=11_800, allowance="zorgtoeslag"),
    )
    assert "maatwerk_zero_capacity_large_debt" not in small.review_reasons


# --- the closed list of signals ----------------------------------------------------------------


@pytest.mark.parametrize(
    "signal", ["nationality", "fraud_signal", "zero_capacity_large_debt", "Debt_Counselling"]
)
def test_an_unknown_signal_is_rejected_by_the_schema(signal: str) -> None:
    with pytest.raises(msgspec.ValidationError) as raised:
        msgspec.convert({"ref": "D1", "signals": [signal]}, Debtor)
    assert "$.signals[0]" in str(raised.value)


def test_a_known_signal_is_accepted_by_the_schema() -> None:
    converted = msgspec.convert({"ref": "D1", "signals": ["debt_counselling"]}, Debtor)
    assert converted.signals == ("debt_counselling",)


def test_a_signal_listed_twice_is_a_validation_problem() -> None:
    who = in_situation(debtor(), signals=["problem_debts", "problem_debts"])
    problems = case_problems(case(claim(), as_of=AS_OF, who=who))
    assert [problem.field for problem in problems] == ["debtor.signals[1]"]
    assert "problem_debts" in problems[0].message


def test_the_repeat_is_named_where_it_is() -> None:
    who = in_situation(
        debtor(),
        signals=["problem_debts", "recent_life_event", "debt_counselling", "problem_debts"],
    )
    problems = case_problems(case(claim(), as_of=AS_OF, who=who))
    assert [problem.field for problem in problems] == ["debtor.signals[3]"]


def test_different_signals_are_no_problem() -> None:
    who = in_situation(debtor(), signals=list(SIGNALS))
    assert case_problems(case(claim(), as_of=AS_OF, who=who)) == []

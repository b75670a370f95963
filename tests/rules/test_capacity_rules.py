"""Scenario tests of the payment capacity computed from the household's income
(R-CAPACITY-FROM-INCOME, collection-rules.md §4.3) through the real Decider, the real
durable-rules engine and the shipped policies (2025 unless a test says otherwise).

When no monthly payment capacity is given but the income is, the policy computes

    capacity = max(0, net income + partner's net income - living-cost norm[household]
                      - housing costs - care premiums)

with the norm table of the policy version, and the personal-arrangement rules use it: an
arrangement at the capacity, refused when the capacity covers the standard amount, or no further
measures at a capacity of 0. A given capacity wins over the income.

The claims are evaluated on 1 Feb 2025, before their due date (21 Feb 2025), so no interest is
added. A total of 30,000 has a standard amount of max(2,000, 30,000 / 24 = 1,250) = 2,000.
"""

from __future__ import annotations

from datetime import date

import pytest

from service.decider import Decider
from service.domain.case import Debtor, HouseholdType, Income
from service.domain.decision import Decision, Instalment
from service.domain.validation import case_problems
from service.policy.model import Policy
from service.policy.registry import PolicyRegistry
from tests.rules.builders import (
    case,
    claim,
    debtor,
    entry,
    household_income,
    in_situation,
    plan_or_fail,
    rule_ids,
    valid,
)

AS_OF = date(2025, 2, 1)
FIRST_DUE = date(2025, 2, 21)
# The norms as collection-rules.md's policy documents state them (cents a month).
DOCUMENTED_NORMS = {
    "single": 133_000,
    "single_parent": 133_000,
    "couple": 190_000,
    "couple_with_children": 190_000,
}
HOUSEHOLD_WORDS = {
    "single": ("single person", "alleenstaande"),
    "single_parent": ("single parent", "alleenstaande ouder"),
    "couple": ("couple", "paar"),
    "couple_with_children": ("couple with children", "paar met kinderen"),
}


@pytest.fixture(scope="module")
def norms(p2025: Policy) -> dict[str, int]:
    return p2025.table("living_cost_norm_cents")


def asking_personal(income: Income, *, capacity: int | None = None) -> Debtor:
    """A debtor who asks for a personal arrangement, without assets, with this income."""
    return in_situation(debtor(request="personal", capacity=capacity, assets=0), income=income)


def decide(decider: Decider, policy: Policy, who: Debtor, amount_cents: int = 30_000) -> Decision:
    return decider.decide(
        valid(case(claim(amount_cents=amount_cents), as_of=AS_OF, who=who)), policy
    )


def capacity_of(income: Income, norm: int) -> int:
    """The test's own formula."""
    return max(
        0,
        income.net_income_cents
        + income.partner_net_income_cents
        - norm
        - income.housing_costs_cents
        - income.care_premiums_cents,
    )


# --- the norm table ----------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01"])
def test_the_norm_table_has_the_documented_values(registry: PolicyRegistry, version: str) -> None:
    policy = registry.get(version)
    assert policy is not None
    assert policy.table("living_cost_norm_cents") == DOCUMENTED_NORMS
    assert policy.parameters["living_cost_norm_cents"].unit == "cents"


# --- the personal-arrangement rules use the computed capacity ----------------------------------


def test_a_personal_arrangement_at_the_computed_capacity(decider: Decider, p2025: Policy) -> None:
    # 150,000 - 133,000 (single) - 12,000 - 3,500 = 1,500; below the standard 2,000, and
    # 1,500 x 24 = 36,000 >= 30,000: 20 instalments of 1,500.
    income = household_income(150_000, housing_cents=12_000, care_cents=3_500)
    decision = decide(decider, p2025, asking_personal(income))
    assert decision.outcome == "personal_arrangement"
    assert "R-CAPACITY-FROM-INCOME" in rule_ids(decision)
    assert "R-PERSONAL-ARRANGEMENT" in rule_ids(decision)
    plan = plan_or_fail(decision)
    assert plan.kind == "personal"
    assert plan.monthly_cents == 1_500
    assert plan.instalments == 20
    assert plan.last_instalment_cents == 1_500
    assert plan.first_due_date == FIRST_DUE
    assert plan.schedule[0] == Instalment(FIRST_DUE, 1_500)
    assert plan.remaining_after_plan_cents == 0
    traced = entry(decision, "R-CAPACITY-FROM-INCOME")
    assert traced.stage == "debtor_terms"
    assert traced.claim_ref is None
    assert "M-SUBSISTENCE" in traced.measures


@pytest.mark.parametrize(
    ("care", "capacity", "outcome", "rule"),
    [
        # 150,000 - 133,000 - 12,000 - care.
        pytest.param(3_001, 1_999, "personal_arrangement", "R-PERSONAL-ARRANGEMENT", id="1999"),
        pytest.param(
            3_000, 2_000, "standard_arrangement", "R-PERSONAL-REFUSED-CAPACITY", id="2000"
        ),
        pytest.param(
            1_000, 4_000, "standard_arrangement", "R-PERSONAL-REFUSED-CAPACITY", id="4000"
        ),
    ],
)
def test_a_computed_capacity_at_the_standard_amount_refuses_the_personal_arrangement(
    decider: Decider, p2025: Policy, care: int, capacity: int, outcome: str, rule: str
) -> None:
    income = household_income(150_000, housing_cents=12_000, care_cents=care)
    assert capacity_of(income, 133_000) == capacity
    decision = decide(decider, p2025, asking_personal(income))
    assert decision.outcome == outcome
    assert rule in rule_ids(decision)
    plan = plan_or_fail(decision)
    if outcome == "personal_arrangement":
        # 30,000 / 1,999: 15 x 1,999 = 29,985, then 15: 16 instalments.
        assert (plan.monthly_cents, plan.instalments, plan.last_instalment_cents) == (
            1_999,
            16,
            15,
        )
    else:
        # The standard arrangement stands: 15 instalments of 2,000.
        assert (plan.monthly_cents, plan.instalments, plan.kind) == (2_000, 15, "standard")
        text = entry(decision, rule).explanation.en
        assert f"payment capacity of €{capacity // 100}.{capacity % 100:02d} a month" in text


def test_a_computed_capacity_that_does_not_pay_everything(decider: Decider, p2025: Policy) -> None:
    # 60,000: standard max(2,000, 2,500) = 2,500. Capacity 2,000 x 24 = 48,000 < 60,000:
    # 24 instalments of 2,000, 12,000 left, reviewed after the 12th (21 Jan 2026).
    income = household_income(150_000, housing_cents=12_000, care_cents=3_000)
    decision = decide(decider, p2025, asking_personal(income), amount_cents=60_000)
    assert decision.outcome == "personal_arrangement"
    assert "R-PERSONAL-PARTIAL" in rule_ids(decision)
    plan = plan_or_fail(decision)
    assert (plan.monthly_cents, plan.instalments) == (2_000, 24)
    assert plan.remaining_after_plan_cents == 12_000
    assert plan.review_date == date(2026, 1, 21)


@pytest.mark.parametrize(
    ("net", "raw"),
    [
        pytest.param(133_000, 0, id="exactly-the-norm"),
        pytest.param(100_000, -33_000, id="below-the-norm"),
        pytest.param(133_001, 1, id="one-cent-above-the-norm"),
    ],
)
def test_the_computed_capacity_is_never_below_zero(
    decider: Decider, p2025: Policy, net: int, raw: int
) -> None:
    income = household_income(net)
    capacity = max(0, raw)
    assert capacity_of(income, 133_000) == capacity
    decision = decide(decider, p2025, asking_personal(income))
    text = entry(decision, "R-CAPACITY-FROM-INCOME").explanation
    assert f"That leaves €{capacity // 100}.{capacity % 100:02d} a month" in text.en
    assert "-" not in text.en.split("That leaves")[1]
    if capacity == 0:
        assert decision.outcome == "no_further_measures"
        assert "R-NO-FURTHER-MEASURES" in rule_ids(decision)
        plan = plan_or_fail(decision)
        assert plan.instalments == 0
        assert plan.remaining_after_plan_cents == 30_000
    else:
        # 1 cent a month: 24 instalments of 1 cent, the rest left under no further measures.
        assert decision.outcome == "personal_arrangement"
        assert plan_or_fail(decision).monthly_cents == 1


# --- each household type -----------------------------------------------------------------------

HOUSEHOLDS: dict[HouseholdType, tuple[Income, int]] = {
    # (income, capacity by hand with the documented norm)
    "single": (household_income(146_000, housing_cents=10_000, care_cents=1_500), 1_500),
    "single_parent": (
        household_income(
            150_000, household="single_parent", housing_cents=12_000, care_cents=3_500
        ),
        1_500,
    ),
    "couple": (
        household_income(
            120_000,
            household="couple",
            partner_cents=85_000,
            housing_cents=11_000,
            care_cents=2_500,
        ),
        1_500,  # 205,000 - 190,000 - 11,000 - 2,500
    ),
    "couple_with_children": (
        household_income(
            100_000,
            household="couple_with_children",
            partner_cents=110_000,
            housing_cents=15_000,
            care_cents=3_200,
        ),
        1_800,  # 210,000 - 190,000 - 15,000 - 3,200
    ),
}


def test_every_household_type_is_covered() -> None:
    assert set(HOUSEHOLDS) == set(DOCUMENTED_NORMS) == set(HOUSEHOLD_WORDS)


@pytest.mark.parametrize("household", list(HOUSEHOLDS))
def test_the_capacity_of_each_household_type(
    decider: Decider, p2025: Policy, norms: dict[str, int], household: HouseholdType
) -> None:
    income, by_hand = HOUSEHOLDS[household]
    assert capacity_of(income, norms[household]) == by_hand
    assert capacity_of(income, DOCUMENTED_NORMS[household]) == by_hand
    decision = decide(decider, p2025, asking_personal(income))
    assert decision.outcome == "personal_arrangement"
    plan = plan_or_fail(decision)
    assert plan.monthly_cents == by_hand
    assert plan.instalments == -(-30_000 // by_hand)
    text = entry(decision, "R-CAPACITY-FROM-INCOME").explanation
    english, dutch = HOUSEHOLD_WORDS[household]
    norm = DOCUMENTED_NORMS[household]
    assert f"norm of €{norm // 100:,}.00 ({english})" in text.en
    assert f"({dutch})" in text.nl


def test_the_explanation_shows_every_figure_formatted(decider: Decider, p2025: Policy) -> None:
    income, _ = HOUSEHOLDS["couple"]
    decision = decide(decider, p2025, asking_personal(income))
    text = entry(decision, "R-CAPACITY-FROM-INCOME").explanation
    for figure in ("€1,200.00", "€850.00", "€1,900.00", "€110.00", "€25.00", "€15.00 a month"):
        assert figure in text.en, figure
    for figure in ("€ 1.200,00", "€ 850,00", "€ 1.900,00", "€ 110,00", "€ 25,00", "€ 15,00 per"):
        assert figure in text.nl, figure
    # In the order income, partner, norm, housing, care, capacity.
    positions = [
        text.en.index(figure)
        for figure in ("€1,200.00", "€850.00", "€1,900.00", "€110.00", "€25.00", "€15.00")
    ]
    assert positions == sorted(positions)


# --- a given capacity wins ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "outcome", "monthly"),
    [
        pytest.param(1_000, "personal_arrangement", 1_000, id="given-1000"),
        pytest.param(0, "no_further_measures", 0, id="given-0"),
        pytest.param(5_000, "standard_arrangement", 2_000, id="given-5000"),
    ],
)
def test_a_given_capacity_wins_over_the_income(
    decider: Decider, p2025: Policy, given: int, outcome: str, monthly: int
) -> None:
    # The income alone would give 1,500 (see above).
    income = household_income(150_000, housing_cents=12_000, care_cents=3_500)
    decision = decide(decider, p2025, asking_personal(income, capacity=given))
    assert "R-CAPACITY-FROM-INCOME" not in rule_ids(decision)
    assert decision.outcome == outcome
    assert plan_or_fail(decision).monthly_cents == monthly


def test_without_income_and_capacity_nothing_is_computed(decider: Decider, p2025: Policy) -> None:
    decision = decide(decider, p2025, debtor())
    assert "R-CAPACITY-FROM-INCOME" not in rule_ids(decision)


def test_the_capacity_is_computed_without_a_personal_request(
    decider: Decider, p2025: Policy
) -> None:
    income = household_income(150_000, housing_cents=12_000, care_cents=3_500)
    decision = decide(decider, p2025, in_situation(debtor(), income=income))
    assert "R-CAPACITY-FROM-INCOME" in rule_ids(decision)
    assert decision.outcome == "standard_arrangement"
    assert plan_or_fail(decision).monthly_cents == 2_000


def test_a_personal_request_with_income_instead_of_capacity_is_valid() -> None:
    income = household_income(150_000)
    assert case_problems(case(claim(), as_of=AS_OF, who=asking_personal(income))) == []
    without = debtor(request="personal", assets=0)
    problems = case_problems(case(claim(), as_of=AS_OF, who=without))
    assert [problem.field for problem in problems] == ["debtor.monthly_payment_capacity_cents"]


def test_the_2023_version_computes_the_capacity_too(
    decider: Decider, registry: PolicyRegistry
) -> None:
    p2023 = registry.get("2023-01-01")
    assert p2023 is not None
    income = household_income(150_000, housing_cents=12_000, care_cents=3_500)
    decision = decide(decider, p2023, asking_personal(income))
    assert "R-CAPACITY-FROM-INCOME" in rule_ids(decision)
    assert decision.outcome == "personal_arrangement"
    assert plan_or_fail(decision).monthly_cents == 1_500

"""Debtor-level actions of the strategy: capacity from income (§4.3), maatwerk signals (§10) and
the outcome for a recognised victim whose claims are all paused (§11)."""

from __future__ import annotations

from service.domain.case import HOUSEHOLD_TYPES, MAATWERK_SIGNALS
from service.policy.model import Rule
from service.rules.explain import Localized, Money, Variable
from service.rules.registry import Decides, ParameterNeed, action
from service.rules.summary import HERSTEL_PAUSE
from service.rules.work import ClaimWork, DecisionWork, PolicyDefect

HOUSEHOLD_TEXT = {
    "single": Localized("alleenstaande", "single person"),
    "single_parent": Localized("alleenstaande ouder", "single parent"),
    "couple": Localized("paar", "couple"),
    "couple_with_children": Localized("paar met kinderen", "couple with children"),
}


@action(
    "compute_capacity",
    stage="debtor_terms",
    summary="The monthly payment capacity from the household's income: net income of debtor and "
    "partner minus the living-cost norm of the household type, housing costs and care premiums; "
    "never below 0.",
    variables={"income", "partner_income", "norm", "household", "housing", "care", "capacity"},
    parameters=(ParameterNeed("living_cost_norm_cents", "cents", table_keys=HOUSEHOLD_TYPES),),
)
def compute_capacity(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    income = work.case.debtor.income
    if income is None:
        raise PolicyDefect(f"{rule.id} computes a capacity but the debtor gave no income")
    norm = work.policy.table("living_cost_norm_cents")[income.household]
    capacity = max(
        0,
        income.net_income_cents
        + income.partner_net_income_cents
        - norm
        - income.housing_costs_cents
        - income.care_premiums_cents,
    )
    work.capacity_cents = capacity
    work.capacity_computed = True
    return {
        "income": Money(income.net_income_cents),
        "partner_income": Money(income.partner_net_income_cents),
        "norm": Money(norm),
        "household": HOUSEHOLD_TEXT[income.household],
        "housing": Money(income.housing_costs_cents),
        "care": Money(income.care_premiums_cents),
        "capacity": Money(capacity),
    }


SIGNAL_TEXT = {
    "problem_debts": Localized(
        "problematische schulden bij meerdere schuldeisers", "problem debts with several creditors"
    ),
    "debt_counselling": Localized("schuldhulpverlening", "debt counselling"),
    "income_below_subsistence": Localized(
        "een inkomen onder de bestaansminimumnorm", "an income below the subsistence norm"
    ),
    "offset_below_protected_income": Localized(
        "verrekening onder de beslagvrije voet", "offsetting below the protected income"
    ),
    "recent_life_event": Localized("een recente ingrijpende gebeurtenis", "a recent life event"),
    "zero_capacity_large_debt": Localized(
        "geen betalingscapaciteit bij een grote schuld", "no payment capacity with a large debt"
    ),
}
assert set(SIGNAL_TEXT) == {*MAATWERK_SIGNALS, "zero_capacity_large_debt"}


@action(
    "flag_maatwerk",
    stage="debtor_plan",
    summary="A maatwerk signal: a collector reviews the decision and decides on any hard "
    "measure (no automatic aanmaning, dwangbevel or offsetting below the protected income); the "
    "plan is still computed for the collector.",
    variables={"signal", "total"},
    args={"signal": tuple(SIGNAL_TEXT)},
)
def flag_maatwerk(work: DecisionWork, subject: ClaimWork | None, rule: Rule) -> dict[str, Variable]:
    signal = str(rule.args["signal"])
    if signal not in work.maatwerk:
        work.maatwerk.append(signal)
    return {
        "signal": SIGNAL_TEXT[signal],
        "total": Money(work.require_debtor().collectible_total_cents),
    }


@action(
    "decide_paused_herstel",
    stage="debtor_plan",
    summary="Outcome paused_herstel: every claim still open is paused by the herstel moratorium; "
    "nothing is collected until the restart date.",
    variables={"restart_date", "paused_count"},
    decides=(Decides("paused_herstel", HERSTEL_PAUSE),),
)
def decide_paused_herstel(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    restarts = [claim.restart_date for claim in work.claims if claim.paused and claim.restart_date]
    if not restarts:
        raise PolicyDefect(f"{rule.id}: no claim is paused by the herstel moratorium")
    work.decide("paused_herstel", rule.id)
    return {"restart_date": min(restarts), "paused_count": len(restarts)}

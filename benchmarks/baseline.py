"""The decision hand-coded in plain Python: the same arithmetic as the rules, no engine, no trace.

This is the yardstick the engine pipeline is measured against (durable-rules.md, rule 5): what the
policy's rules decide, written as if/else over the same domain functions the rule actions call
(`claim_balance`, `limitation`, `standard_monthly_amount`, `monthly_schedule`). It builds no facts,
makes no engine call and renders no explanation, so the difference in speed is the cost of the
engine and of the trace.

It encodes the rules of the reference policy versions (2024-01-01 .. 2026-01-01, which differ only
in parameter values); parameter values are read from the `Policy` once, so the threshold and the
interest rates follow whichever version is passed. If a policy version changes its rules, this
baseline must change with it; the benchmark reports any disagreement with the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from service.domain.arrangement import Schedule, monthly_schedule, standard_monthly_amount
from service.domain.calendar import add_years
from service.domain.case import PAYING_EVENTS, Case
from service.domain.decision import Decision
from service.domain.ledger import ClaimEntries, debtor_ledger
from service.domain.limitation import limitation
from service.domain.series import DatedSeries
from service.policy.model import Policy


@dataclass(frozen=True, slots=True)
class BaselineParameters:
    payment_term: timedelta
    limitation_years: int
    interrupting_events: frozenset[str]
    thresholds: DatedSeries[int]
    interest_rates: DatedSeries[int]
    interest_day_count: int
    standard_min_monthly_cents: int
    standard_max_instalments: int
    standard_rounding_cents: int
    personal_asset_limit_cents: int
    personal_review_after_instalments: int
    offset_window_years: int
    aanmaning_costs: tuple[int, int, int]  # low, high, threshold
    dwangbevel_costs: tuple[int, int, int]  # base, step, step size

    @classmethod
    def of(cls, policy: Policy) -> BaselineParameters:
        return cls(
            payment_term=timedelta(days=policy.integer("payment_term_days")),
            limitation_years=policy.integer("limitation_years"),
            interrupting_events=frozenset(policy.names("limitation_interrupting_events")),
            thresholds=policy.series("small_claim_threshold_cents"),
            interest_rates=policy.series("interest_rate_basis_points"),
            interest_day_count=policy.integer("interest_day_count"),
            standard_min_monthly_cents=policy.integer("standard_min_monthly_cents"),
            standard_max_instalments=policy.integer("standard_max_instalments"),
            standard_rounding_cents=policy.integer("standard_rounding_cents"),
            personal_asset_limit_cents=policy.integer("personal_asset_limit_cents"),
            personal_review_after_instalments=policy.integer("personal_review_after_instalments"),
            offset_window_years=policy.integer("no_further_measures_offset_window_years"),
            aanmaning_costs=(
                policy.integer("aanmaning_costs_low_cents"),
                policy.integer("aanmaning_costs_high_cents"),
                policy.integer("aanmaning_costs_threshold_cents"),
            ),
            dwangbevel_costs=(
                policy.integer("dwangbevel_costs_base_cents"),
                policy.integer("dwangbevel_costs_step_cents"),
                policy.integer("dwangbevel_costs_step_size_cents"),
            ),
        )

    def cost_of(self, act: str, open_cents: int) -> int:
        if act == "aanmaning":
            low, high, threshold = self.aanmaning_costs
            return low if open_cents < threshold else high
        base, step, size = self.dwangbevel_costs
        return base + step * (max(0, open_cents - size) // size)


@dataclass(frozen=True, slots=True)
class BaselineDecision:
    outcome: str
    total_cents: int  # collectible open principal + interest
    monthly_cents: int  # 0 without a plan
    instalments: int
    remaining_after_plan_cents: int
    first_due_date: date | None
    review_date: date | None
    offset_window_end: date | None


def decide(case: Case, p: BaselineParameters) -> BaselineDecision:
    as_of = case.as_of
    recoverable_count = 0
    total = 0
    collectible_due_dates: list[date] = []
    for claim in case.claims:
        due = claim.decision_date + p.payment_term
        # claim_terms: limitation and balance (interest first, then principal)
        limitation_date = limitation(
            due,
            [event.date for event in claim.events if event.type in p.interrupting_events],
            p.limitation_years,
        ).limitation_date
        # The synthetic cases have no payments to the debtor as a whole, so each claim's ledger
        # stands on its own; acts cost money, payments pay costs, interest, then principal.
        balance = (
            debtor_ledger(
                [
                    ClaimEntries(
                        claim.amount_cents,
                        due,
                        tuple(
                            (event.date, event.amount_cents or 0)
                            for event in claim.events
                            if event.type in PAYING_EVENTS
                        ),
                        tuple(
                            (event.date, event.type)
                            for event in claim.events
                            if event.type in ("aanmaning", "dwangbevel")
                        ),
                        (),
                    )
                ],
                (),
                as_of,
                p.interest_rates,
                p.interest_day_count,
                p.cost_of,
            )
            .claims[0]
            .balance
        )
        # claim_status: the small-claim threshold of the decision year (Awir 26a), limitation
        if claim.origin == "advance" or claim.amount_cents > p.thresholds.at(claim.decision_date):
            recoverable_count += 1
            owed = balance.open_cents + balance.interest_cents + balance.costs_cents
            if limitation_date >= as_of and owed > 0:
                total += owed
                collectible_due_dates.append(due)

    # debtor_plan
    if recoverable_count == 0:
        return BaselineDecision("not_recovered", 0, 0, 0, 0, None, None, None)
    if not collectible_due_dates:
        return BaselineDecision("nothing_due", 0, 0, 0, 0, None, None, None)
    debtor = case.debtor
    monthly = standard_monthly_amount(
        total, p.standard_min_monthly_cents, p.standard_max_instalments, p.standard_rounding_cents
    )
    request = debtor.arrangement_request
    if request == "none":
        ongoing = sum(allowance.monthly_cents for allowance in debtor.ongoing_allowances)
        if ongoing > monthly:  # offset from the latest due date on
            first = max(as_of, max(collectible_due_dates))
            return _standard("offset", total, monthly, first, p)
        return _standard(
            "standard_arrangement", total, monthly, _first(as_of, collectible_due_dates), p
        )
    if request == "standard":
        return _standard(
            "standard_arrangement", total, monthly, _first(as_of, collectible_due_dates), p
        )
    # personal: assessed on assets, then capacity (Leidraad 79.8)
    capacity = debtor.monthly_payment_capacity_cents or 0
    assets = debtor.assets_cents or 0
    if assets > p.personal_asset_limit_cents or capacity >= monthly:
        return _standard(
            "standard_arrangement", total, monthly, _first(as_of, collectible_due_dates), p
        )
    if capacity == 0:
        return BaselineDecision(
            "no_further_measures",
            total,
            0,
            0,
            total,
            None,
            None,
            add_years(as_of, p.offset_window_years),
        )
    schedule = monthly_schedule(
        total, capacity, _first(as_of, collectible_due_dates), p.standard_max_instalments
    )
    review = window_end = None
    if schedule.remaining_after_plan_cents:
        review = schedule.instalments[
            min(p.personal_review_after_instalments, schedule.count) - 1
        ].due_date
        assert schedule.last_due_date is not None
        window_end = add_years(schedule.last_due_date, p.offset_window_years)
    return _decision("personal_arrangement", total, schedule, review, window_end)


def _first(as_of: date, due_dates: list[date]) -> date:
    return max(as_of, min(due_dates))


def _standard(
    outcome: str, total: int, monthly: int, first: date, p: BaselineParameters
) -> BaselineDecision:
    return _decision(
        outcome, total, monthly_schedule(total, monthly, first, p.standard_max_instalments)
    )


def _decision(
    outcome: str,
    total: int,
    schedule: Schedule,
    review_date: date | None = None,
    offset_window_end: date | None = None,
) -> BaselineDecision:
    return BaselineDecision(
        outcome,
        total,
        schedule.monthly_cents,
        schedule.count,
        schedule.remaining_after_plan_cents,
        schedule.first_due_date,
        review_date,
        offset_window_end,
    )


def engine_view(decision: Decision) -> BaselineDecision:
    """The engine's decision reduced to what the baseline decides, for comparison."""
    plan = decision.plan
    if plan is None:
        return BaselineDecision(decision.outcome, 0, 0, 0, 0, None, None, None)
    return BaselineDecision(
        decision.outcome,
        plan.total_cents,
        plan.monthly_cents,
        plan.instalments,
        plan.remaining_after_plan_cents,
        plan.first_due_date,
        plan.review_date,
        plan.offset_window_end,
    )

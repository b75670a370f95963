"""The decision pipeline: case -> facts -> engine (per stage) -> actions -> Decision.

Stages run in order (see service.policy.stages: debtor_terms, claim_terms, claim_status,
claim_actions, debtor_plan, debtor_actions). For each, the facts of the stage go to the engine in
one call; the engine says which rules hold for which fact; the actions of those rules then run
here in a fixed order (priority, then position in the document, then the claim's position in the
case), so a decision replays identically.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from service.domain.arrangement import standard_monthly_amount
from service.domain.case import MAATWERK_SIGNALS, PAYING_EVENTS, Case
from service.domain.debtor_history import (
    arrangement_history,
    claim_enforcement,
    granted_pauses,
    pause_active,
    whole_months_between,
)
from service.domain.decision import ClaimResult, ClaimStatus, Decision, Explanation, TraceEntry
from service.domain.series import NoValueBefore
from service.engine import RulesEngine
from service.policy.conditions import dated_parameter_field, dated_parameters
from service.policy.model import Policy, Rule, SummaryText
from service.policy.stages import STAGES
from service.rules import actions as _actions  # noqa: F401  (registers the actions)
from service.rules.balance import balance_of
from service.rules.explain import Money, Rate, Template, Variable
from service.rules.registry import ACTIONS, Decides
from service.rules.summary import summary_variables
from service.rules.work import ClaimWork, DebtorFacts, DecisionWork, PolicyDefect

DEBTOR_FACT_ID = "debtor"


class CaseOutsidePolicy(ValueError):
    """The case needs a parameter value the policy version does not have (e.g. a claim due
    before the first interest rate of the series). It is bad input for that version."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class _StagePlan:
    rules: dict[str, Rule]
    dated_parameters: tuple[tuple[str, str], ...]
    templates: dict[str, tuple[Template, Template]]


@dataclass(frozen=True, slots=True)
class _SummaryPlan:
    text: tuple[Template, Template]
    partial: tuple[Template, Template] | None


@dataclass(frozen=True, slots=True)
class _PolicyPlan:
    stages: dict[str, _StagePlan]
    parameter_variables: dict[str, Variable]
    summaries: dict[str, _SummaryPlan]


def _templates(text: SummaryText) -> tuple[Template, Template]:
    return Template.compile(text.nl, "nl"), Template.compile(text.en, "en")


def _parameter_variables(policy: Policy) -> dict[str, Variable]:
    """Scalar parameters, typed for explanation templates ("{standard_min_monthly_cents}")."""
    variables: dict[str, Variable] = {}
    for name, parameter in policy.parameters.items():
        value = parameter.value
        if value is None:
            continue
        if isinstance(value, tuple):
            variables[name] = ", ".join(value)
        elif parameter.unit == "cents":
            variables[name] = Money(value)
        elif parameter.unit == "basis_points":
            variables[name] = Rate(value)
        else:
            variables[name] = value
    return variables


class Decider:
    def __init__(self, engine: RulesEngine) -> None:
        self.engine = engine
        self._plans: dict[str, _PolicyPlan] = {}

    def prepare(self, policy: Policy) -> None:
        self.engine.prepare(policy)
        self._plan(policy)

    def _plan(self, policy: Policy) -> _PolicyPlan:
        plan = self._plans.get(policy.ruleset_name)
        if plan is None:
            stages: dict[str, _StagePlan] = {}
            for stage in STAGES:
                rules = policy.rules_of(stage)
                dated: set[tuple[str, str]] = set()
                for rule in rules:
                    if rule.when is not None:
                        dated |= dated_parameters(rule.when)
                templates = {
                    rule.id: (
                        Template.compile(rule.explanation_nl, "nl"),
                        Template.compile(rule.explanation_en, "en"),
                    )
                    for rule in rules
                }
                stages[stage] = _StagePlan(
                    {rule.id: rule for rule in rules}, tuple(sorted(dated)), templates
                )
            summaries = {
                outcome: _SummaryPlan(
                    _templates(summary.text),
                    _templates(summary.partial) if summary.partial is not None else None,
                )
                for outcome, summary in policy.summaries.items()
            }
            plan = _PolicyPlan(stages, _parameter_variables(policy), summaries)
            self._plans[policy.ruleset_name] = plan
        return plan

    def decide(self, case: Case, policy: Policy) -> Decision:
        plan = self._plan(policy)
        work = DecisionWork(case, policy, [ClaimWork(i, c) for i, c in enumerate(case.claims)])
        work.pauses = granted_pauses(case.debtor.events)
        work.history = arrangement_history(case.debtor.events, case.as_of)
        work.debtor_payments = tuple(
            (event.date, event.amount_cents or 0)
            for event in case.debtor.events
            if event.type == "payment"
        )
        work.capacity_cents = case.debtor.monthly_payment_capacity_cents

        self._run_stage(work, plan, "debtor_terms", [_debtor_terms_fact(work)], {})
        if case.pause_request is not None and work.pause is None:
            raise PolicyDefect(f"no rule of {policy.version} decided the requested pause")

        claim_by_fact = {claim.fact_id: claim for claim in work.claims}
        debtor_input = _debtor_input_fields(work)
        herstel = case.debtor.herstel
        # Only a recognised victim's first compensation pauses claims (§11).
        compensated = herstel.first_compensation_date if herstel and herstel.recognised else None
        terms = [
            _claim_input_fact(claim, case.as_of, debtor_input, compensated) for claim in work.claims
        ]
        self._run_stage(work, plan, "claim_terms", terms, claim_by_fact, _settle_balances)

        # The status facts extend the claim's input facts rather than build them again.
        status = [
            _claim_status_fact(claim, fact) for claim, fact in zip(work.claims, terms, strict=True)
        ]
        self._run_stage(work, plan, "claim_status", status, claim_by_fact)
        for claim in work.claims:
            if claim.recoverable is None:
                raise PolicyDefect(
                    f"no rule of {policy.version} decided whether claim {claim.claim.ref} "
                    "is recovered"
                )

        window = policy.integer("limitation_lookahead_days")
        means = _debtor_means(work)
        outlook = [
            _claim_actions_fact(claim, fact, window, means)
            for claim, fact in zip(work.claims, status, strict=True)
        ]
        self._run_stage(work, plan, "claim_actions", outlook, claim_by_fact)

        work.debtor = _debtor_facts(work, means["ongoing_allowances_cents"])
        self._run_stage(work, plan, "debtor_plan", [_debtor_fact(work, means)], {})
        if work.outcome is None:
            raise PolicyDefect(f"no rule of {policy.version} decided an outcome")
        self._run_stage(work, plan, "debtor_actions", [_next_step_fact(work)], {})
        return _decision(work, plan)

    def _run_stage(
        self,
        work: DecisionWork,
        plan: _PolicyPlan,
        stage: str,
        facts: list[dict[str, Any]],
        claims: dict[str, ClaimWork],
        after_actions: Callable[[DecisionWork], None] | None = None,
    ) -> None:
        stage_plan = plan.stages[stage]
        if not stage_plan.rules:
            return
        for fact in facts:
            _add_dated_parameters(fact, stage_plan.dated_parameters, work, claims)
        matches = self.engine.match(work.policy, stage, facts)
        ordered = sorted(
            ((stage_plan.rules[rule_id], claims.get(fact_id)) for rule_id, fact_id in matches),
            key=lambda pair: (
                pair[0].priority,
                pair[0].order,
                pair[1].index if pair[1] is not None else -1,
            ),
        )
        ran = []
        for rule, subject in ordered:
            spec = ACTIONS[rule.action]
            try:
                ran.append((rule, subject, spec.run(work, subject, rule)))
            except NoValueBefore as error:
                raise _outside_policy(subject, error) from error
            if work.outcome_rule == rule.id and work.decided is None:
                work.decided = _declared(spec.outcomes_for(rule.args), work.outcome, rule)
            if rule.review and rule.review not in work.review_reasons:
                work.review_reasons.append(rule.review)
        if after_actions is not None:
            after_actions(work)
        # Explanations are written once every action of the stage has run: a waiver's amount is
        # known only when the balances are read again with all of the stage's waivers.
        for rule, subject, variables in ran:
            dutch, english = stage_plan.templates[rule.id]
            work.trace.append(
                TraceEntry(
                    rule=rule.id,
                    stage=stage,
                    measures=rule.measures,
                    legal_basis=rule.legal_basis,
                    claim_ref=subject.claim.ref if subject is not None else None,
                    explanation=Explanation(
                        nl=dutch.render(variables, plan.parameter_variables),
                        en=english.render(variables, plan.parameter_variables),
                    ),
                )
            )


def _declared(declared: tuple[Decides, ...], outcome: str | None, rule: Rule) -> Decides:
    """The declaration of the outcome the rule decided. The loader checked summaries against the
    declarations only, so an action deciding what it did not declare must not get through."""
    for decides in declared:
        if decides.outcome == outcome:
            return decides
    raise PolicyDefect(
        f"{rule.id}: action {rule.action} decided '{outcome}', which it does not declare"
    )


def _outside_policy(subject: ClaimWork | None, error: NoValueBefore) -> CaseOutsidePolicy:
    where = f"claims[{subject.index}].decision_date" if subject is not None else "as_of"
    return CaseOutsidePolicy(
        where,
        f"the policy version has no parameter value for {error.asked.isoformat()} "
        f"(its series start on {error.first.isoformat()})",
    )


def _add_dated_parameters(
    fact: dict[str, Any],
    dated: tuple[tuple[str, str], ...],
    work: DecisionWork,
    claims: dict[str, ClaimWork],
) -> None:
    for name, at in dated:
        day = fact[at]
        assert isinstance(day, date)
        try:
            fact[dated_parameter_field(name, at)] = work.policy.series(name).at(day)
        except NoValueBefore as error:
            raise _outside_policy(claims.get(str(fact["id"])), error) from error


def _settle_balances(work: DecisionWork) -> None:
    """Read the balances again once every waiver of the stage is known. Without payments to the
    debtor as a whole only claims with a waiver change; with them, a waiver on one claim moves
    money on the others, so every claim is read from the one ledger."""
    for claim in work.claims:
        if claim.balance is not None and (claim.exemptions or work.debtor_payments):
            claim.balance = balance_of(work, claim, "the claim_terms stage")
            claim.interest_waived_cents = claim.balance.waived_cents


def _debtor_terms_fact(work: DecisionWork) -> dict[str, Any]:
    debtor = work.case.debtor
    request = work.case.pause_request
    # "Once per 12 months" looks both ways: a pause granted earlier for a later start counts too.
    nearest = (
        min(
            (whole_months_between(*sorted((pause.first, request.start))) for pause in work.pauses),
            default=None,
        )
        if request is not None
        else None
    )
    return {
        "id": DEBTOR_FACT_ID,
        "as_of": work.case.as_of,
        "pause_requested": request is not None,
        "pause_reason": request.reason if request is not None else "none",
        "pause_months": request.months if request is not None else 0,
        "pause_lead_days": (request.start - work.case.as_of).days if request is not None else 0,
        "arrangement_active": work.history.active,
        "other_pause": nearest is not None,
        "months_to_nearest_pause": nearest or 0,
        "capacity_known": debtor.monthly_payment_capacity_cents is not None,
        "income_known": debtor.income is not None,
    }


def _debtor_input_fields(work: DecisionWork) -> dict[str, Any]:
    """Debtor facts every claim fact carries (the same for each claim)."""
    herstel = work.case.debtor.herstel
    return {
        "arrangement_periods": len(work.history.complied),
        "pause_count": len(work.pauses),
        "herstel_recognised": herstel is not None and herstel.recognised,
    }


def _claim_input_fact(
    claim: ClaimWork,
    as_of: date,
    debtor_input: dict[str, Any],
    first_compensation: date | None,
) -> dict[str, Any]:
    given = claim.claim
    return {
        "id": claim.fact_id,
        "as_of": as_of,
        "allowance": given.allowance,
        "benefit_year": given.benefit_year,
        "origin": given.origin,
        "decision_date": given.decision_date,
        "amount_cents": given.amount_cents,
        "event_count": len(given.events),
        "restart_letter_count": sum(1 for event in given.events if event.type == "restart_letter"),
        "arose_before_first_compensation": (
            first_compensation is not None and given.decision_date < first_compensation
        ),
        **debtor_input,
    }


def _debtor_means(work: DecisionWork) -> dict[str, Any]:
    debtor = work.case.debtor
    capacity = work.capacity_cents
    return {
        "capacity_known": capacity is not None,
        "monthly_payment_capacity_cents": capacity or 0,
        "assets_known": debtor.assets_cents is not None,
        "assets_cents": debtor.assets_cents or 0,
        "ongoing_allowances_cents": sum(a.monthly_cents for a in debtor.ongoing_allowances),
    }


def _claim_actions_fact(
    claim: ClaimWork, status_fact: dict[str, Any], window_days: int, means: dict[str, Any]
) -> dict[str, Any]:
    assert claim.limitation is not None
    as_of: date = status_fact["as_of"]
    days_left = (claim.limitation.limitation_date - as_of).days
    # The window is the pipeline's, not a rule's: every decision reports it for every claim.
    claim.within_limitation_window = (
        claim.collectible and not claim.expired and 0 <= days_left <= window_days
    )
    return {
        **status_fact,
        "recoverable": bool(claim.recoverable),
        "expired": claim.expired,
        "collectible": claim.collectible,
        "owed_cents": claim.owed_cents,
        "days_to_limitation": days_left,
        "within_limitation_window": claim.within_limitation_window,
        **means,
    }


def _claim_status_fact(claim: ClaimWork, input_fact: dict[str, Any]) -> dict[str, Any]:
    if claim.due_date is None or claim.limitation is None or claim.balance is None:
        raise PolicyDefect(
            "the claim_terms stage must set the due date, the limitation date and the balance"
        )
    balance = claim.balance
    return {
        **input_fact,
        "due_date": claim.due_date,
        "limitation_date": claim.limitation.limitation_date,
        "open_cents": balance.open_cents,
        "interest_cents": balance.interest_cents,
        "costs_cents": balance.costs_cents,
        "paid_cents": balance.paid_cents,
        "interruption_count": len(claim.limitation.effective_interruptions),
    }


def _debtor_facts(work: DecisionWork, ongoing_allowances_cents: int) -> DebtorFacts:
    collectible = [claim for claim in work.claims if claim.collectible]
    total = sum(claim.owed_cents for claim in collectible)
    policy = work.policy
    monthly = (
        standard_monthly_amount(
            total,
            policy.integer("standard_min_monthly_cents"),
            policy.integer("standard_max_instalments"),
            policy.integer("standard_rounding_cents"),
        )
        if total
        else 0
    )
    return DebtorFacts(collectible, total, monthly, ongoing_allowances_cents)


def _debtor_fact(work: DecisionWork, means: dict[str, Any]) -> dict[str, Any]:
    debtor = work.case.debtor
    facts = work.require_debtor()
    signals = set(debtor.signals)
    return {
        "id": DEBTOR_FACT_ID,
        "as_of": work.case.as_of,
        "arrangement_request": debtor.arrangement_request,
        **means,
        "claim_count": len(work.claims),
        # A remitted claim (§11) is not recovered, whatever its amount.
        "recoverable_count": sum(
            1 for claim in work.claims if claim.recoverable and not claim.remitted
        ),
        "paused_count": sum(1 for claim in work.claims if claim.paused and not claim.expired),
        **{f"signal_{name}": name in signals for name in MAATWERK_SIGNALS},
        "immediate_collection_ground": debtor.immediate_collection_ground or "none",
        "expired_count": sum(1 for claim in work.claims if claim.expired),
        "collectible_count": len(facts.collectible),
        "collectible_total_cents": facts.collectible_total_cents,
        "standard_monthly_cents": facts.standard_monthly_cents,
        "capacity_term_total_cents": (work.capacity_cents or 0)
        * work.policy.integer("standard_max_instalments"),
    }


def _summary(work: DecisionWork, plan: _PolicyPlan, claims: list[ClaimResult]) -> Explanation:
    assert work.outcome is not None
    assert work.decided is not None
    summary = plan.summaries.get(work.outcome)
    if summary is None:
        raise PolicyDefect(f"{work.policy.version} has no summary of outcome '{work.outcome}'")
    templates = summary.text
    # The partial text is for outcomes declared to come both ways, when this plan leaves part of
    # the debt unpaid; an outcome that always leaves it unpaid has one text for all.
    if work.decided.partial is not None and work.plan and work.plan.remaining_after_plan_cents:
        if summary.partial is None:
            raise PolicyDefect(
                f"{work.policy.version} has no partial summary of outcome '{work.outcome}'"
            )
        templates = summary.partial
    variables = summary_variables(work.case.as_of, claims, work.plan)
    dutch, english = templates
    try:
        return Explanation(nl=dutch.render(variables), en=english.render(variables))
    except KeyError as error:
        raise PolicyDefect(
            f"the summary of '{work.outcome}' in {work.policy.version} uses {error}, "
            "which this decision has no value for"
        ) from error


def _next_step_fact(work: DecisionWork) -> dict[str, Any]:
    case = work.case
    state, since = work.history.state, work.history.since
    debtor_payments = [day for day, _ in work.debtor_payments]
    # Any payment or offset after the event that began the state.
    paid = since is not None and (
        any(
            event.date > since
            for claim in case.claims
            for event in claim.events
            if event.type in PAYING_EVENTS
        )
        or any(day > since for day in debtor_payments)
    )
    collectible = work.require_debtor().collectible
    work.enforcement = {}
    if state == "withdrawn" and since is not None:
        work.enforcement = {
            claim.claim.ref: claim_enforcement(
                [(event.date, event.type) for event in claim.claim.events],
                debtor_payments,
                since,
            )
            for claim in collectible
        }
    unpaid_aanmaningen = [
        (case.as_of - found.aanmaning).days
        for found in work.enforcement.values()
        if found.aanmaning is not None
        and found.dwangbevel is None
        and not found.paid_since_aanmaning
    ]
    return {
        "id": DEBTOR_FACT_ID,
        "arrangement_request": case.debtor.arrangement_request,
        "collectible_count": len(collectible),
        "outcome": work.outcome,
        "collection_state": state,
        "days_in_state": (case.as_of - since).days if since is not None else 0,
        "paid_in_state": paid,
        "aanmaning_due_count": sum(
            1 for found in work.enforcement.values() if found.aanmaning is None
        ),
        "oldest_unpaid_aanmaning_days": max(unpaid_aanmaningen, default=-1),
        "pause_active": pause_active(work.pauses, case.as_of),
        "maatwerk_count": len(work.maatwerk),
    }


def _status(claim: ClaimWork) -> ClaimStatus:
    if claim.remitted:
        return "remitted_herstel"
    if not claim.recoverable:
        return "not_recovered"
    if claim.expired:
        return "expired"
    if claim.owed_cents == 0:
        return "settled"
    if claim.paused:
        return "paused_herstel"
    return "collectible"


def _decision(work: DecisionWork, plan: _PolicyPlan) -> Decision:
    claims = []
    for claim in work.claims:
        assert claim.due_date is not None
        assert claim.limitation is not None
        assert claim.balance is not None
        charged = bool(claim.recoverable) and not claim.expired and not claim.remitted
        claims.append(
            ClaimResult(
                ref=claim.claim.ref,
                status=_status(claim),
                recoverable=bool(claim.recoverable),
                due_date=claim.due_date,
                limitation_date=claim.limitation.limitation_date,
                within_limitation_window=claim.within_limitation_window,
                limitation_proposal=claim.limitation_proposal,  # type: ignore[arg-type]
                expired=claim.expired,
                open_cents=claim.balance.open_cents,
                interest_cents=claim.balance.interest_cents if charged else 0,
                interest_waived_cents=claim.interest_waived_cents,
                costs_cents=claim.balance.costs_cents if charged else 0,
                restart_date=claim.restart_date,
            )
        )
    assert work.outcome is not None
    return Decision(
        policy_version=work.policy.version,
        policy_hash=work.policy.content_hash,
        as_of=work.case.as_of,
        outcome=work.outcome,
        summary=_summary(work, plan, claims),
        claims=tuple(claims),
        plan=work.plan,
        pause=work.pause,
        next_steps=tuple(work.next_steps),
        requires_review=bool(work.review_reasons),
        review_reasons=tuple(work.review_reasons),
        trace=tuple(work.trace),
    )

"""Claim balances under the policy: shared by the balance rule and the interest waivers.

The balances come from the debtor's ledger (`service.domain.ledger`): payments earmarked for a
claim pay that claim; payments to the debtor as a whole are spread over the claims; acts that
cost money (aanmaning, dwangbevel) are charged by the policy's Kostenwet parameters.
"""

from __future__ import annotations

from datetime import date

from service.domain.case import PAYING_EVENTS
from service.domain.interest import ClaimBalance
from service.domain.ledger import (
    ClaimEntries,
    ClaimLedger,
    CostRule,
    DebtorLedger,
    debtor_ledger,
)
from service.policy.model import Policy
from service.rules.registry import ParameterNeed
from service.rules.work import ClaimWork, DecisionWork

COSTLY_ACTS = frozenset({"aanmaning", "dwangbevel"})

COST_PARAMETERS = (
    ParameterNeed("aanmaning_costs_low_cents", "cents"),
    ParameterNeed("aanmaning_costs_high_cents", "cents"),
    ParameterNeed("aanmaning_costs_threshold_cents", "cents"),
    ParameterNeed("dwangbevel_costs_base_cents", "cents"),
    ParameterNeed("dwangbevel_costs_step_cents", "cents"),
    ParameterNeed("dwangbevel_costs_step_size_cents", "cents"),
)


_COST_RULES: dict[str, CostRule] = {}


def cost_rule(policy: Policy) -> CostRule:
    """Kostenwet via Awir 34(2): an aanmaning costs the low amount below the threshold and the
    high amount from it; a dwangbevel costs a base plus a step per full step size above the
    first step size. Made once per policy revision: every claim's balance asks for it."""
    found = _COST_RULES.get(policy.ruleset_name)
    if found is None:
        found = _COST_RULES[policy.ruleset_name] = _make_cost_rule(policy)
    return found


def _make_cost_rule(policy: Policy) -> CostRule:
    low = policy.integer("aanmaning_costs_low_cents")
    high = policy.integer("aanmaning_costs_high_cents")
    threshold = policy.integer("aanmaning_costs_threshold_cents")
    base = policy.integer("dwangbevel_costs_base_cents")
    step = policy.integer("dwangbevel_costs_step_cents")
    size = policy.integer("dwangbevel_costs_step_size_cents")

    def cost_of(act: str, open_cents: int) -> int:
        if act == "aanmaning":
            return low if open_cents < threshold else high
        return base + step * (max(0, open_cents - size) // size)

    return cost_of


def _entries(claim: ClaimWork, rule_id: str) -> ClaimEntries:
    events = claim.claim.events
    return ClaimEntries(
        amount_cents=claim.claim.amount_cents,
        due_date=claim.require_due_date(rule_id),
        payments=tuple(
            (event.date, event.amount_cents or 0) for event in events if event.type in PAYING_EVENTS
        ),
        acts=tuple((event.date, event.type) for event in events if event.type in COSTLY_ACTS),
        exemptions=tuple(claim.exemptions),
    )


def _ledger(
    work: DecisionWork,
    claims: list[ClaimWork],
    debtor_payments: tuple[tuple[date, int], ...],
    rule_id: str,
) -> DebtorLedger:
    policy = work.policy
    return debtor_ledger(
        [_entries(claim, rule_id) for claim in claims],
        debtor_payments,
        work.case.as_of,
        policy.series("interest_rate_basis_points"),
        policy.integer("interest_day_count"),
        cost_rule(policy),
    )


def ledger_of(work: DecisionWork, claim: ClaimWork, rule_id: str) -> ClaimLedger:
    """The claim's ledger as of the evaluation date, leaving out exempted days."""
    if not work.debtor_payments:
        # Without payments to the debtor as a whole, claims do not affect each other: the
        # claim's own ledger is the same and much cheaper than the debtor's.
        return _ledger(work, [claim], (), rule_id).claims[0]
    # Otherwise the debtor's whole ledger, once for as long as no exemption changes: a case may
    # hold 500 claims, and each of them asks.
    if work.ledger is None or work.ledger[0] != work.exemptions_version:
        together = [c for c in work.claims if c.due_date is not None]
        whole = _ledger(work, together, work.debtor_payments, rule_id)
        work.ledger = (
            work.exemptions_version,
            {c.index: part for c, part in zip(together, whole.claims, strict=True)},
        )
    return work.ledger[1][claim.index]


def balance_of(work: DecisionWork, claim: ClaimWork, rule_id: str) -> ClaimBalance:
    return ledger_of(work, claim, rule_id).balance

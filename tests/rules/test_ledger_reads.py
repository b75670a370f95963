"""With payments to the debtor as a whole, every claim's balance comes from one ledger of all
claims. It must be computed a fixed number of times per decision, not once per claim and waiver:
a case may hold 500 claims (500 x 500 ledgers took 25 s before this was so)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from service.decider import Decider
from service.domain.case import Case, Claim, Debtor, DebtorEvent, Event
from service.domain.ledger import debtor_ledger
from service.policy.model import Policy
from service.rules import balance


def test_one_debtor_ledger_serves_every_claim(
    decider: Decider, p2025: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes: list[int] = []

    def counting(claims: Any, *args: Any) -> Any:
        sizes.append(len(claims))
        return debtor_ledger(claims, *args)

    monkeypatch.setattr(balance, "debtor_ledger", counting)
    claims = tuple(
        Claim(
            ref=f"C{index}",
            allowance="huurtoeslag",
            benefit_year=2023,
            origin="definitive",
            decision_date=date(2024, 1, 1 + index % 28),
            amount_cents=50_000 + index,
            events=(Event(type="aanmaning", date=date(2024, 6, 1)),),
        )
        for index in range(200)
    )
    debtor = Debtor(
        ref="D",
        events=(
            DebtorEvent(type="arrangement_start", date=date(2024, 3, 1)),
            DebtorEvent(type="payment", date=date(2024, 9, 1), amount_cents=1_000_000),
        ),
    )
    decision = decider.decide(Case(as_of=date(2025, 6, 1), debtor=debtor, claims=claims), p2025)
    # Once for the balances, once more after the waivers: each time over all 200 claims.
    assert sizes == [200, 200]
    # And the payment was spread (Awir 34(3)): 1,000,000 covers every claim's aanmaning costs
    # (200 x 1,900) and interest, and the rest goes to the principal of the claims due first.
    assert all(result.costs_cents == 0 for result in decision.claims)
    paid_down = [r.due_date for r in decision.claims if r.open_cents < 50_000]
    untouched = [
        r.due_date
        for r, c in zip(decision.claims, claims, strict=True)
        if r.open_cents == c.amount_cents
    ]
    assert paid_down
    assert untouched
    assert max(paid_down) <= min(untouched)

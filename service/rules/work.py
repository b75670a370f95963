"""The working state of one decision while its stages run.

Actions write into it; the pipeline reads it to build the next stage's facts and, at the end,
the immutable `Decision`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from service.domain.case import Case, Claim
from service.domain.debtor_history import NO_ARRANGEMENT, ArrangementHistory, ClaimEnforcement
from service.domain.decision import NextStep, PauseVerdict, Plan, TraceEntry
from service.domain.interest import ClaimBalance, Exemption
from service.domain.ledger import ClaimLedger
from service.domain.limitation import Limitation, Postponement
from service.policy.model import Policy

if TYPE_CHECKING:  # the registry imports this module
    from service.rules.registry import Decides


class PolicyDefect(RuntimeError):
    """The policy version decided something inconsistent (two outcomes, a missing verdict).

    This is a fault of the policy document, not of the input: the decision fails and nothing is
    stored. Policy tests exist to find these before a version is published.
    """


@dataclass(slots=True)
class ClaimWork:
    index: int
    claim: Claim
    due_date: date | None = None
    limitation: Limitation | None = None
    balance: ClaimBalance | None = None
    recoverable: bool | None = None
    expired: bool = False
    # Days on which no interest accrues, and why (waiver rules add them, in the order they run).
    exemptions: list[Exemption] = field(default_factory=list)
    interest_waived_cents: int = 0
    within_limitation_window: bool = False
    limitation_proposal: str = "none"
    # Recognised victims (§11): remitted, or paused by the moratorium until a restart date.
    remitted: bool = False
    restart_date: date | None = None
    paused: bool = False

    @property
    def fact_id(self) -> str:
        return f"c{self.index}"

    def require_due_date(self, rule_id: str) -> date:
        if self.due_date is None:
            raise PolicyDefect(f"{rule_id} needs the due date: a set_due_date rule must run first")
        return self.due_date

    def require_balance(self, rule_id: str) -> ClaimBalance:
        if self.balance is None:
            raise PolicyDefect(
                f"{rule_id} needs the balance: a compute_balance rule must run first"
            )
        return self.balance

    def require_limitation(self, rule_id: str) -> Limitation:
        if self.limitation is None:
            raise PolicyDefect(
                f"{rule_id} needs the limitation date: a set_limitation_date rule must run first"
            )
        return self.limitation

    @property
    def collectible(self) -> bool:
        """Recovered, not expired, and something still open."""
        return (
            bool(self.recoverable)
            and not self.remitted
            and not self.paused
            and not self.expired
            and self.owed_cents > 0
        )

    @property
    def owed_cents(self) -> int:
        if self.balance is None:
            return 0
        return self.balance.owed_cents


@dataclass(slots=True)
class DebtorFacts:
    """The debtor-level figures the plan stage decides on (all derived in one place)."""

    collectible: list[ClaimWork]
    collectible_total_cents: int
    standard_monthly_cents: int
    ongoing_allowances_cents: int


@dataclass(slots=True)
class DecisionWork:
    case: Case
    policy: Policy
    claims: list[ClaimWork]
    debtor: DebtorFacts | None = None
    outcome: str | None = None
    outcome_rule: str | None = None
    # The deciding action's declaration of the outcome: which summary text applies.
    decided: Decides | None = None
    plan: Plan | None = None
    review_reasons: list[str] = field(default_factory=list)
    trace: list[TraceEntry] = field(default_factory=list)
    # Granted payment pauses: those recorded on the debtor and one granted by this decision.
    pauses: list[Postponement] = field(default_factory=list)
    pause: PauseVerdict | None = None
    # The payment capacity the plan uses: as given, or computed by the policy from income.
    capacity_cents: int | None = None
    capacity_computed: bool = False
    # Maatwerk signals that fired (M-MAATWERK): a collector decides on hard measures.
    maatwerk: list[str] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    # Payments to the debtor as a whole, (date, cents): when there are any, every claim's balance
    # comes from one ledger of all claims, kept here until an exemption changes.
    debtor_payments: tuple[tuple[date, int], ...] = ()
    # What the arrangement's events say, read once for every stage that asks.
    history: ArrangementHistory = NO_ARRANGEMENT
    exemptions_version: int = 0
    ledger: tuple[int, dict[int, ClaimLedger]] | None = None
    # Per collectible claim, where forced collection stands since the arrangement's withdrawal.
    enforcement: dict[str, ClaimEnforcement] = field(default_factory=dict)

    def decide(self, outcome: str, rule_id: str) -> None:
        if self.outcome is not None:
            raise PolicyDefect(
                f"{rule_id} decides '{outcome}' but {self.outcome_rule} already decided "
                f"'{self.outcome}': the conditions of these rules overlap"
            )
        self.outcome = outcome
        self.outcome_rule = rule_id

    def exempt(self, claim: ClaimWork, exemptions: list[Exemption]) -> None:
        """Leave these days of the claim out of its interest (the balance is read again once
        every waiver of the stage has run)."""
        claim.exemptions.extend(exemptions)
        self.exemptions_version += 1

    def require_debtor(self) -> DebtorFacts:
        assert self.debtor is not None, "the plan stage runs after the claim stages"
        return self.debtor


def claim_subject(subject: ClaimWork | None, rule_id: str) -> ClaimWork:
    """The claim a claim-stage action works on."""
    if subject is None:
        raise PolicyDefect(f"{rule_id} is a claim rule but ran without a claim")
    return subject

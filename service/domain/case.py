"""The case a decision is made on: a debtor and their claims as of a date.

These structs are the closed input whitelist of collection-rules.md §12: every field the rules may
ever see is declared here, and unknown fields are rejected (`forbid_unknown_fields`). There is no
field for nationality, ethnicity, country of birth, fraud signals or risk scores, and no way to
add one without changing this module.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

import msgspec

Allowance = Literal["huurtoeslag", "zorgtoeslag", "kinderopvangtoeslag", "kindgebonden_budget"]
ALLOWANCES: tuple[str, ...] = (
    "huurtoeslag",
    "zorgtoeslag",
    "kinderopvangtoeslag",
    "kindgebonden_budget",
)
Origin = Literal["definitive", "advance"]
ArrangementRequest = Literal["none", "standard", "personal"]
EventType = Literal[
    "aanmaning",
    "dwangbevel",
    "offset",
    "written_claim",
    "payment",
    # A written claim a collector decided to send to interrupt limitation (M-NO-AUTO-INTERRUPT):
    # it names who decided and why.
    "interruption",
    # Awir 29a: the letter announcing that paused collection restarts, and each extension of
    # its payment term.
    "restart_letter",
    "restart_extension",
]
# Events that move money: they carry an amount and reduce the claim's balance.
PAYING_EVENTS: frozenset[str] = frozenset({"payment", "offset"})
# Events that record a person's decision: they name who decided and why.
ATTRIBUTED_EVENTS: frozenset[str] = frozenset({"interruption"})

# What happened to the debtor's arrangement (one arrangement for all claims, §4.2).
DebtorEventType = Literal[
    "arrangement_start",
    "instalment_missed",
    "reminder",
    "arrangement_withdrawn",
    "pause",
    # A payment to the debtor's account as a whole, not earmarked for one claim: it is spread
    # over the claims (costs, then interest, then principal; Awir 34(3)).
    "payment",
]
HouseholdType = Literal["single", "single_parent", "couple", "couple_with_children"]
HOUSEHOLD_TYPES: tuple[str, ...] = HouseholdType.__args__  # type: ignore[attr-defined]
# Situations that call for a person instead of an automatic hard measure (M-MAATWERK, §10). The
# list is closed: a signal the rules do not know is rejected. "Zero capacity with a large debt"
# is not an input: the policy derives it.
MaatwerkSignal = Literal[
    "problem_debts",
    "debt_counselling",
    "income_below_subsistence",
    "offset_below_protected_income",
    "recent_life_event",
]
MAATWERK_SIGNALS: tuple[str, ...] = MaatwerkSignal.__args__  # type: ignore[attr-defined]
# Grounds for collecting the whole amount at once (Awir 31a).
ImmediateCollectionGround = Literal[
    "bankruptcy", "wsnp", "leaving_country", "no_fixed_address", "hiding_goods"
]
IMMEDIATE_COLLECTION_GROUNDS: tuple[str, ...] = ImmediateCollectionGround.__args__  # type: ignore[attr-defined]
PauseReason = Literal["loss_of_income", "separation", "death_of_partner", "illness", "other"]
PAUSE_REASONS: tuple[str, ...] = PauseReason.__args__  # type: ignore[attr-defined]

MAX_CLAIMS_PER_CASE = 500
# Dates the service accepts. Allowances exist since 2006; the bounds keep every derived date
# (due date + 5 years of limitation, interruptions, offset windows) far inside the calendar.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)
Day = date  # for fields declared after a field named `date`, which hides the type there
MAX_CENTS = 10**12  # ten billion euro: far above any allowance debt, far below overflow

Ref = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$",
        description="Identifier chosen by the back-office: letters, digits and . _ : -",
    ),
]
Cents = Annotated[int, msgspec.Meta(ge=0, le=MAX_CENTS, description="Euro cents")]
PositiveCents = Annotated[int, msgspec.Meta(ge=1, le=MAX_CENTS, description="Euro cents, > 0")]
Year = Annotated[int, msgspec.Meta(ge=2000, le=2100)]
Months = Annotated[int, msgspec.Meta(ge=1, le=24, description="Whole months")]
Note = Annotated[str, msgspec.Meta(min_length=1, max_length=500)]


class Event(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Something that happened to a claim: a payment, an offset, or an act that interrupts
    limitation (aanmaning, dwangbevel, written claim)."""

    type: EventType
    date: date
    amount_cents: PositiveCents | None = None
    id: Ref | None = None
    by: Ref | None = None
    reason: Note | None = None


class DebtorEvent(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Something that happened to the debtor's arrangement: it started, an instalment was
    missed, a reminder was sent, it was withdrawn, or a payment pause was granted (from `date`
    for `months`)."""

    type: DebtorEventType
    date: date
    months: Months | None = None
    amount_cents: PositiveCents | None = None
    # For a pause: the day it was granted (its `date` is the day it starts). A decision as of an
    # earlier day does not know the pause yet.
    granted_on: Day | None = None
    id: Ref | None = None
    by: Ref | None = None
    reason: Note | None = None


class PauseRequest(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A debtor asks to pause their arrangement (betaalpauze, M-PAUSE)."""

    start: date
    months: Months
    reason: PauseReason


class Claim(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One recovery decision (terugvordering): one allowance, one benefit year."""

    ref: Ref
    allowance: Allowance
    benefit_year: Year
    origin: Origin
    decision_date: date
    amount_cents: PositiveCents
    events: Annotated[tuple[Event, ...], msgspec.Meta(max_length=1000)] = ()


class OngoingAllowance(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """An allowance the debtor still receives each month, which can be offset (Awir 30)."""

    allowance: Allowance
    monthly_cents: Cents


class Income(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Monthly income and fixed costs of the household, from which the policy computes the
    payment capacity when it is not given (collection-rules.md §4.3)."""

    net_income_cents: Cents
    partner_net_income_cents: Cents = 0
    housing_costs_cents: Cents = 0
    care_premiums_cents: Cents = 0
    household: HouseholdType


class Herstel(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Recognition as a victim of the allowance affair (hersteloperatie, §11)."""

    recognised: bool
    first_compensation_date: date | None = None


class Debtor(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """The person who owes (belanghebbende), with what the rules may know about them."""

    ref: Ref
    arrangement_request: ArrangementRequest = "none"
    monthly_payment_capacity_cents: Cents | None = None
    assets_cents: Cents | None = None
    ongoing_allowances: Annotated[tuple[OngoingAllowance, ...], msgspec.Meta(max_length=4)] = ()
    events: Annotated[tuple[DebtorEvent, ...], msgspec.Meta(max_length=1000)] = ()
    income: Income | None = None
    herstel: Herstel | None = None
    signals: Annotated[tuple[MaatwerkSignal, ...], msgspec.Meta(max_length=5)] = ()
    immediate_collection_ground: ImmediateCollectionGround | None = None


class Case(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """What to decide: a debtor's claims as of a date, optionally under a pinned policy version."""

    as_of: date
    debtor: Debtor
    claims: Annotated[tuple[Claim, ...], msgspec.Meta(max_length=MAX_CLAIMS_PER_CASE)]
    policy_version: str | None = None
    pause_request: PauseRequest | None = None

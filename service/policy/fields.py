"""The whitelist of facts a rule condition may name (collection-rules.md §12).

A condition can refer only to a field listed here for its stage. Input fields come straight from
the case (`service.domain.case`); derived fields are computed by earlier stages. A policy document
that names anything else does not load.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from service.domain.case import (
    ALLOWANCES,
    IMMEDIATE_COLLECTION_GROUNDS,
    MAATWERK_SIGNALS,
    PAUSE_REASONS,
)

FieldType = Literal["int", "date", "bool", "enum"]

_DEBTOR_TERMS = frozenset({"debtor_terms"})
_CLAIM_STAGES = frozenset({"claim_terms", "claim_status", "claim_actions"})
_STATUS = frozenset({"claim_status", "claim_actions"})
_ACTIONS = frozenset({"claim_actions"})
_PLAN = frozenset({"debtor_plan"})
_NEXT = frozenset({"debtor_actions"})
# The outcomes conditions may compare with (the decision's outcome is open to later versions;
# a rule can only name one listed here).
OUTCOMES = (
    "offset",
    "standard_arrangement",
    "personal_arrangement",
    "no_further_measures",
    "immediate_collection",
    "paused_herstel",
    "not_recovered",
    "nothing_due",
)
_MEANS = _PLAN | _ACTIONS  # what the debtor can pay from: read by the plan and by proposals


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    type: FieldType
    stages: frozenset[str]
    description: str
    values: tuple[str, ...] = ()
    derived: bool = False


FIELDS: tuple[FieldSpec, ...] = (
    # --- the debtor, before the claims are looked at ---
    FieldSpec("as_of", "date", _DEBTOR_TERMS | _CLAIM_STAGES | _PLAN, "The evaluation date."),
    FieldSpec("pause_requested", "bool", _DEBTOR_TERMS, "Whether the case asks for a pause."),
    FieldSpec(
        "pause_reason",
        "enum",
        _DEBTOR_TERMS,
        "The reason given for the pause ('none' when no pause is asked for).",
        ("none", *PAUSE_REASONS),
    ),
    FieldSpec("pause_months", "int", _DEBTOR_TERMS, "Months of pause asked for; 0 when none."),
    FieldSpec(
        "arrangement_active",
        "bool",
        _DEBTOR_TERMS,
        "An arrangement was started and not withdrawn since.",
    ),
    FieldSpec(
        "pause_lead_days",
        "int",
        _DEBTOR_TERMS,
        "Days from as_of to the requested start (negative: the pause would start in the past).",
    ),
    FieldSpec(
        "other_pause", "bool", _DEBTOR_TERMS, "Another pause was granted to the debtor before."
    ),
    FieldSpec(
        "months_to_nearest_pause",
        "int",
        _DEBTOR_TERMS,
        "Whole months between the requested start and the nearest other pause's start, "
        "before or after it; 0 when there is none.",
    ),
    FieldSpec(
        "income_known",
        "bool",
        _DEBTOR_TERMS,
        "The household's income and costs were given (to compute the capacity from).",
    ),
    # --- a claim, as given ---
    FieldSpec("allowance", "enum", _CLAIM_STAGES, "The allowance of the claim.", ALLOWANCES),
    FieldSpec("benefit_year", "int", _CLAIM_STAGES, "The benefit year (berekeningsjaar)."),
    FieldSpec(
        "origin",
        "enum",
        _CLAIM_STAGES,
        "definitive (final calculation) or advance (revised advance).",
        ("definitive", "advance"),
    ),
    FieldSpec("decision_date", "date", _CLAIM_STAGES, "The decision date (dagtekening)."),
    FieldSpec("amount_cents", "int", _CLAIM_STAGES, "The amount of the recovery decision."),
    FieldSpec("event_count", "int", _CLAIM_STAGES, "Number of events recorded on the claim."),
    FieldSpec(
        "restart_letter_count",
        "int",
        _CLAIM_STAGES,
        "Letters announcing that paused collection restarts (Awir 29a).",
    ),
    FieldSpec(
        "arrangement_periods",
        "int",
        _CLAIM_STAGES,
        "Periods in which the debtor had an arrangement (started, until withdrawn or as_of).",
    ),
    FieldSpec(
        "pause_count", "int", _CLAIM_STAGES, "Granted payment pauses, including one granted now."
    ),
    FieldSpec(
        "herstel_recognised",
        "bool",
        _CLAIM_STAGES,
        "The debtor is a recognised victim of the allowance affair (hersteloperatie).",
    ),
    FieldSpec(
        "arose_before_first_compensation",
        "bool",
        _CLAIM_STAGES,
        "A recognised victim's claim decided before their first compensation payment.",
    ),
    # --- a claim, after its terms are computed ---
    FieldSpec("due_date", "date", _STATUS, "Last day of the payment term.", derived=True),
    FieldSpec("limitation_date", "date", _STATUS, "Last enforceable day.", derived=True),
    FieldSpec("open_cents", "int", _STATUS, "Unpaid principal.", derived=True),
    FieldSpec("interest_cents", "int", _STATUS, "Late-payment interest owed.", derived=True),
    FieldSpec(
        "costs_cents", "int", _STATUS, "Collection costs still owed (Kostenwet).", derived=True
    ),
    FieldSpec("paid_cents", "int", _STATUS, "Payments and offsets received.", derived=True),
    FieldSpec(
        "interruption_count", "int", _STATUS, "Interruptions that moved limitation.", derived=True
    ),
    # --- a claim, after its status is decided ---
    FieldSpec("recoverable", "bool", _ACTIONS, "The claim is recovered.", derived=True),
    FieldSpec("expired", "bool", _ACTIONS, "The claim is past its limitation date.", derived=True),
    FieldSpec(
        "collectible",
        "bool",
        _ACTIONS,
        "Recovered, not expired and something still open.",
        derived=True,
    ),
    FieldSpec("owed_cents", "int", _ACTIONS, "Open principal plus interest.", derived=True),
    FieldSpec(
        "days_to_limitation",
        "int",
        _ACTIONS,
        "Days from as_of to the limitation date (negative once expired).",
        derived=True,
    ),
    FieldSpec(
        "within_limitation_window",
        "bool",
        _ACTIONS,
        "The limitation date falls within the look-ahead window from as_of.",
        derived=True,
    ),
    # --- the debtor ---
    FieldSpec(
        "arrangement_request",
        "enum",
        _PLAN | _NEXT,
        "What the debtor asked for: none, standard or personal.",
        ("none", "standard", "personal"),
    ),
    FieldSpec(
        "capacity_known",
        "bool",
        _MEANS | _DEBTOR_TERMS,
        "Whether a payment capacity is known: given, or (after debtor_terms) computed.",
    ),
    FieldSpec(
        "monthly_payment_capacity_cents",
        "int",
        _MEANS,
        "Monthly payment capacity (betalingscapaciteit); 0 when not given.",
    ),
    FieldSpec("assets_known", "bool", _MEANS, "Whether the available assets were given."),
    FieldSpec("assets_cents", "int", _MEANS, "Assets available for repayment; 0 when not given."),
    FieldSpec(
        "ongoing_allowances_cents", "int", _MEANS, "Sum of allowances still paid each month."
    ),
    FieldSpec("claim_count", "int", _PLAN, "Claims in the case.", derived=True),
    FieldSpec(
        "paused_count",
        "int",
        _PLAN,
        "Claims paused by the herstel moratorium (not expired).",
        derived=True,
    ),
    *(
        FieldSpec(f"signal_{name}", "bool", _PLAN, f"Maatwerk signal '{name}' (§10).")
        for name in MAATWERK_SIGNALS
    ),
    FieldSpec(
        "immediate_collection_ground",
        "enum",
        _PLAN,
        "A ground for collecting everything at once (Awir 31a), or 'none'.",
        ("none", *IMMEDIATE_COLLECTION_GROUNDS),
    ),
    FieldSpec(
        "recoverable_count",
        "int",
        _PLAN,
        "Claims recovered: above the threshold and not remitted.",
        derived=True,
    ),
    FieldSpec("expired_count", "int", _PLAN, "Claims past their limitation date.", derived=True),
    FieldSpec(
        "collectible_count",
        "int",
        _PLAN | _NEXT,
        "Recoverable, unexpired, not remitted or paused claims with something open.",
        derived=True,
    ),
    FieldSpec(
        "collectible_total_cents",
        "int",
        _PLAN,
        "Open principal, interest and costs of the collectible claims.",
        derived=True,
    ),
    FieldSpec(
        "standard_monthly_cents",
        "int",
        _PLAN,
        "The standard arrangement's monthly amount for the collectible total (§4.1).",
        derived=True,
    ),
    FieldSpec(
        "capacity_term_total_cents",
        "int",
        _PLAN,
        "Capacity times the maximum number of instalments: what capacity pays in the term.",
        derived=True,
    ),
    # --- the debtor, after the plan: where collection stands (§8) ---
    FieldSpec(
        "collection_state",
        "enum",
        _NEXT,
        "Where the arrangement stands after its events.",
        ("none", "instalment_missed", "reminder_sent", "withdrawn"),
    ),
    FieldSpec(
        "days_in_state",
        "int",
        _NEXT,
        "Days from the event that began the state to as_of (0 in state none).",
        derived=True,
    ),
    FieldSpec(
        "paid_in_state",
        "bool",
        _NEXT,
        "A payment or offset arrived after the event that began the state.",
        derived=True,
    ),
    FieldSpec(
        "aanmaning_due_count",
        "int",
        _NEXT,
        "After a withdrawal: collectible claims without an aanmaning since.",
        derived=True,
    ),
    FieldSpec(
        "oldest_unpaid_aanmaning_days",
        "int",
        _NEXT,
        "After a withdrawal: days since the oldest aanmaning not paid since and not followed by "
        "a dwangbevel; -1 when there is none.",
        derived=True,
    ),
    FieldSpec("pause_active", "bool", _NEXT, "as_of lies in a granted payment pause."),
    FieldSpec(
        "maatwerk_count",
        "int",
        _NEXT,
        "Maatwerk signals that fired in the plan stage.",
        derived=True,
    ),
    FieldSpec(
        "outcome",
        "enum",
        _NEXT,
        "The outcome the plan stage decided.",
        OUTCOMES,
        derived=True,
    ),
)

FIELDS_BY_NAME: dict[str, FieldSpec] = {spec.name: spec for spec in FIELDS}


def field_for(name: str, stage: str) -> FieldSpec | None:
    spec = FIELDS_BY_NAME.get(name)
    if spec is None or stage not in spec.stages:
        return None
    return spec


def fields_of(stage: str) -> list[FieldSpec]:
    return [spec for spec in FIELDS if stage in spec.stages]

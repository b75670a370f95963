"""The whitelist of facts a rule condition may name (collection-rules.md §12).

A condition can refer only to a field listed here for its stage. Input fields come straight from
the case (`service.domain.case`); derived fields are computed by earlier stages. A policy document
that names anything else does not load.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from service.domain.case import ALLOWANCES, PAUSE_REASONS

FieldType = Literal["int", "date", "bool", "enum"]

_DEBTOR_TERMS = frozenset({"debtor_terms"})
_CLAIM_STAGES = frozenset({"claim_terms", "claim_status", "claim_actions"})
_STATUS = frozenset({"claim_status", "claim_actions"})
_ACTIONS = frozenset({"claim_actions"})
_PLAN = frozenset({"debtor_plan"})
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
        "previous_pause", "bool", _DEBTOR_TERMS, "A pause was granted before the requested one."
    ),
    FieldSpec(
        "months_since_previous_pause",
        "int",
        _DEBTOR_TERMS,
        "Whole months from the start of the previous pause to the requested start; 0 when none.",
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
    # --- a claim, after its terms are computed ---
    FieldSpec("due_date", "date", _STATUS, "Last day of the payment term.", derived=True),
    FieldSpec("limitation_date", "date", _STATUS, "Last enforceable day.", derived=True),
    FieldSpec("open_cents", "int", _STATUS, "Unpaid principal.", derived=True),
    FieldSpec("interest_cents", "int", _STATUS, "Late-payment interest owed.", derived=True),
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
        _PLAN,
        "What the debtor asked for: none, standard or personal.",
        ("none", "standard", "personal"),
    ),
    FieldSpec("capacity_known", "bool", _MEANS, "Whether a payment capacity was given."),
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
    FieldSpec("recoverable_count", "int", _PLAN, "Claims above the threshold.", derived=True),
    FieldSpec("expired_count", "int", _PLAN, "Claims past their limitation date.", derived=True),
    FieldSpec(
        "collectible_count",
        "int",
        _PLAN,
        "Recoverable, unexpired claims with something open.",
        derived=True,
    ),
    FieldSpec(
        "collectible_total_cents",
        "int",
        _PLAN,
        "Open principal plus interest of the collectible claims.",
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
)

FIELDS_BY_NAME: dict[str, FieldSpec] = {spec.name: spec for spec in FIELDS}


def field_for(name: str, stage: str) -> FieldSpec | None:
    spec = FIELDS_BY_NAME.get(name)
    if spec is None or stage not in spec.stages:
        return None
    return spec


def fields_of(stage: str) -> list[FieldSpec]:
    return [spec for spec in FIELDS if stage in spec.stages]

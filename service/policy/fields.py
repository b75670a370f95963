"""The whitelist of facts a rule condition may name (collection-rules.md §12).

A condition can refer only to a field listed here for its stage. Input fields come straight from
the case (`service.domain.case`); derived fields are computed by earlier stages. A policy document
that names anything else does not load.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from service.domain.case import ALLOWANCES

FieldType = Literal["int", "date", "bool", "enum"]

_CLAIM_STAGES = frozenset({"claim_terms", "claim_status"})
_STATUS = frozenset({"claim_status"})
_PLAN = frozenset({"debtor_plan"})


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    type: FieldType
    stages: frozenset[str]
    description: str
    values: tuple[str, ...] = ()
    derived: bool = False


FIELDS: tuple[FieldSpec, ...] = (
    # --- a claim, as given ---
    FieldSpec("as_of", "date", _CLAIM_STAGES | _PLAN, "The evaluation date."),
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
    # --- a claim, after its terms are computed ---
    FieldSpec("due_date", "date", _STATUS, "Last day of the payment term.", derived=True),
    FieldSpec("limitation_date", "date", _STATUS, "Last enforceable day.", derived=True),
    FieldSpec("open_cents", "int", _STATUS, "Unpaid principal.", derived=True),
    FieldSpec("interest_cents", "int", _STATUS, "Late-payment interest owed.", derived=True),
    FieldSpec("paid_cents", "int", _STATUS, "Payments and offsets received.", derived=True),
    FieldSpec(
        "interruption_count", "int", _STATUS, "Interruptions that moved limitation.", derived=True
    ),
    # --- the debtor ---
    FieldSpec(
        "arrangement_request",
        "enum",
        _PLAN,
        "What the debtor asked for: none, standard or personal.",
        ("none", "standard", "personal"),
    ),
    FieldSpec("capacity_known", "bool", _PLAN, "Whether a payment capacity was given."),
    FieldSpec(
        "monthly_payment_capacity_cents",
        "int",
        _PLAN,
        "Monthly payment capacity (betalingscapaciteit); 0 when not given.",
    ),
    FieldSpec("assets_known", "bool", _PLAN, "Whether the available assets were given."),
    FieldSpec("assets_cents", "int", _PLAN, "Assets available for repayment; 0 when not given."),
    FieldSpec("ongoing_allowances_cents", "int", _PLAN, "Sum of allowances still paid each month."),
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

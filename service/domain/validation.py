"""Checks on a case that a schema cannot express: they name the field path of every problem."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from service.domain.case import EARLIEST_DATE, LATEST_DATE, PAYING_EVENTS, Case, Claim, Debtor


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str
    message: str
    location: str = "body"  # or "path" / "query" when the field is part of the URL


class InvalidCase(ValueError):
    """The input cannot be decided on; every problem names its field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


def date_problems(day: date, field: str) -> list[FieldProblem]:
    if EARLIEST_DATE <= day <= LATEST_DATE:
        return []
    return [
        FieldProblem(
            field, f"must lie between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}"
        )
    ]


def debtor_problems(debtor: Debtor, prefix: str = "debtor") -> list[FieldProblem]:
    problems = []
    if debtor.arrangement_request == "personal":
        # A personal arrangement is assessed on capacity and assets (Leidraad 79.8); without them
        # the rules would have to guess, so the request is incomplete.
        for name in ("monthly_payment_capacity_cents", "assets_cents"):
            if getattr(debtor, name) is None:
                problems.append(
                    FieldProblem(
                        f"{prefix}.{name}",
                        "is required when arrangement_request is 'personal'",
                    )
                )
    seen: set[str] = set()
    for index, allowance in enumerate(debtor.ongoing_allowances):
        if allowance.allowance in seen:
            problems.append(
                FieldProblem(
                    f"{prefix}.ongoing_allowances[{index}].allowance",
                    f"'{allowance.allowance}' is listed twice",
                )
            )
        seen.add(allowance.allowance)
    return problems


def claim_problems(claim: Claim, prefix: str) -> list[FieldProblem]:
    problems = date_problems(claim.decision_date, f"{prefix}.decision_date")
    for index, event in enumerate(claim.events):
        where = f"{prefix}.events[{index}]"
        problems.extend(date_problems(event.date, f"{where}.date"))
        if event.date < claim.decision_date:
            problems.append(FieldProblem(f"{where}.date", "is before the claim's decision_date"))
        if event.type in PAYING_EVENTS and event.amount_cents is None:
            problems.append(
                FieldProblem(f"{where}.amount_cents", f"is required for a '{event.type}' event")
            )
        if event.type not in PAYING_EVENTS and event.amount_cents is not None:
            problems.append(
                FieldProblem(f"{where}.amount_cents", f"is not allowed for a '{event.type}' event")
            )
    return problems


def case_problems(case: Case) -> list[FieldProblem]:
    problems = date_problems(case.as_of, "as_of") + debtor_problems(case.debtor)
    seen: set[str] = set()
    for index, claim in enumerate(case.claims):
        where = f"claims[{index}]"
        if claim.ref in seen:
            problems.append(FieldProblem(f"{where}.ref", f"duplicate claim ref '{claim.ref}'"))
        seen.add(claim.ref)
        if claim.decision_date > case.as_of:
            problems.append(
                FieldProblem(
                    f"{where}.decision_date", "is after as_of: the claim did not exist yet"
                )
            )
        problems.extend(claim_problems(claim, where))
        for event_index, event in enumerate(claim.events):
            if event.date > case.as_of:
                problems.append(
                    FieldProblem(f"{where}.events[{event_index}].date", "is after as_of")
                )
    return problems

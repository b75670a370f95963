"""Checks on a case that a schema cannot express: they name the field path of every problem."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from service.domain.case import (
    ATTRIBUTED_EVENTS,
    EARLIEST_DATE,
    LATEST_DATE,
    PAYING_EVENTS,
    Case,
    Claim,
    Debtor,
    DebtorEvent,
)


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
        # the rules would have to guess, so the request is incomplete. The capacity may also be
        # computed by the policy from the household's income and costs.
        if debtor.monthly_payment_capacity_cents is None and debtor.income is None:
            problems.append(
                FieldProblem(
                    f"{prefix}.monthly_payment_capacity_cents",
                    "is required when arrangement_request is 'personal' (or give income)",
                )
            )
        if debtor.assets_cents is None:
            problems.append(
                FieldProblem(
                    f"{prefix}.assets_cents", "is required when arrangement_request is 'personal'"
                )
            )
    if debtor.herstel is not None:
        herstel = debtor.herstel
        if herstel.first_compensation_date is not None:
            problems.extend(
                date_problems(
                    herstel.first_compensation_date, f"{prefix}.herstel.first_compensation_date"
                )
            )
            if not herstel.recognised:
                problems.append(
                    FieldProblem(
                        f"{prefix}.herstel.first_compensation_date",
                        "is only given for a recognised victim (recognised: true)",
                    )
                )
    for index, signal in enumerate(debtor.signals):
        if signal in debtor.signals[:index]:
            problems.append(
                FieldProblem(f"{prefix}.signals[{index}]", f"'{signal}' is listed twice")
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
    for index, event in enumerate(debtor.events):
        problems.extend(debtor_event_problems(event, f"{prefix}.events[{index}]"))
    return problems


def debtor_event_problems(event: DebtorEvent, where: str) -> list[FieldProblem]:
    problems = date_problems(event.date, f"{where}.date")
    if event.type == "pause" and event.months is None:
        problems.append(FieldProblem(f"{where}.months", "is required for a 'pause' event"))
    if event.type != "pause" and event.months is not None:
        problems.append(
            FieldProblem(f"{where}.months", f"is not allowed for a '{event.type}' event")
        )
    if event.type != "pause" and event.granted_on is not None:
        problems.append(
            FieldProblem(f"{where}.granted_on", f"is not allowed for a '{event.type}' event")
        )
    if event.granted_on is not None:
        problems.extend(date_problems(event.granted_on, f"{where}.granted_on"))
    if event.type == "payment" and event.amount_cents is None:
        problems.append(FieldProblem(f"{where}.amount_cents", "is required for a 'payment' event"))
    if event.type != "payment" and event.amount_cents is not None:
        problems.append(
            FieldProblem(f"{where}.amount_cents", f"is not allowed for a '{event.type}' event")
        )
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
        if event.type in ATTRIBUTED_EVENTS:
            # A collector's decision is only valid with who took it and why (M-NO-AUTO-INTERRUPT).
            for name in ("by", "reason"):
                if getattr(event, name) is None:
                    problems.append(
                        FieldProblem(f"{where}.{name}", f"is required for a '{event.type}' event")
                    )
    return problems


def case_problems(case: Case) -> list[FieldProblem]:
    problems = date_problems(case.as_of, "as_of") + debtor_problems(case.debtor)
    for index, debtor_event in enumerate(case.debtor.events):
        # A pause may be granted ahead of its start (then it must have been granted by as_of);
        # every other event has happened by as_of.
        if debtor_event.type == "pause":
            if debtor_event.granted_on is not None and debtor_event.granted_on > case.as_of:
                problems.append(
                    FieldProblem(f"debtor.events[{index}].granted_on", "is after as_of")
                )
        elif debtor_event.date > case.as_of:
            problems.append(FieldProblem(f"debtor.events[{index}].date", "is after as_of"))
    if case.pause_request is not None:
        problems.extend(date_problems(case.pause_request.start, "pause_request.start"))
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

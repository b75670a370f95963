"""Case checks a schema cannot express: every problem names the field path it is about."""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec
import pytest

from service.domain.case import Case, Claim, Debtor, Event, OngoingAllowance
from service.domain.validation import FieldProblem, InvalidCase, case_problems

AS_OF = date(2025, 6, 1)
DECISION = date(2025, 1, 10)


def claim(ref: str = "C-1", **changes: Any) -> Claim:
    fields: dict[str, Any] = {
        "ref": ref,
        "allowance": "huurtoeslag",
        "benefit_year": 2023,
        "origin": "definitive",
        "decision_date": DECISION,
        "amount_cents": 150_000,
    }
    fields.update(changes)
    return Claim(**fields)


def debtor(**changes: Any) -> Debtor:
    fields: dict[str, Any] = {"ref": "D-1"}
    fields.update(changes)
    return Debtor(**fields)


def case(*claims: Claim, debtor_: Debtor | None = None, as_of: date = AS_OF) -> Case:
    return Case(as_of=as_of, debtor=debtor_ or debtor(), claims=claims or (claim(),))


def fields(problems: list[FieldProblem]) -> list[str]:
    return [problem.field for problem in problems]


# --- a valid case -----------------------------------------------------------------------------


def test_a_complete_valid_case_has_no_problems() -> None:
    events = (
        Event(type="aanmaning", date=date(2025, 3, 1)),
        Event(type="payment", date=date(2025, 4, 1), amount_cents=10_000),
        Event(type="offset", date=date(2025, 5, 1), amount_cents=2_000),
        Event(type="dwangbevel", date=date(2025, 5, 10)),
        Event(type="written_claim", date=date(2025, 5, 20)),
    )
    valid = case(
        claim("C-1", events=events),
        claim("C-2", allowance="zorgtoeslag"),
        debtor_=debtor(
            arrangement_request="personal",
            monthly_payment_capacity_cents=5_000,
            assets_cents=0,
            ongoing_allowances=(
                OngoingAllowance(allowance="huurtoeslag", monthly_cents=30_000),
                OngoingAllowance(allowance="zorgtoeslag", monthly_cents=12_000),
            ),
        ),
    )
    assert case_problems(valid) == []


# --- claims -----------------------------------------------------------------------------------


def test_duplicate_claim_ref_is_reported_on_the_later_claim() -> None:
    problems = case_problems(case(claim("C-1"), claim("C-2"), claim("C-1")))
    assert fields(problems) == ["claims[2].ref"]
    assert "C-1" in problems[0].message


def test_every_repeat_of_a_claim_ref_is_reported() -> None:
    problems = case_problems(case(claim("X"), claim("X"), claim("X")))
    assert fields(problems) == ["claims[1].ref", "claims[2].ref"]


def test_claim_decided_after_as_of_is_reported() -> None:
    problems = case_problems(case(claim(decision_date=date(2025, 6, 2))))
    assert fields(problems) == ["claims[0].decision_date"]
    assert "as_of" in problems[0].message


def test_claim_decided_on_as_of_is_fine() -> None:
    assert case_problems(case(claim(decision_date=AS_OF))) == []


# --- events -----------------------------------------------------------------------------------


def test_event_after_as_of_is_reported() -> None:
    events = (Event(type="aanmaning", date=date(2025, 6, 2)),)
    problems = case_problems(case(claim(events=events)))
    assert fields(problems) == ["claims[0].events[0].date"]
    assert "as_of" in problems[0].message


def test_event_on_as_of_is_fine() -> None:
    events = (Event(type="payment", date=AS_OF, amount_cents=100),)
    assert case_problems(case(claim(events=events))) == []


def test_event_before_the_decision_date_is_reported() -> None:
    events = (
        Event(type="aanmaning", date=date(2025, 2, 1)),
        Event(type="written_claim", date=date(2025, 1, 9)),
    )
    problems = case_problems(case(claim(events=events)))
    assert fields(problems) == ["claims[0].events[1].date"]
    assert "decision_date" in problems[0].message


def test_event_on_the_decision_date_is_fine() -> None:
    events = (Event(type="payment", date=DECISION, amount_cents=100),)
    assert case_problems(case(claim(events=events))) == []


@pytest.mark.parametrize("event_type", ["payment", "offset"])
def test_paying_event_without_amount_is_reported(event_type: str) -> None:
    events = (Event(type=event_type, date=date(2025, 3, 1)),)  # type: ignore[arg-type]
    problems = case_problems(case(claim(events=events)))
    assert fields(problems) == ["claims[0].events[0].amount_cents"]
    assert "required" in problems[0].message
    assert event_type in problems[0].message


@pytest.mark.parametrize("event_type", ["aanmaning", "dwangbevel", "written_claim"])
def test_non_paying_event_with_amount_is_reported(event_type: str) -> None:
    events = (Event(type=event_type, date=date(2025, 3, 1), amount_cents=900),)  # type: ignore[arg-type]
    problems = case_problems(case(claim(events=events)))
    assert fields(problems) == ["claims[0].events[0].amount_cents"]
    assert "not allowed" in problems[0].message
    assert event_type in problems[0].message


def test_problems_of_one_event_are_all_reported() -> None:
    # Before the decision date and a payment without amount: two problems on the same event.
    events = (Event(type="payment", date=date(2024, 12, 1)),)
    problems = case_problems(case(claim(events=events)))
    assert sorted(fields(problems)) == [
        "claims[0].events[0].amount_cents",
        "claims[0].events[0].date",
    ]


def test_event_paths_use_the_index_of_claim_and_event() -> None:
    events = (
        Event(type="aanmaning", date=date(2025, 3, 1)),
        Event(type="aanmaning", date=date(2025, 4, 1)),
        Event(type="aanmaning", date=date(2025, 7, 1)),
    )
    problems = case_problems(case(claim("C-1"), claim("C-2", events=events)))
    assert fields(problems) == ["claims[1].events[2].date"]


# --- debtor -----------------------------------------------------------------------------------


def test_personal_request_without_capacity_and_assets_reports_both() -> None:
    problems = case_problems(case(debtor_=debtor(arrangement_request="personal")))
    assert fields(problems) == [
        "debtor.monthly_payment_capacity_cents",
        "debtor.assets_cents",
    ]
    assert all("personal" in problem.message for problem in problems)


def test_personal_request_without_capacity_is_reported() -> None:
    requester = debtor(arrangement_request="personal", assets_cents=0)
    assert fields(case_problems(case(debtor_=requester))) == [
        "debtor.monthly_payment_capacity_cents"
    ]


def test_personal_request_without_assets_is_reported() -> None:
    requester = debtor(arrangement_request="personal", monthly_payment_capacity_cents=0)
    assert fields(case_problems(case(debtor_=requester))) == ["debtor.assets_cents"]


def test_personal_request_with_zero_capacity_and_zero_assets_is_complete() -> None:
    # 0 is a known capacity (§4.3: capacity 0 -> no arrangement), not a missing one.
    requester = debtor(
        arrangement_request="personal", monthly_payment_capacity_cents=0, assets_cents=0
    )
    assert case_problems(case(debtor_=requester)) == []


@pytest.mark.parametrize("request_kind", ["none", "standard"])
def test_other_requests_need_no_capacity_or_assets(request_kind: str) -> None:
    assert case_problems(case(debtor_=debtor(arrangement_request=request_kind))) == []


def test_duplicate_ongoing_allowance_is_reported_on_the_later_entry() -> None:
    requester = debtor(
        ongoing_allowances=(
            OngoingAllowance(allowance="zorgtoeslag", monthly_cents=12_000),
            OngoingAllowance(allowance="huurtoeslag", monthly_cents=30_000),
            OngoingAllowance(allowance="zorgtoeslag", monthly_cents=11_000),
        )
    )
    problems = case_problems(case(debtor_=requester))
    assert fields(problems) == ["debtor.ongoing_allowances[2].allowance"]
    assert "zorgtoeslag" in problems[0].message


# --- several problems at once -----------------------------------------------------------------


def test_all_problems_of_a_case_are_reported_together() -> None:
    bad = case(
        claim("C-1", events=(Event(type="payment", date=date(2025, 7, 1)),)),
        claim("C-1", decision_date=date(2025, 6, 2)),
        debtor_=debtor(arrangement_request="personal", assets_cents=0),
    )
    problems = case_problems(bad)
    assert sorted(fields(problems)) == sorted(
        [
            "debtor.monthly_payment_capacity_cents",
            "claims[0].events[0].amount_cents",
            "claims[0].events[0].date",
            "claims[1].ref",
            "claims[1].decision_date",
        ]
    )
    assert all(problem.location == "body" for problem in problems)


def test_invalid_case_carries_the_problems_and_names_them_in_its_message() -> None:
    problems = [
        FieldProblem("claims[1].ref", "duplicate claim ref 'C-1'"),
        FieldProblem("debtor.assets_cents", "is required"),
    ]
    error = InvalidCase(problems)
    assert isinstance(error, ValueError)
    assert error.problems == problems
    assert str(error) == (
        "claims[1].ref: duplicate claim ref 'C-1'; debtor.assets_cents: is required"
    )


# --- the closed input whitelist (§12) ---------------------------------------------------------

VALID_JSON: dict[str, Any] = {
    "as_of": "2025-06-01",
    "debtor": {"ref": "D-1"},
    "claims": [
        {
            "ref": "C-1",
            "allowance": "huurtoeslag",
            "benefit_year": 2023,
            "origin": "definitive",
            "decision_date": "2025-01-10",
            "amount_cents": 150000,
        }
    ],
}


def test_a_valid_case_decodes() -> None:
    decoded = msgspec.json.decode(msgspec.json.encode(VALID_JSON), type=Case)
    assert decoded.claims[0].decision_date == date(2025, 1, 10)
    assert case_problems(decoded) == []


@pytest.mark.parametrize("forbidden", ["nationality", "country_of_birth", "fraud_signal"])
def test_unknown_debtor_fields_are_rejected(forbidden: str) -> None:
    payload = {**VALID_JSON, "debtor": {"ref": "D-1", forbidden: "x"}}
    with pytest.raises(msgspec.ValidationError, match=forbidden):
        msgspec.json.decode(msgspec.json.encode(payload), type=Case)

"""The closed input whitelist (collection-rules.md §12) on the collection strategy's structures.

The decision must never use nationality, ethnicity, country of birth, fraud-signal registrations
or risk scores. Wherever such a field is put in a request it is rejected with a 422 that names it
(as an unknown field), and nothing is stored; a policy document whose condition names one does
not load.

Already covered elsewhere, and not repeated here:
- tests/api/test_bad_input.py: all five names in `debtor` of an evaluation; `fraud_signal` in an
  evaluation's claim; `nationality` in a PUT debtor body; `risk_score` in a PUT claim body; other
  unknown names at the top level of an evaluation, in a claim event, in a POST event body and in
  a POST decisions body.
- tests/policy/test_loader.py: all five names as the field of a claim_status condition
  (R-SMALL-CLAIM), `nationality` as an operand and `risk_score` deep in a debtor_plan condition.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from typing import Any

import asyncpg
import httpx
import pytest

from service.policy.errors import PolicyDocumentError, PolicyProblem
from service.policy.loader import parse_policy
from service.policy.measures import MeasureCatalogue, load_catalogue
from tests.api.support import (
    assert_problem,
    case_body,
    case_claim,
    claim_body,
    row_counts,
    unique,
)
from tests.conftest import POLICY_DIR, policy_file

Client = httpx.AsyncClient

FORBIDDEN = ("nationality", "ethnicity", "country_of_birth", "fraud_signal", "risk_score")
VALUES: dict[str, Any] = {
    "nationality": "NL",
    "ethnicity": "unknown",
    "country_of_birth": "NL",
    "fraud_signal": True,
    "risk_score": 0.9,
}

PAUSE = {"start": "2025-07-01", "months": 3, "reason": "illness"}


@pytest.fixture(scope="module")
async def stored(client: Client) -> dict[str, str]:
    """A stored debtor on an arrangement, with one claim (decided 15 January 2025)."""
    debtor = unique("closed")
    response = await client.put(f"/v1/debtors/{debtor}", json={"arrangement_request": "standard"})
    assert response.status_code == 201, response.text
    response = await client.put(f"/v1/debtors/{debtor}/claims/C1", json=claim_body())
    assert response.status_code == 201, response.text
    response = await client.post(
        f"/v1/debtors/{debtor}/events",
        json={"id": "ARR-1", "type": "arrangement_start", "date": "2025-03-01"},
    )
    assert response.status_code == 201, response.text
    return {"debtor": debtor}


# A place to put a field: (method, path template, body with the field, the field's path).
# `{debtor}` is the stored debtor, `{new}` a debtor that does not exist yet.
Place = tuple[str, str, Callable[[str, Any], Any], Callable[[str], str]]


def _evaluation_top(name: str, value: Any) -> Any:
    return case_body(**{name: value})


def _evaluation_claim(name: str, value: Any) -> Any:
    return case_body(claims=[case_claim(**{name: value})])


def _evaluation_claim_event(name: str, value: Any) -> Any:
    event = {"type": "aanmaning", "date": "2025-03-01", name: value}
    return case_body(claims=[case_claim(events=[event])])


def _evaluation_interruption(name: str, value: Any) -> Any:
    event = {
        "type": "interruption",
        "date": "2025-03-01",
        "by": "collector-7",
        "reason": "Collection is realistic.",
        name: value,
    }
    return case_body(claims=[case_claim(events=[event])])


def _evaluation_debtor_event(name: str, value: Any) -> Any:
    body = case_body()
    body["debtor"]["events"] = [{"type": "arrangement_start", "date": "2025-03-01", name: value}]
    return body


def _evaluation_pause_event(name: str, value: Any) -> Any:
    body = case_body()
    body["debtor"]["events"] = [{"type": "pause", "date": "2025-03-01", "months": 1, name: value}]
    return body


def _evaluation_ongoing_allowance(name: str, value: Any) -> Any:
    body = case_body()
    body["debtor"]["ongoing_allowances"] = [
        {"allowance": "zorgtoeslag", "monthly_cents": 10_000, name: value}
    ]
    return body


def _evaluation_pause_request(name: str, value: Any) -> Any:
    return case_body(pause_request={**PAUSE, name: value})


PLACES: dict[str, Place] = {
    "evaluation": ("POST", "/v1/evaluations", _evaluation_top, lambda name: name),
    "evaluation-claim": (
        "POST",
        "/v1/evaluations",
        _evaluation_claim,
        lambda name: f"claims[0].{name}",
    ),
    "evaluation-claim-event": (
        "POST",
        "/v1/evaluations",
        _evaluation_claim_event,
        lambda name: f"claims[0].events[0].{name}",
    ),
    "evaluation-interruption": (
        "POST",
        "/v1/evaluations",
        _evaluation_interruption,
        lambda name: f"claims[0].events[0].{name}",
    ),
    "evaluation-debtor-event": (
        "POST",
        "/v1/evaluations",
        _evaluation_debtor_event,
        lambda name: f"debtor.events[0].{name}",
    ),
    "evaluation-pause-event": (
        "POST",
        "/v1/evaluations",
        _evaluation_pause_event,
        lambda name: f"debtor.events[0].{name}",
    ),
    "evaluation-ongoing-allowance": (
        "POST",
        "/v1/evaluations",
        _evaluation_ongoing_allowance,
        lambda name: f"debtor.ongoing_allowances[0].{name}",
    ),
    "evaluation-pause-request": (
        "POST",
        "/v1/evaluations",
        _evaluation_pause_request,
        lambda name: f"pause_request.{name}",
    ),
    "put-debtor": (
        "PUT",
        "/v1/debtors/{new}",
        lambda name, value: {"arrangement_request": "none", name: value},
        lambda name: name,
    ),
    "put-debtor-ongoing-allowance": (
        "PUT",
        "/v1/debtors/{new}",
        lambda name, value: {
            "ongoing_allowances": [{"allowance": "zorgtoeslag", "monthly_cents": 1, name: value}]
        },
        lambda name: f"ongoing_allowances[0].{name}",
    ),
    "put-claim": (
        "PUT",
        "/v1/debtors/{debtor}/claims/{new}",
        lambda name, value: claim_body(**{name: value}),
        lambda name: name,
    ),
    "post-claim-event": (
        "POST",
        "/v1/debtors/{debtor}/claims/C1/events",
        lambda name, value: {
            "id": unique("E"),
            "type": "aanmaning",
            "date": "2025-04-01",
            name: value,
        },
        lambda name: name,
    ),
    "post-interruption": (
        "POST",
        "/v1/debtors/{debtor}/claims/C1/events",
        lambda name, value: {
            "id": unique("E"),
            "type": "interruption",
            "date": "2025-04-01",
            "by": "collector-7",
            "reason": "Collection is realistic.",
            name: value,
        },
        lambda name: name,
    ),
    "post-debtor-event": (
        "POST",
        "/v1/debtors/{debtor}/events",
        lambda name, value: {
            "id": unique("E"),
            "type": "reminder",
            "date": "2025-04-01",
            name: value,
        },
        lambda name: name,
    ),
    "post-pause-event": (
        "POST",
        "/v1/debtors/{debtor}/events",
        lambda name, value: {
            "id": unique("E"),
            "type": "pause",
            "date": "2025-07-01",
            "months": 1,
            name: value,
        },
        lambda name: name,
    ),
    "post-pause-request": (
        "POST",
        "/v1/debtors/{debtor}/pause-requests",
        lambda name, value: {"as_of": "2025-06-01", **PAUSE, name: value},
        lambda name: name,
    ),
    "post-decision": (
        "POST",
        "/v1/debtors/{debtor}/decisions",
        lambda name, value: {"as_of": "2025-06-01", name: value},
        lambda name: name,
    ),
}

# The combinations tests/api/test_bad_input.py already has.
COVERED = {
    ("evaluation-claim", "fraud_signal"),
    ("put-debtor", "nationality"),
    ("put-claim", "risk_score"),
}


@pytest.mark.parametrize(
    ("place", "name"),
    [
        pytest.param(place, name, id=f"{place}-{name}")
        for place in PLACES
        for name in FORBIDDEN
        if (place, name) not in COVERED
    ],
)
async def test_a_forbidden_field_is_rejected_wherever_it_is_put(
    client: Client, pool: asyncpg.Pool, stored: dict[str, str], place: str, name: str
) -> None:
    method, template, build, field = PLACES[place]
    path = template.format(new=unique("new"), **stored)
    before = await row_counts(pool)
    response = await client.request(method, path, json=build(name, VALUES[name]))
    assert response.status_code != 500, response.text
    problem = assert_problem(response, 422, "validation-error", field(name))
    assert problem["errors"][0]["message"] == "unknown field"
    assert await row_counts(pool) == before, "a rejected request stored something"


async def test_a_rejected_pause_request_records_no_pause(
    client: Client, stored: dict[str, str]
) -> None:
    events = (await client.get(f"/v1/debtors/{stored['debtor']}/events")).json()
    response = await client.post(
        f"/v1/debtors/{stored['debtor']}/pause-requests",
        json={"as_of": "2025-06-01", **PAUSE, "fraud_signal": True},
    )
    assert_problem(response, 422, "validation-error", "fraud_signal")
    assert (await client.get(f"/v1/debtors/{stored['debtor']}/events")).json() == events
    assert [e["type"] for e in events["items"]] == ["arrangement_start"]


# --- policy documents: conditions of the new stages --------------------------------------------


@pytest.fixture(scope="module")
def catalogue() -> MeasureCatalogue:
    return load_catalogue(POLICY_DIR / "measures.toml")


def _position(version: str, rule_id: str) -> int:
    rules = tomllib.loads(policy_file(version).read_text(encoding="utf-8"))["rules"]
    return next(index for index, rule in enumerate(rules) if rule["id"] == rule_id)


def _edit_rule(version: str, rule_id: str, old: str, new: str) -> str:
    """The shipped document of `version` with `old` replaced (exactly once) inside one rule."""
    text = policy_file(version).read_text(encoding="utf-8")
    start = f'id = "{rule_id}"\n'
    assert text.count(start) == 1
    begin = text.index(start)
    stop = text.find("[[rules]]\n", begin)
    stop = len(text) if stop < 0 else stop
    block = text[begin:stop]
    assert block.count(old) == 1, f"{old!r} occurs {block.count(old)} times in {rule_id}"
    return text[:begin] + block.replace(old, new) + text[stop:]


def _only_problem(text: str, version: str, catalogue: MeasureCatalogue) -> PolicyProblem:
    file = f"{version}.toml"
    with pytest.raises(PolicyDocumentError) as caught:
        parse_policy(text, file, catalogue)
    problems = caught.value.problems
    assert len(problems) == 1, [str(problem) for problem in problems]
    assert problems[0].file == file
    return problems[0]


# (version, rule, text in the rule, its replacement with `{name}`, path of the field in `when`)
CONDITIONS = [
    pytest.param(
        "2025-01-01",
        "R-PAUSE-GRANTED",
        'field = "pause_reason"',
        'field = "{name}"',
        "when.all[2].field",
        id="debtor_terms-pause-granted",
    ),
    pytest.param(
        "2025-01-01",
        "R-PAUSE-TOO-SOON",
        'field = "months_to_nearest_pause"',
        'field = "{name}"',
        "when.all[3].field",
        id="debtor_terms-pause-too-soon",
    ),
    pytest.param(
        "2025-01-01",
        "R-PAUSE-TOO-LONG",
        'gt = { param = "pause_max_months" }',
        'gt = {{ field = "{name}" }}',
        "when.all[2].gt.field",
        id="debtor_terms-operand",
    ),
    pytest.param(
        "2025-01-01",
        "R-NO-INTEREST-ARRANGEMENT",
        'field = "arrangement_periods"',
        'field = "{name}"',
        "when.field",
        id="claim_terms-interest-waiver",
    ),
    pytest.param(
        "2025-01-01",
        "R-LIMITATION-INTERRUPT",
        '{ field = "monthly_payment_capacity_cents", gt = 0 }',
        '{{ field = "{name}", gt = 0 }}',
        "when.all[2].any[0].field",
        id="claim_actions-interrupt",
    ),
    pytest.param(
        "2025-01-01",
        "R-LIMITATION-COLLECTOR",
        'field = "capacity_known"',
        'field = "{name}"',
        "when.all[2].field",
        id="claim_actions-collector",
    ),
    pytest.param(
        "2023-01-01",
        "R-NO-PAUSE",
        'field = "pause_requested"',
        'field = "{name}"',
        "when.field",
        id="legacy-no-pause",
    ),
]


@pytest.mark.parametrize("name", FORBIDDEN)
@pytest.mark.parametrize(("version", "rule_id", "old", "new", "where"), CONDITIONS)
def test_a_strategy_rule_naming_a_forbidden_field_does_not_load(
    catalogue: MeasureCatalogue,
    version: str,
    rule_id: str,
    old: str,
    new: str,
    where: str,
    name: str,
) -> None:
    # The unchanged document loads: the edit alone makes it fail.
    parse_policy(policy_file(version).read_text(encoding="utf-8"), f"{version}.toml", catalogue)
    text = _edit_rule(version, rule_id, old, new.format(name=name))
    problem = _only_problem(text, version, catalogue)
    assert problem.path == f"rules[{_position(version, rule_id)}].{where}"
    assert f"'{name}'" in problem.message
    assert "whitelist" in problem.message

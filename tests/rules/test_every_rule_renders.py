"""Every rule of every version fires somewhere and explains itself in full (issue 3, item 10).

A corpus of cases — the policy cases, the worked examples, a synthetic mix and one small case for
each rule those leave out — is decided under every version. Every rule of the version must fire
at least once, and every explanation and summary must be filled in: no placeholder left, in
Dutch and in English.
"""

from __future__ import annotations

import sys
import tomllib
from typing import Any

import msgspec
import pytest

from service.config import PROJECT_ROOT
from service.decider import Decider
from service.domain.case import Case
from service.measure_examples import EXAMPLES
from service.policy.registry import PolicyRegistry
from tests.conftest import POLICY_DIR

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
from synthetic import generate_cases

ARRANGEMENT = {"type": "arrangement_start", "date": "2025-03-01"}
WITHDRAWN = [
    ARRANGEMENT,
    {"type": "instalment_missed", "date": "2025-03-15"},
    {"type": "reminder", "date": "2025-03-16"},
    {"type": "arrangement_withdrawn", "date": "2025-03-20"},
]


def _claim(ref: str = "C1", decided: str = "2025-01-13", cents: int = 120_000, **more: Any) -> Any:
    return {
        "ref": ref,
        "allowance": "huurtoeslag",
        "benefit_year": int(decided[:4]) - 1,
        "origin": "definitive",
        "decision_date": decided,
        "amount_cents": cents,
        **more,
    }


def _case(as_of: str, debtor: dict[str, Any], *claims: Any, **more: Any) -> Case:
    body = {"as_of": as_of, "debtor": {"ref": "D", **debtor}, "claims": list(claims), **more}
    return msgspec.convert(body, Case)


def _pause(start: str, months: int = 3, reason: str = "illness") -> dict[str, Any]:
    return {"pause_request": {"start": start, "months": months, "reason": reason}}


# A claim decided 29 May 2020 is due 10 July 2020 and can be collected until 10 July 2025.
NEAR_EXPIRY = "2020-05-29"

EXTRA: tuple[Case, ...] = (
    # Reminder, withdrawal, dwangbevel, and a collector instead with a maatwerk signal.
    _case("2025-06-10", {"events": [ARRANGEMENT, WITHDRAWN[1]]}, _claim()),
    _case("2025-06-20", {"events": WITHDRAWN[:3]}, _claim()),
    _case(
        "2025-06-01",
        {"events": WITHDRAWN},
        _claim(events=[{"type": "aanmaning", "date": "2025-04-01"}]),
    ),
    _case(
        "2025-06-01",
        {"events": WITHDRAWN, "signals": ["recent_life_event"]},
        _claim(events=[{"type": "aanmaning", "date": "2025-04-01"}]),
    ),
    # Limitation within the window: the means unknown, known to be nil, or a small balance.
    _case("2025-06-01", {}, _claim(decided=NEAR_EXPIRY, cents=60_000)),
    _case(
        "2025-06-01",
        {"monthly_payment_capacity_cents": 0},
        _claim(decided=NEAR_EXPIRY, cents=60_000),
    ),
    _case("2025-06-01", {}, _claim(decided=NEAR_EXPIRY, cents=20_000)),
    # The other maatwerk signals, and no capacity with a large debt.
    _case("2025-07-01", {"signals": ["income_below_subsistence"]}, _claim()),
    _case("2025-07-01", {"signals": ["offset_below_protected_income"]}, _claim()),
    _case(
        "2025-07-01",
        {"arrangement_request": "personal", "monthly_payment_capacity_cents": 0, "assets_cents": 0},
        _claim(cents=600_000),
    ),
    # A personal arrangement that pays everything: 30,000 at 1,500 a month (below the 2,000).
    _case(
        "2025-02-24",
        {
            "arrangement_request": "personal",
            "monthly_payment_capacity_cents": 1_500,
            "assets_cents": 0,
        },
        _claim(cents=30_000),
    ),
    # Every way a pause request can go.
    _case("2025-07-01", {"events": [ARRANGEMENT]}, _claim(), **_pause("2025-06-01")),
    _case("2025-07-01", {"events": [ARRANGEMENT]}, _claim(), **_pause("2025-12-01")),
    _case("2025-07-01", {}, _claim(), **_pause("2025-08-01")),
    _case("2025-07-01", {"events": [ARRANGEMENT]}, _claim(), **_pause("2025-08-01", 3, "other")),
    _case("2025-07-01", {"events": [ARRANGEMENT]}, _claim(), **_pause("2025-08-01", 4)),
    _case(
        "2025-07-01",
        {"events": [ARRANGEMENT, {"type": "pause", "date": "2025-04-01", "months": 1}]},
        _claim(),
        **_pause("2025-08-01"),
    ),
)


def _corpus() -> list[Case]:
    cases = [
        msgspec.convert(tomllib.loads(path.read_text(encoding="utf-8"))["case"], Case)
        for path in sorted((POLICY_DIR / "cases").glob("*.toml"))
    ]
    cases += [msgspec.convert(example.body, Case) for example in EXAMPLES]
    return cases + list(EXTRA) + generate_cases(300, 20251126)


@pytest.mark.parametrize("version", ["2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01"])
def test_every_rule_fires_and_every_text_is_filled_in(
    version: str, registry: PolicyRegistry, decider: Decider
) -> None:
    policy = registry.get(version)
    assert policy is not None
    fired: set[str] = set()
    for case in _corpus():
        decision = decider.decide(msgspec.structs.replace(case, policy_version=version), policy)
        texts = [decision.summary.nl, decision.summary.en]
        for entry in decision.trace:
            fired.add(entry.rule)
            texts += [entry.explanation.nl, entry.explanation.en]
        for text in texts:
            assert text.strip(), f"{version}: an empty text"
            assert "{" not in text, f"{version}: {text}"
            assert "}" not in text, f"{version}: {text}"
    assert {rule.id for rule in policy.rules} - fired == set()

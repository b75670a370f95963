"""`python -m service.measure_examples [FILE]`: the worked examples of docs/measures.md.

Each example is a real request to `POST /v1/evaluations` and the parts of the real response that
show the measure at work, decided by the shipped policies and the real engine. `make docs`
writes the file; a test fails when it no longer matches what the service decides.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from service.config import PROJECT_ROOT
from service.decider import Decider
from service.domain.case import Case
from service.domain.decision import Decision
from service.engine.durable_engine import DurableRulesEngine
from service.policy.loader import load_directory
from service.policy.registry import PolicyRegistry


@dataclass(frozen=True, slots=True)
class Example:
    measures: tuple[str, ...]
    title: str
    text: str
    body: dict[str, Any]
    show: tuple[str, ...]  # top-level fields of the decision to show
    rules: tuple[str, ...]  # trace entries to show


def _claim(ref: str, decided: str, cents: int, **more: Any) -> dict[str, Any]:
    return {
        "ref": ref,
        "allowance": more.pop("allowance", "huurtoeslag"),
        "benefit_year": int(decided[:4]) - 1,
        "origin": more.pop("origin", "definitive"),
        "decision_date": decided,
        "amount_cents": cents,
        **more,
    }


THREE_CLAIMS = [
    _claim("HT-2024", "2025-03-10", 30_000),
    _claim("ZT-2024", "2025-04-14", 90_000, allowance="zorgtoeslag"),
    _claim("KOT-2024", "2025-05-12", 240_000, allowance="kinderopvangtoeslag"),
]

EXAMPLES: tuple[Example, ...] = (
    Example(
        ("M-ONE-ARRANGEMENT",),
        "One arrangement for all allowances",
        "Three claims of three allowances form one standard arrangement over their summed "
        "balance (§4.2). The same case pinned to the legacy version 2023-01-01 gives one "
        "arrangement per claim: see the comparison below.",
        {"as_of": "2025-07-01", "debtor": {"ref": "D-ONE"}, "claims": THREE_CLAIMS},
        ("outcome", "summary", "plan"),
        ("R-STANDARD-ARRANGEMENT",),
    ),
    Example(
        (),
        "Before the strategy: one arrangement per claim (legacy version 2023-01-01)",
        "The same three claims, pinned to the legacy version: each claim gets its own standard "
        "arrangement of at least € 20 a month, so the debtor pays more a month and the "
        "arrangements end at different times.",
        {
            "as_of": "2025-07-01",
            "policy_version": "2023-01-01",
            "debtor": {"ref": "D-ONE"},
            "claims": THREE_CLAIMS,
        },
        ("outcome", "summary", "plan"),
        ("R-STANDARD-PER-CLAIM",),
    ),
    Example(
        ("M-AUTO-OFFSET",),
        "Automatic offsetting",
        "The debtor still receives € 150 a month in huurtoeslag, more than the standard "
        "monthly amount: the arrangement is collected by offsetting, and the decision says "
        "what is still paid out (§5).",
        {
            "as_of": "2025-07-01",
            "debtor": {
                "ref": "D-OFFSET",
                "ongoing_allowances": [{"allowance": "huurtoeslag", "monthly_cents": 15_000}],
            },
            "claims": [_claim("ZT-2024", "2025-04-14", 90_000, allowance="zorgtoeslag")],
        },
        ("outcome", "summary", "plan"),
        ("R-AUTO-OFFSET",),
    ),
    Example(
        ("M-SMALL-CLAIMS",),
        "Small claims are not recovered",
        "A definitive claim of exactly the 2025 threshold (€ 118) is not recovered, nor its "
        "interest (Awir 26a); one cent more would be.",
        {
            "as_of": "2025-07-01",
            "debtor": {"ref": "D-SMALL"},
            "claims": [_claim("ZT-2024", "2025-03-03", 11_800, allowance="zorgtoeslag")],
        },
        ("outcome", "summary", "claims"),
        ("R-SMALL-CLAIM", "R-NOT-RECOVERED"),
    ),
    Example(
        ("M-SUBSISTENCE",),
        "Personal arrangement on a capacity computed from income",
        "The debtor asks for a personal arrangement and gives the household's income and "
        "costs instead of a capacity: the policy computes the capacity with its living-cost "
        "norm (§4.3) and plans at that capacity for 24 months; what is left then falls under "
        "no further measures (§4.4).",
        {
            "as_of": "2025-07-01",
            "debtor": {
                "ref": "D-PERSONAL",
                "arrangement_request": "personal",
                "assets_cents": 0,
                "income": {
                    "net_income_cents": 152_000,
                    "housing_costs_cents": 11_000,
                    "care_premiums_cents": 4_000,
                    "household": "single",
                },
            },
            "claims": [_claim("KOT-2024", "2025-05-12", 240_000, allowance="kinderopvangtoeslag")],
        },
        ("outcome", "summary", "plan"),
        ("R-CAPACITY-FROM-INCOME", "R-PERSONAL-PARTIAL"),
    ),
    Example(
        ("M-NO-FURTHER-MEASURES",),
        "No further measures without capacity",
        "A capacity of 0: no instalments, no further collection measures, the debt is not "
        "remitted and one-off payments are still offset for 3 years (§4.4). A collector "
        "confirms.",
        {
            "as_of": "2025-07-01",
            "debtor": {
                "ref": "D-NOTHING",
                "arrangement_request": "personal",
                "monthly_payment_capacity_cents": 0,
                "assets_cents": 0,
            },
            "claims": [_claim("HT-2024", "2025-03-10", 180_000)],
        },
        ("outcome", "summary", "requires_review", "review_reasons"),
        ("R-NO-FURTHER-MEASURES",),
    ),
    Example(
        ("M-PAUSE",),
        "Payment pause",
        "The debtor has an arrangement since April and asks for a 3-month pause because of "
        "illness: it is granted (§9). The schedule moves past the pause, no interest accrues "
        "during it, and the limitation date moves by its length.",
        {
            "as_of": "2025-07-01",
            "debtor": {
                "ref": "D-PAUSE",
                "events": [{"type": "arrangement_start", "date": "2025-04-01"}],
            },
            "claims": [_claim("HT-2024", "2025-01-13", 120_000)],
            "pause_request": {"start": "2025-08-01", "months": 3, "reason": "illness"},
        },
        ("outcome", "pause", "claims", "plan"),
        ("R-PAUSE-GRANTED", "R-LIMITATION"),
    ),
    Example(
        ("M-NO-AUTO-INTERRUPT",),
        "No automatic interruption of limitation",
        "A claim expires in 40 days. Interruption is proposed only where collection is "
        "realistic (here: a payment capacity), for a collector to confirm (§7). The legacy "
        "version would send a written claim automatically ('interrupt_automatically').",
        {
            "as_of": "2025-06-01",
            "debtor": {"ref": "D-EXPIRING", "monthly_payment_capacity_cents": 5_000},
            "claims": [_claim("HT-2019", "2020-05-29", 60_000)],
        },
        ("claims", "requires_review", "review_reasons"),
        ("R-LIMITATION-INTERRUPT",),
    ),
    Example(
        (),
        "Before the strategy: automatic interruption (legacy version 2023-01-01)",
        "The same claim under the legacy version: a written claim is sent automatically to "
        "interrupt limitation, whatever the prospect of collection, and no collector is asked.",
        {
            "as_of": "2025-06-01",
            "policy_version": "2023-01-01",
            "debtor": {"ref": "D-EXPIRING", "monthly_payment_capacity_cents": 5_000},
            "claims": [_claim("HT-2019", "2020-05-29", 60_000)],
        },
        ("claims", "requires_review", "review_reasons"),
        ("R-LIMITATION-AUTO-INTERRUPT",),
    ),
    Example(
        ("M-INTEREST-INFO",),
        "No interest while an arrangement is kept",
        "The debtor started an arrangement on 1 May 2025: from then on no late-payment "
        "interest accrues, and the trace says how much was not charged (§6).",
        {
            "as_of": "2025-10-01",
            "debtor": {
                "ref": "D-KEPT",
                "events": [{"type": "arrangement_start", "date": "2025-05-01"}],
            },
            "claims": [_claim("HT-2024", "2025-01-13", 120_000)],
        },
        ("claims",),
        ("R-BALANCE-INTEREST", "R-NO-INTEREST-ARRANGEMENT"),
    ),
    Example(
        ("M-DECOUPLED-RATE",),
        "Interest at the rate of each day",
        "Under the 2026 version the rate is 4 % until 31 December 2025 and 4.3 % from 1 "
        "January 2026: the interest of a claim open across the change is split (§6).",
        {
            "as_of": "2026-03-01",
            "debtor": {"ref": "D-RATE"},
            "claims": [_claim("HT-2025", "2025-09-01", 100_000)],
        },
        ("claims",),
        ("R-BALANCE-INTEREST",),
    ),
    Example(
        ("M-NO-INTEREST-RESTART",),
        "No interest when paused collection restarts (Awir 29a)",
        "A claim decided before 28 February 2022, paid in full within the term of the "
        "restart letter: no interest is charged on it.",
        {
            "as_of": "2025-04-15",
            "debtor": {"ref": "D-RESTART"},
            "claims": [
                _claim(
                    "HT-2020",
                    "2021-11-15",
                    80_000,
                    events=[
                        {"type": "restart_letter", "date": "2025-03-03"},
                        {"type": "payment", "date": "2025-03-28", "amount_cents": 80_000},
                    ],
                )
            ],
        },
        ("outcome", "claims"),
        ("R-NO-INTEREST-RESTART",),
    ),
    Example(
        ("M-NO-INTEREST-HERSTEL",),
        "Recognised victims: remission, moratorium, no interest",
        "A recognised victim with a claim from 2020 and one from 2022: the first is remitted, "
        "the second is paused for a year from the first compensation payment and never "
        "carries interest (§11).",
        {
            "as_of": "2025-06-01",
            "debtor": {
                "ref": "D-HERSTEL",
                "herstel": {"recognised": True, "first_compensation_date": "2025-02-14"},
            },
            "claims": [
                _claim("KOT-2019", "2020-06-15", 500_000, allowance="kinderopvangtoeslag"),
                _claim("KOT-2021", "2022-05-16", 250_000, allowance="kinderopvangtoeslag"),
            ],
        },
        ("outcome", "summary", "claims"),
        ("R-HERSTEL-REMITTED", "R-HERSTEL-MORATORIUM", "R-NO-INTEREST-HERSTEL"),
    ),
    Example(
        ("M-MAATWERK",),
        "Maatwerk: a person instead of a machine",
        "The debtor is in debt counselling: the decision goes to a collector with the reason, "
        "the plan is still computed for the collector, and no hard step is automatic (§10).",
        {
            "as_of": "2025-07-01",
            "debtor": {"ref": "D-MAATWERK", "signals": ["debt_counselling"]},
            "claims": [_claim("HT-2024", "2025-03-10", 120_000)],
        },
        ("outcome", "requires_review", "review_reasons"),
        ("R-MAATWERK-DEBT-COUNSELLING",),
    ),
    Example(
        ("M-ARRANGEMENT-IN-ENFORCEMENT",),
        "Reminder, withdrawal, aanmaning, and an arrangement during enforcement",
        "The arrangement was withdrawn after an unanswered reminder and an aanmaning was sent "
        "(costs € 19, Kostenwet). The debtor now asks for a standard arrangement again: that "
        "is possible, the costs stay owed and are in the plan's total (§8).",
        {
            "as_of": "2025-09-01",
            "debtor": {
                "ref": "D-ENFORCED",
                "arrangement_request": "standard",
                "events": [
                    {"type": "arrangement_start", "date": "2025-03-01"},
                    {"type": "instalment_missed", "date": "2025-06-01"},
                    {"type": "reminder", "date": "2025-06-03"},
                    {"type": "arrangement_withdrawn", "date": "2025-06-20"},
                ],
            },
            "claims": [
                _claim(
                    "KOT-2024",
                    "2025-01-13",
                    240_000,
                    allowance="kinderopvangtoeslag",
                    events=[{"type": "aanmaning", "date": "2025-07-01"}],
                )
            ],
        },
        ("outcome", "claims", "next_steps"),
        ("R-BALANCE-INTEREST", "R-ARRANGEMENT-IN-ENFORCEMENT"),
    ),
    Example(
        (),
        "Aanmaning after a withdrawn arrangement (§8)",
        "The same debtor without a new request: the next step proposed is an aanmaning, with "
        "its costs and the day to pay by.",
        {
            "as_of": "2025-06-25",
            "debtor": {
                "ref": "D-AANMANING",
                "events": [
                    {"type": "arrangement_start", "date": "2025-03-01"},
                    {"type": "instalment_missed", "date": "2025-06-01"},
                    {"type": "reminder", "date": "2025-06-03"},
                    {"type": "arrangement_withdrawn", "date": "2025-06-20"},
                ],
            },
            "claims": [_claim("KOT-2024", "2025-01-13", 240_000, allowance="kinderopvangtoeslag")],
        },
        ("next_steps",),
        ("R-AANMANING",),
    ),
    Example(
        (),
        "Immediate collection (Awir 31a)",
        "The debtor is leaving the country: the whole amount is due at once, with the ground.",
        {
            "as_of": "2025-07-01",
            "debtor": {"ref": "D-LEAVING", "immediate_collection_ground": "leaving_country"},
            "claims": [_claim("HT-2024", "2025-03-10", 120_000)],
        },
        ("outcome", "summary", "plan"),
        ("R-IMMEDIATE-COLLECTION",),
    ),
)


def decide(example: Example, registry: PolicyRegistry, decider: Decider) -> Decision:
    case = msgspec.convert(example.body, Case)
    policy = registry.choose(case.as_of, case.policy_version)
    return decider.decide(case, policy)


def _excerpt(decision: Decision, example: Example) -> dict[str, Any]:
    full = msgspec.to_builtins(decision)
    shown: dict[str, Any] = {"policy_version": full["policy_version"]}
    for name in example.show:
        value = full[name]
        if name == "plan" and value is not None and len(value["schedule"]) > 4:
            # The whole schedule is in the response; three instalments and the last show it.
            value = {**value, "schedule": [*value["schedule"][:3], "...", value["schedule"][-1]]}
            value["arrangements"] = [
                {**part, "schedule": f"({len(part['schedule'])} instalments)"}
                for part in value["arrangements"]
            ]
        shown[name] = value
    shown["trace"] = [entry for entry in full["trace"] if entry["rule"] in example.rules]
    return shown


def _json(value: Any) -> str:
    return msgspec.json.format(msgspec.json.encode(value), indent=2).decode()


def render(registry: PolicyRegistry, decider: Decider) -> str:
    lines = [
        "# The measures at work: worked examples",
        "",
        "Generated by `make docs` (`python -m service.measure_examples`) from the shipped "
        "policies and the real engine; a test fails when this file no longer matches what the "
        "service decides. Each example is a request to `POST /v1/evaluations` and an excerpt of "
        "its response: the fields named, and the trace entries of the rules that encode the "
        "measure. `GET /v1/measures?version=2025-01-01` lists which measures each version "
        "encodes; M-SIMPLE-PAYMENT and M-LONGER-TERM are catalogued but not encoded.",
        "",
    ]
    for example in EXAMPLES:
        decision = decide(example, registry, decider)
        heading = example.title
        if example.measures:
            heading += f" — {', '.join(example.measures)}"
        lines += [
            f"## {heading}",
            "",
            example.text,
            "",
            "```http",
            "POST /v1/evaluations",
            "content-type: application/json",
            "",
            _json(example.body),
            "```",
            "",
            "Response (200), excerpt:",
            "",
            "```json",
            _json(_excerpt(decision, example)),
            "```",
            "",
        ]
    return "\n".join(lines)


EVALUATION = {
    "as_of": "2025-04-12",
    "debtor": {"ref": "D-1001", "arrangement_request": "standard"},
    "claims": [
        _claim("HT-2024", "2025-01-10", 30_000),
        _claim("ZT-2024", "2025-02-03", 9_000, allowance="zorgtoeslag"),
    ],
}
EVALUATION_START = "<!-- evaluation:start (make docs) -->"
EVALUATION_END = "<!-- evaluation:end -->"


def render_evaluation(registry: PolicyRegistry, decider: Decider) -> str:
    """The README's first example: a request and its whole response (long lists shortened)."""
    case = msgspec.convert(EVALUATION, Case)
    decision = decider.decide(case, registry.choose(case.as_of, None))
    full = msgspec.to_builtins(decision)
    schedule = full["plan"]["schedule"]
    full["plan"]["schedule"] = [
        *schedule[:2],
        f"... {len(schedule) - 3} more, monthly ...",
        schedule[-1],
    ]
    return "\n".join(
        [
            EVALUATION_START,
            "",
            "```sh",
            "curl -s -X POST localhost:8000/v1/evaluations -H 'content-type: application/json' \\",
            f"  -d '{_line(EVALUATION)}'",
            "```",
            "",
            "```json",
            _json(full),
            "```",
            "",
            EVALUATION_END,
        ]
    )


README_START = "<!-- measures:start (make docs) -->"
README_END = "<!-- measures:end -->"

_CLAIM_FIELDS = (
    "ref",
    "status",
    "limitation_date",
    "within_limitation_window",
    "limitation_proposal",
    "open_cents",
    "interest_cents",
    "interest_waived_cents",
    "costs_cents",
    "restart_date",
)
_PLAN_FIELDS = ("kind", "method", "monthly_cents", "instalments", "first_due_date", "total_cents")


def _compact(decision: Decision, example: Example) -> dict[str, Any]:
    """The few fields that show the measure, for the README (docs/measures.md has more)."""
    full = msgspec.to_builtins(decision)
    shown: dict[str, Any] = {"policy_version": full["policy_version"]}
    for name in example.show:
        value = full[name]
        if name == "summary":
            value = value["en"]
        elif name == "claims":
            value = [{key: claim[key] for key in _CLAIM_FIELDS} for claim in value]
        elif name == "plan" and value is not None:
            value = {key: value[key] for key in _PLAN_FIELDS}
        shown[name] = value
    shown["trace"] = {
        entry["rule"]: entry["explanation"]["en"]
        for entry in full["trace"]
        if entry["rule"] in example.rules
    }
    return shown


def _line(value: Any) -> str:
    return msgspec.json.encode(value).decode()


def render_readme_section(registry: PolicyRegistry, decider: Decider) -> str:
    """One short worked example per measure, between the README's markers."""
    lines = [README_START, ""]
    for example in EXAMPLES:
        decision = decide(example, registry, decider)
        heading = example.title
        if example.measures:
            heading += f" — {', '.join(example.measures)}"
        lines += [
            f"#### {heading}",
            "",
            example.text,
            "",
            "```sh",
            "curl -s -X POST localhost:8000/v1/evaluations -H 'content-type: application/json' \\",
            f"  -d '{_line(example.body)}'",
            "```",
            "",
            "```json",
            _json(_compact(decision, example)),
            "```",
            "",
        ]
    lines.append(README_END)
    return "\n".join(lines)


def with_section(readme: str, section: str, start_marker: str, end_marker: str) -> str:
    start, end = readme.index(start_marker), readme.index(end_marker) + len(end_marker)
    return readme[:start] + section + readme[end:]


def readme_with_examples(readme: str, registry: PolicyRegistry, decider: Decider) -> str:
    readme = with_section(
        readme, render_evaluation(registry, decider), EVALUATION_START, EVALUATION_END
    )
    return with_section(readme, render_readme_section(registry, decider), README_START, README_END)


def build() -> tuple[PolicyRegistry, Decider]:
    policies, catalogue = load_directory(PROJECT_ROOT / "policies")
    registry = PolicyRegistry(policies, catalogue)
    decider = Decider(DurableRulesEngine())
    for policy in policies:
        decider.prepare(policy)
    return registry, decider


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT / "docs" / "measures.md"
    registry, decider = build()
    target.write_text(render(registry, decider), encoding="utf-8")
    readme = PROJECT_ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(readme_with_examples(text, registry, decider), encoding="utf-8")
    print(f"wrote {target} and the examples in {readme}")


if __name__ == "__main__":
    main()

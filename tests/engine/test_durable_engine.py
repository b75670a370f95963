"""The durable-rules adapter against the real engine."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from service.domain.case import MAATWERK_SIGNALS
from service.engine import EngineFailure
from service.engine.durable_engine import DurableRulesEngine, compile_condition
from service.policy.conditions import AllOf, AnyOf, Comparison, FieldRef, OneOf, ParamRef, Value
from service.policy.registry import PolicyRegistry
from tests.broken_engine import FactsWithoutIds


def _claim_fact(fact_id: str, **values: object) -> dict[str, object]:
    fact: dict[str, object] = {
        "id": fact_id,
        "as_of": date(2025, 6, 1),
        "allowance": "zorgtoeslag",
        "benefit_year": 2024,
        "origin": "definitive",
        "decision_date": date(2025, 1, 10),
        "amount_cents": 50_000,
        "event_count": 0,
        "restart_letter_count": 0,
        "arrangement_periods": 0,
        "pause_count": 0,
        "herstel_recognised": False,
        "arose_before_first_compensation": False,
        "due_date": date(2025, 2, 21),
        "limitation_date": date(2030, 2, 21),
        "open_cents": 50_000,
        "interest_cents": 0,
        "costs_cents": 0,
        "paid_cents": 0,
        "interruption_count": 0,
        "_param_small_claim_threshold_cents_at_decision_date": 11_800,
    }
    fact.update(values)
    return fact


def test_conditions_decide_which_rules_match_which_fact(registry: PolicyRegistry) -> None:
    policy = registry.get("2025-01-01")
    assert policy is not None
    engine = DurableRulesEngine()
    facts = [
        _claim_fact("small", amount_cents=11_800),
        _claim_fact("above", amount_cents=11_801),
        _claim_fact("advance", origin="advance", amount_cents=1),
        _claim_fact("expired", limitation_date=date(2025, 5, 31)),
        _claim_fact("settled", open_cents=0),
        # Principal and interest paid, but the costs of an aanmaning still open: not settled.
        _claim_fact("costs-open", open_cents=0, costs_cents=900),
    ]
    matched = set(engine.match(policy, "claim_status", facts))
    assert matched == {
        ("R-SMALL-CLAIM", "small"),
        ("R-ABOVE-THRESHOLD", "above"),
        ("R-ADVANCE-ALWAYS", "advance"),
        ("R-ABOVE-THRESHOLD", "expired"),
        ("R-EXPIRED", "expired"),
        ("R-ABOVE-THRESHOLD", "settled"),
        ("R-SETTLED", "settled"),
        ("R-ABOVE-THRESHOLD", "costs-open"),
    }


def test_unconditional_rules_fire_for_every_fact_of_their_stage(registry: PolicyRegistry) -> None:
    policy = registry.get("2025-01-01")
    assert policy is not None
    facts = [_claim_fact("a"), _claim_fact("b")]
    matched = DurableRulesEngine().match(policy, "claim_terms", facts)
    expected = {
        (rule, fact)
        for rule in ("R-DUE-DATE", "R-LIMITATION", "R-BALANCE-INTEREST")
        for fact in ("a", "b")
    }
    assert set(matched) == expected


def test_a_fact_no_rule_matches_does_not_raise(registry: PolicyRegistry) -> None:
    policy = registry.get("2025-01-01")
    assert policy is not None
    # A debtor with nothing to decide on matches no plan rule: the catch-all keeps the engine
    # from raising MessageNotHandledException, and nothing fires.
    debtor = {
        "id": "debtor",
        "as_of": date(2025, 6, 1),
        "arrangement_request": "personal",
        "capacity_known": True,
        "monthly_payment_capacity_cents": 0,
        "assets_known": True,
        "assets_cents": 0,
        "ongoing_allowances_cents": 0,
        "claim_count": 1,
        "recoverable_count": 1,
        "paused_count": 0,
        **{f"signal_{name}": False for name in MAATWERK_SIGNALS},
        "immediate_collection_ground": "none",
        "expired_count": 0,
        "collectible_count": -1,  # impossible on purpose: no rule's condition holds
        "collectible_total_cents": 0,
        "standard_monthly_cents": 0,
        "capacity_term_total_cents": 0,
    }
    assert DurableRulesEngine().match(policy, "debtor_plan", [debtor]) == []


def test_sessions_are_deleted_after_every_call(registry: PolicyRegistry) -> None:
    policy = registry.get("2025-01-01")
    assert policy is not None
    engine = DurableRulesEngine()
    # durable-rules holds at most 1024 live sessions per ruleset; the 1025th raises MemoryError.
    # Every call uses a new session id, so this only passes if each one is deleted.
    for _ in range(1_100):
        assert engine.match(policy, "claim_status", [_claim_fact("c0")]) == [
            ("R-ABOVE-THRESHOLD", "c0")
        ]


def test_an_error_while_matching_fails_the_call(registry: PolicyRegistry) -> None:
    policy = registry.get("2025-01-01")
    assert policy is not None
    with pytest.raises(EngineFailure, match="KeyError"):
        FactsWithoutIds().match(policy, "claim_status", [_claim_fact("c0")])
    # The failed session was deleted; the engine keeps working.
    assert DurableRulesEngine().match(policy, "claim_status", [_claim_fact("c1")]) == [
        ("R-ABOVE-THRESHOLD", "c1")
    ]


def test_the_background_dispatcher_is_not_started(registry: PolicyRegistry) -> None:
    engine = DurableRulesEngine()
    policy = registry.get("2026-01-01")
    assert policy is not None
    engine.prepare(policy)
    engine.match(policy, "claim_status", [_claim_fact("c0")])
    # durable's Host starts threading.Timer loops that run actions in the background; the
    # adapter drives the C core without a Host.
    timers = [thread for thread in threading.enumerate() if isinstance(thread, threading.Timer)]
    assert timers == []


def test_every_engine_handle_shares_the_one_registry(registry: PolicyRegistry) -> None:
    # The C core keeps rulesets per process; a name registered twice corrupts its memory.
    first, second = DurableRulesEngine(), DurableRulesEngine()
    assert first._registry is second._registry


def test_preparing_a_policy_twice_registers_its_rulesets_once(registry: PolicyRegistry) -> None:
    policy = registry.get("2024-01-01")
    assert policy is not None
    engine = DurableRulesEngine()
    engine.prepare(policy)
    # durable refuses a second registration of a ruleset name; prepare must be idempotent.
    engine.prepare(policy)
    assert engine.match(policy, "claim_status", [_claim_fact("c0")]) == [
        ("R-ABOVE-THRESHOLD", "c0")
    ]


def test_compiled_conditions_use_durable_operators_and_day_ordinals(
    registry: PolicyRegistry,
) -> None:
    policy = registry.get("2025-01-01")
    assert policy is not None
    condition = AllOf(
        (
            Comparison("origin", "eq", Value("definitive")),
            Comparison("decision_date", "gte", Value(date(2022, 3, 1))),
            AnyOf(
                (
                    Comparison("amount_cents", "gt", ParamRef("standard_min_monthly_cents")),
                    Comparison("limitation_date", "lt", FieldRef("as_of")),
                )
            ),
            Comparison(
                "amount_cents",
                "lte",
                ParamRef("small_claim_threshold_cents", "decision_date"),
            ),
            OneOf("allowance", ("zorgtoeslag", "huurtoeslag")),
            Comparison("origin", "ne", Value("advance")),
        )
    )
    assert compile_condition(condition, policy) == {
        "$and": [
            {"origin": "definitive"},
            {"$gte": {"decision_date": date(2022, 3, 1).toordinal()}},
            {
                "$or": [
                    {"$gt": {"amount_cents": 2000}},
                    {"$lt": {"limitation_date": {"$m": "as_of"}}},
                ]
            },
            {
                "$lte": {
                    "amount_cents": {"$m": "_param_small_claim_threshold_cents_at_decision_date"}
                }
            },
            {"$or": [{"allowance": "zorgtoeslag"}, {"allowance": "huurtoeslag"}]},
            {"$neq": {"origin": "advance"}},
        ]
    }

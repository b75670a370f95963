"""The condition language: ConditionParser, describe, walk and dated_parameters."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from service.policy.conditions import (
    AllOf,
    AnyOf,
    Comparison,
    ConditionError,
    ConditionParser,
    FieldRef,
    OneOf,
    ParameterShape,
    ParamRef,
    Value,
    dated_parameter_field,
    dated_parameters,
    describe,
    walk,
)
from service.policy.fields import FIELDS, FieldSpec, field_for, fields_of
from service.policy.registry import PolicyRegistry

SHAPES = {
    "small_claim_threshold_cents": ParameterShape("int", dated=True),
    "interest_rate_basis_points": ParameterShape("int", dated=True),
    "personal_asset_limit_cents": ParameterShape("int", dated=False),
    "interest_during_arrangement": ParameterShape("bool", dated=False),
    "limitation_interrupting_events": ParameterShape("list", dated=False),
}


def parser(stage: str = "claim_status") -> ConditionParser:
    return ConditionParser(stage, SHAPES)


def error_of(raw: object, stage: str = "claim_status") -> ConditionError:
    with pytest.raises(ConditionError) as caught:
        parser(stage).parse(raw, "when")
    return caught.value


# --- parsing -----------------------------------------------------------------------------------


def test_comparison_with_a_literal() -> None:
    assert parser().parse({"field": "amount_cents", "gt": 100}, "when") == Comparison(
        "amount_cents", "gt", Value(100)
    )


def test_comparison_with_another_field() -> None:
    parsed = parser().parse({"field": "limitation_date", "lt": {"field": "as_of"}}, "when")
    assert parsed == Comparison("limitation_date", "lt", FieldRef("as_of"))


def test_comparison_with_a_scalar_parameter() -> None:
    raw = {"field": "assets_cents", "gt": {"param": "personal_asset_limit_cents"}}
    parsed = parser("debtor_plan").parse(raw, "when")
    assert parsed == Comparison("assets_cents", "gt", ParamRef("personal_asset_limit_cents"))


def test_comparison_with_a_dated_parameter_read_at_a_date_field() -> None:
    raw = {
        "field": "amount_cents",
        "lte": {"param": "small_claim_threshold_cents", "at": "decision_date"},
    }
    assert parser().parse(raw, "when") == Comparison(
        "amount_cents", "lte", ParamRef("small_claim_threshold_cents", "decision_date")
    )


def test_bool_field_against_a_flag_parameter() -> None:
    raw = {"field": "capacity_known", "eq": {"param": "interest_during_arrangement"}}
    assert parser("debtor_plan").parse(raw, "when") == Comparison(
        "capacity_known", "eq", ParamRef("interest_during_arrangement")
    )


def test_in_with_enum_values() -> None:
    raw = {"field": "allowance", "in": ["huurtoeslag", "zorgtoeslag"]}
    assert parser().parse(raw, "when") == OneOf("allowance", ("huurtoeslag", "zorgtoeslag"))


def test_date_literal() -> None:
    raw = {"field": "decision_date", "lte": date(2022, 2, 28)}
    assert parser().parse(raw, "when") == Comparison(
        "decision_date", "lte", Value(date(2022, 2, 28))
    )


def test_all_and_any_nest() -> None:
    raw = {
        "all": [
            {"field": "origin", "eq": "definitive"},
            {"any": [{"field": "amount_cents", "gt": 0}, {"field": "event_count", "eq": 0}]},
        ]
    }
    assert parser().parse(raw, "when") == AllOf(
        (
            Comparison("origin", "eq", Value("definitive")),
            AnyOf(
                (
                    Comparison("amount_cents", "gt", Value(0)),
                    Comparison("event_count", "eq", Value(0)),
                )
            ),
        )
    )


def test_a_custom_field_lookup_decides_the_whitelist() -> None:
    spec = FieldSpec("score", "int", frozenset({"claim_status"}), "test only")
    lookup_parser = ConditionParser(
        "claim_status", {}, lambda name, stage: spec if name == "score" else None
    )
    assert lookup_parser.parse({"field": "score", "eq": 1}, "when") == Comparison(
        "score", "eq", Value(1)
    )
    with pytest.raises(ConditionError):
        lookup_parser.parse({"field": "amount_cents", "eq": 1}, "when")


# --- errors and their paths --------------------------------------------------------------------


def test_closed_inputs_unknown_field_is_rejected_with_the_whitelist_message() -> None:
    error = error_of({"field": "nationality", "eq": "NL"})
    assert error.path == "when.field"
    assert "unknown field 'nationality'" in error.message
    assert "whitelisted" in error.message


def test_closed_inputs_whitelist_has_no_protected_or_risk_fields() -> None:
    names = {spec.name for spec in FIELDS}
    for forbidden in ("nationality", "ethnicity", "country_of_birth", "fsv", "risk_score"):
        assert not any(forbidden in name for name in names), forbidden


def test_field_of_another_stage_is_unknown_in_this_stage() -> None:
    assert field_for("due_date", "claim_status") is not None
    assert field_for("due_date", "claim_terms") is None
    assert "due_date" not in {spec.name for spec in fields_of("claim_terms")}
    error = error_of({"field": "due_date", "eq": date(2025, 1, 1)}, stage="claim_terms")
    assert error.path == "when.field"


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        pytest.param(["origin"], "when", id="not-a-table"),
        pytest.param({"eq": 1}, "when", id="no-field"),
        pytest.param({"field": 3, "eq": 1}, "when.field", id="field-not-a-string"),
        pytest.param({"field": "amount_cents"}, "when", id="no-operator"),
        pytest.param({"field": "amount_cents", "gt": 1, "lt": 9}, "when", id="two-operators"),
        pytest.param({"field": "amount_cents", "between": 1}, "when.between", id="unknown-op"),
        pytest.param({"all": []}, "when.all", id="empty-all"),
        pytest.param({"any": {"field": "amount_cents"}}, "when.any", id="any-not-a-list"),
        pytest.param(
            {"all": [{"field": "amount_cents", "gt": 0}], "field": "origin"},
            "when",
            id="all-not-alone",
        ),
        pytest.param({"field": "origin", "in": []}, "when.in", id="empty-in"),
        pytest.param(
            {"field": "origin", "in": ["advance", "final"]}, "when.in[1]", id="enum-in-list"
        ),
        pytest.param({"field": "amount_cents", "eq": "100"}, "when.eq", id="str-for-int"),
        pytest.param({"field": "amount_cents", "eq": True}, "when.eq", id="bool-for-int"),
        pytest.param({"field": "decision_date", "eq": "2025-01-01"}, "when.eq", id="str-date"),
        pytest.param({"field": "origin", "eq": "final"}, "when.eq", id="enum-value"),
        pytest.param({"field": "origin", "lt": "advance"}, "when.lt", id="order-enum"),
        pytest.param({"field": "origin", "gte": "advance"}, "when.gte", id="order-enum-gte"),
        pytest.param(
            {"field": "amount_cents", "eq": {"field": "origin"}}, "when.eq", id="field-types"
        ),
        pytest.param({"field": "amount_cents", "eq": {"value": 1}}, "when.eq", id="operand-table"),
        pytest.param(
            {"field": "amount_cents", "eq": {"param": "nope"}}, "when.eq.param", id="param"
        ),
        pytest.param(
            {"field": "amount_cents", "eq": {"param": "small_claim_threshold_cents"}},
            "when.eq",
            id="dated-without-at",
        ),
        pytest.param(
            {
                "field": "amount_cents",
                "eq": {"param": "small_claim_threshold_cents", "at": "amount_cents"},
            },
            "when.eq.at",
            id="at-not-a-date",
        ),
        pytest.param(
            {
                "field": "amount_cents",
                "eq": {"param": "small_claim_threshold_cents", "at": "birth_date"},
            },
            "when.eq.at",
            id="at-unknown-field",
        ),
        pytest.param(
            {"field": "amount_cents", "eq": {"param": "limitation_interrupting_events"}},
            "when.eq",
            id="list-param",
        ),
        pytest.param(
            {
                "field": "decision_date",
                "eq": {"param": "small_claim_threshold_cents", "at": "decision_date"},
            },
            "when.eq",
            id="param-with-date-field",
        ),
        pytest.param(
            {"all": [{"field": "origin", "eq": "advance"}, {"field": "risk_score", "eq": 1}]},
            "when.all[1].field",
            id="nested",
        ),
    ],
)
def test_condition_errors_name_their_path(raw: object, path: str) -> None:
    assert error_of(raw).path == path


@pytest.mark.parametrize("op", ["eq", "in"])
def test_datetime_is_not_a_date_literal(op: str) -> None:
    moment = datetime(2025, 1, 1, 0, 0)
    raw = {"field": "decision_date", op: [moment] if op == "in" else moment}
    error = error_of(raw)
    assert error.path == ("when.in[0]" if op == "in" else "when.eq")


def test_at_on_a_scalar_parameter_is_rejected() -> None:
    raw = {"field": "assets_cents", "gt": {"param": "personal_asset_limit_cents", "at": "as_of"}}
    error = error_of(raw, stage="debtor_plan")
    assert error.path == "when.gt.at"
    assert "not a dated series" in error.message


def test_ordering_on_a_bool_field_is_rejected() -> None:
    error = error_of({"field": "capacity_known", "gt": False}, stage="debtor_plan")
    assert error.path == "when.gt"


def test_condition_error_is_a_value_error_carrying_path_and_message() -> None:
    error = ConditionError("when.field", "unknown field")
    assert isinstance(error, ValueError)
    assert (error.path, error.message, str(error)) == (
        "when.field",
        "unknown field",
        "unknown field",
    )


# --- describe ----------------------------------------------------------------------------------


def test_describe_without_a_condition_is_always() -> None:
    assert describe(None) == "always"


@pytest.mark.parametrize(
    ("op", "symbol"),
    [("eq", "=="), ("ne", "!="), ("lt", "<"), ("lte", "<="), ("gt", ">"), ("gte", ">=")],
)
def test_describe_renders_each_operator(op: str, symbol: str) -> None:
    parsed = parser().parse({"field": "amount_cents", op: 11600}, "when")
    assert describe(parsed) == f"amount_cents {symbol} 11600"


def test_describe_renders_literals_operands_and_lists() -> None:
    assert describe(Comparison("origin", "eq", Value("advance"))) == "origin == 'advance'"
    assert describe(Comparison("capacity_known", "eq", Value(True))) == "capacity_known == true"
    assert describe(Comparison("assets_known", "ne", Value(False))) == "assets_known != false"
    assert (
        describe(Comparison("decision_date", "lte", Value(date(2022, 2, 28))))
        == "decision_date <= 2022-02-28"
    )
    assert describe(Comparison("limitation_date", "lt", FieldRef("as_of"))) == (
        "limitation_date < as_of"
    )
    assert describe(Comparison("assets_cents", "gt", ParamRef("personal_asset_limit_cents"))) == (
        "assets_cents > param personal_asset_limit_cents"
    )
    assert describe(
        Comparison("amount_cents", "lte", ParamRef("small_claim_threshold_cents", "decision_date"))
    ) == ("amount_cents <= param small_claim_threshold_cents at decision_date")
    assert describe(OneOf("allowance", ("huurtoeslag", "zorgtoeslag"))) == (
        "allowance in ['huurtoeslag', 'zorgtoeslag']"
    )
    assert describe(OneOf("benefit_year", (2023, 2024))) == "benefit_year in [2023, 2024]"


def test_describe_brackets_nested_groups_only() -> None:
    condition = AllOf(
        (
            Comparison("collectible_count", "gt", Value(0)),
            AnyOf(
                (
                    Comparison("arrangement_request", "eq", Value("standard")),
                    AllOf(
                        (
                            Comparison("arrangement_request", "eq", Value("none")),
                            Comparison(
                                "ongoing_allowances_cents",
                                "lte",
                                FieldRef("standard_monthly_cents"),
                            ),
                        )
                    ),
                )
            ),
        )
    )
    assert describe(condition) == (
        "collectible_count > 0 and (arrangement_request == 'standard' or "
        "(arrangement_request == 'none' and ongoing_allowances_cents <= standard_monthly_cents))"
    )


def test_describe_renders_every_shipped_rule_on_one_line(registry: PolicyRegistry) -> None:
    for policy in registry.policies:
        for rule in policy.rules:
            text = describe(rule.when)
            assert text
            assert "\n" not in text


def test_describe_of_the_shipped_small_claim_rule(registry: PolicyRegistry) -> None:
    rule = next(r for r in registry.in_force(date(2025, 6, 1)).rules if r.id == "R-SMALL-CLAIM")
    assert describe(rule.when) == (
        "origin == 'definitive' and "
        "amount_cents <= param small_claim_threshold_cents at decision_date"
    )


# --- walk and dated_parameters -----------------------------------------------------------------


def test_walk_lists_the_comparisons_depth_first() -> None:
    first = Comparison("origin", "eq", Value("definitive"))
    second = Comparison("amount_cents", "gt", Value(0))
    third = OneOf("allowance", ("zorgtoeslag",))
    fourth = Comparison("event_count", "eq", Value(0))
    condition = AllOf((first, AnyOf((second, AllOf((third,)))), fourth))
    assert walk(condition) == [first, second, third, fourth]


def test_walk_of_a_single_comparison_is_itself() -> None:
    leaf = Comparison("origin", "eq", Value("advance"))
    assert walk(leaf) == [leaf]


def test_dated_parameters_are_the_param_and_date_pairs() -> None:
    condition = AllOf(
        (
            Comparison("amount_cents", "lte", ParamRef("small_claim_threshold_cents", "due_date")),
            AnyOf(
                (
                    Comparison(
                        "amount_cents", "gt", ParamRef("small_claim_threshold_cents", "due_date")
                    ),
                    Comparison("open_cents", "gt", ParamRef("interest_rate_basis_points", "as_of")),
                )
            ),
            Comparison("open_cents", "gt", ParamRef("personal_asset_limit_cents")),
            Comparison("limitation_date", "lt", FieldRef("as_of")),
            OneOf("origin", ("advance",)),
        )
    )
    assert dated_parameters(condition) == {
        ("small_claim_threshold_cents", "due_date"),
        ("interest_rate_basis_points", "as_of"),
    }


def test_no_dated_parameters_without_dated_operands() -> None:
    condition = AllOf(
        (
            Comparison("assets_cents", "gt", ParamRef("personal_asset_limit_cents")),
            Comparison("limitation_date", "lt", FieldRef("as_of")),
        )
    )
    assert dated_parameters(condition) == set()


def test_dated_parameter_field_name() -> None:
    assert (
        dated_parameter_field("small_claim_threshold_cents", "decision_date")
        == "_param_small_claim_threshold_cents_at_decision_date"
    )


def test_shipped_threshold_rules_read_the_threshold_at_the_decision_date(
    registry: PolicyRegistry,
) -> None:
    for policy in registry.policies:
        by_id = {rule.id: rule for rule in policy.rules}
        for rule_id in ("R-SMALL-CLAIM", "R-ABOVE-THRESHOLD"):
            when = by_id[rule_id].when
            assert when is not None
            assert dated_parameters(when) == {("small_claim_threshold_cents", "decision_date")}

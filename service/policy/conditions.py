"""Rule conditions: a small declarative language over whitelisted fields and parameters.

    condition := {all = [condition, ...]} | {any = [condition, ...]} | comparison
    comparison := {field = NAME, <op> = operand}      op: eq ne lt lte gt gte
                | {field = NAME, in = [literal, ...]}
    operand   := literal | {field = NAME} | {param = NAME} | {param = NAME, at = DATE_FIELD}

Nothing is ever evaluated as code. Conditions are parsed into the values below, type-checked
against the field whitelist, and compiled by the engine adapter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from service.policy.fields import FieldSpec, field_for

LiteralValue = int | bool | str | date
Op = Literal["eq", "ne", "lt", "lte", "gt", "gte"]
COMPARISON_OPS: tuple[str, ...] = ("eq", "ne", "lt", "lte", "gt", "gte")
ORDERING_OPS = frozenset({"lt", "lte", "gt", "gte"})


@dataclass(frozen=True, slots=True)
class Value:
    value: LiteralValue


@dataclass(frozen=True, slots=True)
class FieldRef:
    name: str


@dataclass(frozen=True, slots=True)
class ParamRef:
    name: str
    at: str | None = None  # the date field a dated series is read at


Operand = Value | FieldRef | ParamRef


@dataclass(frozen=True, slots=True)
class Comparison:
    field: str
    op: Op
    operand: Operand


@dataclass(frozen=True, slots=True)
class OneOf:
    field: str
    values: tuple[LiteralValue, ...]


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Condition, ...]


Condition = Comparison | OneOf | AllOf | AnyOf


class ConditionError(ValueError):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


@dataclass(frozen=True, slots=True)
class ParameterShape:
    """What the condition parser needs to know of a parameter."""

    type: Literal["int", "bool", "list"]
    dated: bool


def _literal_type(value: object) -> str:
    # bool before int (True is an int) and datetime before date (a datetime is a date).
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, date):
        return "date"
    if isinstance(value, str):
        return "str"
    return type(value).__name__


def _check_literal(spec: FieldSpec, value: object, path: str) -> LiteralValue:
    kind = _literal_type(value)
    if spec.type == "enum":
        if kind != "str" or value not in spec.values:
            raise ConditionError(
                path, f"field '{spec.name}' takes one of {list(spec.values)}, not {value!r}"
            )
    elif spec.type != kind:
        raise ConditionError(
            path, f"field '{spec.name}' is of type {spec.type}; {value!r} is {kind}"
        )
    assert isinstance(value, (int, bool, str, date))
    return value


class ConditionParser:
    def __init__(
        self,
        stage: str,
        parameters: dict[str, ParameterShape],
        field_lookup: Callable[[str, str], FieldSpec | None] = field_for,
    ) -> None:
        self.stage = stage
        self.parameters = parameters
        self.field_lookup = field_lookup

    def parse(self, raw: object, path: str) -> Condition:
        if not isinstance(raw, dict):
            raise ConditionError(path, "a condition is a table")
        if "all" in raw or "any" in raw:
            if len(raw) != 1:
                raise ConditionError(path, "'all'/'any' stands alone in its table")
            key = "all" if "all" in raw else "any"
            items = raw[key]
            if not isinstance(items, list) or not items:
                raise ConditionError(f"{path}.{key}", "is a non-empty list of conditions")
            parsed = tuple(self.parse(item, f"{path}.{key}[{i}]") for i, item in enumerate(items))
            return AllOf(parsed) if key == "all" else AnyOf(parsed)
        return self._comparison(raw, path)

    def _field(self, name: object, path: str) -> FieldSpec:
        if not isinstance(name, str):
            raise ConditionError(path, "a field name is a string")
        spec = self.field_lookup(name, self.stage)
        if spec is None:
            raise ConditionError(
                path,
                f"unknown field '{name}' for stage {self.stage}: "
                "rules may only use the whitelisted fields",
            )
        return spec

    def _comparison(self, raw: dict[str, Any], path: str) -> Condition:
        if "field" not in raw:
            raise ConditionError(path, "a comparison names a 'field'")
        spec = self._field(raw["field"], f"{path}.field")
        ops = [key for key in raw if key != "field"]
        if len(ops) != 1:
            raise ConditionError(
                path, f"a comparison has exactly one operator of {[*COMPARISON_OPS, 'in']}"
            )
        op = ops[0]
        where = f"{path}.{op}"
        if op == "in":
            values = raw["in"]
            if not isinstance(values, list) or not values:
                raise ConditionError(where, "'in' takes a non-empty list of values")
            return OneOf(
                spec.name,
                tuple(_check_literal(spec, v, f"{where}[{i}]") for i, v in enumerate(values)),
            )
        if op not in COMPARISON_OPS:
            raise ConditionError(where, f"unknown operator '{op}'")
        if op in ORDERING_OPS and spec.type not in ("int", "date"):
            raise ConditionError(where, f"'{op}' needs a number or a date; '{spec.name}' is not")
        operand = self._operand(spec, raw[op], where)
        return Comparison(spec.name, op, operand)  # type: ignore[arg-type]

    def _operand(self, spec: FieldSpec, raw: object, path: str) -> Operand:
        if isinstance(raw, dict):
            if set(raw) == {"field"}:
                other = self._field(raw["field"], f"{path}.field")
                if other.type != spec.type or other.values != spec.values:
                    raise ConditionError(
                        path, f"cannot compare '{spec.name}' with '{other.name}': types differ"
                    )
                return FieldRef(other.name)
            if "param" in raw and set(raw) <= {"param", "at"}:
                return self._param(spec, raw, path)
            raise ConditionError(path, "an operand is a value, {field = ...} or {param = ...}")
        return Value(_check_literal(spec, raw, path))

    def _param(self, spec: FieldSpec, raw: dict[str, Any], path: str) -> ParamRef:
        name = raw["param"]
        shape = self.parameters.get(name) if isinstance(name, str) else None
        if shape is None:
            raise ConditionError(f"{path}.param", f"unknown parameter {name!r}")
        expected = "bool" if spec.type == "bool" else "int"
        if spec.type not in ("int", "bool") or shape.type != expected:
            raise ConditionError(
                path, f"parameter '{name}' ({shape.type}) cannot be compared with '{spec.name}'"
            )
        at = raw.get("at")
        if shape.dated:
            if at is None:
                raise ConditionError(
                    path, f"parameter '{name}' is a dated series: say which date with 'at'"
                )
            at_spec = self._field(at, f"{path}.at")
            if at_spec.type != "date":
                raise ConditionError(f"{path}.at", f"'{at}' is not a date field")
            return ParamRef(name, at_spec.name)
        if at is not None:
            raise ConditionError(f"{path}.at", f"parameter '{name}' is not a dated series")
        return ParamRef(name)


def walk(condition: Condition) -> list[Comparison | OneOf]:
    """All comparisons of a condition, depth first."""
    if isinstance(condition, (AllOf, AnyOf)):
        return [leaf for item in condition.items for leaf in walk(item)]
    return [condition]


def dated_parameters(condition: Condition) -> set[tuple[str, str]]:
    """The (parameter, date field) pairs a fact must carry for this condition."""
    return {
        (leaf.operand.name, leaf.operand.at)
        for leaf in walk(condition)
        if isinstance(leaf, Comparison)
        and isinstance(leaf.operand, ParamRef)
        and leaf.operand.at is not None
    }


def dated_parameter_field(name: str, at: str) -> str:
    """The fact field that carries a dated parameter read at a date field."""
    return f"_param_{name}_at_{at}"


def describe(condition: Condition | None) -> str:
    """The condition in one line, for people (policy staff, collectors)."""
    if condition is None:
        return "always"
    if isinstance(condition, AllOf):
        return " and ".join(_describe_nested(item) for item in condition.items)
    if isinstance(condition, AnyOf):
        return " or ".join(_describe_nested(item) for item in condition.items)
    if isinstance(condition, OneOf):
        return f"{condition.field} in [{', '.join(_show(v) for v in condition.values)}]"
    symbol = {"eq": "==", "ne": "!=", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}
    return f"{condition.field} {symbol[condition.op]} {_show_operand(condition.operand)}"


def _describe_nested(condition: Condition) -> str:
    text = describe(condition)
    return f"({text})" if isinstance(condition, (AllOf, AnyOf)) else text


def _show(value: LiteralValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def _show_operand(operand: Operand) -> str:
    if isinstance(operand, Value):
        return _show(operand.value)
    if isinstance(operand, FieldRef):
        return operand.name
    if operand.at:
        return f"param {operand.name} at {operand.at}"
    return f"param {operand.name}"

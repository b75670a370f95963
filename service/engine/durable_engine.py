"""durable-rules adapter: the only module that imports durable-rules.

durable-rules is a Rete engine with a C core (`durable_rules_engine`) and a Python layer
(`durable.engine`: Host, Ruleset, Closure, Promise). This adapter drives the C core directly and
does not use the Python layer, because of what ../shared/engineering/durable-rules.md and our own
measurements found in it:
- the Host starts background dispatcher threads (timers that run actions on their own and
  crash the process under load): with no Host there are no threads at all;
- errors in actions are swallowed into the session state: here no Python action runs inside the
  engine. The engine only reports which rule matched which fact (it is asked for the pending
  actions one by one and each is completed at once); the decision's actions run afterwards in
  the pipeline, in a fixed order, where an error is an ordinary exception that fails the decision;
- the Python layer costs about 15 µs per fired rule (a Closure, two clock reads, a JSON dump of
  the state); driving the C core directly cuts a whole decision's engine time by more than half.

What still holds, as durable-rules.md says:
- the C core keeps rulesets in process-global state, so this module keeps one registry per
  process, and one lock around every engine call;
- one `assert_facts` per stage with all of the stage's facts; `delete_state` after every call, so
  sessions never pile up (1024 live sessions per ruleset is a hard limit);
- rulesets are JSON built from the policy's conditions, one name per version, hash and stage (a
  name can be registered only once);
- every fact is "handled" by a two-pattern rule whose second pattern never matches, so a fact no
  rule matches does not make the call fail (MessageNotHandled) and nothing extra fires;
- every call asserts one session marker fact that fires a no-op rule. Measured here:
  `delete_state` after a call in which no rule fired crashes the process (segmentation fault or
  "free(): invalid pointer"); with one fired it is safe, and skipping the delete instead exhausts
  the 1024 sessions.
"""

from __future__ import annotations

import itertools
import operator
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import durable_rules_engine as core
import msgspec

from service.engine import EngineFailure, Fact, FactValue
from service.policy.conditions import (
    AllOf,
    AnyOf,
    Comparison,
    Condition,
    FieldRef,
    OneOf,
    ParamRef,
    Value,
    dated_parameter_field,
    walk,
)
from service.policy.model import Policy
from service.policy.stages import STAGE_SUBJECT, STAGES

_KIND = "_kind"
_HANDLED = "_handled"
_SESSION = "_session"
_OPERATORS = {"ne": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}


def _encode(value: FactValue) -> int | bool | str:
    # durable compares numbers and strings only; dates become day ordinals.
    return value.toordinal() if isinstance(value, date) else value


def compile_condition(condition: Condition, policy: Policy) -> dict[str, Any]:
    """A condition as durable-rules JSON."""
    if isinstance(condition, AllOf):
        return {"$and": [compile_condition(item, policy) for item in condition.items]}
    if isinstance(condition, AnyOf):
        return {"$or": [compile_condition(item, policy) for item in condition.items]}
    if isinstance(condition, OneOf):
        options = [{condition.field: _encode(value)} for value in condition.values]
        return options[0] if len(options) == 1 else {"$or": options}
    assert isinstance(condition, Comparison)
    operand: Any
    if isinstance(condition.operand, Value):
        operand = _encode(condition.operand.value)
    elif isinstance(condition.operand, FieldRef):
        operand = {"$m": condition.operand.name}
    else:
        operand = _parameter_operand(condition.operand, policy)
    if condition.op == "eq":
        return {condition.field: operand}
    return {_OPERATORS[condition.op]: {condition.field: operand}}


def _parameter_operand(reference: ParamRef, policy: Policy) -> Any:
    if reference.at is not None:
        return {"$m": dated_parameter_field(reference.name, reference.at)}
    value = policy.parameters[reference.name].value
    assert isinstance(value, (int, bool)), reference.name
    return value


@dataclass(frozen=True, slots=True)
class _StageRules:
    ruleset: str | None  # None when no rule of the stage has a condition
    unconditional: tuple[str, ...]
    # Only the fields the stage's conditions read are sent: every call serialises its facts to
    # JSON, so smaller facts are faster.
    fields: tuple[str, ...] = ()
    # Per conditional rule, comparisons with a literal its condition cannot hold without (empty:
    # none known). When every fact fails one of them for every rule, no rule can match and the
    # call is not made: most cases ask for no pause, have no arrangement history and are far
    # from expiry, and an engine call is the dearest part of a stage.
    guards: tuple[tuple[tuple[str, Callable[[Any, Any], bool], Any], ...], ...] = ()

    def cannot_match(self, facts: Sequence[Fact]) -> bool:
        for guard in self.guards:
            if not guard:
                return False
            for fact in facts:
                for name, holds, value in guard:
                    if not holds(fact[name], value):
                        break
                else:
                    return False  # this fact passes every necessary test of this rule
        return True


_GUARD_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}


def _necessary_tests(
    condition: Condition,
) -> tuple[tuple[str, Callable[[Any, Any], bool], Any], ...]:
    """Comparisons with a literal that must hold for the condition to hold: the condition itself
    or the direct parts of its top-level `all`. (The engine still decides every match; these only
    tell when it has nothing to find.)"""
    parts = condition.items if isinstance(condition, AllOf) else (condition,)
    return tuple(
        (part.field, _GUARD_OPERATORS[part.op], part.operand.value)
        for part in parts
        if isinstance(part, Comparison) and isinstance(part.operand, Value)
    )


def _fields_read(condition: Condition) -> set[str]:
    fields: set[str] = set()
    for leaf in walk(condition):
        fields.add(leaf.field)
        if isinstance(leaf, Comparison):
            operand = leaf.operand
            if isinstance(operand, FieldRef):
                fields.add(operand.name)
            elif isinstance(operand, ParamRef) and operand.at is not None:
                fields.add(dated_parameter_field(operand.name, operand.at))
    return fields


# msgspec is several times faster than the json module for these small documents; the C core
# takes and returns str.
_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder()


def _to_json(value: Any) -> str:
    return _encoder.encode(value).decode()


def _from_json(text: str) -> Any:
    return _decoder.decode(text)


# Result codes of the C core's assert calls (durable.engine.Ruleset._handle_result).
_NOT_HANDLED = 1
_ALREADY_OBSERVED = 2


class _Registry:
    """The rulesets this process has given the C core, and the lock around every call."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.session_ids = itertools.count(1)
        self.prepared: dict[str, dict[str, _StageRules]] = {}
        self.handles: dict[str, int] = {}


_REGISTRY = _Registry()


class DurableRulesEngine:
    """The `RulesEngine` over durable-rules. Every instance shares the process's one registry."""

    def __init__(self, skip_hopeless_calls: bool = True) -> None:
        self._registry = _REGISTRY
        # Off only to prove, in tests, that skipping calls changes no decision.
        self._skip = skip_hopeless_calls

    def prepare(self, policy: Policy) -> None:
        with self._registry.lock:
            self._prepare_locked(policy)

    def _prepare_locked(self, policy: Policy) -> dict[str, _StageRules]:
        registry = self._registry
        prepared = registry.prepared.get(policy.ruleset_name)
        if prepared is not None:
            return prepared
        prepared = {}
        for stage in STAGES:
            rules = policy.rules_of(stage)
            conditional = [rule for rule in rules if rule.when is not None]
            name = f"{policy.ruleset_name}/{stage}" if conditional else None
            read: set[str] = set()
            definition: dict[str, Any] = {}
            kind = {_KIND: STAGE_SUBJECT[stage]}
            for rule in conditional:
                assert rule.when is not None
                read |= _fields_read(rule.when)
                definition[rule.id] = {
                    "all": [{"m": {"$and": [kind, compile_condition(rule.when, policy)]}}],
                    "pri": rule.priority,
                }
            prepared[stage] = _StageRules(
                name,
                tuple(rule.id for rule in rules if rule.when is None),
                tuple(sorted(read)),
                tuple(_necessary_tests(rule.when) for rule in conditional if rule.when),
            )
            if name is None:
                continue
            definition[_HANDLED] = {
                "all": [{"fact": {"$ex": {_KIND: 1}}}, {"never": {"_never": 1}}]
            }
            definition[_SESSION] = {"all": [{"m": {_SESSION: 1}}]}
            registry.handles[name] = core.create_ruleset(name, _to_json(definition))
        registry.prepared[policy.ruleset_name] = prepared
        return prepared

    def _payload(
        self, fact: Fact, fields: tuple[str, ...], session: str, kind: str
    ) -> dict[str, Any]:
        """A fact as the engine gets it: the fields the conditions read, dates as ordinals."""
        payload: dict[str, Any] = {name: _encode(fact[name]) for name in fields}
        payload["id"] = fact["id"]
        payload["sid"] = session
        payload[_KIND] = kind
        return payload

    def match(self, policy: Policy, stage: str, facts: Sequence[Fact]) -> list[tuple[str, str]]:
        registry = self._registry
        with registry.lock:
            stage_rules = self._prepare_locked(policy)[stage]
            matched = [
                (rule_id, str(fact["id"]))
                for rule_id in stage_rules.unconditional
                for fact in facts
            ]
            if stage_rules.ruleset is None or not facts:
                return matched
            if self._skip and stage_rules.cannot_match(facts):
                return matched
            handle = registry.handles[stage_rules.ruleset]
            session = str(next(registry.session_ids))
            kind = STAGE_SUBJECT[stage]
            payload = [self._payload(fact, stage_rules.fields, session, kind) for fact in facts]
            payload.append({"id": _SESSION, "sid": session, _SESSION: 1})
            code, state = core.assert_facts(handle, _to_json(payload))[:2]
            if code in (_NOT_HANDLED, _ALREADY_OBSERVED):
                # Refused before any rule fired: deleting this session would crash the process
                # (see above), so it is left behind. It cannot happen with the pipeline's facts
                # (unique ids, every fact handled).
                raise EngineFailure(f"{stage_rules.ruleset}: the engine refused the facts ({code})")
            try:
                pending = core.start_action_for_state(handle, state)
                message = pending[1] if pending else None
                while message:
                    for rule_id, match in _from_json(message).items():
                        if rule_id != _SESSION:
                            matched.append((rule_id, str(match["m"]["id"])))
                    message = core.complete_and_start_action(handle, state)
            except Exception as error:
                raise EngineFailure(f"{stage_rules.ruleset}: {error!r}") from error
            finally:
                core.delete_state(handle, session)
        return matched

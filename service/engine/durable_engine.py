"""durable-rules adapter: the only module that imports `durable`.

It follows ../shared/engineering/durable-rules.md:
- one host per process, its background dispatcher disabled (`_run` is a no-op), so actions run
  only inside our own calls and never on a timer thread. The C core keeps rulesets in global
  state: a second host that registers the same ruleset name corrupts memory (measured: "free():
  invalid pointer"), so every `DurableRulesEngine` shares the one process-wide host below;
- one lock around every engine call, and `delete_state` in `finally` after each, so sessions
  never pile up (1024 live sessions per ruleset is a hard limit);
- one `assert_facts` call per stage with all of the stage's facts;
- rulesets are JSON built from the policy's conditions, one name per version, hash and stage
  (a name can be registered only once), passed as a copy because registration mutates it;
- an `exception` in the returned state fails the decision;
- every fact is "handled" by a two-pattern rule whose second pattern never matches, so a fact
  that no rule matches does not raise MessageNotHandledException and nothing extra fires;
- every call also asserts one session marker fact that fires a no-op rule. Measured here:
  `delete_state` after a call in which no action fired crashes the process (segmentation fault
  or "free(): invalid pointer"); with one action fired it is safe, and skipping the delete
  instead exhausts the 1024 sessions.

Rule actions only record (rule id, fact id); the decision's real actions run afterwards in the
pipeline, in a deterministic order, where an error is an ordinary Python exception.
"""

from __future__ import annotations

import copy
import itertools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from durable import engine as durable

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


class _QuietHost(durable.Host):  # type: ignore[misc]
    """A host without the background dispatcher threads."""

    def __init__(self, action_for: Callable[[str], Callable[[Any], None]]) -> None:
        self._action_for = action_for
        super().__init__()

    def _run(self) -> None:
        return None

    def get_action(self, action_name: str) -> Callable[[Any], None]:
        return self._action_for(action_name)


class _ProcessEngine:
    """The one host of this process, its lock, and what it has compiled."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.collected: list[tuple[str, str]] = []
        self.session_ids = itertools.count(1)
        self.prepared: dict[str, dict[str, _StageRules]] = {}
        self.host = _QuietHost(self._recorder)

    def _recorder(self, rule_id: str) -> Callable[[Any], None]:
        if rule_id == _SESSION:
            return _nothing

        def record(closure: Any) -> None:
            self.collected.append((rule_id, closure._m["m"]["id"]))

        return record


def _nothing(closure: Any) -> None:
    return None


_PROCESS_ENGINE: _ProcessEngine | None = None
_CREATE_LOCK = threading.Lock()


def _process_engine() -> _ProcessEngine:
    global _PROCESS_ENGINE
    with _CREATE_LOCK:
        if _PROCESS_ENGINE is None:
            _PROCESS_ENGINE = _ProcessEngine()
        return _PROCESS_ENGINE


class DurableRulesEngine:
    """A handle on the process-wide durable-rules host; all handles share it."""

    def __init__(self) -> None:
        shared = _process_engine()
        self._shared = shared
        self._lock = shared.lock
        self._prepared = shared.prepared
        self._host = shared.host

    def prepare(self, policy: Policy) -> None:
        with self._lock:
            self._prepare_locked(policy)

    def _prepare_locked(self, policy: Policy) -> dict[str, _StageRules]:
        prepared = self._prepared.get(policy.ruleset_name)
        if prepared is not None:
            return prepared
        prepared = {}
        definitions: dict[str, dict[str, Any]] = {}
        for stage in STAGES:
            rules = policy.rules_of(stage)
            conditional = [rule for rule in rules if rule.when is not None]
            name = f"{policy.ruleset_name}/{stage}" if conditional else None
            read: set[str] = set()
            for rule in conditional:
                assert rule.when is not None
                read |= _fields_read(rule.when)
            prepared[stage] = _StageRules(
                name, tuple(rule.id for rule in rules if rule.when is None), tuple(sorted(read))
            )
            if name is None:
                continue
            kind = {_KIND: STAGE_SUBJECT[stage]}
            definition: dict[str, Any] = {
                rule.id: {
                    "all": [{"m": {"$and": [kind, compile_condition(rule.when, policy)]}}],
                    "pri": rule.priority,
                    "run": rule.id,
                }
                for rule in conditional
                if rule.when is not None
            }
            definition[_HANDLED] = {
                "all": [{"fact": {"$ex": {_KIND: 1}}}, {"never": {"_never": 1}}],
                "run": _HANDLED,
            }
            definition[_SESSION] = {"all": [{"m": {_SESSION: 1}}], "run": _SESSION}
            definitions[name] = definition
        if definitions:
            self._host.set_rulesets(copy.deepcopy(definitions))
        self._prepared[policy.ruleset_name] = prepared
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
        with self._lock:
            stage_rules = self._prepare_locked(policy)[stage]
            matched = [
                (rule_id, str(fact["id"]))
                for rule_id in stage_rules.unconditional
                for fact in facts
            ]
            if stage_rules.ruleset is None or not facts:
                return matched
            session = str(next(self._shared.session_ids))
            kind = STAGE_SUBJECT[stage]
            payload = [self._payload(fact, stage_rules.fields, session, kind) for fact in facts]
            payload.append({"id": _SESSION, "sid": session, _SESSION: 1})
            shared = self._shared
            shared.collected = []
            try:
                state = self._host.assert_facts(stage_rules.ruleset, payload)
            except Exception as error:
                # Refused before any action ran: deleting this session would crash the process
                # (see above), so it is left behind; it is one of 1024 and this never happens
                # with facts built by the pipeline (unique ids, every fact handled).
                shared.collected = []
                message = getattr(error, "message", None) or repr(error)
                raise EngineFailure(f"{stage_rules.ruleset}: {message}") from error
            collected, shared.collected = shared.collected, []
            self._host.delete_state(stage_rules.ruleset, session)
        if isinstance(state, dict) and "exception" in state:
            raise EngineFailure(f"{stage_rules.ruleset}: {state['exception']}")
        return matched + collected

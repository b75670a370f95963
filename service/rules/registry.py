"""The registry of named actions a policy document may use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from service.policy.model import Rule
from service.rules.explain import Variable
from service.rules.work import ClaimWork, DecisionWork

ActionFunction = Callable[[DecisionWork, ClaimWork | None, Rule], dict[str, Variable]]


@dataclass(frozen=True, slots=True)
class ParameterNeed:
    """A parameter the action reads: the policy must define it with this unit."""

    name: str
    unit: str
    dated: bool = False


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str
    stage: str
    summary: str
    variables: frozenset[str]
    run: ActionFunction
    parameters: tuple[ParameterNeed, ...] = ()
    # Each argument the rule must give, with the values it may take.
    args: dict[str, tuple[str, ...]] = field(default_factory=dict)


ACTIONS: dict[str, ActionSpec] = {}


def action(
    name: str,
    stage: str,
    summary: str,
    variables: set[str],
    parameters: tuple[ParameterNeed, ...] = (),
    args: dict[str, tuple[str, ...]] | None = None,
) -> Callable[[ActionFunction], ActionFunction]:
    def register(function: ActionFunction) -> ActionFunction:
        if name in ACTIONS:
            raise ValueError(f"action {name} registered twice")
        ACTIONS[name] = ActionSpec(
            name, stage, summary, frozenset(variables), function, parameters, args or {}
        )
        return function

    return register

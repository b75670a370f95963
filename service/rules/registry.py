"""The registry of named actions a policy document may use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from service.policy.model import Rule
from service.rules.explain import Variable
from service.rules.summary import SUMMARY_PLACEHOLDERS
from service.rules.work import ClaimWork, DecisionWork

ActionFunction = Callable[[DecisionWork, ClaimWork | None, Rule], dict[str, Variable]]


@dataclass(frozen=True, slots=True)
class ParameterNeed:
    """A parameter the action reads: the policy must define it with this unit."""

    name: str
    unit: str
    dated: bool = False
    # For a table parameter: the keys it must have a value for.
    table_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Decides:
    """An outcome an action may decide, and the shape of the decisions it gives it.

    Declared with the action so the loader knows which outcomes a policy can produce and can
    demand a summary for each: adding an outcome to an action makes every policy that uses the
    action fail to load until it has a summary for it.
    """

    outcome: str
    # The summary placeholders every decision with this outcome has (service.rules.summary).
    placeholders: frozenset[str]
    # Only when the rule's arguments have these values (plan_standard: method).
    args: dict[str, str] = field(default_factory=dict)
    # Not None when the outcome comes both with a plan that pays everything and with one that
    # leaves part unpaid: the policy then needs a separate `partial` text, which may use these
    # placeholders. An outcome that always leaves the debt unpaid needs no second text.
    partial: frozenset[str] | None = None

    def applies_to(self, args: dict[str, str | int | bool]) -> bool:
        return all(args.get(name) == value for name, value in self.args.items())


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
    decides: tuple[Decides, ...] = ()

    def outcomes_for(self, args: dict[str, str | int | bool]) -> tuple[Decides, ...]:
        """What a rule with these arguments may decide."""
        return tuple(decides for decides in self.decides if decides.applies_to(args))


ACTIONS: dict[str, ActionSpec] = {}


def _check_decides(
    name: str, args: dict[str, tuple[str, ...]], decides: tuple[Decides, ...]
) -> None:
    """Catch a wrong declaration when the action is registered, not when a policy loads."""
    for item in decides:
        for arg, value in item.args.items():
            if value not in args.get(arg, ()):
                raise ValueError(f"action {name}: outcome {item.outcome} names {arg}={value!r}")
        unknown = (item.placeholders | (item.partial or frozenset())) - set(SUMMARY_PLACEHOLDERS)
        if unknown:
            raise ValueError(f"action {name}: unknown summary placeholders {sorted(unknown)}")


def action(
    name: str,
    stage: str,
    summary: str,
    variables: set[str],
    parameters: tuple[ParameterNeed, ...] = (),
    args: dict[str, tuple[str, ...]] | None = None,
    decides: tuple[Decides, ...] = (),
) -> Callable[[ActionFunction], ActionFunction]:
    def register(function: ActionFunction) -> ActionFunction:
        if name in ACTIONS:
            raise ValueError(f"action {name} registered twice")
        _check_decides(name, args or {}, decides)
        ACTIONS[name] = ActionSpec(
            name, stage, summary, frozenset(variables), function, parameters, args or {}, decides
        )
        return function

    return register


def outcomes() -> dict[str, list[Decides]]:
    """Every outcome some registered action may decide, with the declarations that decide it."""
    found: dict[str, list[Decides]] = {}
    for spec in ACTIONS.values():
        for item in spec.decides:
            found.setdefault(item.outcome, []).append(item)
    return found

"""The project's own interface to a rules engine.

The decision pipeline talks only to `RulesEngine`; `service.engine.durable_engine` is the one
module that imports durable-rules. Replacing the engine means writing another adapter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Protocol

from service.policy.model import Policy

FactValue = int | bool | str | date
Fact = Mapping[str, FactValue]


class EngineFailure(RuntimeError):
    """The engine could not evaluate a decision; the decision fails and nothing is stored."""


class RulesEngine(Protocol):
    def prepare(self, policy: Policy) -> None:
        """Compile a policy version's rules (idempotent)."""

    def match(self, policy: Policy, stage: str, facts: Sequence[Fact]) -> list[tuple[str, str]]:
        """Every (rule id, fact id) whose condition holds, for the rules of one stage.

        Each fact carries an "id". The order of the result is not meaningful.
        """

"""A real engine that is made to fail, for the tests of what a failing engine does."""

from __future__ import annotations

from typing import Any

from service.engine import Fact
from service.engine.durable_engine import DurableRulesEngine


class FactsWithoutIds(DurableRulesEngine):
    """The real engine, fed facts without an id: reading the engine's answer then fails."""

    def _payload(
        self, fact: Fact, fields: tuple[str, ...], session: str, kind: str
    ) -> dict[str, Any]:
        payload = super()._payload(fact, fields, session, kind)
        del payload["id"]
        return payload

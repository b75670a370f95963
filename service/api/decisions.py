"""Stored decisions: read one, replay one."""

from __future__ import annotations

import uuid
from typing import Annotated

import msgspec
from litestar import Controller, get, post
from litestar.params import PathParameter

from service.api.common import DECISION_FAILED, INVALID, NOT_FOUND, Connection, Service
from service.api.schemas import DecisionRecord, DifferenceView, ReplayView
from service.store.decisions import StoredDecision

DecisionId = Annotated[uuid.UUID, PathParameter(description="The decision's id")]


def decision_record(stored: StoredDecision) -> DecisionRecord:
    # Every field of the decision, whatever fields later versions add to it.
    return DecisionRecord(
        id=stored.id,
        debtor_ref=stored.debtor_ref,
        decided_at=stored.decided_at,
        input=stored.input,
        **msgspec.structs.asdict(stored.decision),
    )


class DecisionController(Controller):
    path = "/v1/decisions"
    tags = ["decisions"]

    @get(
        "/{decision_id:uuid}",
        summary="Read a stored decision",
        description=(
            "The input snapshot, the policy version and hash, the outcome, summary, plan, trace "
            "and time."
        ),
        responses={**NOT_FOUND, **INVALID},
    )
    async def get_decision(
        self, decision_id: DecisionId, service: Service, connection: Connection
    ) -> DecisionRecord:
        return decision_record(await service.get_decision(connection, decision_id))

    @post(
        "/{decision_id:uuid}/replay",
        status_code=200,
        summary="Replay a stored decision",
        description=(
            "Re-evaluates the stored input under the exact policy revision recorded with the "
            "decision and says whether the result is identical; if not, lists every difference."
        ),
        responses={**NOT_FOUND, **INVALID, **DECISION_FAILED},
    )
    async def replay(
        self, decision_id: DecisionId, service: Service, connection: Connection
    ) -> ReplayView:
        replay = await service.replay(connection, decision_id)
        return ReplayView(
            decision_id=replay.stored.id,
            policy_version=replay.policy.version,
            policy_hash=replay.policy.content_hash,
            identical=not replay.differences,
            differences=tuple(
                DifferenceView(path=d.path, recorded=d.recorded, replayed=d.replayed)
                for d in replay.differences
            ),
            replayed=replay.replayed,
        )

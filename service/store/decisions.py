"""The decision log: append-only (the database refuses UPDATE, DELETE and TRUNCATE)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import asyncpg
import msgspec

from service.domain.case import Case
from service.domain.decision import Decision


class StoredDecision(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    seq: int
    debtor_ref: str
    decided_at: datetime
    input: Case
    decision: Decision


class DecisionSummaryRow(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    seq: int
    decided_at: datetime
    as_of: date
    policy_version: str
    outcome: str
    requires_review: bool


async def insert_decision(
    connection: asyncpg.Connection, debtor_ref: str, case: Case, decision: Decision
) -> StoredDecision:
    decision_id = uuid.uuid4()
    row = await connection.fetchrow(
        """
        INSERT INTO decisions (id, debtor_ref, as_of, policy_version, policy_hash, outcome,
                               requires_review, input, result)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        RETURNING seq, decided_at
        """,
        decision_id,
        debtor_ref,
        decision.as_of,
        decision.policy_version,
        decision.policy_hash,
        decision.outcome,
        decision.requires_review,
        msgspec.to_builtins(case),
        msgspec.to_builtins(decision),
    )
    return StoredDecision(
        id=decision_id,
        seq=row["seq"],
        debtor_ref=debtor_ref,
        decided_at=row["decided_at"],
        input=case,
        decision=decision,
    )


def _stored(row: asyncpg.Record) -> StoredDecision:
    return StoredDecision(
        id=row["id"],
        seq=row["seq"],
        debtor_ref=row["debtor_ref"],
        decided_at=row["decided_at"],
        input=msgspec.convert(row["input"], Case),
        decision=msgspec.convert(row["result"], Decision),
    )


async def get_decision(
    connection: asyncpg.Connection, decision_id: uuid.UUID
) -> StoredDecision | None:
    row = await connection.fetchrow("SELECT * FROM decisions WHERE id = $1", decision_id)
    return _stored(row) if row else None


async def list_decisions(
    connection: asyncpg.Connection, debtor_ref: str, limit: int, before_seq: int | None
) -> list[DecisionSummaryRow]:
    """Newest first; keyset pagination on the log's sequence number."""
    rows = await connection.fetch(
        """
        SELECT id, seq, decided_at, as_of, policy_version, outcome, requires_review
        FROM decisions
        WHERE debtor_ref = $1 AND ($2::bigint IS NULL OR seq < $2)
        ORDER BY seq DESC
        LIMIT $3
        """,
        debtor_ref,
        before_seq,
        limit,
    )
    return [DecisionSummaryRow(**dict(row)) for row in rows]

"""Debtors, their claims and the events on those claims."""

from __future__ import annotations

from datetime import date, datetime

import asyncpg
import msgspec

from service.domain.case import (
    Claim,
    Day,
    Debtor,
    DebtorEvent,
    Event,
    Herstel,
    Income,
    MaatwerkSignal,
    OngoingAllowance,
)


class StoredEvent(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    type: str
    date: date
    amount_cents: int | None
    by: str | None
    reason: str | None
    recorded_at: datetime


class StoredDebtorEvent(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    type: str
    date: date
    months: int | None
    amount_cents: int | None
    granted_on: Day | None
    by: str | None
    reason: str | None
    recorded_at: datetime

    def as_event(self) -> DebtorEvent:
        return DebtorEvent(
            type=self.type,  # type: ignore[arg-type]
            date=self.date,
            months=self.months,
            amount_cents=self.amount_cents,
            granted_on=self.granted_on,
            id=self.id,
            by=self.by,
            reason=self.reason,
        )


_EVENT_COLUMNS = "id, type, date, amount_cents, by, reason, recorded_at"
_DEBTOR_EVENT_COLUMNS = "id, type, date, months, amount_cents, granted_on, by, reason, recorded_at"


async def upsert_debtor(connection: asyncpg.Connection, debtor: Debtor) -> bool:
    """Insert or replace a debtor; True when it was created."""
    created: bool = await connection.fetchval(
        """
        INSERT INTO debtors (ref, arrangement_request, monthly_payment_capacity_cents,
                             assets_cents, ongoing_allowances, income, herstel, signals,
                             immediate_collection_ground)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (ref) DO UPDATE SET
            arrangement_request = EXCLUDED.arrangement_request,
            monthly_payment_capacity_cents = EXCLUDED.monthly_payment_capacity_cents,
            assets_cents = EXCLUDED.assets_cents,
            ongoing_allowances = EXCLUDED.ongoing_allowances,
            income = EXCLUDED.income,
            herstel = EXCLUDED.herstel,
            signals = EXCLUDED.signals,
            immediate_collection_ground = EXCLUDED.immediate_collection_ground,
            updated_at = now()
        RETURNING (xmax = 0)
        """,
        debtor.ref,
        debtor.arrangement_request,
        debtor.monthly_payment_capacity_cents,
        debtor.assets_cents,
        msgspec.to_builtins(debtor.ongoing_allowances),
        msgspec.to_builtins(debtor.income),
        msgspec.to_builtins(debtor.herstel),
        msgspec.to_builtins(debtor.signals),
        debtor.immediate_collection_ground,
    )
    return created


def _debtor(row: asyncpg.Record) -> Debtor:
    return Debtor(
        ref=row["ref"],
        arrangement_request=row["arrangement_request"],
        monthly_payment_capacity_cents=row["monthly_payment_capacity_cents"],
        assets_cents=row["assets_cents"],
        ongoing_allowances=msgspec.convert(row["ongoing_allowances"], tuple[OngoingAllowance, ...]),
        income=msgspec.convert(row["income"], Income | None),
        herstel=msgspec.convert(row["herstel"], Herstel | None),
        signals=msgspec.convert(row["signals"], tuple[MaatwerkSignal, ...]),
        immediate_collection_ground=row["immediate_collection_ground"],
    )


async def get_debtor(connection: asyncpg.Connection, ref: str) -> Debtor | None:
    row = await connection.fetchrow("SELECT * FROM debtors WHERE ref = $1", ref)
    return _debtor(row) if row else None


async def count_claims(connection: asyncpg.Connection, debtor_ref: str) -> int:
    count: int = await connection.fetchval(
        "SELECT count(*) FROM claims WHERE debtor_ref = $1", debtor_ref
    )
    return count


async def upsert_claim(connection: asyncpg.Connection, debtor_ref: str, claim: Claim) -> bool:
    """Insert or replace a claim's facts (its events are kept); True when it was created."""
    created: bool = await connection.fetchval(
        """
        INSERT INTO claims (debtor_ref, ref, allowance, benefit_year, origin, decision_date,
                            amount_cents)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (debtor_ref, ref) DO UPDATE SET
            allowance = EXCLUDED.allowance,
            benefit_year = EXCLUDED.benefit_year,
            origin = EXCLUDED.origin,
            decision_date = EXCLUDED.decision_date,
            amount_cents = EXCLUDED.amount_cents,
            updated_at = now()
        RETURNING (xmax = 0)
        """,
        debtor_ref,
        claim.ref,
        claim.allowance,
        claim.benefit_year,
        claim.origin,
        claim.decision_date,
        claim.amount_cents,
    )
    return created


def _claim(row: asyncpg.Record, events: tuple[Event, ...]) -> Claim:
    return Claim(
        ref=row["ref"],
        allowance=row["allowance"],
        benefit_year=row["benefit_year"],
        origin=row["origin"],
        decision_date=row["decision_date"],
        amount_cents=row["amount_cents"],
        events=events,
    )


def _event(row: asyncpg.Record) -> Event:
    return Event(
        type=row["type"],
        date=row["date"],
        amount_cents=row["amount_cents"],
        id=row["id"],
        by=row["by"],
        reason=row["reason"],
    )


async def get_claim(
    connection: asyncpg.Connection, debtor_ref: str, ref: str, with_events: bool = True
) -> Claim | None:
    row = await connection.fetchrow(
        "SELECT * FROM claims WHERE debtor_ref = $1 AND ref = $2", debtor_ref, ref
    )
    if row is None:
        return None
    if not with_events:
        return _claim(row, ())
    events = await connection.fetch(
        "SELECT * FROM claim_events WHERE debtor_ref = $1 AND claim_ref = $2 ORDER BY date, id",
        debtor_ref,
        ref,
    )
    return _claim(row, tuple(_event(event) for event in events))


async def list_events(
    connection: asyncpg.Connection, debtor_ref: str, claim_ref: str
) -> list[StoredEvent]:
    rows = await connection.fetch(
        f"""
        SELECT {_EVENT_COLUMNS} FROM claim_events
        WHERE debtor_ref = $1 AND claim_ref = $2 ORDER BY date, id
        """,
        debtor_ref,
        claim_ref,
    )
    return [StoredEvent(**dict(row)) for row in rows]


async def add_event(
    connection: asyncpg.Connection, debtor_ref: str, claim_ref: str, event: Event
) -> tuple[bool, StoredEvent]:
    """Record an event once. Returns (created, the stored event); an event with the same id
    that is already stored is returned as it is, so the caller can tell a retry from a clash."""
    row = await connection.fetchrow(
        f"""
        INSERT INTO claim_events (debtor_ref, claim_ref, id, type, date, amount_cents, by, reason)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (debtor_ref, claim_ref, id) DO NOTHING
        RETURNING {_EVENT_COLUMNS}
        """,
        debtor_ref,
        claim_ref,
        event.id,
        event.type,
        event.date,
        event.amount_cents,
        event.by,
        event.reason,
    )
    created = row is not None
    if row is None:
        row = await connection.fetchrow(
            f"""
            SELECT {_EVENT_COLUMNS} FROM claim_events
            WHERE debtor_ref = $1 AND claim_ref = $2 AND id = $3
            """,
            debtor_ref,
            claim_ref,
            event.id,
        )
    return created, StoredEvent(**dict(row))


async def load_claims(
    connection: asyncpg.Connection, debtor_ref: str, as_of: date
) -> tuple[Claim, ...]:
    """The debtor's claims as they stood on `as_of`: claims decided and events dated by then."""
    rows = await connection.fetch(
        """
        SELECT * FROM claims WHERE debtor_ref = $1 AND decision_date <= $2
        ORDER BY decision_date, ref
        """,
        debtor_ref,
        as_of,
    )
    events = await connection.fetch(
        """
        SELECT * FROM claim_events WHERE debtor_ref = $1 AND date <= $2
        ORDER BY date, id
        """,
        debtor_ref,
        as_of,
    )
    by_claim: dict[str, list[Event]] = {}
    for event in events:
        by_claim.setdefault(event["claim_ref"], []).append(_event(event))
    return tuple(_claim(row, tuple(by_claim.get(row["ref"], ()))) for row in rows)


async def add_debtor_event(
    connection: asyncpg.Connection, debtor_ref: str, event: DebtorEvent
) -> tuple[bool, StoredDebtorEvent]:
    """Record a debtor event once; like `add_event`, a retry returns the stored event."""
    row = await connection.fetchrow(
        f"""
        INSERT INTO debtor_events (debtor_ref, id, type, date, months, amount_cents, granted_on,
                                   by, reason)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (debtor_ref, id) DO NOTHING
        RETURNING {_DEBTOR_EVENT_COLUMNS}
        """,
        debtor_ref,
        event.id,
        event.type,
        event.date,
        event.months,
        event.amount_cents,
        event.granted_on,
        event.by,
        event.reason,
    )
    created = row is not None
    if row is None:
        row = await connection.fetchrow(
            f"SELECT {_DEBTOR_EVENT_COLUMNS} FROM debtor_events WHERE debtor_ref = $1 AND id = $2",
            debtor_ref,
            event.id,
        )
    return created, StoredDebtorEvent(**dict(row))


async def list_debtor_events(
    connection: asyncpg.Connection, debtor_ref: str, as_of: date | None = None
) -> list[StoredDebtorEvent]:
    """The debtor's events in date order; with `as_of`, those known on that date: events dated
    by then, and pauses granted by then (a pause can be granted ahead of its start)."""
    rows = await connection.fetch(
        f"""
        SELECT {_DEBTOR_EVENT_COLUMNS} FROM debtor_events
        WHERE debtor_ref = $1 AND ($2::date IS NULL OR coalesce(granted_on, date) <= $2)
        ORDER BY date, id
        """,
        debtor_ref,
        as_of,
    )
    return [StoredDebtorEvent(**dict(row)) for row in rows]


async def debtors_with_claims_decided_by(
    connection: asyncpg.Connection,
    latest_decision_date: date,
    from_ref: str | None,
    inclusive: bool,
    limit: int,
) -> list[str]:
    """Debtors with a claim decided on or before the date, in byte order of their ref (the
    order Python compares strings in, so cursors agree), from `from_ref` on."""
    rows = await connection.fetch(
        """
        SELECT DISTINCT debtor_ref COLLATE "C" AS debtor_ref FROM claims
        WHERE decision_date <= $1
          AND ($2::text IS NULL OR debtor_ref > $2 COLLATE "C" OR ($3 AND debtor_ref = $2))
        ORDER BY 1
        LIMIT $4
        """,
        latest_decision_date,
        from_ref,
        inclusive,
        limit,
    )
    return [row["debtor_ref"] for row in rows]

"""Measures added to the catalogue through the API: append-only, in the order they were added."""

from __future__ import annotations

import asyncpg
import msgspec

from service.policy.measures import CatalogueEntry, Measure, MeasureName


class StoredMeasure(msgspec.Struct, frozen=True, kw_only=True):
    seq: int
    entry: CatalogueEntry


def _stored(row: asyncpg.Record) -> StoredMeasure:
    measure = Measure(
        id=row["id"],
        name=MeasureName(nl=row["name_nl"], en=row["name_en"]),
        status=row["status"],
        source=row["source"],
        rules_section=row["rules_section"],
    )
    return StoredMeasure(
        seq=row["seq"],
        entry=CatalogueEntry(measure=measure, origin="api", recorded_at=row["recorded_at"]),
    )


async def lock_for_addition(connection: asyncpg.Connection) -> None:
    """Serialise additions until the transaction ends; readers are not blocked.

    Whether an entry may be added depends on every entry before it (its id must be new, the
    catalogue must not outgrow the strategy), so two additions must not decide at once. It also
    makes the order of `seq` the order in which additions become visible.
    """
    await connection.execute("LOCK TABLE added_measures IN EXCLUSIVE MODE")


async def added_after(connection: asyncpg.Connection, seq: int) -> list[StoredMeasure]:
    rows = await connection.fetch(
        """
        SELECT seq, id, name_nl, name_en, status, source, rules_section, recorded_at
        FROM added_measures WHERE seq > $1 ORDER BY seq
        """,
        seq,
    )
    return [_stored(row) for row in rows]


async def insert_measure(connection: asyncpg.Connection, measure: Measure) -> StoredMeasure | None:
    """Add an entry; None when its id is already stored."""
    row = await connection.fetchrow(
        """
        INSERT INTO added_measures (id, name_nl, name_en, status, source, rules_section)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (id) DO NOTHING
        RETURNING seq, id, name_nl, name_en, status, source, rules_section, recorded_at
        """,
        measure.id,
        measure.name.nl,
        measure.name.en,
        measure.status,
        measure.source,
        measure.rules_section,
    )
    return _stored(row) if row else None

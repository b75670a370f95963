"""Forward-only migrations: numbered SQL files in db/, applied in order under an advisory lock.

Each file runs once, recorded with its checksum in `schema_migrations`. A file that changed after
it was applied stops the start-up: a migration is history, and history is not edited.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import asyncpg

# Any constant shared by every process of this service; two starting services serialise here.
MIGRATION_LOCK = 7_316_042_024
_NAME = re.compile(r"^(?P<number>\d{3})_(?P<name>[a-z0-9_]+)\.sql$")


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class Migration:
    number: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def read_migrations(directory: Path) -> list[Migration]:
    migrations = []
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if match is None:
            raise MigrationError(f"{path.name}: migration files are named NNN_name.sql")
        migrations.append(
            Migration(int(match["number"]), match["name"], path.read_text(encoding="utf-8"))
        )
    numbers = [migration.number for migration in migrations]
    if numbers != list(range(1, len(numbers) + 1)):
        raise MigrationError(f"migrations must be numbered 001, 002, ... without gaps: {numbers}")
    return migrations


async def migrate(connection: asyncpg.Connection, directory: Path) -> list[str]:
    """Apply the pending migrations; returns the names of those applied now."""
    migrations = read_migrations(directory)
    applied_now = []
    async with connection.transaction():
        await connection.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
        await connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                number      integer PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """
        )
        rows = await connection.fetch("SELECT number, name, checksum FROM schema_migrations")
        applied = {row["number"]: row for row in rows}
        for migration in migrations:
            done = applied.get(migration.number)
            if done is not None:
                if done["checksum"] != migration.checksum:
                    raise MigrationError(
                        f"migration {migration.number:03d}_{migration.name} changed after it was "
                        "applied; add a new migration instead"
                    )
                continue
            await connection.execute(migration.sql)
            await connection.execute(
                "INSERT INTO schema_migrations (number, name, checksum) VALUES ($1, $2, $3)",
                migration.number,
                migration.name,
                migration.checksum,
            )
            applied_now.append(f"{migration.number:03d}_{migration.name}")
    return applied_now

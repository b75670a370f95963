"""Where no PostgreSQL answers, the service starts an embedded one (a fresh machine)."""

from __future__ import annotations

from pathlib import Path

import asyncpg

from service.config import PROJECT_ROOT
from service.store.migrations import migrate
from service.store.server import locate_server


async def test_without_a_server_an_embedded_postgresql_is_started_and_migrated(
    tmp_path: Path,
) -> None:
    # Nothing listens on port 1, so the local probe fails and the embedded server is used.
    server = await locate_server(
        None, tmp_path / "pg", local_url="postgresql://postgres@127.0.0.1:1/postgres"
    )
    try:
        assert server.origin.startswith("embedded PostgreSQL")
        connection = await asyncpg.connect(server.url)
        try:
            applied = await migrate(connection, PROJECT_ROOT / "db")
            assert applied == [
                "001_initial",
                "002_strategy_events",
                "003_measure_catalogue",
                "004_debtor_situation",
            ]
            assert await migrate(connection, PROJECT_ROOT / "db") == []  # forward-only, once
            tables = await connection.fetchval(
                "SELECT count(*) FROM pg_tables WHERE tablename IN ('decisions', 'added_measures')"
            )
            assert tables == 2
        finally:
            await connection.close()
    finally:
        server.stop()


async def test_database_url_wins_over_every_other_source(tmp_path: Path) -> None:
    server = await locate_server("postgresql://someone@db.example:5432/app", tmp_path / "pg")
    assert server.origin == "DATABASE_URL"
    assert server.url_for("other") == "postgresql://someone@db.example:5432/other"
    assert not (tmp_path / "pg").exists()  # nothing was started

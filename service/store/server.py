"""Find a PostgreSQL server: DATABASE_URL, else one on 127.0.0.1:5432, else an embedded one.

`make run`, `make test` and the service all use this one resolution, so a machine with a server
uses it and a fresh machine without one still works (the embedded server is pgserver's
PostgreSQL 16, with its data under the project in `.data/pg`).
"""

from __future__ import annotations

import asyncio
import logging
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

log = logging.getLogger(__name__)

LOCAL_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


@dataclass
class DatabaseServer:
    """A server and the URL of its maintenance database."""

    url: str
    origin: str  # "DATABASE_URL", "local server on 127.0.0.1:5432" or "embedded PostgreSQL ..."
    _embedded: Any = field(default=None, repr=False)

    def url_for(self, database: str) -> str:
        """The same server, another database."""
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(path=f"/{database}"))

    @property
    def database(self) -> str:
        return urlsplit(self.url).path.lstrip("/") or "postgres"

    def stop(self) -> None:
        """Stop the embedded server if this process started it."""
        if self._embedded is not None:
            self._embedded.cleanup()
            self._embedded = None


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


async def _answers(url: str) -> bool:
    try:
        connection = await asyncpg.connect(url, timeout=3)
    except (TimeoutError, OSError, asyncpg.PostgresError) as error:
        log.info("no usable PostgreSQL at %s: %s", url, error)
        return False
    await connection.close()
    return True


async def locate_server(
    database_url: str | None, data_dir: Path, local_url: str = LOCAL_URL
) -> DatabaseServer:
    if database_url:
        return DatabaseServer(database_url, "DATABASE_URL")
    local = urlsplit(local_url)
    if (
        local.hostname
        and local.port
        and _port_open(local.hostname, local.port)
        and await _answers(local_url)
    ):
        return DatabaseServer(local_url, f"local server on {local.hostname}:{local.port}")
    return await asyncio.to_thread(_start_embedded, data_dir)


def _start_embedded(data_dir: Path) -> DatabaseServer:
    try:
        import pgserver  # only needed where no server runs
    except ImportError as error:
        raise RuntimeError(
            "no PostgreSQL answers on 127.0.0.1:5432 and the embedded one is not installed: "
            "set DATABASE_URL, or install the 'embedded' extra (make run does)"
        ) from error

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode="stop")  # type: ignore[attr-defined]
    uri = server.get_uri()
    log.info("started embedded PostgreSQL in %s", data_dir)
    return DatabaseServer(uri, f"embedded PostgreSQL in {data_dir}", server)


async def ensure_database(server: DatabaseServer, name: str) -> str:
    """Create database `name` on the server if it does not exist; returns its URL."""
    connection = await asyncpg.connect(server.url)
    try:
        exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return server.url_for(name)


async def drop_database(server: DatabaseServer, name: str) -> None:
    connection = await asyncpg.connect(server.url)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()

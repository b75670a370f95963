"""Shared fixtures: the shipped policies, the real engine, a throw-away PostgreSQL database.

The database is found the way the service finds it (DATABASE_URL, else 127.0.0.1:5432, else an
embedded PostgreSQL in .data/pg); each test run creates its own database and drops it at the end.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import httpx
import pytest
from litestar import Litestar

from service.config import PROJECT_ROOT, Settings
from service.decider import Decider
from service.engine.durable_engine import DurableRulesEngine
from service.policy.loader import load_directory
from service.policy.registry import PolicyRegistry
from service.store.server import (
    DatabaseServer,
    drop_database,
    ensure_database,
    locate_server,
)

POLICY_DIR = PROJECT_ROOT / "policies"
_database_note: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for note in _database_note:
        terminalreporter.write_line(note)


@pytest.fixture(scope="session")
def registry() -> PolicyRegistry:
    policies, catalogue = load_directory(POLICY_DIR)
    return PolicyRegistry(policies, catalogue)


@pytest.fixture(scope="session")
def decider(registry: PolicyRegistry) -> Decider:
    decider = Decider(DurableRulesEngine())
    for policy in registry.policies:
        decider.prepare(policy)
    return decider


@pytest.fixture(scope="session")
async def database_server() -> AsyncIterator[DatabaseServer]:
    """The one server of the run. Located once: an embedded server is stopped by the first
    `stop()` of any handle to it, so every test database lives on this one handle."""
    settings = Settings.from_env()
    server = await locate_server(settings.database_url, settings.data_dir)
    try:
        yield server
    finally:
        server.stop()


@asynccontextmanager
async def throwaway_database(server: DatabaseServer) -> AsyncIterator[str]:
    """A new, empty database on the server, dropped afterwards; yields its URL."""
    name = f"toeslagen_test_{uuid.uuid4().hex[:12]}"
    url = await ensure_database(server, name)
    try:
        yield url
    finally:
        await drop_database(server, name)


@pytest.fixture(scope="session")
async def database_url(database_server: DatabaseServer) -> AsyncIterator[str]:
    async with throwaway_database(database_server) as url:
        name = url.rsplit("/", 1)[-1]
        _database_note.append(
            f"PostgreSQL for this run: {database_server.origin}, database {name} (dropped)"
        )
        yield url


def make_settings(database_url: str, **changes: object) -> Settings:
    return dataclasses.replace(Settings.from_env(), database_url=database_url, **changes)


@pytest.fixture(scope="session")
def app(database_url: str) -> Litestar:
    from service.app import create_app

    return create_app(make_settings(database_url))


@asynccontextmanager
async def serving(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    """A client for the app, with the app started in the test's own event loop.

    The service's start-up (migrations, policies, the asyncpg pool) runs here rather than in
    Litestar's test portal thread: an asyncpg pool belongs to the loop that created it, and the
    requests, the tests and the pool must all share one loop, as they do under uvicorn.
    """
    runtime = app.state.runtime
    await runtime.start()
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client
    finally:
        await runtime.stop()


@pytest.fixture(scope="session")
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    async with serving(app) as client:
        yield client


@pytest.fixture(scope="session")
async def pool(app: Litestar, client: httpx.AsyncClient) -> asyncpg.Pool:
    pool: asyncpg.Pool = app.state.runtime.pool
    return pool


def policy_file(version: str) -> Path:
    return POLICY_DIR / f"{version}.toml"

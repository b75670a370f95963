"""What the running service holds: the database, the policy registry and the decision service.

Start-up order: load the policy versions and the catalogue file, compile their rulesets; find
PostgreSQL, create the database if needed, migrate, record the policy versions and merge the
measures added through the API into the catalogue. Shutdown closes the pool and stops an embedded
PostgreSQL that this process started.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from service.catalogue import CatalogueService
from service.config import Settings
from service.decider import Decider
from service.decisions import DecisionService
from service.engine import RulesEngine
from service.engine.durable_engine import DurableRulesEngine
from service.policy.loader import load_directory
from service.policy.registry import PolicyRegistry
from service.store.migrations import migrate
from service.store.policies import record_revisions
from service.store.pool import create_pool
from service.store.server import DatabaseServer, ensure_database, locate_server

log = logging.getLogger("service")


def load_registry(settings: Settings) -> PolicyRegistry:
    policies, catalogue = load_directory(settings.policy_dir)
    return PolicyRegistry(policies, catalogue)


class Runtime:
    def __init__(self, settings: Settings, engine: RulesEngine | None = None) -> None:
        self.settings = settings
        self.engine: RulesEngine = engine or DurableRulesEngine()
        self.server: DatabaseServer | None = None
        self._pool: asyncpg.Pool | None = None
        self._service: DecisionService | None = None
        self._catalogue: CatalogueService | None = None

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("the service has not started")
        return self._pool

    @property
    def service(self) -> DecisionService:
        if self._service is None:
            raise RuntimeError("the service has not started")
        return self._service

    @property
    def catalogue(self) -> CatalogueService:
        if self._catalogue is None:
            raise RuntimeError("the service has not started")
        return self._catalogue

    async def start(self) -> None:
        settings = self.settings
        registry = load_registry(settings)  # fails fast on a bad policy document
        decider = Decider(self.engine)
        for policy in registry.policies:
            decider.prepare(policy)
        self.server = await locate_server(settings.database_url, settings.data_dir)
        url = settings.database_url or await ensure_database(self.server, settings.database_name)
        self._pool = await create_pool(url)
        catalogue = CatalogueService(registry)
        async with self._pool.acquire() as connection:
            applied = await migrate(connection, settings.migrations_dir)
            await record_revisions(connection, registry.policies)
            # The policies were validated against the file's measures alone, before the
            # database was reached; the added entries only extend what the catalogue reports.
            await catalogue.refresh(connection)
        self._service = DecisionService(registry, decider)
        self._catalogue = catalogue
        # Everything made at start-up (policies, compiled rulesets, the app) lives as long as
        # the process: move it out of the garbage collector's sight, so that collections during
        # requests only walk what requests allocate. Measured: fewer long pauses in the p99.
        gc.collect()
        gc.freeze()
        log.info(
            "database: %s (%s); migrations applied now: %s; policy versions: %s; "
            "measures catalogued: %d of %d (%d added through the API)",
            self.server.origin,
            self.server.database if settings.database_url else settings.database_name,
            ", ".join(applied) or "none",
            ", ".join(policy.version for policy in registry.policies),
            len(registry.catalogue.entries),
            registry.catalogue.total_in_strategy,
            sum(1 for entry in registry.catalogue.entries if entry.origin == "api"),
        )

    async def stop(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None
        if self.server is not None:
            self.server.stop()
            self.server = None

    @asynccontextmanager
    async def lifespan(self, _app: object) -> AsyncIterator[None]:
        await self.start()
        try:
            yield
        finally:
            await self.stop()

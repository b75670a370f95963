"""The measure catalogue service: add entries through the API and keep the catalogue current.

The registry's catalogue is the file's entries followed by the stored ones. Every instance of
the service reads the stored entries at start-up and catches up with those added since (by any
instance) before it answers about the catalogue or adds to it, so the checks on an addition see
every entry and a report never misses one another instance added.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import asyncpg

from service.decisions import Conflict
from service.domain.validation import FieldProblem, InvalidCase
from service.policy.measures import (
    CatalogueEntry,
    CatalogueFull,
    Measure,
    MeasureAlreadyCatalogued,
    entry_problems,
)
from service.policy.registry import PolicyRegistry
from service.store import measures as measure_store
from service.store.measures import StoredMeasure

log = logging.getLogger(__name__)


class CatalogueService:
    def __init__(self, registry: PolicyRegistry) -> None:
        self.registry = registry
        self._merged_up_to = 0  # the highest `seq` of the stored entries merged so far

    async def refresh(self, connection: asyncpg.Connection) -> None:
        """Merge the entries stored since the last refresh (all of them the first time)."""
        self._merge(await measure_store.added_after(connection, self._merged_up_to))

    async def add(self, connection: asyncpg.Connection, measure: Measure) -> CatalogueEntry:
        """Store a new entry and add it to the catalogue; nothing is stored when it is refused."""
        problems = entry_problems(measure)
        if problems:
            raise InvalidCase(problems)
        async with connection.transaction():
            await measure_store.lock_for_addition(connection)
            # Under the lock no other addition commits, so after this the catalogue holds every
            # stored entry and the checks below are final.
            await self.refresh(connection)
            try:
                self.registry.catalogue.check_addition(measure)
            except MeasureAlreadyCatalogued as error:
                raise Conflict(str(error)) from error
            except CatalogueFull as error:
                raise InvalidCase([FieldProblem("(body)", str(error))]) from error
            stored = await measure_store.insert_measure(connection, measure)
            if stored is None:  # only a row the lock did not cover, e.g. written by hand
                raise Conflict(f"measure {measure.id} is already catalogued")
        # Merged only once committed: a rolled-back addition must not show.
        self._merge([stored])
        return stored.entry

    def _merge(self, stored: Iterable[StoredMeasure]) -> None:
        # Two requests may read the same new rows before either merges them; `seq` says which
        # are new to this catalogue. Rows come in `seq` order, which the lock makes the order
        # in which they were committed.
        fresh = [row for row in stored if row.seq > self._merged_up_to]
        if not fresh:
            return
        catalogue, left_out = self.registry.catalogue.with_added(row.entry for row in fresh)
        self.registry.catalogue = catalogue
        self._merged_up_to = fresh[-1].seq
        for entry in left_out:
            log.warning(
                "stored measure %s is left out: the catalogue file lists it too, and wins",
                entry.measure.id,
            )

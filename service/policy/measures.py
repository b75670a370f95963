"""The catalogue of the collection strategy's improvement measures (collection-rules.md §1).

The shipped file (`policies/measures.toml`) holds the measures known when the service was built;
policy staff add the others through the API as they are published. `Catalogue` is the two
together: the file's entries first, then the added ones in the order they were added.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from service.domain.validation import FieldProblem
from service.policy.document import MEASURE_ID_PATTERN, MeasureId, Text
from service.policy.errors import PolicyDocumentError, PolicyProblem
from service.policy.msgspec_paths import problem_path

MeasureStatus = Literal[
    "implemented", "translated_into_policy", "in_law", "policy", "ambition", "unknown"
]
MeasureOrigin = Literal["file", "api"]


class MeasureName(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    nl: Text
    en: Text


class Measure(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    id: MeasureId
    name: MeasureName
    status: MeasureStatus
    source: Text
    # A text like the others: an entry added through the API is bounded the same way.
    rules_section: Text | None = None


class MeasureCatalogue(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    total_in_strategy: Annotated[int, msgspec.Meta(ge=1)]
    measures: tuple[Measure, ...]

    def ids(self) -> frozenset[str]:
        return frozenset(measure.id for measure in self.measures)


def load_catalogue(path: Path) -> MeasureCatalogue:
    name = path.name
    if not path.is_file():
        raise PolicyDocumentError([PolicyProblem(name, "(file)", f"not found in {path.parent}")])
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        catalogue = msgspec.convert(raw, MeasureCatalogue)
    except tomllib.TOMLDecodeError as error:
        raise PolicyDocumentError([PolicyProblem(name, "(document)", f"TOML: {error}")]) from error
    except msgspec.ValidationError as error:
        path_in_doc, message = problem_path(str(error))
        raise PolicyDocumentError([PolicyProblem(name, path_in_doc, message)]) from error
    problems = []
    seen: set[str] = set()
    for index, measure in enumerate(catalogue.measures):
        if measure.id in seen:
            problems.append(PolicyProblem(name, f"measures[{index}].id", "duplicate measure id"))
        seen.add(measure.id)
    if len(catalogue.measures) > catalogue.total_in_strategy:
        problems.append(PolicyProblem(name, "measures", "more measures than total_in_strategy"))
    if problems:
        raise PolicyDocumentError(problems)
    return catalogue


def entry_problems(measure: Measure) -> list[FieldProblem]:
    """What the schema lets through but an added entry must not hold.

    msgspec matches the id pattern with `re.search`, whose `$` also matches before a final
    newline; and PostgreSQL text cannot hold a NUL character. Both would otherwise reach the
    database and fail there.
    """
    problems = []
    if measure.id.endswith("\n"):
        problems.append(FieldProblem("id", f"does not match {MEASURE_ID_PATTERN}"))
    texts = {
        "name.nl": measure.name.nl,
        "name.en": measure.name.en,
        "source": measure.source,
        "rules_section": measure.rules_section,
    }
    for field, text in texts.items():
        if text is not None and "\x00" in text:
            problems.append(FieldProblem(field, "must not contain a NUL character"))
    return problems


class CatalogueEntry(msgspec.Struct, frozen=True, kw_only=True):
    """A catalogued measure and where it comes from; `recorded_at` only for added entries."""

    measure: Measure
    origin: MeasureOrigin
    recorded_at: datetime | None = None


class MeasureAlreadyCatalogued(ValueError):
    def __init__(self, entry: CatalogueEntry) -> None:
        where = (
            "the catalogue file" if entry.origin == "file" else "the entries added through the API"
        )
        super().__init__(f"measure {entry.measure.id} is already catalogued in {where}")
        self.entry = entry


class CatalogueFull(ValueError):
    pass


class Catalogue:
    """The file catalogue followed by the entries added through the API, in the order added.

    Immutable: adding returns a new catalogue, so a request that is reading one never sees it
    change half-way.
    """

    __slots__ = ("_by_id", "entries", "file")

    def __init__(self, file: MeasureCatalogue, added: Iterable[CatalogueEntry] = ()) -> None:
        self.file = file
        entries = [CatalogueEntry(measure=measure, origin="file") for measure in file.measures]
        self._by_id = {entry.measure.id: entry for entry in entries}
        for entry in added:
            if entry.origin != "api":
                raise ValueError(f"measure {entry.measure.id}: added entries come from the API")
            if entry.measure.id not in self._by_id:
                self._by_id[entry.measure.id] = entry
                entries.append(entry)
        self.entries: tuple[CatalogueEntry, ...] = tuple(entries)

    @property
    def total_in_strategy(self) -> int:
        return self.file.total_in_strategy

    @property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(entry.measure for entry in self.entries)

    def ids(self) -> frozenset[str]:
        return frozenset(self._by_id)

    def get(self, measure_id: str) -> CatalogueEntry | None:
        return self._by_id.get(measure_id)

    def check_addition(self, measure: Measure) -> None:
        """Raise why `measure` cannot be added: its id is taken, or the strategy is complete."""
        existing = self._by_id.get(measure.id)
        if existing is not None:
            raise MeasureAlreadyCatalogued(existing)
        if len(self.entries) >= self.total_in_strategy:
            raise CatalogueFull(
                f"the catalogue already holds {len(self.entries)} measures and the strategy has "
                f"{self.total_in_strategy}"
            )

    def with_added(self, added: Iterable[CatalogueEntry]) -> tuple[Catalogue, list[CatalogueEntry]]:
        """A catalogue with `added` after the present entries, and those left out.

        An added entry whose id is already catalogued is left out rather than refused: the
        stored entries are history and must not stop the service from starting, e.g. when a
        later catalogue file lists a measure that was first added through the API (the file
        wins). The caller logs what was left out.
        """
        current = [entry for entry in self.entries if entry.origin == "api"]
        known = set(self._by_id)
        kept: list[CatalogueEntry] = []
        left_out: list[CatalogueEntry] = []
        for entry in added:
            (left_out if entry.measure.id in known else kept).append(entry)
            known.add(entry.measure.id)
        return Catalogue(self.file, [*current, *kept]), left_out

"""The catalogue of the collection strategy's improvement measures (collection-rules.md §1)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from service.policy.document import MeasureId, Text
from service.policy.errors import PolicyDocumentError, PolicyProblem
from service.policy.msgspec_paths import problem_path

MeasureStatus = Literal[
    "implemented", "translated_into_policy", "in_law", "policy", "ambition", "unknown"
]


class MeasureName(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    nl: Text
    en: Text


class Measure(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    id: MeasureId
    name: MeasureName
    status: MeasureStatus
    source: Text
    rules_section: str | None = None


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

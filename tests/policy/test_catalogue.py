"""The catalogue the service reports: the file's measures, then those added through the API."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.config import PROJECT_ROOT
from service.policy.measures import (
    Catalogue,
    CatalogueEntry,
    CatalogueFull,
    Measure,
    MeasureAlreadyCatalogued,
    MeasureCatalogue,
    MeasureName,
    entry_problems,
    load_catalogue,
)

FILE = load_catalogue(PROJECT_ROOT / "policies" / "measures.toml")


def measure(measure_id: str, **changes: object) -> Measure:
    fields: dict[str, object] = {
        "id": measure_id,
        "name": MeasureName(nl="Maatregel", en="Measure"),
        "status": "policy",
        "source": "Kamerbrief",
        **changes,
    }
    return Measure(**fields)


def added(measure_id: str) -> CatalogueEntry:
    return CatalogueEntry(
        measure=measure(measure_id), origin="api", recorded_at=datetime(2025, 5, 1, tzinfo=UTC)
    )


def test_the_file_entries_come_first_in_file_order() -> None:
    catalogue = Catalogue(FILE, [added("M-NEW-A")])
    assert [entry.measure.id for entry in catalogue.entries] == [
        *(m.id for m in FILE.measures),
        "M-NEW-A",
    ]
    assert [entry.origin for entry in catalogue.entries] == ["file"] * 15 + ["api"]
    assert catalogue.total_in_strategy == 45
    assert catalogue.get("M-NEW-A") == added("M-NEW-A")
    assert catalogue.get("M-SMALL-CLAIMS") == CatalogueEntry(
        measure=next(m for m in FILE.measures if m.id == "M-SMALL-CLAIMS"), origin="file"
    )
    assert catalogue.get("M-UNKNOWN") is None


def test_with_added_appends_in_order_and_leaves_the_catalogue_it_came_from_alone() -> None:
    start = Catalogue(FILE, [added("M-NEW-A")])
    grown, left_out = start.with_added([added("M-NEW-C"), added("M-NEW-B")])
    assert [e.measure.id for e in grown.entries[15:]] == ["M-NEW-A", "M-NEW-C", "M-NEW-B"]
    assert left_out == []
    assert [e.measure.id for e in start.entries[15:]] == ["M-NEW-A"]


def test_a_stored_entry_the_file_also_lists_is_left_out_and_the_file_wins() -> None:
    grown, left_out = Catalogue(FILE).with_added([added("M-SMALL-CLAIMS"), added("M-NEW-A")])
    assert left_out == [added("M-SMALL-CLAIMS")]
    kept = grown.get("M-SMALL-CLAIMS")
    assert kept is not None
    assert kept.origin == "file"
    assert len(grown.entries) == 16


def test_adding_an_id_of_the_file_is_refused_naming_the_file() -> None:
    with pytest.raises(MeasureAlreadyCatalogued, match=r"M-PAUSE .* catalogue file"):
        Catalogue(FILE).check_addition(measure("M-PAUSE"))


def test_adding_an_id_added_before_is_refused_naming_the_api() -> None:
    with pytest.raises(MeasureAlreadyCatalogued, match=r"M-NEW-A .* added through the API"):
        Catalogue(FILE, [added("M-NEW-A")]).check_addition(measure("M-NEW-A"))


def test_the_45th_measure_fits_and_the_46th_does_not() -> None:
    almost = Catalogue(FILE, [added(f"M-NEW-{n}") for n in range(29)])
    assert len(almost.entries) == 44
    almost.check_addition(measure("M-FORTY-FIFTH"))  # does not raise
    full, _ = almost.with_added([added("M-FORTY-FIFTH")])
    with pytest.raises(CatalogueFull, match="holds 45 measures and the strategy has 45"):
        full.check_addition(measure("M-FORTY-SIXTH"))


def test_a_small_strategy_is_full_with_its_file_alone() -> None:
    small = MeasureCatalogue(total_in_strategy=15, measures=FILE.measures)
    with pytest.raises(CatalogueFull):
        Catalogue(small).check_addition(measure("M-NEW-A"))


def test_a_valid_entry_has_no_problems() -> None:
    assert entry_problems(measure("M-NEW-A", rules_section="§10")) == []


def test_a_trailing_newline_on_the_id_is_a_problem_of_the_id() -> None:
    assert [p.field for p in entry_problems(measure("M-NEW-A\n"))] == ["id"]


def test_a_nul_character_is_a_problem_of_each_text_that_holds_one() -> None:
    bad = measure(
        "M-NEW-A",
        name=MeasureName(nl="a\x00", en="b"),
        source="c\x00",
        rules_section="\x00",
    )
    assert [p.field for p in entry_problems(bad)] == ["name.nl", "source", "rules_section"]

"""DatedSeries: a value holds from its start date until the day before the next entry."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from service.domain.series import DatedSeries, NoValueBefore

# The reference interest-rate series of collection-rules.md §6, in basis points.
RATES = DatedSeries.of(
    [
        (date(2015, 1, 1), 400),
        (date(2024, 1, 1), 400),
        (date(2026, 1, 1), 430),
    ]
)

# A series whose value changes at every entry, to see each split.
STEPS = DatedSeries.of(
    [
        (date(2025, 1, 1), 100),
        (date(2025, 3, 1), 200),
        (date(2025, 3, 10), 300),
    ]
)

# --- construction -----------------------------------------------------------------------------


def test_of_sorts_entries_by_date() -> None:
    series = DatedSeries.of([(date(2026, 1, 1), 430), (date(2015, 1, 1), 400)])
    assert series.starts == (date(2015, 1, 1), date(2026, 1, 1))
    assert series.values == (400, 430)
    assert series.first_date == date(2015, 1, 1)


def test_of_rejects_an_empty_series() -> None:
    with pytest.raises(ValueError, match="at least one entry"):
        DatedSeries.of([])


def test_of_rejects_two_entries_on_the_same_date() -> None:
    with pytest.raises(ValueError, match="same date"):
        DatedSeries.of([(date(2025, 1, 1), 1), (date(2025, 1, 1), 2)])


# --- at ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2015, 1, 1), 400, id="on-first-start"),
        pytest.param(date(2020, 6, 15), 400, id="between"),
        pytest.param(date(2025, 12, 31), 400, id="day-before-change"),
        pytest.param(date(2026, 1, 1), 430, id="on-change"),
        pytest.param(date(2099, 12, 31), 430, id="far-after-last-entry"),
    ],
)
def test_at_returns_the_value_in_force_on_the_day(day: date, expected: int) -> None:
    assert RATES.at(day) == expected


def test_at_raises_no_value_before_the_first_entry() -> None:
    with pytest.raises(NoValueBefore) as raised:
        RATES.at(date(2014, 12, 31))
    assert raised.value.first == date(2015, 1, 1)
    assert raised.value.asked == date(2014, 12, 31)
    assert "2015-01-01" in str(raised.value)
    assert "2014-12-31" in str(raised.value)


def test_no_value_before_is_a_lookup_error() -> None:
    with pytest.raises(LookupError):
        STEPS.at(date(2024, 12, 31))


# --- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        pytest.param(
            date(2025, 1, 5),
            date(2025, 2, 20),
            [(date(2025, 1, 5), date(2025, 2, 20), 100)],
            id="inside-one-value",
        ),
        pytest.param(
            date(2025, 2, 1),
            date(2025, 2, 1),
            [(date(2025, 2, 1), date(2025, 2, 1), 100)],
            id="single-day",
        ),
        pytest.param(
            date(2025, 2, 20),
            date(2025, 3, 5),
            [
                (date(2025, 2, 20), date(2025, 2, 28), 100),
                (date(2025, 3, 1), date(2025, 3, 5), 200),
            ],
            id="across-one-change",
        ),
        pytest.param(
            date(2025, 2, 1),
            date(2025, 2, 28),
            [(date(2025, 2, 1), date(2025, 2, 28), 100)],
            id="ends-the-day-before-a-change",
        ),
        pytest.param(
            date(2025, 3, 1),
            date(2025, 3, 4),
            [(date(2025, 3, 1), date(2025, 3, 4), 200)],
            id="starts-on-a-change",
        ),
        pytest.param(
            date(2025, 2, 28),
            date(2025, 3, 1),
            [
                (date(2025, 2, 28), date(2025, 2, 28), 100),
                (date(2025, 3, 1), date(2025, 3, 1), 200),
            ],
            id="two-days-straddling-a-change",
        ),
        pytest.param(
            date(2025, 1, 1),
            date(2025, 4, 30),
            [
                (date(2025, 1, 1), date(2025, 2, 28), 100),
                (date(2025, 3, 1), date(2025, 3, 9), 200),
                (date(2025, 3, 10), date(2025, 4, 30), 300),
            ],
            id="across-two-changes-from-first-start",
        ),
        pytest.param(
            date(2025, 3, 9),
            date(2025, 3, 10),
            [
                (date(2025, 3, 9), date(2025, 3, 9), 200),
                (date(2025, 3, 10), date(2025, 3, 10), 300),
            ],
            id="onto-last-entry",
        ),
        pytest.param(
            date(2026, 1, 1),
            date(2026, 12, 31),
            [(date(2026, 1, 1), date(2026, 12, 31), 300)],
            id="after-last-entry",
        ),
    ],
)
def test_periods_splits_an_inclusive_range_at_value_changes(
    first: date, last: date, expected: list[tuple[date, date, int]]
) -> None:
    assert list(STEPS.periods(first, last)) == expected


def test_periods_across_the_2026_rate_change() -> None:
    assert list(RATES.periods(date(2025, 12, 1), date(2026, 2, 28))) == [
        (date(2025, 12, 1), date(2025, 12, 31), 400),
        (date(2026, 1, 1), date(2026, 2, 28), 430),
    ]


@pytest.mark.parametrize(
    ("first", "last"),
    [
        pytest.param(date(2025, 5, 2), date(2025, 5, 1), id="last-is-day-before-first"),
        pytest.param(date(2025, 12, 31), date(2025, 1, 1), id="last-long-before-first"),
    ],
)
def test_periods_of_a_range_with_last_before_first_is_empty(first: date, last: date) -> None:
    assert list(STEPS.periods(first, last)) == []


def test_periods_raises_no_value_before_when_the_range_starts_before_the_first_entry() -> None:
    with pytest.raises(NoValueBefore) as raised:
        list(STEPS.periods(date(2024, 12, 31), date(2025, 1, 10)))
    assert raised.value.first == date(2025, 1, 1)
    assert raised.value.asked == date(2024, 12, 31)


# Both series' changes in one, with a start early enough for every range below.
MIXED = DatedSeries.of(
    [
        (date(2015, 1, 1), 400),
        (date(2024, 1, 1), 400),
        (date(2025, 3, 1), 200),
        (date(2025, 3, 10), 300),
        (date(2026, 1, 1), 430),
    ]
)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        pytest.param(date(2015, 1, 1), date(2015, 1, 1), id="first-day-only"),
        pytest.param(date(2023, 12, 31), date(2024, 1, 1), id="across-equal-valued-entry"),
        pytest.param(date(2025, 2, 27), date(2025, 3, 11), id="two-close-changes"),
        pytest.param(date(2024, 2, 28), date(2024, 3, 1), id="across-leap-day"),
        pytest.param(date(2015, 1, 1), date(2027, 12, 31), id="whole-series"),
    ],
)
def test_periods_are_contiguous_and_cover_the_range_day_for_day(first: date, last: date) -> None:
    periods = list(MIXED.periods(first, last))
    assert periods[0][0] == first
    assert periods[-1][1] == last
    for (_, end, _), (start, _, _) in pairwise(periods):
        assert start == end + timedelta(days=1)
    # Every day of the range gets the value in force on that day.
    day = first
    for start, end, value in periods:
        assert start <= end
        while day <= end:
            assert MIXED.at(day) == value
            day += timedelta(days=1)
    assert day == last + timedelta(days=1)

"""Calendar arithmetic: days, months and years as collection-rules.md defines them.

"+ N months" is the same day N months later, clamped to the last day of a shorter month; a year
is twelve months, so 29 February + 1 year is 28 February. Expected dates are worked out by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from service.domain.calendar import add_days, add_months, add_years, days_inclusive

# --- add_days: the 42-day payment term (§3, Awir 28) ------------------------------------------


@pytest.mark.parametrize(
    ("decision_date", "due_date"),
    [
        # Within one month: 1 Mar + 42 -> 31 Mar is +30, so +42 is 12 Apr.
        pytest.param(date(2025, 3, 1), date(2025, 4, 12), id="across-one-month-end"),
        # 20 Jan + 11 = 31 Jan, + 39 = 28 Feb (2025 is not a leap year), + 42 = 3 Mar.
        pytest.param(date(2025, 1, 20), date(2025, 3, 3), id="across-feb-non-leap"),
        # 1 Dec + 30 = 31 Dec, + 42 = 12 Jan of the next year.
        pytest.param(date(2024, 12, 1), date(2025, 1, 12), id="across-year-end"),
        # 25 Dec + 6 = 31 Dec, + 7 = 1 Jan 2024, + 42 = 5 Feb 2024.
        pytest.param(date(2023, 12, 25), date(2024, 2, 5), id="across-year-end-into-leap-year"),
        # 1 Feb + 28 = 29 Feb 2024 (leap), + 29 = 1 Mar, + 42 = 14 Mar.
        pytest.param(date(2024, 2, 1), date(2024, 3, 14), id="across-29-feb-leap"),
        # Same in 2023: 1 Feb + 27 = 28 Feb, + 28 = 1 Mar, + 42 = 15 Mar (one day later).
        pytest.param(date(2023, 2, 1), date(2023, 3, 15), id="across-28-feb-non-leap"),
        # 29 Feb 2024 itself: + 1 = 1 Mar, + 31 = 31 Mar, + 42 = 11 Apr.
        pytest.param(date(2024, 2, 29), date(2024, 4, 11), id="from-29-feb"),
        # 31 Jan 2024: + 29 = 29 Feb, + 30 = 1 Mar, + 42 = 13 Mar.
        pytest.param(date(2024, 1, 31), date(2024, 3, 13), id="from-31-jan-leap"),
    ],
)
def test_add_days_gives_the_42_day_due_date_across_month_year_and_leap_day(
    decision_date: date, due_date: date
) -> None:
    assert add_days(decision_date, 42) == due_date


def test_add_days_does_not_skip_weekends() -> None:
    # The Algemene termijnenwet does not apply: a due date on a Sunday stays on the Sunday.
    # 2025-01-04 is a Saturday; + 42 days (six whole weeks) is again a Saturday, 2025-02-15.
    due = add_days(date(2025, 1, 4), 42)
    assert due == date(2025, 2, 15)
    assert due.weekday() == 5


@pytest.mark.parametrize(
    ("day", "days", "expected"),
    [
        pytest.param(date(2025, 5, 10), 0, date(2025, 5, 10), id="zero"),
        pytest.param(date(2025, 1, 1), -1, date(2024, 12, 31), id="negative-across-year"),
        pytest.param(date(2024, 3, 1), -1, date(2024, 2, 29), id="negative-onto-leap-day"),
        pytest.param(date(2024, 1, 1), 366, date(2025, 1, 1), id="whole-leap-year"),
    ],
)
def test_add_days_handles_zero_and_negative_offsets(day: date, days: int, expected: date) -> None:
    assert add_days(day, days) == expected


# --- add_months: same day N months later, clamped ------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        pytest.param(date(2024, 1, 31), 1, date(2024, 2, 29), id="31-jan-leap-clamps-to-29-feb"),
        pytest.param(date(2023, 1, 31), 1, date(2023, 2, 28), id="31-jan-non-leap-clamps-to-28"),
        pytest.param(date(2024, 1, 30), 1, date(2024, 2, 29), id="30-jan-leap"),
        pytest.param(date(2024, 1, 29), 1, date(2024, 2, 29), id="29-jan-leap-fits"),
        pytest.param(date(2023, 1, 29), 1, date(2023, 2, 28), id="29-jan-non-leap-clamps"),
        pytest.param(date(2024, 3, 31), 1, date(2024, 4, 30), id="31-mar-to-30-apr"),
        pytest.param(date(2024, 5, 31), 1, date(2024, 6, 30), id="31-may-to-30-jun"),
        pytest.param(date(2024, 7, 31), 1, date(2024, 8, 31), id="31-jul-to-31-aug"),
        pytest.param(date(2024, 1, 31), 2, date(2024, 3, 31), id="31-jan-plus-2-not-drifted"),
        pytest.param(date(2024, 1, 15), 0, date(2024, 1, 15), id="zero-months"),
        pytest.param(date(2024, 12, 15), 1, date(2025, 1, 15), id="across-year-end"),
        pytest.param(date(2024, 11, 30), 3, date(2025, 2, 28), id="across-year-end-clamped"),
        pytest.param(date(2024, 1, 31), 13, date(2025, 2, 28), id="13-months-into-non-leap"),
        pytest.param(date(2023, 1, 31), 13, date(2024, 2, 29), id="13-months-into-leap"),
        pytest.param(date(2024, 2, 29), 12, date(2025, 2, 28), id="leap-day-plus-12"),
        pytest.param(date(2024, 2, 29), 48, date(2028, 2, 29), id="leap-day-plus-48"),
        pytest.param(date(2025, 6, 10), 24, date(2027, 6, 10), id="24-months"),
        pytest.param(date(2024, 1, 15), -1, date(2023, 12, 15), id="minus-one-across-year"),
        pytest.param(date(2024, 3, 31), -1, date(2024, 2, 29), id="minus-one-clamped-leap"),
        pytest.param(date(2024, 3, 31), -13, date(2023, 2, 28), id="minus-13-clamped"),
        pytest.param(date(2024, 1, 31), -13, date(2022, 12, 31), id="minus-13-month-end"),
    ],
)
def test_add_months_is_same_day_later_clamped_to_month_end(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected


def test_add_months_counted_from_the_start_differs_from_stepping_month_by_month() -> None:
    # Stepping 31 Jan -> 29 Feb -> 29 Mar loses the month end; counting from 31 Jan keeps it.
    assert add_months(add_months(date(2024, 1, 31), 1), 1) == date(2024, 3, 29)
    assert add_months(date(2024, 1, 31), 2) == date(2024, 3, 31)


# --- add_years --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        pytest.param(date(2024, 2, 29), 5, date(2029, 2, 28), id="leap-day-plus-5-clamps"),
        pytest.param(date(2024, 2, 29), 4, date(2028, 2, 29), id="leap-day-plus-4-stays"),
        pytest.param(date(2024, 2, 29), 1, date(2025, 2, 28), id="leap-day-plus-1"),
        pytest.param(date(2024, 2, 29), -1, date(2023, 2, 28), id="leap-day-minus-1"),
        pytest.param(date(2023, 2, 28), 1, date(2024, 2, 28), id="28-feb-stays-28-in-leap"),
        pytest.param(date(2025, 3, 14), 5, date(2030, 3, 14), id="ordinary"),
        pytest.param(date(2025, 12, 31), 5, date(2030, 12, 31), id="year-end"),
        pytest.param(date(2025, 3, 14), 0, date(2025, 3, 14), id="zero"),
    ],
)
def test_add_years_is_twelve_months_and_clamps_29_february(
    day: date, years: int, expected: date
) -> None:
    assert add_years(day, years) == expected


# --- days_inclusive ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        pytest.param(date(2025, 5, 1), date(2025, 5, 1), 1, id="single-day"),
        pytest.param(date(2025, 5, 1), date(2025, 5, 2), 2, id="two-days"),
        pytest.param(date(2024, 2, 1), date(2024, 2, 29), 29, id="february-leap"),
        pytest.param(date(2023, 2, 1), date(2023, 2, 28), 28, id="february-non-leap"),
        pytest.param(date(2024, 1, 1), date(2024, 12, 31), 366, id="leap-year"),
        pytest.param(date(2025, 1, 1), date(2025, 12, 31), 365, id="common-year"),
        pytest.param(date(2025, 12, 1), date(2026, 1, 31), 62, id="across-year-end"),
    ],
)
def test_days_inclusive_counts_both_ends(first: date, last: date, expected: int) -> None:
    assert days_inclusive(first, last) == expected


@pytest.mark.parametrize(
    ("first", "last"),
    [
        pytest.param(date(2025, 5, 2), date(2025, 5, 1), id="last-is-day-before-first"),
        pytest.param(date(2025, 5, 1), date(2020, 1, 1), id="last-long-before-first"),
    ],
)
def test_days_inclusive_is_zero_for_an_empty_period(first: date, last: date) -> None:
    assert days_inclusive(first, last) == 0

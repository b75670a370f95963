"""Calendar arithmetic as the collection rules use it.

"+ N months" means the same day N months later, clamped to the last day of a shorter month
(collection-rules.md, preamble). Years are twelve months, so 29 February + 1 year is 28 February.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(month_index, 12)
    # Instalment schedules call this for every instalment: a table beats calendar.monthrange.
    last = 29 if month0 == 1 and calendar.isleap(year) else _DAYS_IN_MONTH[month0]
    return date(year, month0 + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def days_inclusive(first: date, last: date) -> int:
    """Number of days from `first` up to and including `last` (0 when the period is empty)."""
    return max(0, (last - first).days + 1)

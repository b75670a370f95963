"""Date-keyed parameter series: a value holds from its date until the next entry's date.

OpenFisca-style dated parameters: the threshold per decision year, the interest rate per period.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

T = TypeVar("T")


class NoValueBefore(LookupError):
    """A series was asked for a date before its first entry."""

    def __init__(self, first: date, asked: date) -> None:
        super().__init__(f"no value before {first.isoformat()} (asked for {asked.isoformat()})")
        self.first = first
        self.asked = asked


@dataclass(frozen=True, slots=True)
class DatedSeries(Generic[T]):
    starts: tuple[date, ...]
    values: tuple[T, ...]

    @classmethod
    def of(cls, points: Sequence[tuple[date, T]]) -> DatedSeries[T]:
        ordered = sorted(points, key=lambda point: point[0])
        if not ordered:
            raise ValueError("a series needs at least one entry")
        starts = tuple(point[0] for point in ordered)
        if len(set(starts)) != len(starts):
            raise ValueError("a series has two entries for the same date")
        return cls(starts, tuple(point[1] for point in ordered))

    @property
    def first_date(self) -> date:
        return self.starts[0]

    def at(self, day: date) -> T:
        index = bisect_right(self.starts, day) - 1
        if index < 0:
            raise NoValueBefore(self.starts[0], day)
        return self.values[index]

    def periods(self, first: date, last: date) -> Iterator[tuple[date, date, T]]:
        """Split the inclusive period [first, last] at every change of value."""
        if last < first:
            return
        index = bisect_right(self.starts, first) - 1
        if index < 0:
            raise NoValueBefore(self.starts[0], first)
        start = first
        while start <= last:
            following = self.starts[index + 1] if index + 1 < len(self.starts) else None
            end = last if following is None else min(last, following - timedelta(days=1))
            yield start, end, self.values[index]
            start = end + timedelta(days=1)
            index += 1

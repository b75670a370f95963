"""Limitation (verjaring) and interruption (stuiting): Awb 4:104-4:111, Awir 32(7) -> IW 27(1).

A claim's last enforceable day is its due date + 5 years. An interruption on day D starts a new
period the next day, so the last day becomes D + 5 years. An interruption never shortens the
period (one before the due date leaves it as it is), and one after the claim has expired does
not revive it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from service.domain.calendar import add_years


@dataclass(frozen=True, slots=True)
class Limitation:
    limitation_date: date
    effective_interruptions: tuple[date, ...]

    def expired_on(self, as_of: date) -> bool:
        return as_of > self.limitation_date


def limitation(due_date: date, interruptions: Iterable[date], years: int) -> Limitation:
    last_day = add_years(due_date, years)
    effective: list[date] = []
    for day in sorted(interruptions):
        if day > last_day:
            break  # the claim had expired; a later act does not revive it
        extended = add_years(day, years)
        if extended > last_day:
            last_day = extended
            effective.append(day)
    return Limitation(last_day, tuple(effective))

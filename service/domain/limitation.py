"""Limitation (verjaring) and interruption (stuiting): Awb 4:104-4:111, Awir 32(7) -> IW 27(1).

A claim's last enforceable day is its due date + 5 years. An interruption on day D starts a new
period the next day, so the last day becomes D + 5 years. An interruption never shortens the
period (one before the due date leaves it as it is), and one after the claim has expired does
not revive it. A granted postponement (uitstel, such as a payment pause) extends the running
period by its length (Awb 4:111 jo. IW 27); acts are taken in date order, so an interruption after
a pause starts a fresh period and a pause after an interruption extends that fresh period.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from service.domain.calendar import add_years


@dataclass(frozen=True, slots=True)
class Postponement:
    """A granted postponement: from `first` up to and including `last`."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True, slots=True)
class Limitation:
    limitation_date: date
    effective_interruptions: tuple[date, ...]
    effective_postponements: tuple[Postponement, ...] = ()

    def expired_on(self, as_of: date) -> bool:
        return as_of > self.limitation_date


def limitation(
    due_date: date,
    interruptions: Iterable[date],
    years: int,
    postponements: Iterable[Postponement] = (),
) -> Limitation:
    last_day = add_years(due_date, years)
    # Same-day order: a postponement before an interruption, so the interruption's fresh
    # period is never lengthened by a pause that began before it.
    acts: list[tuple[date, int, Postponement | None]] = [(day, 1, None) for day in interruptions]
    acts.extend((pause.first, 0, pause) for pause in postponements)
    effective: list[date] = []
    postponed: list[Postponement] = []
    for day, _, pause in sorted(acts, key=lambda act: (act[0], act[1])):
        if day > last_day:
            break  # the claim had expired; a later act does not revive it
        if pause is not None:
            # Only the part of a pause after the payment term lies in the running period.
            days = (pause.last - max(pause.first, due_date + timedelta(days=1))).days + 1
            if days > 0:
                last_day += timedelta(days=days)
                postponed.append(pause)
            continue
        extended = add_years(day, years)
        if extended > last_day:
            last_day = extended
            effective.append(day)
    return Limitation(last_day, tuple(effective), tuple(postponed))

"""What the debtor's arrangement events say: when an arrangement ran and which pauses were granted.

Events come from the back-office (`arrangement_start`, `instalment_missed`, `reminder`,
`arrangement_withdrawn`, `pause`); the policy decides what follows from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from service.domain.calendar import add_months
from service.domain.case import PAYING_EVENTS, DebtorEvent
from service.domain.limitation import Postponement


def pause_period(start: date, months: int) -> Postponement:
    """A pause of `months` from `start`: up to and including the day before start + months."""
    return Postponement(start, add_months(start, months) - timedelta(days=1))


def granted_pauses(events: Iterable[DebtorEvent]) -> list[Postponement]:
    return sorted(
        (pause_period(event.date, event.months) for event in events
         if event.type == "pause" and event.months is not None),
        key=lambda pause: pause.first,
    )  # fmt: skip


def whole_months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (add_months(earlier, n) <= later)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if months > 0 and add_months(earlier, months) > later:
        months -= 1
    return max(months, 0)


@dataclass(frozen=True, slots=True)
class ArrangementHistory:
    """What the arrangement's events say, read once in date order."""

    # The stretches in which an arrangement was complied with: from its start up to `as_of`
    # while it runs; a withdrawn one up to the day before the last instalment missed before the
    # withdrawal (from then on it was not complied with), or the day before the withdrawal.
    complied: tuple[tuple[date, date], ...]
    # An arrangement started and not withdrawn since.
    active: bool
    # Where it stands, for the enforcement rules (§8): none, instalment_missed, reminder_sent or
    # withdrawn, and the day that state began.
    state: str
    since: date | None


NO_ARRANGEMENT = ArrangementHistory((), False, "none", None)


def arrangement_history(events: Iterable[DebtorEvent], as_of: date) -> ArrangementHistory:
    """A start while one runs changes nothing (a new claim is added by re-planning, §4.2); a
    start after a withdrawal ends any enforcement (M-ARRANGEMENT-IN-ENFORCEMENT)."""
    complied: list[tuple[date, date]] = []
    started: date | None = None
    missed: date | None = None
    state, since = "none", None
    for event in sorted(events, key=lambda event: event.date):
        kind = event.type
        if kind == "arrangement_start":
            if started is None:
                started, missed = event.date, None
            state, since = "none", event.date
        elif kind == "instalment_missed" and started is not None:
            missed = event.date
            if state in ("none", "reminder_sent"):
                state, since = "instalment_missed", event.date
        elif kind == "reminder" and state == "instalment_missed":
            state, since = "reminder_sent", event.date
        elif kind == "arrangement_withdrawn" and started is not None:
            end = (missed or event.date) - timedelta(days=1)
            if end >= started:
                complied.append((started, end))
            started = missed = None
            state, since = "withdrawn", event.date
    if started is not None:
        complied.append((started, as_of))
    return ArrangementHistory(tuple(complied), started is not None, state, since)


@dataclass(frozen=True, slots=True)
class ClaimEnforcement:
    """Where forced collection stands on one claim since the arrangement was withdrawn."""

    aanmaning: date | None  # the aanmaning sent since the withdrawal (the latest)
    dwangbevel: date | None  # a dwangbevel sent after that aanmaning
    paid_since_aanmaning: bool


def claim_enforcement(
    events: Sequence[tuple[date, str]], debtor_payments: Sequence[date], withdrawn_on: date
) -> ClaimEnforcement:
    """`events` are the claim's (date, type); `debtor_payments` the days of payments to the
    debtor as a whole, which reach every claim."""
    aanmaning = dwangbevel = None
    for day, kind in sorted(events):
        if day < withdrawn_on:
            continue
        if kind == "aanmaning":
            aanmaning, dwangbevel = day, None
        elif kind == "dwangbevel" and aanmaning is not None:
            dwangbevel = day
    paid = aanmaning is not None and (
        any(day > aanmaning and kind in PAYING_EVENTS for day, kind in events)
        or any(day > aanmaning for day in debtor_payments)
    )
    return ClaimEnforcement(aanmaning, dwangbevel, paid)


def pause_active(pauses: Iterable[Postponement], on: date) -> bool:
    return any(pause.first <= on <= pause.last for pause in pauses)

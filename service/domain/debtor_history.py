"""What the debtor's arrangement events say: when an arrangement ran and which pauses were granted.

Events come from the back-office (`arrangement_start`, `instalment_missed`, `reminder`,
`arrangement_withdrawn`, `pause`); the policy decides what follows from them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from service.domain.calendar import add_months
from service.domain.case import DebtorEvent
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


def arrangement_periods(events: Iterable[DebtorEvent], as_of: date) -> list[tuple[date, date]]:
    """The stretches in which an arrangement was complied with: from its start up to the day
    before it was withdrawn, or up to `as_of` while it still runs. A withdrawn arrangement was
    no longer complied with from the missed instalment that led to the withdrawal (the last one
    missed before it), so its stretch ends the day before that instalment. A start while one runs
    changes nothing (a new claim is added by re-planning, §4.2)."""
    periods: list[tuple[date, date]] = []
    started: date | None = None
    missed: date | None = None
    for event in sorted(events, key=lambda event: event.date):
        if event.type == "arrangement_start" and started is None:
            started, missed = event.date, None
        elif event.type == "instalment_missed" and started is not None:
            missed = event.date
        elif event.type == "arrangement_withdrawn" and started is not None:
            end = (missed or event.date) - timedelta(days=1)
            if end >= started:
                periods.append((started, end))
            started = missed = None
    if started is not None:
        periods.append((started, as_of))
    return periods


def arrangement_active(events: Iterable[DebtorEvent]) -> bool:
    active = False
    for event in sorted(events, key=lambda event: event.date):
        if event.type == "arrangement_start":
            active = True
        elif event.type == "arrangement_withdrawn":
            active = False
    return active


def whole_months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (add_months(earlier, n) <= later)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if months > 0 and add_months(earlier, months) > later:
        months -= 1
    return max(months, 0)


# Where the arrangement stands, after its events, oldest first: the facts the enforcement rules
# decide the next step from (§8).
CollectionState = str  # none, instalment_missed, reminder_sent, withdrawn


def collection_state(debtor_events: Iterable[DebtorEvent]) -> tuple[CollectionState, date | None]:
    """The state and the day it began. A new arrangement ends any enforcement (a withdrawn
    arrangement can be replaced, M-ARRANGEMENT-IN-ENFORCEMENT)."""
    state: CollectionState = "none"
    since: date | None = None
    active = False
    for event in sorted(debtor_events, key=lambda event: event.date):
        kind = event.type
        if kind == "arrangement_start":
            active, state, since = True, "none", event.date
        elif kind == "instalment_missed" and active and state in ("none", "reminder_sent"):
            state, since = "instalment_missed", event.date
        elif kind == "reminder" and state == "instalment_missed":
            state, since = "reminder_sent", event.date
        elif kind == "arrangement_withdrawn" and active:
            active, state, since = False, "withdrawn", event.date
    return state, since


@dataclass(frozen=True, slots=True)
class ClaimEnforcement:
    """Where forced collection stands on one claim since the arrangement was withdrawn."""

    aanmaning: date | None  # the aanmaning sent since the withdrawal (the latest)
    dwangbevel: date | None  # a dwangbevel sent after that aanmaning
    paid_since_aanmaning: bool


def claim_enforcement(
    events: Iterable[tuple[date, str]], debtor_payments: Iterable[date], withdrawn_on: date
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
        any(day > aanmaning and kind in ("payment", "offset") for day, kind in events)
        or any(day > aanmaning for day in debtor_payments)
    )
    return ClaimEnforcement(aanmaning, dwangbevel, paid)


def pause_active(pauses: Iterable[Postponement], on: date) -> bool:
    return any(pause.first <= on <= pause.last for pause in pauses)

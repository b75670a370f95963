"""Payment arrangements (betalingsregelingen): Awir 31, Uitvoeringsregeling Awir art. 7,
Leidraad Invordering 2008 art. 79.7-79.9.

All arithmetic is in integer cents. Schedules count every instalment date from the first one
(first + i months, clamped), so a plan that starts on 31 January keeps falling on month ends
instead of drifting to the 28th.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from service.domain.calendar import add_months
from service.domain.decision import Instalment
from service.domain.limitation import Postponement
from service.domain.money import ceil_div

__all__ = [
    "Instalment",
    "Schedule",
    "merged_schedule",
    "monthly_schedule",
    "postponed_schedule",
    "standard_monthly_amount",
]


@dataclass(frozen=True, slots=True)
class Schedule:
    monthly_cents: int
    instalments: tuple[Instalment, ...]
    remaining_after_plan_cents: int

    @property
    def count(self) -> int:
        return len(self.instalments)

    @property
    def last_instalment_cents(self) -> int:
        return self.instalments[-1].amount_cents if self.instalments else 0

    @property
    def first_due_date(self) -> date | None:
        return self.instalments[0].due_date if self.instalments else None

    @property
    def last_due_date(self) -> date | None:
        return self.instalments[-1].due_date if self.instalments else None


def standard_monthly_amount(
    total_cents: int, minimum_cents: int, max_instalments: int, rounding_cents: int
) -> int:
    """max(minimum, total / max_instalments rounded up to a multiple of `rounding_cents`)."""
    per_month = ceil_div(total_cents, max_instalments)
    return max(minimum_cents, ceil_div(per_month, rounding_cents) * rounding_cents)


def monthly_schedule(
    total_cents: int, monthly_cents: int, first_due: date, max_instalments: int
) -> Schedule:
    """Instalments of `monthly_cents`, the last one the remainder, at most `max_instalments`.

    What the instalments do not cover is returned as `remaining_after_plan_cents` (a personal
    arrangement whose capacity is too small to pay everything in time).
    """
    if monthly_cents <= 0:
        raise ValueError("monthly amount must be positive")
    count = min(ceil_div(total_cents, monthly_cents), max_instalments)
    instalments = []
    left = total_cents
    for index in range(count):
        amount = min(monthly_cents, left)
        instalments.append(Instalment(add_months(first_due, index), amount))
        left -= amount
    return Schedule(monthly_cents, tuple(instalments), left)


def postponed_schedule(schedule: Schedule, pauses: list[Postponement]) -> Schedule:
    """Move the schedule past each pause (M-PAUSE, §9): from the first instalment that falls in
    a pause, every remaining instalment moves by the whole months that take it past the pause's
    last day. A pause that ended before the schedule starts changes nothing."""
    instalments = list(schedule.instalments)
    for pause in sorted(pauses, key=lambda p: p.first):
        for index, instalment in enumerate(instalments):
            if instalment.due_date < pause.first:
                continue
            if instalment.due_date <= pause.last:
                months = 1
                while add_months(instalment.due_date, months) <= pause.last:
                    months += 1
                instalments[index:] = [
                    Instalment(add_months(item.due_date, months), item.amount_cents)
                    for item in instalments[index:]
                ]
            break
    return Schedule(schedule.monthly_cents, tuple(instalments), schedule.remaining_after_plan_cents)


def merged_schedule(schedules: list[Schedule]) -> tuple[Instalment, ...]:
    """What the debtor pays on each date over several arrangements (one per claim, the practice
    before the strategy)."""
    by_date: dict[date, int] = {}
    for schedule in schedules:
        for instalment in schedule.instalments:
            by_date[instalment.due_date] = (
                by_date.get(instalment.due_date, 0) + instalment.amount_cents
            )
    return tuple(Instalment(day, cents) for day, cents in sorted(by_date.items()))

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
from service.domain.money import ceil_div

__all__ = ["Instalment", "Schedule", "monthly_schedule", "standard_monthly_amount"]


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

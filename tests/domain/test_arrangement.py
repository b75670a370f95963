"""Payment arrangements (collection-rules.md §4): the standard monthly amount and the schedule.

Standard monthly amount = max(2,000, total / 24 rounded up to whole euros). Instalments =
min(ceil(total / monthly), 24); each is min(monthly, what is left); the dates are first + i months
(clamped), counted from the first date. Expected values are worked out by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from service.domain.arrangement import (
    Instalment,
    Schedule,
    monthly_schedule,
    standard_monthly_amount,
)

MINIMUM = 2_000
MAX_INSTALMENTS = 24
ROUNDING = 100


def standard(total_cents: int) -> int:
    return standard_monthly_amount(total_cents, MINIMUM, MAX_INSTALMENTS, ROUNDING)


def amounts(schedule: Schedule) -> list[int]:
    return [instalment.amount_cents for instalment in schedule.instalments]


# --- standard_monthly_amount ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        # total / 24 rounded up to a multiple of 100, at least 2,000:
        pytest.param(0, 2_000, id="zero-gets-minimum"),
        pytest.param(1, 2_000, id="one-cent-gets-minimum"),
        pytest.param(1_500, 2_000, id="below-minimum"),
        # 47_999 / 24 = 1999.96 -> 2000 -> 2000
        pytest.param(47_999, 2_000, id="just-below-24-times-minimum"),
        # 48_000 / 24 = 2000 exactly
        pytest.param(48_000, 2_000, id="exactly-24-times-minimum"),
        # 48_001 / 24 = 2000.04 -> 2001 cents -> up to whole euros: 2100
        pytest.param(48_001, 2_100, id="one-cent-above-24-times-minimum"),
        # 50_000 / 24 = 2083.33 -> 2084 -> 2100
        pytest.param(50_000, 2_100, id="rounds-up-to-whole-euro"),
        # 50_400 / 24 = 2100 exactly: already whole euros
        pytest.param(50_400, 2_100, id="exact-whole-euro"),
        # 50_401 / 24 = 2100.04 -> 2101 -> 2200
        pytest.param(50_401, 2_200, id="one-cent-over-whole-euro"),
        # 100_000 / 24 = 4166.67 -> 4167 -> 4200
        pytest.param(100_000, 4_200, id="thousand-euro"),
        # 1_234_567 / 24 = 51440.29 -> 51441 -> 51500
        pytest.param(1_234_567, 51_500, id="large"),
    ],
)
def test_standard_monthly_amount_is_total_over_24_rounded_up_to_euros_at_least_minimum(
    total: int, expected: int
) -> None:
    assert standard(total) == expected


def test_standard_monthly_amount_parameters_are_honoured() -> None:
    # No minimum, rounding to whole cents: ceil(25 / 24) = 2.
    assert standard_monthly_amount(25, 0, 24, 1) == 2
    # 12 instalments, euros: 30_001 / 12 = 2500.08 -> 2501 -> 2600.
    assert standard_monthly_amount(30_001, 0, 12, 100) == 2_600
    # A higher minimum wins over a smaller per-month amount.
    assert standard_monthly_amount(30_001, 5_000, 12, 100) == 5_000


# --- monthly_schedule: amounts and remainders -------------------------------------------------


def test_exact_multiple_makes_the_last_instalment_a_full_monthly_amount() -> None:
    schedule = monthly_schedule(6_000, 2_000, date(2025, 3, 1), MAX_INSTALMENTS)
    assert amounts(schedule) == [2_000, 2_000, 2_000]
    assert schedule.last_instalment_cents == 2_000
    assert schedule.remaining_after_plan_cents == 0
    assert schedule.monthly_cents == 2_000


def test_remainder_becomes_the_last_instalment() -> None:
    # 5_000 = 2 x 2_000 + 1_000
    schedule = monthly_schedule(5_000, 2_000, date(2025, 3, 1), MAX_INSTALMENTS)
    assert amounts(schedule) == [2_000, 2_000, 1_000]
    assert schedule.count == 3
    assert schedule.last_instalment_cents == 1_000
    assert schedule.remaining_after_plan_cents == 0


def test_total_below_the_minimum_is_one_instalment_of_the_total() -> None:
    # 1_500 < 2_000: the standard monthly amount is 2_000 and ceil(1_500 / 2_000) = 1.
    assert standard(1_500) == 2_000
    schedule = monthly_schedule(1_500, 2_000, date(2025, 3, 1), MAX_INSTALMENTS)
    assert schedule.instalments == (Instalment(date(2025, 3, 1), 1_500),)
    assert schedule.remaining_after_plan_cents == 0


def test_one_cent_is_one_instalment_of_one_cent() -> None:
    schedule = monthly_schedule(1, 2_000, date(2025, 3, 1), MAX_INSTALMENTS)
    assert amounts(schedule) == [1]


def test_exactly_24_times_the_minimum_is_24_instalments_of_the_minimum() -> None:
    # 48_000 -> monthly 2_000 -> 48_000 / 2_000 = 24 instalments, the last a full 2_000.
    schedule = monthly_schedule(48_000, 2_000, date(2025, 1, 15), MAX_INSTALMENTS)
    assert schedule.count == 24
    assert amounts(schedule) == [2_000] * 24
    assert schedule.last_due_date == date(2026, 12, 15)  # 15 Jan 2025 + 23 months
    assert schedule.remaining_after_plan_cents == 0


def test_one_cent_above_24_times_the_minimum_is_23_instalments_of_2100() -> None:
    # 48_001 -> monthly 2_100 (see above); ceil(48_001 / 2_100) = ceil(22.857) = 23 instalments:
    # 22 x 2_100 = 46_200 and a last one of 48_001 - 46_200 = 1_801.
    schedule = monthly_schedule(48_001, 2_100, date(2025, 1, 31), MAX_INSTALMENTS)
    assert schedule.count == 23
    assert amounts(schedule) == [2_100] * 22 + [1_801]
    assert sum(amounts(schedule)) == 48_001
    assert schedule.first_due_date == date(2025, 1, 31)
    assert schedule.last_due_date == date(2026, 11, 30)  # 31 Jan 2025 + 22 months, clamped
    assert schedule.remaining_after_plan_cents == 0


def test_standard_plan_for_1000_euro_fits_in_24_instalments() -> None:
    # 100_000 -> monthly 4_200; ceil(100_000 / 4_200) = ceil(23.8) = 24;
    # 23 x 4_200 = 96_600, last 100_000 - 96_600 = 3_400.
    schedule = monthly_schedule(100_000, 4_200, date(2025, 1, 1), MAX_INSTALMENTS)
    assert amounts(schedule) == [4_200] * 23 + [3_400]
    assert schedule.remaining_after_plan_cents == 0


@pytest.mark.parametrize(
    ("total", "monthly", "count", "last"),
    [
        # Instalments never exceed 24 under the standard amount, also just above a euro boundary.
        # 72_001 -> 3001 -> 3_100; ceil(72_001 / 3_100) = 24 (23 x 3_100 = 71_300); last 701.
        pytest.param(72_001, 3_100, 24, 701, id="72001"),
        # 50_401 -> 2_200; ceil(50_401 / 2_200) = 23 (22 x 2_200 = 48_400); last 2_001.
        pytest.param(50_401, 2_200, 23, 2_001, id="50401"),
        # 47_999 -> 2_000; ceil(47_999 / 2_000) = 24 (23 x 2_000 = 46_000); last 1_999.
        pytest.param(47_999, 2_000, 24, 1_999, id="47999"),
    ],
)
def test_standard_plans_pay_everything_within_24_instalments(
    total: int, monthly: int, count: int, last: int
) -> None:
    assert standard(total) == monthly
    schedule = monthly_schedule(total, monthly, date(2025, 1, 1), MAX_INSTALMENTS)
    assert schedule.count == count
    assert schedule.last_instalment_cents == last
    assert amounts(schedule)[:-1] == [monthly] * (count - 1)
    assert schedule.remaining_after_plan_cents == 0


# --- monthly_schedule: capped personal arrangements (§4.3) ------------------------------------


def test_personal_capacity_that_pays_within_24_months_sets_the_instalments() -> None:
    # Capacity 1_500 x 24 = 36_000 >= 30_000: ceil(30_000 / 1_500) = 20 instalments of 1_500.
    schedule = monthly_schedule(30_000, 1_500, date(2025, 1, 1), MAX_INSTALMENTS)
    assert amounts(schedule) == [1_500] * 20
    assert schedule.remaining_after_plan_cents == 0


def test_capacity_too_small_caps_at_24_instalments_and_reports_the_rest() -> None:
    # 50_000 at 1_500: 24 x 1_500 = 36_000 paid; 50_000 - 36_000 = 14_000 left after the plan.
    schedule = monthly_schedule(50_000, 1_500, date(2025, 1, 1), MAX_INSTALMENTS)
    assert schedule.count == 24
    assert amounts(schedule) == [1_500] * 24
    assert schedule.last_instalment_cents == 1_500
    assert schedule.remaining_after_plan_cents == 14_000


def test_one_cent_beyond_24_instalments_is_left_after_the_plan() -> None:
    # 24_001 at 1_000: 25 instalments needed, 24 allowed -> 24_000 paid, 1 cent left.
    schedule = monthly_schedule(24_001, 1_000, date(2025, 1, 1), MAX_INSTALMENTS)
    assert schedule.count == 24
    assert schedule.remaining_after_plan_cents == 1


def test_exactly_24_instalments_of_capacity_leave_nothing() -> None:
    schedule = monthly_schedule(24_000, 1_000, date(2025, 1, 1), MAX_INSTALMENTS)
    assert schedule.count == 24
    assert schedule.remaining_after_plan_cents == 0


# --- monthly_schedule: edge inputs ------------------------------------------------------------


def test_zero_total_gives_an_empty_schedule() -> None:
    schedule = monthly_schedule(0, 2_000, date(2025, 1, 1), MAX_INSTALMENTS)
    assert schedule.instalments == ()
    assert schedule.count == 0
    assert schedule.last_instalment_cents == 0
    assert schedule.first_due_date is None
    assert schedule.last_due_date is None
    assert schedule.remaining_after_plan_cents == 0


@pytest.mark.parametrize("monthly", [0, -100])
def test_monthly_amount_must_be_positive(monthly: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        monthly_schedule(10_000, monthly, date(2025, 1, 1), MAX_INSTALMENTS)


# --- monthly_schedule: dates ------------------------------------------------------------------


def dates(schedule: Schedule) -> list[date]:
    return [instalment.due_date for instalment in schedule.instalments]


def test_plan_starting_31_january_in_a_leap_year_keeps_to_month_ends() -> None:
    schedule = monthly_schedule(12_000, 2_000, date(2024, 1, 31), MAX_INSTALMENTS)
    assert dates(schedule) == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),  # not 29 Mar: counted from the first date, not from 29 Feb
        date(2024, 4, 30),
        date(2024, 5, 31),
        date(2024, 6, 30),
    ]


def test_plan_starting_31_january_in_a_common_year_goes_to_28_february() -> None:
    schedule = monthly_schedule(6_000, 2_000, date(2023, 1, 31), MAX_INSTALMENTS)
    assert dates(schedule) == [date(2023, 1, 31), date(2023, 2, 28), date(2023, 3, 31)]


def test_plan_dates_cross_the_year_end() -> None:
    schedule = monthly_schedule(10_000, 2_000, date(2024, 11, 30), MAX_INSTALMENTS)
    assert dates(schedule) == [
        date(2024, 11, 30),
        date(2024, 12, 30),
        date(2025, 1, 30),
        date(2025, 2, 28),
        date(2025, 3, 30),  # back to the 30th after February
    ]


def test_plan_starting_on_29_february_runs_24_months() -> None:
    schedule = monthly_schedule(48_000, 2_000, date(2024, 2, 29), MAX_INSTALMENTS)
    found = dates(schedule)
    assert found[0] == date(2024, 2, 29)
    assert found[1] == date(2024, 3, 29)
    assert found[11] == date(2025, 1, 29)
    assert found[12] == date(2025, 2, 28)  # 2025 has no 29 Feb
    assert found[23] == date(2026, 1, 29)  # 29 Feb 2024 + 23 months

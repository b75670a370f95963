"""Limitation and interruption (collection-rules.md §7).

The last enforceable day is due_date + 5 years. An interruption on D makes it
max(current, D + 5 years); one after the claim has expired does not revive it (and nothing after
it counts either); one before the due date does not shorten it. 29 Feb + 5 years is 28 Feb.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from service.domain.limitation import Limitation, limitation

YEARS = 5


# --- without interruptions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_date", "expected"),
    [
        pytest.param(date(2025, 3, 14), date(2030, 3, 14), id="ordinary"),
        pytest.param(date(2024, 2, 29), date(2029, 2, 28), id="leap-day-clamps-to-28-feb"),
        pytest.param(date(2023, 2, 28), date(2028, 2, 28), id="28-feb-stays-28-in-leap-year"),
        pytest.param(date(2020, 12, 31), date(2025, 12, 31), id="year-end"),
    ],
)
def test_limitation_date_is_the_due_date_plus_five_years(due_date: date, expected: date) -> None:
    result = limitation(due_date, [], YEARS)
    assert result == Limitation(expected, ())


def test_years_is_a_parameter() -> None:
    assert limitation(date(2024, 2, 29), [], 4).limitation_date == date(2028, 2, 29)
    assert limitation(date(2024, 2, 29), [], 3).limitation_date == date(2027, 2, 28)


# --- single interruptions ---------------------------------------------------------------------


def test_interruption_within_the_period_restarts_five_years_from_its_date() -> None:
    # Due 15 Jan 2020 -> 15 Jan 2025; interrupted 1 Jun 2022 -> 1 Jun 2027.
    result = limitation(date(2020, 1, 15), [date(2022, 6, 1)], YEARS)
    assert result.limitation_date == date(2027, 6, 1)
    assert result.effective_interruptions == (date(2022, 6, 1),)


def test_interruption_on_the_last_enforceable_day_still_extends() -> None:
    # Due 10 Jan 2018 -> last day 10 Jan 2023; an aanmaning on that very day -> 10 Jan 2028.
    result = limitation(date(2018, 1, 10), [date(2023, 1, 10)], YEARS)
    assert result.limitation_date == date(2028, 1, 10)
    assert result.effective_interruptions == (date(2023, 1, 10),)


def test_interruption_the_day_after_the_last_day_does_not_revive_the_claim() -> None:
    # Due 10 Jan 2018 -> last day 10 Jan 2023; on 11 Jan 2023 the claim has expired.
    result = limitation(date(2018, 1, 10), [date(2023, 1, 11)], YEARS)
    assert result.limitation_date == date(2023, 1, 10)
    assert result.effective_interruptions == ()
    assert result.expired_on(date(2023, 1, 11))


def test_interruption_before_the_due_date_does_not_shorten_the_period() -> None:
    # Due 15 Jan 2020 -> 15 Jan 2025; an act on 20 Dec 2019 would give 20 Dec 2024: ignored.
    result = limitation(date(2020, 1, 15), [date(2019, 12, 20)], YEARS)
    assert result.limitation_date == date(2025, 1, 15)
    assert result.effective_interruptions == ()


def test_interruption_on_the_due_date_itself_changes_nothing() -> None:
    result = limitation(date(2020, 1, 15), [date(2020, 1, 15)], YEARS)
    assert result.limitation_date == date(2025, 1, 15)
    assert result.effective_interruptions == ()


def test_interruption_on_29_february_clamps_to_28_february() -> None:
    # Due 1 Jun 2023 -> 1 Jun 2028; interrupted 29 Feb 2028 -> 28 Feb 2033.
    result = limitation(date(2023, 6, 1), [date(2028, 2, 29)], YEARS)
    assert result.limitation_date == date(2033, 2, 28)
    assert result.effective_interruptions == (date(2028, 2, 29),)


def test_interruption_that_clamps_onto_the_current_date_is_not_an_extension() -> None:
    # Due 28 Feb 2024 -> 28 Feb 2029. An act on 29 Feb 2024 also gives 28 Feb 2029 (clamped):
    # not later, so it is not counted as effective.
    result = limitation(date(2024, 2, 28), [date(2024, 2, 29)], YEARS)
    assert result.limitation_date == date(2029, 2, 28)
    assert result.effective_interruptions == ()


# --- several interruptions --------------------------------------------------------------------


def test_several_interruptions_chain_in_date_order_whatever_the_input_order() -> None:
    # Due 29 Feb 2016 -> 28 Feb 2021 (clamped).
    #   10 Jan 2016 (before the due date): 10 Jan 2021 < 28 Feb 2021 -> no effect
    #   20 May 2019: -> 20 May 2024
    #   20 May 2024 (the last day itself): -> 20 May 2029
    #   21 May 2029 (the day after the last day): expired, no revival
    #   1 Jan 2030: after expiry too, also ignored
    interruptions = [
        date(2029, 5, 21),
        date(2024, 5, 20),
        date(2030, 1, 1),
        date(2016, 1, 10),
        date(2019, 5, 20),
    ]
    result = limitation(date(2016, 2, 29), interruptions, YEARS)
    assert result.limitation_date == date(2029, 5, 20)
    assert result.effective_interruptions == (date(2019, 5, 20), date(2024, 5, 20))
    assert not result.expired_on(date(2029, 5, 20))
    assert result.expired_on(date(2029, 5, 21))


def test_an_interruption_after_expiry_stops_processing_even_if_a_later_one_follows() -> None:
    # Due 10 Jan 2018 -> 10 Jan 2023. 1 Mar 2023 finds the claim expired; 1 Jun 2023 (which
    # would be D + 5 = 1 Jun 2028) must not revive it either.
    result = limitation(date(2018, 1, 10), [date(2023, 3, 1), date(2023, 6, 1)], YEARS)
    assert result.limitation_date == date(2023, 1, 10)
    assert result.effective_interruptions == ()


def test_each_interruption_inside_the_running_period_extends_it() -> None:
    # Due 15 Jan 2020 -> 15 Jan 2025; 1 Jan 2021 -> 1 Jan 2026; 1 Jun 2022 -> 1 Jun 2027;
    # 10 Mar 2026 (inside the extended period, after the original last day) -> 10 Mar 2031.
    result = limitation(
        date(2020, 1, 15), [date(2022, 6, 1), date(2026, 3, 10), date(2021, 1, 1)], YEARS
    )
    assert result.limitation_date == date(2031, 3, 10)
    assert result.effective_interruptions == (
        date(2021, 1, 1),
        date(2022, 6, 1),
        date(2026, 3, 10),
    )


def test_duplicate_interruption_dates_count_once() -> None:
    result = limitation(date(2020, 1, 15), [date(2022, 6, 1), date(2022, 6, 1)], YEARS)
    assert result.limitation_date == date(2027, 6, 1)
    assert result.effective_interruptions == (date(2022, 6, 1),)


def test_interruptions_may_be_any_iterable() -> None:
    def acts() -> Iterator[date]:
        yield date(2022, 6, 1)

    assert limitation(date(2020, 1, 15), acts(), YEARS).limitation_date == date(2027, 6, 1)


# --- expired_on -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "expired"),
    [
        pytest.param(date(2025, 1, 14), False, id="day-before-last-day"),
        pytest.param(date(2025, 1, 15), False, id="on-last-day-still-enforceable"),
        pytest.param(date(2025, 1, 16), True, id="day-after-last-day"),
        pytest.param(date(2040, 1, 1), True, id="long-after"),
    ],
)
def test_expired_on_is_strictly_after_the_limitation_date(as_of: date, expired: bool) -> None:
    assert limitation(date(2020, 1, 15), [], YEARS).expired_on(as_of) is expired

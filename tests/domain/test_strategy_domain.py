"""Domain pieces of the collection strategy: postponement of limitation by a pause (§7, §9),
interest exemptions (§6), moving a schedule past a pause (§9), and reading the debtor's
arrangement events."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from service.domain.arrangement import (
    Schedule,
    merged_schedule,
    monthly_schedule,
    postponed_schedule,
)
from service.domain.case import DebtorEvent
from service.domain.debtor_history import (
    ClaimEnforcement,
    arrangement_history,
    claim_enforcement,
    granted_pauses,
    pause_period,
    whole_months_between,
)
from service.domain.decision import Instalment
from service.domain.interest import ClaimBalance, Exemption, claim_balance, split
from service.domain.ledger import ClaimEntries, debtor_ledger
from service.domain.limitation import Postponement, limitation
from service.domain.money import round_half_up
from service.domain.series import DatedSeries

YEARS = 5
FOUR_PERCENT = DatedSeries.of([(date(2015, 1, 1), 400)])


def _interest(principal: int, days: int, basis_points: int = 400) -> int:
    return round_half_up(Fraction(principal * basis_points * days, 10_000 * 365))


# --- limitation: a pause postpones ------------------------------------------------------------


def test_a_pause_extends_limitation_by_its_length() -> None:
    pause = Postponement(date(2026, 1, 1), date(2026, 3, 31))  # 90 days
    result = limitation(date(2025, 3, 14), [], YEARS, [pause])
    assert result.limitation_date == date(2030, 3, 14) + timedelta(days=90)
    assert result.effective_postponements == (pause,)


def test_a_pause_that_ended_before_the_due_date_does_not_extend() -> None:
    pause = Postponement(date(2025, 1, 1), date(2025, 3, 13))
    result = limitation(date(2025, 3, 14), [], YEARS, [pause])
    assert result.limitation_date == date(2030, 3, 14)
    assert result.effective_postponements == ()


def test_only_the_part_of_a_pause_after_the_due_date_extends() -> None:
    # Due 14 March: the pause runs 10 days beyond it (15-24 March).
    pause = Postponement(date(2025, 3, 1), date(2025, 3, 24))
    result = limitation(date(2025, 3, 14), [], YEARS, [pause])
    assert result.limitation_date == date(2030, 3, 24)


def test_an_interruption_after_a_pause_starts_a_fresh_period() -> None:
    pause = Postponement(date(2026, 1, 1), date(2026, 3, 31))
    result = limitation(date(2025, 3, 14), [date(2027, 6, 1)], YEARS, [pause])
    # The fresh period from the interruption (2032-06-01) is later than the postponed one.
    assert result.limitation_date == date(2032, 6, 1)


def test_a_pause_after_an_interruption_extends_the_fresh_period() -> None:
    pause = Postponement(date(2028, 1, 1), date(2028, 1, 31))  # 31 days
    result = limitation(date(2025, 3, 14), [date(2027, 6, 1)], YEARS, [pause])
    assert result.limitation_date == date(2032, 6, 1) + timedelta(days=31)


def test_a_pause_after_expiry_does_not_revive_the_claim() -> None:
    pause = Postponement(date(2031, 1, 1), date(2031, 3, 31))
    result = limitation(date(2025, 3, 14), [], YEARS, [pause])
    assert result.limitation_date == date(2030, 3, 14)


def _exempted(
    amount: int, due: date, as_of: date, rates: DatedSeries[int], exemptions: list[Exemption]
) -> ClaimBalance:
    """One claim's balance from the debtor's ledger, with exempted days and nothing else."""
    entries = ClaimEntries(amount, due, (), (), tuple(exemptions))
    return debtor_ledger([entries], (), as_of, rates, 365, lambda act, cents: 0).claims[0].balance


# --- interest exemptions ------------------------------------------------------------------------


def test_no_interest_accrues_on_exempted_days() -> None:
    due = date(2025, 1, 31)
    as_of = date(2025, 12, 1)  # interest days: 1 Feb .. 30 Nov = 303 days
    exempt = Exemption(date(2025, 4, 1), date(2025, 6, 30))  # 91 days
    balance = _exempted(100_000, due, as_of, FOUR_PERCENT, [exempt])
    assert balance.interest_days == 303 - 91
    assert balance.interest_cents == _interest(100_000, 303 - 91)


def test_an_exemption_before_or_after_the_accrual_changes_nothing() -> None:
    due = date(2025, 1, 31)
    as_of = date(2025, 6, 1)
    plain = claim_balance(100_000, due, [], as_of, FOUR_PERCENT, 365)
    outside = [
        Exemption(date(2024, 1, 1), date(2025, 1, 31)),
        Exemption(date(2025, 6, 1), date(2026, 1, 1)),
    ]
    assert _exempted(100_000, due, as_of, FOUR_PERCENT, outside) == plain


def test_overlapping_exemptions_leave_out_each_day_once() -> None:
    due = date(2025, 1, 31)
    as_of = date(2025, 12, 1)
    exemptions = [
        Exemption(date(2025, 4, 1), date(2025, 6, 30)),
        Exemption(date(2025, 6, 1), date(2025, 7, 31)),
    ]
    balance = _exempted(100_000, due, as_of, FOUR_PERCENT, exemptions)
    assert balance.interest_days == 303 - (91 + 31)


def test_an_exemption_across_a_rate_change_leaves_out_days_of_both_rates() -> None:
    rates = DatedSeries.of([(date(2015, 1, 1), 400), (date(2026, 1, 1), 430)])
    due = date(2025, 10, 31)
    as_of = date(2026, 3, 1)  # 1 Nov 2025 .. 28 Feb 2026: 61 days at 4 %, 59 days at 4.3 %
    exempt = Exemption(date(2025, 12, 1), date(2026, 1, 31))  # 31 days at 4 %, 31 at 4.3 %
    balance = _exempted(100_000, due, as_of, rates, [exempt])
    expected = round_half_up(Fraction(100_000 * (400 * 30 + 430 * 28), 10_000 * 365))
    assert balance.interest_cents == expected
    assert balance.accrued_interest_cents == expected


# --- the schedule moves past a pause -------------------------------------------------------------


def _schedule(first: date, count: int, amount: int = 2_000) -> Schedule:
    return monthly_schedule(amount * count, amount, first, 24)


def test_instalments_in_a_pause_move_past_it_by_whole_months() -> None:
    schedule = _schedule(date(2025, 5, 1), 6)
    pause = pause_period(date(2025, 7, 1), 3)  # 1 July .. 30 September
    moved = postponed_schedule(schedule, [pause])
    assert [i.due_date for i in moved.instalments] == [
        date(2025, 5, 1),
        date(2025, 6, 1),
        date(2025, 10, 1),
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
    ]
    assert sum(i.amount_cents for i in moved.instalments) == 12_000


def test_a_pause_that_ended_before_the_schedule_changes_nothing() -> None:
    schedule = _schedule(date(2025, 11, 1), 3)
    assert postponed_schedule(schedule, [pause_period(date(2025, 7, 1), 3)]) == schedule


def test_a_pause_between_two_instalments_moves_nothing_before_the_next() -> None:
    # Instalments on the 20th; a pause of 2 to 10 June contains none of them.
    schedule = _schedule(date(2025, 5, 20), 3)
    pause = Postponement(date(2025, 6, 2), date(2025, 6, 10))
    assert postponed_schedule(schedule, [pause]) == schedule


def test_schedules_merge_by_date() -> None:
    one = monthly_schedule(5_000, 2_000, date(2025, 1, 1), 24)
    two = monthly_schedule(4_000, 2_000, date(2025, 2, 1), 24)
    assert merged_schedule([one, two]) == (
        Instalment(date(2025, 1, 1), 2_000),
        Instalment(date(2025, 2, 1), 4_000),
        Instalment(date(2025, 3, 1), 3_000),
    )


# --- the debtor's arrangement events ------------------------------------------------------------


def _event(kind: str, on: date, months: int | None = None) -> DebtorEvent:
    return DebtorEvent(type=kind, date=on, months=months)  # type: ignore[arg-type]


def test_a_withdrawn_arrangement_was_complied_with_until_the_missed_instalment() -> None:
    events = [
        _event("arrangement_start", date(2025, 1, 1)),
        _event("instalment_missed", date(2025, 3, 1)),
        _event("arrangement_withdrawn", date(2025, 4, 1)),
        _event("arrangement_start", date(2025, 6, 1)),
    ]
    # Withdrawn after the instalment of 1 March was missed: complied with until 28 February.
    assert _complied(events, date(2025, 9, 1)) == [
        (date(2025, 1, 1), date(2025, 2, 28)),
        (date(2025, 6, 1), date(2025, 9, 1)),
    ]
    assert arrangement_history(events, date(2025, 9, 1)).active
    assert not arrangement_history(events[:3], date(2025, 9, 1)).active
    assert not arrangement_history([], date(2025, 9, 1)).active


def test_an_arrangement_withdrawn_without_a_missed_instalment_runs_until_the_day_before() -> None:
    events = [
        _event("arrangement_start", date(2025, 1, 1)),
        _event("arrangement_withdrawn", date(2025, 4, 1)),
    ]
    assert _complied(events, date(2025, 9, 1)) == [(date(2025, 1, 1), date(2025, 3, 31))]


def test_the_last_missed_instalment_before_the_withdrawal_counts() -> None:
    # A miss in February was made good (the arrangement went on); the one in May led to the
    # withdrawal in June.
    events = [
        _event("arrangement_start", date(2025, 1, 1)),
        _event("instalment_missed", date(2025, 2, 1)),
        _event("instalment_missed", date(2025, 5, 1)),
        _event("arrangement_withdrawn", date(2025, 6, 1)),
    ]
    assert _complied(events, date(2025, 9, 1)) == [(date(2025, 1, 1), date(2025, 4, 30))]


def test_a_missed_instalment_alone_does_not_end_the_waiver() -> None:
    events = [
        _event("arrangement_start", date(2025, 1, 1)),
        _event("instalment_missed", date(2025, 3, 1)),
    ]
    assert _complied(events, date(2025, 4, 1)) == [(date(2025, 1, 1), date(2025, 4, 1))]


def test_a_second_start_while_an_arrangement_runs_does_not_open_another() -> None:
    events = [
        _event("arrangement_start", date(2025, 1, 1)),
        _event("arrangement_start", date(2025, 2, 1)),
    ]
    assert _complied(events, date(2025, 3, 1)) == [(date(2025, 1, 1), date(2025, 3, 1))]


def test_granted_pauses_are_read_in_date_order() -> None:
    events = [_event("pause", date(2026, 2, 1), 1), _event("pause", date(2025, 1, 31), 1)]
    assert granted_pauses(events) == [
        Postponement(date(2025, 1, 31), date(2025, 2, 27)),
        Postponement(date(2026, 2, 1), date(2026, 2, 28)),
    ]


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        (date(2025, 1, 1), date(2026, 1, 1), 12),
        (date(2025, 1, 1), date(2025, 12, 31), 11),
        (date(2025, 1, 31), date(2025, 2, 28), 1),  # clamped month end counts as a month
        (date(2025, 3, 15), date(2025, 3, 14), 0),
    ],
)
def test_whole_months_between(earlier: date, later: date, months: int) -> None:
    assert whole_months_between(earlier, later) == months


# --- where collection stands (§8) ------------------------------------------------------------


def _complied(events: list[DebtorEvent], as_of: date) -> list[tuple[date, date]]:
    return list(arrangement_history(events, as_of).complied)


def _state(events: list[DebtorEvent]) -> tuple[str, date | None]:
    history = arrangement_history(events, date(2025, 12, 31))
    return history.state, history.since


def test_the_arrangement_goes_from_a_missed_instalment_to_withdrawal() -> None:
    events = [
        _event("arrangement_start", date(2025, 1, 1)),
        _event("instalment_missed", date(2025, 3, 1)),
    ]
    assert _state(events) == ("instalment_missed", date(2025, 3, 1))
    events.append(_event("reminder", date(2025, 3, 3)))
    assert _state(events) == ("reminder_sent", date(2025, 3, 3))
    events.append(_event("arrangement_withdrawn", date(2025, 3, 20)))
    assert _state(events) == ("withdrawn", date(2025, 3, 20))


def test_a_new_arrangement_ends_enforcement_and_a_lone_reminder_changes_nothing() -> None:
    events = [
        _event("arrangement_start", date(2025, 1, 1)),
        _event("arrangement_withdrawn", date(2025, 3, 20)),
        _event("arrangement_start", date(2025, 5, 1)),
    ]
    assert _state(events) == ("none", date(2025, 5, 1))
    assert _state([_event("reminder", date(2025, 1, 5))]) == ("none", None)


def test_per_claim_only_acts_since_the_withdrawal_count() -> None:
    withdrawn = date(2025, 3, 20)
    before = claim_enforcement([(date(2025, 2, 1), "aanmaning")], [], withdrawn)
    assert before == ClaimEnforcement(None, None, False)
    sent = claim_enforcement([(date(2025, 4, 1), "aanmaning")], [], withdrawn)
    assert sent == ClaimEnforcement(date(2025, 4, 1), None, False)
    followed = claim_enforcement(
        [(date(2025, 4, 1), "aanmaning"), (date(2025, 4, 20), "dwangbevel")], [], withdrawn
    )
    assert followed == ClaimEnforcement(date(2025, 4, 1), date(2025, 4, 20), False)
    # A payment on the claim, or one to the debtor as a whole, after the aanmaning counts.
    paid = claim_enforcement(
        [(date(2025, 4, 1), "aanmaning"), (date(2025, 4, 5), "payment")], [], withdrawn
    )
    assert paid.paid_since_aanmaning
    assert claim_enforcement(
        [(date(2025, 4, 1), "aanmaning")], [date(2025, 4, 2)], withdrawn
    ).paid_since_aanmaning
    assert not claim_enforcement(
        [(date(2025, 4, 1), "aanmaning")], [date(2025, 4, 1)], withdrawn
    ).paid_since_aanmaning


def test_interest_periods_carry_the_ground_that_waives_them() -> None:
    stretches = split(
        date(2025, 1, 1),
        date(2025, 1, 31),
        [
            Exemption(date(2025, 1, 10), date(2025, 1, 20), "pause"),
            Exemption(date(2025, 1, 15), date(2025, 1, 25), "arrangement"),
        ],
    )
    assert stretches == [
        (date(2025, 1, 1), date(2025, 1, 9), None),
        (date(2025, 1, 10), date(2025, 1, 20), "pause"),
        (date(2025, 1, 21), date(2025, 1, 25), "arrangement"),
        (date(2025, 1, 26), date(2025, 1, 31), None),
    ]

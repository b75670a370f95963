"""Late-payment interest (collection-rules.md §6) on one claim.

Simple interest on the unpaid principal from the day after the due date up to and including the
day before payment (for an open balance: the day before as_of), at the rate in force on each day:

    interest = sum(principal x rate_bp x days) / (10_000 x day_count)

The claim's cumulative exact interest is rounded half-up to whole cents; interest already paid is
subtracted. Payments go to interest first, then principal; any excess is overpaid.

Every expected amount below is worked out by hand; the arithmetic is in the comments and, where it
helps, repeated as Fraction arithmetic in the test.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from fractions import Fraction

import pytest

from service.domain.interest import ClaimBalance, InterestPeriod, claim_balance, interest_on
from service.domain.series import DatedSeries, NoValueBefore

DAY_COUNT = 365
# The reference rate series of §6 in basis points (the 2024 entry repeats 4.0 %).
RATES = DatedSeries.of(
    [
        (date(2015, 1, 1), 400),
        (date(2024, 1, 1), 400),
        (date(2026, 1, 1), 430),
    ]
)
# 10_000 basis points x 365 days: the denominator of every amount at the reference day count.
DENOMINATOR = 10_000 * DAY_COUNT  # 3_650_000


def balance(
    amount_cents: int,
    due_date: date,
    as_of: date,
    payments: list[tuple[date, int]] | None = None,
    rates: DatedSeries[int] = RATES,
    day_count: int = DAY_COUNT,
) -> ClaimBalance:
    return claim_balance(amount_cents, due_date, payments or [], as_of, rates, day_count)


# --- when interest starts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "as_of",
    [
        pytest.param(date(2025, 1, 10), id="before-due-date"),
        pytest.param(date(2025, 1, 31), id="on-due-date"),
        pytest.param(date(2025, 2, 1), id="day-after-due-date"),
    ],
)
def test_no_interest_up_to_the_day_after_the_due_date(as_of: date) -> None:
    # Interest runs from 1 Feb up to and including the day before as_of: empty until as_of = 2 Feb.
    result = balance(100_000, date(2025, 1, 31), as_of)
    assert result.interest_cents == 0
    assert result.open_cents == 100_000
    assert result.periods == ()
    assert result.interest_days == 0


def test_first_interest_day_is_the_day_after_the_due_date() -> None:
    # as_of 2 Feb: one day of interest (1 Feb) on 1,000,000 at 400 bp.
    # 1_000_000 x 400 x 1 / 3_650_000 = 400_000_000 / 3_650_000 = 109.589... -> 110
    result = balance(1_000_000, date(2025, 1, 31), date(2025, 2, 2))
    assert Fraction(1_000_000 * 400 * 1, DENOMINATOR) == Fraction(8_000, 73)
    assert result.interest_cents == 110
    assert result.periods == (InterestPeriod(date(2025, 2, 1), date(2025, 2, 1), 1_000_000, 400),)
    assert result.interest_days == 1


# --- amounts without payments -----------------------------------------------------------------


def test_interest_over_february_of_a_common_year() -> None:
    # 1 Feb .. 1 Mar 2025 inclusive = 28 + 1 = 29 days at 400 bp on 100,000.
    # 100_000 x 400 x 29 / 3_650_000 = 1_160_000_000 / 3_650_000 = 317.808... -> 318
    result = balance(100_000, date(2025, 1, 31), date(2025, 3, 2))
    assert result.interest_days == 29
    assert result.interest_cents == 318
    assert result.open_cents == 100_000


def test_interest_over_february_of_a_leap_year_counts_29_february() -> None:
    # 1 Feb .. 1 Mar 2024 inclusive = 29 + 1 = 30 days at 400 bp on 100,000.
    # 100_000 x 400 x 30 / 3_650_000 = 1_200_000_000 / 3_650_000 = 328.767... -> 329
    result = balance(100_000, date(2024, 1, 31), date(2024, 3, 2))
    assert result.interest_days == 30
    assert result.interest_cents == 329


def test_interest_across_the_2026_rate_change_is_split_per_rate() -> None:
    # Due 30 Nov 2025, as_of 1 Mar 2026: interest days 1 Dec 2025 .. 28 Feb 2026.
    #   1 Dec .. 31 Dec 2025 = 31 days at 400 bp
    #   1 Jan .. 28 Feb 2026 = 31 + 28 = 59 days at 430 bp
    # 1_000_000 x (400 x 31 + 430 x 59) / 3_650_000
    #   = 1_000_000 x (12_400 + 25_370) / 3_650_000 = 37_770_000_000 / 3_650_000
    #   = 10_347.945... -> 10_348
    exact = Fraction(1_000_000 * (400 * 31 + 430 * 59), DENOMINATOR)
    assert exact == Fraction(37_770_000_000, 3_650_000)
    assert Fraction(103_475, 10) < exact < 10_348  # above the half: rounds up
    result = balance(1_000_000, date(2025, 11, 30), date(2026, 3, 1))
    assert result.interest_cents == 10_348
    assert result.interest_days == 90
    assert result.periods == (
        InterestPeriod(date(2025, 12, 1), date(2025, 12, 31), 1_000_000, 400),
        InterestPeriod(date(2026, 1, 1), date(2026, 2, 28), 1_000_000, 430),
    )


def test_interest_is_rounded_once_per_claim_not_per_rate_period() -> None:
    # Same dates on 250,700:
    #   31 days at 400 bp: 250_700 x 400 x 31 / 3_650_000 =  851.693... (alone: 852)
    #   59 days at 430 bp: 250_700 x 430 x 59 / 3_650_000 = 1742.536... (alone: 1743)
    #   together: 250_700 x 37_770 / 3_650_000 = 9_468_939_000 / 3_650_000 = 2594.229... -> 2594
    # Rounding each period would give 852 + 1743 = 2595: one cent too much.
    first = Fraction(250_700 * 400 * 31, DENOMINATOR)
    second = Fraction(250_700 * 430 * 59, DENOMINATOR)
    assert Fraction(8515, 10) < first < 852
    assert Fraction(17425, 10) < second < 1743
    assert 2594 < first + second < Fraction(25945, 10)  # below the half: rounds down
    result = balance(250_700, date(2025, 11, 30), date(2026, 3, 1))
    assert result.interest_cents == 2594


def test_an_entry_that_repeats_the_same_rate_does_not_change_the_amount() -> None:
    # Due 30 Nov 2023, as_of 1 Mar 2024: 1 Dec 2023 .. 29 Feb 2024 = 31 + 31 + 29 = 91 days, all at
    # 400 bp (the 2024-01-01 entry repeats 400). 1_000_000 x 400 x 91 / 3_650_000
    #   = 36_400_000_000 / 3_650_000 = 9972.602... -> 9973
    result = balance(1_000_000, date(2023, 11, 30), date(2024, 3, 1))
    assert result.interest_days == 91
    assert result.interest_cents == 9973
    assert all(period.rate_basis_points == 400 for period in result.periods)


def test_day_count_is_a_parameter() -> None:
    # One day on 1,000,000 at 400 bp with a 360-day year: 400_000_000 / 3_600_000 = 111.1 -> 111
    # (with 365 it is 110, see above).
    result = balance(1_000_000, date(2025, 1, 31), date(2025, 2, 2), day_count=360)
    assert result.interest_cents == 111


# --- half-up rounding at exactly half a cent --------------------------------------------------

# 200 bp: 9_125 cents x 200 x 1 day / 3_650_000 = 1_825_000 / 3_650_000 = exactly 1/2 cent.
TWO_PERCENT = DatedSeries.of([(date(2015, 1, 1), 200)])


@pytest.mark.parametrize(
    ("principal", "exact", "expected"),
    [
        # 9_125 x 200 / 3_650_000 = 1/2 -> 1 (half rounds up, not down to 0)
        pytest.param(9_125, Fraction(1, 2), 1, id="half-cent-rounds-up"),
        # 45_625 = 5 x 9_125 -> 5/2 = 2.5 -> 3 (banker's rounding would give 2)
        pytest.param(45_625, Fraction(5, 2), 3, id="two-and-a-half-rounds-up"),
        # 27_375 = 3 x 9_125 -> 3/2 = 1.5 -> 2
        pytest.param(27_375, Fraction(3, 2), 2, id="one-and-a-half-rounds-up"),
        # 45_624 -> 9_124_800 / 3_650_000 = 2.4999... -> 2
        pytest.param(45_624, Fraction(45_624 * 200, 3_650_000), 2, id="just-below-half"),
        # 45_626 -> 9_125_200 / 3_650_000 = 2.5000... -> 3
        pytest.param(45_626, Fraction(45_626 * 200, 3_650_000), 3, id="just-above-half"),
    ],
)
def test_interest_is_rounded_half_up_at_exactly_half_a_cent(
    principal: int, exact: Fraction, expected: int
) -> None:
    assert Fraction(principal * 200 * 1, DENOMINATOR) == exact
    # Due 30 Jun 2025, as_of 2 Jul: one interest day (1 Jul).
    result = balance(principal, date(2025, 6, 30), date(2025, 7, 2), rates=TWO_PERCENT)
    assert result.interest_days == 1
    assert result.interest_cents == expected


def test_cumulative_rounding_with_a_payment_does_not_add_up_rounding_differences() -> None:
    # 9,125 at 200 bp earns exactly 1/2 cent a day.
    # Payment of 1 cent on 2 Jul: accrued 1 Jul -> exact 1/2, rounded 1: the cent pays interest.
    # as_of 3 Jul: 2 Jul accrues another 1/2 -> cumulative exact 1, rounded 1, minus 1 paid = 0.
    # (Rounding per settlement would give round(1/2) + round(1/2) = 2 and leave 1 cent owed.)
    result = balance(
        9_125, date(2025, 6, 30), date(2025, 7, 3), [(date(2025, 7, 2), 1)], rates=TWO_PERCENT
    )
    assert result.interest_paid_cents == 1
    assert result.principal_paid_cents == 0
    assert result.open_cents == 9_125
    assert result.interest_cents == 0
    assert result.interest_days == 2


# --- payments: interest first, then principal -------------------------------------------------


def test_payment_on_the_due_date_accrues_no_interest() -> None:
    result = balance(100_000, date(2025, 1, 31), date(2025, 6, 1), [(date(2025, 1, 31), 100_000)])
    assert result.open_cents == 0
    assert result.interest_cents == 0
    assert result.principal_paid_cents == 100_000
    assert result.interest_paid_cents == 0
    assert result.overpaid_cents == 0
    assert result.periods == ()


def test_payment_on_the_day_after_the_due_date_accrues_no_interest() -> None:
    # The interest period would be 1 Feb .. 31 Jan (the day before payment): empty.
    result = balance(100_000, date(2025, 1, 31), date(2025, 6, 1), [(date(2025, 2, 1), 100_000)])
    assert result.open_cents == 0
    assert result.interest_cents == 0
    assert result.periods == ()


def test_partial_payment_before_the_due_date_reduces_the_principal_interest_runs_on() -> None:
    # 40,000 paid on 15 Jan, before the due date: all principal, no interest yet.
    # Then 1 Feb .. 1 Mar 2025 = 29 days on 60,000 at 400 bp:
    #   60_000 x 400 x 29 / 3_650_000 = 696_000_000 / 3_650_000 = 190.684... -> 191
    result = balance(100_000, date(2025, 1, 31), date(2025, 3, 2), [(date(2025, 1, 15), 40_000)])
    assert result.principal_paid_cents == 40_000
    assert result.interest_paid_cents == 0
    assert result.open_cents == 60_000
    assert result.interest_cents == 191
    assert result.periods == (InterestPeriod(date(2025, 2, 1), date(2025, 3, 1), 60_000, 400),)


def test_payment_smaller_than_the_accrued_interest_goes_entirely_to_interest() -> None:
    # Up to the payment on 2 Mar: 1 Feb .. 1 Mar = 29 days on 1,000,000 at 400 bp:
    #   1_000_000 x 400 x 29 / 3_650_000 = 11_600_000_000 / 3_650_000 = 3178.08... -> 3178
    # A payment of 1,000 pays 1,000 interest and no principal; 3178 - 1000 = 2178 interest left.
    result = balance(1_000_000, date(2025, 1, 31), date(2025, 3, 2), [(date(2025, 3, 2), 1_000)])
    assert result.interest_paid_cents == 1_000
    assert result.principal_paid_cents == 0
    assert result.open_cents == 1_000_000
    assert result.interest_cents == 2_178
    assert result.overpaid_cents == 0


def test_unpaid_interest_stays_owed_and_interest_keeps_running_on_the_whole_principal() -> None:
    # As above, then as_of 1 Apr: 2 Mar .. 31 Mar = 30 more days on the untouched 1,000,000:
    #   cumulative = (11_600_000_000 + 1_000_000 x 400 x 30) / 3_650_000
    #              = 23_600_000_000 / 3_650_000 = 6465.75... -> 6466; minus 1,000 paid = 5466
    result = balance(1_000_000, date(2025, 1, 31), date(2025, 4, 1), [(date(2025, 3, 2), 1_000)])
    assert result.interest_cents == 5_466
    assert result.open_cents == 1_000_000
    assert result.periods == (
        InterestPeriod(date(2025, 2, 1), date(2025, 3, 1), 1_000_000, 400),
        InterestPeriod(date(2025, 3, 2), date(2025, 3, 31), 1_000_000, 400),
    )


def test_payment_pays_interest_first_then_principal() -> None:
    # Accrued on 2 Mar: 3178 (see above). A payment of 103,178 pays 3,178 interest and 100,000
    # principal, leaving 900,000. From the payment day on, interest runs on 900,000:
    #   2 Mar .. 31 Mar = 30 days: 900_000 x 400 x 30 = 10_800_000_000
    #   cumulative = (11_600_000_000 + 10_800_000_000) / 3_650_000
    #              = 22_400_000_000 / 3_650_000 = 6136.98... -> 6137; minus 3,178 paid = 2959
    cumulative = Fraction(1_000_000 * 400 * 29 + 900_000 * 400 * 30, DENOMINATOR)
    assert Fraction(61365, 10) < cumulative < 6137
    result = balance(1_000_000, date(2025, 1, 31), date(2025, 4, 1), [(date(2025, 3, 2), 103_178)])
    assert result.interest_paid_cents == 3_178
    assert result.principal_paid_cents == 100_000
    assert result.open_cents == 900_000
    assert result.interest_cents == 2_959
    assert result.overpaid_cents == 0
    assert result.periods == (
        InterestPeriod(date(2025, 2, 1), date(2025, 3, 1), 1_000_000, 400),
        InterestPeriod(date(2025, 3, 2), date(2025, 3, 31), 900_000, 400),
    )


def test_payment_of_exactly_interest_plus_principal_settles_the_claim() -> None:
    # 29 days on 100,000: 318 interest (see above). 100,318 pays everything; nothing accrues on a
    # principal of 0 afterwards, however late as_of is.
    result = balance(100_000, date(2025, 1, 31), date(2025, 12, 31), [(date(2025, 3, 2), 100_318)])
    assert result.interest_paid_cents == 318
    assert result.principal_paid_cents == 100_000
    assert result.open_cents == 0
    assert result.interest_cents == 0
    assert result.overpaid_cents == 0
    assert result.periods == (InterestPeriod(date(2025, 2, 1), date(2025, 3, 1), 100_000, 400),)


def test_overpayment_is_reported_and_open_never_goes_negative() -> None:
    # 150,000 on 2 Mar: 318 interest + 100,000 principal; 150_000 - 100_318 = 49,682 overpaid.
    result = balance(100_000, date(2025, 1, 31), date(2025, 6, 1), [(date(2025, 3, 2), 150_000)])
    assert result.interest_paid_cents == 318
    assert result.principal_paid_cents == 100_000
    assert result.overpaid_cents == 49_682
    assert result.open_cents == 0
    assert result.interest_cents == 0


def test_overpayment_before_the_due_date() -> None:
    result = balance(100_000, date(2025, 1, 31), date(2025, 6, 1), [(date(2025, 1, 10), 120_000)])
    assert result.principal_paid_cents == 100_000
    assert result.overpaid_cents == 20_000
    assert result.open_cents == 0
    assert result.interest_cents == 0


def test_a_later_payment_after_full_settlement_is_all_overpaid() -> None:
    payments = [(date(2025, 1, 31), 100_000), (date(2025, 2, 15), 2_500)]
    result = balance(100_000, date(2025, 1, 31), date(2025, 6, 1), payments)
    assert result.principal_paid_cents == 100_000
    assert result.overpaid_cents == 2_500
    assert result.open_cents == 0


def test_payments_are_applied_in_date_order_whatever_the_input_order() -> None:
    # 1,000,000 due 31 Jan 2025; payments 1,000 on 2 Mar and 10,000 on 1 Apr (given in reverse).
    # 2 Mar: accrued 3178 (29 days, see above) -> 1,000 to interest.
    # 1 Apr: + 30 days on 1,000,000 -> cumulative 23_600_000_000 / 3_650_000 = 6465.75 -> 6466;
    #        interest due 6466 - 1000 = 5466; 10,000 pays 5,466 interest and 4,534 principal,
    #        leaving 995,466.
    # as_of 1 May: 1 Apr .. 30 Apr = 30 days on 995,466: 995_466 x 400 x 30 = 11_945_592_000
    #   cumulative = (23_600_000_000 + 11_945_592_000) / 3_650_000 = 9738.51... -> 9739;
    #   minus 6,466 paid = 3273
    cumulative = Fraction(23_600_000_000 + 995_466 * 400 * 30, DENOMINATOR)
    assert Fraction(97385, 10) < cumulative < 9739
    payments = [(date(2025, 4, 1), 10_000), (date(2025, 3, 2), 1_000)]
    result = balance(1_000_000, date(2025, 1, 31), date(2025, 5, 1), payments)
    assert result.interest_paid_cents == 6_466
    assert result.principal_paid_cents == 4_534
    assert result.open_cents == 995_466
    assert result.interest_cents == 3_273
    assert result.periods == (
        InterestPeriod(date(2025, 2, 1), date(2025, 3, 1), 1_000_000, 400),
        InterestPeriod(date(2025, 3, 2), date(2025, 3, 31), 1_000_000, 400),
        InterestPeriod(date(2025, 4, 1), date(2025, 4, 30), 995_466, 400),
    )


def test_two_payments_on_the_same_day_share_the_accrued_interest() -> None:
    # 318 accrued on 2 Mar (see above). 200 pays interest; of 50,000, 118 pays the rest of the
    # interest and 49,882 principal; 100_000 - 49_882 = 50,118 open. No interest on the same day.
    payments = [(date(2025, 3, 2), 50_000), (date(2025, 3, 2), 200)]
    result = balance(100_000, date(2025, 1, 31), date(2025, 3, 2), payments)
    assert result.interest_paid_cents == 318
    assert result.principal_paid_cents == 49_882
    assert result.open_cents == 50_118
    assert result.interest_cents == 0
    assert result.overpaid_cents == 0


def test_payment_and_rate_change_split_the_periods() -> None:
    # 1,000,000 due 30 Nov 2025; 200,000 paid on 16 Dec 2025; as_of 11 Jan 2026.
    # 16 Dec: 1 Dec .. 15 Dec = 15 days at 400 bp: 1_000_000 x 400 x 15 = 6_000_000_000
    #   / 3_650_000 = 1643.83... -> 1644 interest; 200_000 - 1_644 = 198,356 principal;
    #   801,644 left.
    # as_of: 16 Dec .. 31 Dec = 16 days at 400 bp and 1 Jan .. 10 Jan = 10 days at 430 bp,
    # on 801,644:
    #   801_644 x (400 x 16 + 430 x 10) = 801_644 x 10_700 = 8_577_590_800
    #   cumulative = (6_000_000_000 + 8_577_590_800) / 3_650_000 = 3993.86... -> 3994;
    #   minus 1,644 paid = 2350
    cumulative = Fraction(6_000_000_000 + 801_644 * (400 * 16 + 430 * 10), DENOMINATOR)
    assert Fraction(16435, 10) < Fraction(6_000_000_000, DENOMINATOR) < 1644
    assert Fraction(39935, 10) < cumulative < 3994
    result = balance(
        1_000_000, date(2025, 11, 30), date(2026, 1, 11), [(date(2025, 12, 16), 200_000)]
    )
    assert result.interest_paid_cents == 1_644
    assert result.principal_paid_cents == 198_356
    assert result.open_cents == 801_644
    assert result.interest_cents == 2_350
    assert result.periods == (
        InterestPeriod(date(2025, 12, 1), date(2025, 12, 15), 1_000_000, 400),
        InterestPeriod(date(2025, 12, 16), date(2025, 12, 31), 801_644, 400),
        InterestPeriod(date(2026, 1, 1), date(2026, 1, 10), 801_644, 430),
    )
    assert result.interest_days == 15 + 16 + 10


# --- rates must cover the accrual ------------------------------------------------------------


def test_a_rate_series_starting_after_the_first_interest_day_raises_no_value_before() -> None:
    late_rates = DatedSeries.of([(date(2026, 1, 1), 430)])
    with pytest.raises(NoValueBefore):
        balance(100_000, date(2025, 11, 30), date(2026, 1, 5), rates=late_rates)


# --- building blocks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "days"),
    [
        pytest.param(date(2025, 12, 1), date(2025, 12, 31), 31, id="month"),
        pytest.param(date(2024, 2, 1), date(2024, 2, 29), 29, id="leap-february"),
        pytest.param(date(2025, 3, 2), date(2025, 3, 2), 1, id="one-day"),
    ],
)
def test_interest_period_days_count_both_ends(first: date, last: date, days: int) -> None:
    assert InterestPeriod(first, last, 1, 400).days == days


def test_interest_on_returns_the_exact_unrounded_sum_over_periods() -> None:
    periods = [
        InterestPeriod(date(2025, 12, 1), date(2025, 12, 31), 250_700, 400),
        InterestPeriod(date(2026, 1, 1), date(2026, 2, 28), 250_700, 430),
    ]
    # 250_700 x (400 x 31 + 430 x 59) / 3_650_000 = 9_468_939_000 / 3_650_000
    assert interest_on(periods, DAY_COUNT) == Fraction(9_468_939_000, 3_650_000)
    assert interest_on([], DAY_COUNT) == 0


# --- cross-check against a day-by-day reference model -----------------------------------------


def reference_balance(
    amount_cents: int,
    due_date: date,
    payments: list[tuple[date, int]],
    as_of: date,
    rate_changes: list[tuple[date, int]],
    day_count: int,
) -> tuple[int, int, int, int, int, int]:
    """A deliberately naive model of §6: walk every day, pay first, then accrue that day.

    Returns (open, interest, principal_paid, interest_paid, overpaid, days with interest).
    """

    def rate_on(day: date) -> int:
        in_force = [bp for start, bp in rate_changes if start <= day]
        return in_force[-1]

    def half_up(value: Fraction) -> int:
        return math.floor(value + Fraction(1, 2))

    principal, numerator = amount_cents, 0
    principal_paid = interest_paid = overpaid = interest_days = 0
    first_day = min([due_date + timedelta(days=1), *(paid_on for paid_on, _ in payments)])
    last_day = max([as_of, *(paid_on for paid_on, _ in payments)])
    day = first_day
    while day <= last_day:
        for paid_on, cents in payments:
            if paid_on == day:
                owed = half_up(Fraction(numerator, 10_000 * day_count)) - interest_paid
                to_interest = min(cents, owed)
                to_principal = min(cents - to_interest, principal)
                interest_paid += to_interest
                principal_paid += to_principal
                principal -= to_principal
                overpaid += cents - to_interest - to_principal
        if due_date < day < as_of and principal > 0:
            numerator += principal * rate_on(day)
            interest_days += 1
        day += timedelta(days=1)
    interest = half_up(Fraction(numerator, 10_000 * day_count)) - interest_paid
    return principal, interest, principal_paid, interest_paid, overpaid, interest_days


REFERENCE_RATES = [(date(2015, 1, 1), 400), (date(2024, 1, 1), 400), (date(2026, 1, 1), 430)]


@pytest.mark.parametrize(
    ("amount", "due_date", "payments", "as_of"),
    [
        pytest.param(1_000_000, date(2025, 11, 30), [], date(2026, 3, 1), id="rate-change"),
        pytest.param(
            123_457,
            date(2023, 12, 20),
            [
                (date(2024, 2, 29), 5_000),
                (date(2024, 6, 30), 50_000),
                (date(2025, 12, 31), 10_000),
                (date(2026, 1, 1), 10_000),
            ],
            date(2026, 7, 1),
            id="leap-day-and-rate-change-payments",
        ),
        pytest.param(
            777_777,
            date(2025, 10, 31),
            [(date(2025, 11, 30 - 2 * i), 100) for i in range(10)],
            date(2026, 2, 1),
            id="many-payments-smaller-than-interest",
        ),
        pytest.param(
            50_001,
            date(2025, 12, 15),
            [(date(2026, 1, 15), 30_000), (date(2026, 2, 15), 30_000)],
            date(2026, 6, 1),
            id="second-payment-overpays",
        ),
        pytest.param(
            333_333,
            date(2024, 2, 29),
            [(date(2024, 2, 1), 33_333), (date(2024, 3, 31), 1)],
            date(2029, 2, 28),
            id="five-years-from-leap-day",
        ),
    ],
)
def test_claim_balance_matches_a_day_by_day_reference_model(
    amount: int, due_date: date, payments: list[tuple[date, int]], as_of: date
) -> None:
    expected = reference_balance(amount, due_date, payments, as_of, REFERENCE_RATES, DAY_COUNT)
    result = balance(amount, due_date, as_of, payments)
    assert (
        result.open_cents,
        result.interest_cents,
        result.principal_paid_cents,
        result.interest_paid_cents,
        result.overpaid_cents,
        result.interest_days,
    ) == expected

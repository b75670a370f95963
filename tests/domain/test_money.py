"""Money helpers: integer cents, half-up rounding, ceiling division, rendering for debtors."""

from __future__ import annotations

from fractions import Fraction

import pytest

from service.domain.money import ceil_div, format_basis_points, format_euro, round_half_up

# --- ceil_div ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        pytest.param(6, 2, 3, id="exact"),
        pytest.param(7, 2, 4, id="rounds-up"),
        pytest.param(48_001, 24, 2_001, id="one-cent-over-rounds-up"),
        pytest.param(48_000, 24, 2_000, id="exact-multiple"),
        pytest.param(1, 100, 1, id="small-numerator"),
        pytest.param(0, 5, 0, id="zero"),
        pytest.param(-7, 2, -3, id="negative-numerator-ceiling-towards-plus-infinity"),
    ],
)
def test_ceil_div_rounds_the_quotient_up(numerator: int, denominator: int, expected: int) -> None:
    assert ceil_div(numerator, denominator) == expected


@pytest.mark.parametrize("denominator", [0, -1, -24])
def test_ceil_div_rejects_a_denominator_that_is_not_positive(denominator: int) -> None:
    with pytest.raises(ValueError, match="denominator"):
        ceil_div(10, denominator)


# --- round_half_up ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(Fraction(1, 2), 1, id="exactly-half-rounds-up"),
        pytest.param(Fraction(3, 2), 2, id="one-and-a-half"),
        pytest.param(Fraction(5, 2), 3, id="two-and-a-half-not-bankers-2"),
        pytest.param(Fraction(25_945, 10), 2_595, id="large-half"),
        pytest.param(Fraction(249, 100), 2, id="below-half"),
        pytest.param(Fraction(251, 100), 3, id="above-half"),
        pytest.param(Fraction(499_999, 1_000_000), 0, id="just-below-half"),
        pytest.param(Fraction(500_001, 1_000_000), 1, id="just-above-half"),
        pytest.param(Fraction(1, 3), 0, id="one-third"),
        pytest.param(Fraction(2, 3), 1, id="two-thirds"),
        pytest.param(Fraction(7), 7, id="whole"),
        pytest.param(Fraction(0), 0, id="zero"),
    ],
)
def test_round_half_up_rounds_halves_up(value: Fraction, expected: int) -> None:
    result = round_half_up(value)
    assert result == expected
    assert type(result) is int


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(Fraction(-1, 2), -1, id="minus-half"),
        pytest.param(Fraction(-5, 2), -3, id="minus-two-and-a-half"),
        pytest.param(Fraction(-249, 100), -2, id="minus-below-half"),
        pytest.param(Fraction(-251, 100), -3, id="minus-above-half"),
    ],
)
def test_round_half_up_rounds_negative_halves_away_from_zero(
    value: Fraction, expected: int
) -> None:
    assert round_half_up(value) == expected


# --- format_euro ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cents", "nl", "en"),
    [
        pytest.param(123_456, "€ 1.234,56", "€1,234.56", id="thousands"),
        pytest.param(0, "€ 0,00", "€0.00", id="zero"),
        pytest.param(5, "€ 0,05", "€0.05", id="cents-padded"),
        pytest.param(50, "€ 0,50", "€0.50", id="tens-of-cents"),
        pytest.param(100, "€ 1,00", "€1.00", id="one-euro"),
        pytest.param(99_999, "€ 999,99", "€999.99", id="below-thousand"),
        pytest.param(100_000, "€ 1.000,00", "€1,000.00", id="exactly-thousand"),
        pytest.param(123_456_789, "€ 1.234.567,89", "€1,234,567.89", id="millions"),
    ],
)
def test_format_euro_renders_dutch_and_english_notation(cents: int, nl: str, en: str) -> None:
    assert format_euro(cents, "nl") == nl
    assert format_euro(cents, "en") == en


def test_format_euro_puts_a_minus_before_a_negative_amount() -> None:
    assert format_euro(-123_456, "nl") == "-€ 1.234,56"
    assert format_euro(-123_456, "en") == "-€1,234.56"


# --- format_basis_points ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("basis_points", "nl", "en"),
    [
        pytest.param(430, "4,30%", "4.30%", id="4.3-percent"),
        pytest.param(400, "4,00%", "4.00%", id="whole-percent"),
        pytest.param(5, "0,05%", "0.05%", id="below-one-percent-padded"),
        pytest.param(1_234, "12,34%", "12.34%", id="two-digit-percent"),
        pytest.param(0, "0,00%", "0.00%", id="zero"),
    ],
)
def test_format_basis_points_renders_a_percentage(basis_points: int, nl: str, en: str) -> None:
    assert format_basis_points(basis_points, "nl") == nl
    assert format_basis_points(basis_points, "en") == en

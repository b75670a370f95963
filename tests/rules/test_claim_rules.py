"""Scenario tests of the per-claim rules (collection-rules.md §2, §3, §6, §7) through the real
Decider and the real durable-rules engine.

Every expected value is worked out by hand in the comments: interest is
principal x rate(bp) x days / (10,000 x 365), rounded half-up once per claim.
"""

from __future__ import annotations

from datetime import date

import pytest

from service.decider import CaseOutsidePolicy, Decider
from service.domain.case import Event
from service.policy.model import Policy
from tests.rules.builders import case, claim, entry, event, offset, payment, result, rule_ids

# --- §2 small claims (Awir 26a) ----------------------------------------------------------------

THRESHOLDS_2025_VERSION = [
    # (decision date, threshold of that decision year)
    pytest.param(date(2023, 6, 15), 10_600, id="2023"),
    pytest.param(date(2024, 6, 15), 11_600, id="2024"),
    pytest.param(date(2025, 6, 15), 11_800, id="2025"),
]


@pytest.mark.parametrize(("decided", "threshold"), THRESHOLDS_2025_VERSION)
def test_definitive_claim_equal_to_threshold_is_not_recovered(
    decider: Decider, p2025: Policy, decided: date, threshold: int
) -> None:
    decision = decider.decide(
        case(claim(amount_cents=threshold, decision_date=decided), as_of=decided), p2025
    )
    assert result(decision, "C1").recoverable is False
    assert entry(decision, "R-SMALL-CLAIM", "C1").legal_basis.startswith("Awir art. 26a")
    assert "R-ABOVE-THRESHOLD" not in rule_ids(decision)
    assert decision.outcome == "not_recovered"
    assert decision.plan is None


@pytest.mark.parametrize(("decided", "threshold"), THRESHOLDS_2025_VERSION)
def test_definitive_claim_one_cent_above_threshold_is_recovered(
    decider: Decider, p2025: Policy, decided: date, threshold: int
) -> None:
    decision = decider.decide(
        case(claim(amount_cents=threshold + 1, decision_date=decided), as_of=decided), p2025
    )
    assert result(decision, "C1").recoverable is True
    assert entry(decision, "R-ABOVE-THRESHOLD", "C1").legal_basis.startswith("Awir art. 26a")
    assert "R-SMALL-CLAIM" not in rule_ids(decision)


def test_2026_threshold_in_2026_version(decider: Decider, p2026: Policy) -> None:
    # 2026 decisions: threshold 12,100 -> 12,100 not recovered, 12,101 recovered.
    decided = date(2026, 3, 2)
    equal = decider.decide(
        case(claim(amount_cents=12_100, decision_date=decided), as_of=decided), p2026
    )
    above = decider.decide(
        case(claim(amount_cents=12_101, decision_date=decided), as_of=decided), p2026
    )
    assert result(equal, "C1").recoverable is False
    assert result(above, "C1").recoverable is True


@pytest.mark.parametrize("decided", [date(2022, 12, 31), date(2019, 5, 1)])
def test_before_2023_every_definitive_claim_is_recovered(
    decider: Decider, p2025: Policy, decided: date
) -> None:
    # Threshold before 2023 is 0: 1 cent > 0, so recovered.
    decision = decider.decide(
        case(claim(amount_cents=1, decision_date=decided), as_of=decided), p2025
    )
    assert result(decision, "C1").recoverable is True
    assert "R-ABOVE-THRESHOLD" in rule_ids(decision)


def test_threshold_follows_decision_year_not_evaluation_year(
    decider: Decider, p2025: Policy
) -> None:
    # 11,700 decided on 31 Dec 2024 (threshold 11,600) -> recovered; the same amount decided on
    # 1 Jan 2025 (threshold 11,800) -> not recovered; both evaluated in 2025.
    decision = decider.decide(
        case(
            claim("OLD", amount_cents=11_700, decision_date=date(2024, 12, 31)),
            claim("NEW", amount_cents=11_700, decision_date=date(2025, 1, 1)),
            as_of=date(2025, 1, 2),
        ),
        p2025,
    )
    assert result(decision, "OLD").recoverable is True
    assert result(decision, "NEW").recoverable is False


def test_threshold_applies_per_claim_not_to_debtor_total(decider: Decider, p2025: Policy) -> None:
    # Two 2025 claims of 11,800 each: together 23,600 > 11,800, but each is at the threshold,
    # so neither is recovered and nothing has to be paid.
    decision = decider.decide(
        case(
            claim("A", amount_cents=11_800, allowance="huurtoeslag"),
            claim("B", amount_cents=11_800, allowance="zorgtoeslag"),
            as_of=date(2025, 2, 1),
        ),
        p2025,
    )
    assert [item.recoverable for item in decision.claims] == [False, False]
    assert decision.outcome == "not_recovered"
    assert decision.plan is None
    assert [e.claim_ref for e in decision.trace if e.rule == "R-SMALL-CLAIM"] == ["A", "B"]


def test_only_the_claim_above_threshold_is_planned(decider: Decider, p2025: Policy) -> None:
    # A = 11,800 (not recovered), B = 11,801 (recovered): the plan covers B alone, 11,801.
    decision = decider.decide(
        case(
            claim("A", amount_cents=11_800),
            claim("B", amount_cents=11_801, allowance="zorgtoeslag"),
            as_of=date(2025, 2, 1),
        ),
        p2025,
    )
    assert result(decision, "A").recoverable is False
    assert result(decision, "B").recoverable is True
    assert decision.plan is not None
    assert decision.plan.claim_refs == ("B",)
    assert decision.plan.total_cents == 11_801


@pytest.mark.parametrize("amount", [1, 11_800, 50_000])
def test_advance_claim_is_always_recovered(decider: Decider, p2025: Policy, amount: int) -> None:
    decision = decider.decide(
        case(claim(amount_cents=amount, origin="advance"), as_of=date(2025, 2, 1)), p2025
    )
    assert result(decision, "C1").recoverable is True
    traced = entry(decision, "R-ADVANCE-ALWAYS", "C1")
    assert traced.legal_basis.startswith("Awir art. 26a")
    assert traced.stage == "claim_status"
    assert "R-SMALL-CLAIM" not in rule_ids(decision)
    assert "R-ABOVE-THRESHOLD" not in rule_ids(decision)


def test_not_recovered_claim_charges_no_interest(decider: Decider, p2025: Policy) -> None:
    # 11,800 decided 2025-01-10, due 2025-02-21, as_of 2025-06-01: 99 interest days would give
    # 11,800 x 400 x 99 / 3,650,000 = 128.0 cents, but the claim is not recovered -> 0.
    decision = decider.decide(case(claim(amount_cents=11_800), as_of=date(2025, 6, 1)), p2025)
    item = result(decision, "C1")
    assert item.recoverable is False
    assert item.interest_cents == 0


# --- §3 payment term (Awir 28) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("decided", "due"),
    [
        # 10 Jan + 21 days = 31 Jan, + 21 more = 21 Feb
        pytest.param(date(2025, 1, 10), date(2025, 2, 21), id="within-quarter"),
        # 15 Dec + 16 = 31 Dec, + 26 = 26 Jan next year
        pytest.param(date(2024, 12, 15), date(2025, 1, 26), id="year-end"),
        # 18 Jan 2024 + 13 = 31 Jan, + 29 = 29 Feb (leap year)
        pytest.param(date(2024, 1, 18), date(2024, 2, 29), id="leap-day"),
        # 20 Jan 2024 + 11 = 31 Jan, + 29 = 29 Feb, + 2 = 2 Mar (leap year)
        pytest.param(date(2024, 1, 20), date(2024, 3, 2), id="over-leap-day"),
        # 18 Jan 2025 + 13 = 31 Jan, + 28 = 28 Feb, + 1 = 1 Mar (no leap day)
        pytest.param(date(2025, 1, 18), date(2025, 3, 1), id="no-leap-day"),
        # 11 Jan 2025 + 42 = Saturday 22 Feb: no shift for weekends
        pytest.param(date(2025, 1, 11), date(2025, 2, 22), id="weekend-not-shifted"),
    ],
)
def test_due_date_is_decision_date_plus_42_days(
    decider: Decider, p2025: Policy, decided: date, due: date
) -> None:
    decision = decider.decide(case(claim(decision_date=decided), as_of=date(2025, 6, 1)), p2025)
    assert result(decision, "C1").due_date == due
    assert entry(decision, "R-DUE-DATE", "C1").legal_basis == "Awir art. 28"


# --- §6 late-payment interest ------------------------------------------------------------------


def test_no_interest_up_to_the_day_after_the_due_date(decider: Decider, p2025: Policy) -> None:
    # Due 21 Feb; interest runs from 22 Feb up to and including the day before as_of.
    # as_of 22 Feb -> days 22 Feb..21 Feb = 0; as_of 23 Feb -> 1 day (22 Feb):
    # 50,000 x 400 x 1 / 3,650,000 = 5.479 -> 5.
    on_day_after = decider.decide(case(claim(), as_of=date(2025, 2, 22)), p2025)
    one_day = decider.decide(case(claim(), as_of=date(2025, 2, 23)), p2025)
    assert result(on_day_after, "C1").interest_cents == 0
    assert result(one_day, "C1").interest_cents == 5


def test_interest_at_400_basis_points(decider: Decider, p2025: Policy) -> None:
    # 100,000 due 21 Feb 2025, as_of 1 Jun 2025: days 22 Feb..31 May = 7 + 31 + 30 + 31 = 99.
    # 100,000 x 400 x 99 / 3,650,000 = 1,084.93 -> 1,085.
    decision = decider.decide(case(claim(amount_cents=100_000), as_of=date(2025, 6, 1)), p2025)
    item = result(decision, "C1")
    assert item.interest_cents == 1_085
    assert item.open_cents == 100_000


def test_interest_rounds_half_up(decider: Decider, p2026: Policy) -> None:
    # Advance of 7,500 decided 1 Jan 2026 -> due 12 Feb 2026; as_of 27 Apr 2026:
    # days 13 Feb..26 Apr = 16 + 31 + 26 = 73 at 430 bp:
    # 7,500 x 430 x 73 / 3,650,000 = 235,425,000 / 3,650,000 = 64.5 -> half-up 65 (not 64).
    decision = decider.decide(
        case(
            claim(amount_cents=7_500, origin="advance", decision_date=date(2026, 1, 1)),
            as_of=date(2026, 4, 27),
        ),
        p2026,
    )
    assert result(decision, "C1").due_date == date(2026, 2, 12)
    assert result(decision, "C1").interest_cents == 65


def test_2025_version_keeps_400_bp_after_2026(decider: Decider, p2025: Policy) -> None:
    # 12,200 decided 1 Oct 2025 -> due 12 Nov 2025; as_of 1 Feb 2026:
    # days 13 Nov..31 Jan = 18 + 31 + 31 = 80, all at 400 bp:
    # 12,200 x 400 x 80 / 3,650,000 = 106.96 -> 107.
    decision = decider.decide(
        case(claim(amount_cents=12_200, decision_date=date(2025, 10, 1)), as_of=date(2026, 2, 1)),
        p2025,
    )
    assert result(decision, "C1").interest_cents == 107


def test_interest_split_at_rate_change_rounded_once_per_claim(
    decider: Decider, p2026: Policy
) -> None:
    # 12,200 decided 1 Oct 2025 -> due 12 Nov 2025; as_of 1 Feb 2026.
    # 13 Nov..31 Dec 2025 = 18 + 31 = 49 days at 400 bp: 12,200 x 400 x 49 / 3,650,000 = 65.51
    # 1 Jan..31 Jan 2026   = 31 days at 430 bp:        12,200 x 430 x 31 / 3,650,000 = 44.56
    # sum 110.07 -> 110 (rounding each period first would give 66 + 45 = 111).
    decision = decider.decide(
        case(claim(amount_cents=12_200, decision_date=date(2025, 10, 1)), as_of=date(2026, 2, 1)),
        p2026,
    )
    assert result(decision, "C1").interest_cents == 110
    traced = entry(decision, "R-BALANCE-INTEREST", "C1")
    assert "4,00% over 49 dagen, 4,30% over 31 dagen" in traced.explanation.nl
    assert "4.00% for 49 days, 4.30% for 31 days" in traced.explanation.en


def test_payment_pays_interest_first_then_principal(decider: Decider, p2025: Policy) -> None:
    # 100,000 due 21 Feb 2025, paid 10,000 on 2 Apr 2025.
    # Before the payment: 22 Feb..1 Apr = 7 + 31 + 1 = 39 days:
    #   100,000 x 400 x 39 / 3,650,000 = 427.40 -> 427 interest owed.
    # The payment: 427 to interest, 10,000 - 427 = 9,573 to principal -> open 90,427.
    # After it, as_of 1 Jun: 2 Apr..31 May = 29 + 31 = 60 days on 90,427:
    #   90,427 x 400 x 60 / 3,650,000 = 594.59.
    # Interest rounded once: 427.40 + 594.59 = 1,021.99 -> 1,022; minus 427 paid = 595 open.
    decision = decider.decide(
        case(
            claim(amount_cents=100_000, events=[payment(date(2025, 4, 2), 10_000)]),
            as_of=date(2025, 6, 1),
        ),
        p2025,
    )
    item = result(decision, "C1")
    assert item.open_cents == 90_427
    assert item.interest_cents == 595
    assert decision.plan is not None
    assert decision.plan.total_cents == 90_427 + 595


def test_payment_smaller_than_interest_pays_interest_only(decider: Decider, p2025: Policy) -> None:
    # 100,000 due 21 Feb 2025; 100 paid on 2 Apr 2025 when 427.40 -> 427 interest is owed:
    # all 100 goes to interest, the principal stays 100,000.
    # Total interest to as_of 1 Jun: 39 + 60 = 99 days on 100,000 = 1,084.93 -> 1,085;
    # minus the 100 paid = 985 still owed.
    decision = decider.decide(
        case(
            claim(amount_cents=100_000, events=[payment(date(2025, 4, 2), 100)]),
            as_of=date(2025, 6, 1),
        ),
        p2025,
    )
    item = result(decision, "C1")
    assert item.open_cents == 100_000
    assert item.interest_cents == 985


def test_interest_counts_the_leap_day(decider: Decider, p2025: Policy) -> None:
    # Decided 10 Jan 2024 -> due 21 Feb 2024; as_of 1 Mar 2024: days 22..29 Feb = 8.
    # 100,000 x 400 x 8 / 3,650,000 = 87.67 -> 88.
    decision = decider.decide(
        case(claim(amount_cents=100_000, decision_date=date(2024, 1, 10)), as_of=date(2024, 3, 1)),
        p2025,
    )
    assert result(decision, "C1").due_date == date(2024, 2, 21)
    assert result(decision, "C1").interest_cents == 88


def test_offset_event_pays_like_a_payment(decider: Decider, p2025: Policy) -> None:
    # Same as the payment case, the 10,000 withheld by offsetting instead.
    decision = decider.decide(
        case(
            claim(amount_cents=100_000, events=[offset(date(2025, 4, 2), 10_000)]),
            as_of=date(2025, 6, 1),
        ),
        p2025,
    )
    item = result(decision, "C1")
    assert item.open_cents == 90_427
    assert item.interest_cents == 595


def test_payment_before_due_date_reduces_principal_without_interest(
    decider: Decider, p2025: Policy
) -> None:
    # 50,000 due 21 Feb, 20,000 paid 15 Feb: no interest yet, all to principal -> 30,000 open.
    # as_of 1 Mar: 22 Feb..28 Feb = 7 days on 30,000: 30,000 x 400 x 7 / 3,650,000 = 23.01 -> 23.
    decision = decider.decide(
        case(claim(events=[payment(date(2025, 2, 15), 20_000)]), as_of=date(2025, 3, 1)),
        p2025,
    )
    item = result(decision, "C1")
    assert item.open_cents == 30_000
    assert item.interest_cents == 23


def test_claim_paid_in_full_is_settled_and_nothing_is_due(decider: Decider, p2025: Policy) -> None:
    decision = decider.decide(
        case(claim(events=[payment(date(2025, 2, 20), 50_000)]), as_of=date(2025, 6, 1)),
        p2025,
    )
    item = result(decision, "C1")
    assert item.recoverable is True
    assert item.open_cents == 0
    assert item.interest_cents == 0
    assert "R-SETTLED" in rule_ids(decision)
    assert decision.outcome == "nothing_due"
    assert decision.plan is None


# --- §7 limitation and interruption ------------------------------------------------------------


def test_limitation_date_is_due_date_plus_five_years(decider: Decider, p2025: Policy) -> None:
    # due 21 Feb 2025 -> 21 Feb 2030; due 29 Feb 2024 -> 28 Feb 2029 (clamped).
    decision = decider.decide(
        case(
            claim("A"),
            claim("B", decision_date=date(2024, 1, 18)),
            as_of=date(2025, 6, 1),
        ),
        p2025,
    )
    assert result(decision, "A").limitation_date == date(2030, 2, 21)
    assert result(decision, "B").due_date == date(2024, 2, 29)
    assert result(decision, "B").limitation_date == date(2029, 2, 28)
    assert not result(decision, "A").expired
    assert not result(decision, "B").expired


INTERRUPTIONS = [
    pytest.param(event("aanmaning", date(2026, 3, 10)), id="aanmaning"),
    pytest.param(event("dwangbevel", date(2026, 3, 10)), id="dwangbevel"),
    pytest.param(event("written_claim", date(2026, 3, 10)), id="written_claim"),
    pytest.param(payment(date(2026, 3, 10), 100), id="payment"),
    pytest.param(offset(date(2026, 3, 10), 100), id="offset"),
]


@pytest.mark.parametrize("act", INTERRUPTIONS)
def test_interruption_moves_limitation_to_its_date_plus_five_years(
    decider: Decider, p2025: Policy, act: Event
) -> None:
    # due 21 Feb 2025; interruption on 10 Mar 2026 -> 10 Mar 2031 (later than 21 Feb 2030).
    decision = decider.decide(case(claim(events=[act]), as_of=date(2026, 6, 1)), p2025)
    assert result(decision, "C1").limitation_date == date(2031, 3, 10)
    assert "1 keer gestuit, het laatst op 10 maart 2026" in (
        entry(decision, "R-LIMITATION", "C1").explanation.nl
    )


def test_latest_interruption_counts(decider: Decider, p2025: Policy) -> None:
    # aanmaning 1 Apr 2025 -> 1 Apr 2030; written claim 15 Jul 2027 -> 15 Jul 2032.
    decision = decider.decide(
        case(
            claim(
                events=[
                    event("written_claim", date(2027, 7, 15)),
                    event("aanmaning", date(2025, 4, 1)),
                ]
            ),
            as_of=date(2027, 8, 1),
        ),
        p2025,
    )
    assert result(decision, "C1").limitation_date == date(2032, 7, 15)


def test_claim_is_collectible_on_its_limitation_date(decider: Decider, p2025: Policy) -> None:
    # Decided 10 Jan 2018 -> due 21 Feb 2018 -> limitation 21 Feb 2023 (last enforceable day).
    old = claim(decision_date=date(2018, 1, 10))
    on_last_day = decider.decide(case(old, as_of=date(2023, 2, 21)), p2025)
    day_after = decider.decide(case(old, as_of=date(2023, 2, 22)), p2025)
    assert result(on_last_day, "C1").limitation_date == date(2023, 2, 21)
    assert result(on_last_day, "C1").expired is False
    assert on_last_day.plan is not None
    assert result(day_after, "C1").expired is True
    assert day_after.plan is None


def test_expired_claim_is_not_planned_and_charges_no_interest(
    decider: Decider, p2025: Policy
) -> None:
    decision = decider.decide(
        case(
            claim("OLD", decision_date=date(2018, 1, 10)),
            claim("NEW", amount_cents=60_000, allowance="zorgtoeslag"),
            as_of=date(2025, 2, 1),
        ),
        p2025,
    )
    old = result(decision, "OLD")
    assert old.recoverable is True
    assert old.expired is True
    assert old.interest_cents == 0
    assert old.open_cents == 50_000
    assert "R-EXPIRED" in rule_ids(decision)
    assert decision.plan is not None
    assert decision.plan.claim_refs == ("NEW",)
    assert decision.plan.total_cents == 60_000


def test_interruption_keeps_an_old_claim_alive(decider: Decider, p2025: Policy) -> None:
    # Due 21 Feb 2018 would expire after 21 Feb 2023; a dwangbevel on 1 Feb 2023 moves it to
    # 1 Feb 2028, so on 1 Feb 2025 the claim is still collected.
    decision = decider.decide(
        case(
            claim(decision_date=date(2018, 1, 10), events=[event("dwangbevel", date(2023, 2, 1))]),
            as_of=date(2025, 2, 1),
        ),
        p2025,
    )
    assert result(decision, "C1").limitation_date == date(2028, 2, 1)
    assert result(decision, "C1").expired is False
    assert decision.plan is not None
    assert decision.plan.claim_refs == ("C1",)


def test_nothing_due_when_every_recovered_claim_is_paid_or_expired(
    decider: Decider, p2025: Policy
) -> None:
    decision = decider.decide(
        case(
            claim("EXPIRED", decision_date=date(2018, 1, 10)),
            claim("PAID", events=[payment(date(2025, 2, 1), 50_000)]),
            claim("SMALL", amount_cents=11_800),
            as_of=date(2025, 3, 1),
        ),
        p2025,
    )
    assert decision.outcome == "nothing_due"
    assert decision.plan is None
    assert entry(decision, "R-NOTHING-DUE").claim_ref is None


def test_not_recovered_when_every_claim_is_under_the_threshold(
    decider: Decider, p2025: Policy
) -> None:
    decision = decider.decide(
        case(
            claim("A", amount_cents=5_000),
            claim("B", amount_cents=11_800, decision_date=date(2025, 2, 1)),
            as_of=date(2025, 3, 1),
        ),
        p2025,
    )
    assert decision.outcome == "not_recovered"
    assert decision.plan is None
    assert "R-NOTHING-DUE" not in rule_ids(decision)
    assert entry(decision, "R-NOT-RECOVERED").claim_ref is None


# --- a claim before the interest series --------------------------------------------------------


def test_claim_due_before_interest_series_is_outside_the_policy(
    decider: Decider, p2025: Policy
) -> None:
    # Decided 1 Jun 2014 -> due 13 Jul 2014; interest from 14 Jul 2014 needs a rate the series
    # (from 1 Jan 2015) does not have.
    with pytest.raises(CaseOutsidePolicy) as raised:
        decider.decide(case(claim(decision_date=date(2014, 6, 1)), as_of=date(2015, 3, 1)), p2025)
    assert raised.value.field == "claims[0].decision_date"


def test_claim_due_on_first_day_of_interest_series_is_decided(
    decider: Decider, p2025: Policy
) -> None:
    # Decided 20 Nov 2014 -> due 1 Jan 2015 (20 Nov + 10 = 30 Nov, + 31 = 31 Dec, + 1 = 1 Jan).
    # Interest from 2 Jan 2015 finds the 2015 rate.
    decision = decider.decide(
        case(claim(decision_date=date(2014, 11, 20)), as_of=date(2015, 1, 2)), p2025
    )
    assert result(decision, "C1").due_date == date(2015, 1, 1)
    assert result(decision, "C1").interest_cents == 0

"""Scenario tests of the interest waivers (collection-rules.md §6) through the real Decider, the
real durable-rules engine and the shipped policies: no interest while an arrangement runs
(R-NO-INTEREST-ARRANGEMENT) and no interest on old claims paid within the Awir 29a restart term
(R-NO-INTEREST-RESTART, M-NO-INTEREST-RESTART).

Interest = principal x rate(bp) x days / (10,000 x 365), rounded half-up once per claim, from
the day after the due date up to and including the day before payment (or before as_of). A
waived amount is the interest the claim would carry without the waiver minus what it carries
with it, each rounded once. Every expected figure is worked out in the comments.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from service.decider import Decider
from service.domain.case import Case, DebtorEvent, Event
from service.domain.money import format_euro, round_half_up
from service.policy.model import Policy
from tests.rules.builders import (
    arrangement_start,
    arrangement_withdrawn,
    case,
    claim,
    debtor,
    entry,
    expected_interest,
    payment,
    recorded_pause,
    restart_extension,
    restart_letter,
    result,
    rule_ids,
    valid,
    with_events,
)

# --- R-NO-INTEREST-ARRANGEMENT -----------------------------------------------------------------

# 123,457 decided 10 Jan 2025 -> due 21 Feb 2025; evaluated on 1 Sep 2025: interest days
# 22 Feb..31 Aug = 7 + 31 + 30 + 31 + 30 + 31 + 31 + 31 = 191.
AMOUNT = 123_457
AS_OF = date(2025, 9, 1)
ALL_DAYS = 191
# 123,457 x 400 x 191 / 3,650,000 = 2,584.14 -> 2,584
FULL_INTEREST = 2_584


def arrangement_case(*events: DebtorEvent) -> Case:
    return valid(case(claim(amount_cents=AMOUNT), as_of=AS_OF, who=with_events(debtor(), *events)))


def test_no_arrangement_full_interest(decider: Decider, p2025: Policy) -> None:
    decision = decider.decide(arrangement_case(), p2025)
    assert expected_interest(AMOUNT, (400, ALL_DAYS)) == FULL_INTEREST
    assert result(decision, "C1").interest_cents == FULL_INTEREST
    assert result(decision, "C1").interest_waived_cents == 0
    assert "R-NO-INTEREST-ARRANGEMENT" not in rule_ids(decision)


def test_arrangement_after_due_date_waives_interest_from_its_start(
    decider: Decider, p2025: Policy
) -> None:
    # Arrangement from 1 Apr 2025: charged 22 Feb..31 Mar = 7 + 31 = 38 days:
    # 123,457 x 400 x 38 / 3,650,000 = 514.12 -> 514.
    # Waived: 1 Apr..31 Aug = 30 + 31 + 30 + 31 + 31 = 153 days: 2,584 - 514 = 2,070 (the 153
    # days alone: 2,070.02 -> 2,070).
    decision = decider.decide(arrangement_case(arrangement_start(date(2025, 4, 1))), p2025)
    charged = expected_interest(AMOUNT, (400, 38))
    waived = expected_interest(AMOUNT, (400, ALL_DAYS)) - charged
    assert (charged, waived) == (514, 2_070)
    item = result(decision, "C1")
    assert item.interest_cents == charged
    assert item.interest_waived_cents == waived
    traced = entry(decision, "R-NO-INTEREST-ARRANGEMENT", "C1")
    assert traced.stage == "claim_terms"
    assert format_euro(waived, "nl") in traced.explanation.nl  # € 20,70
    assert format_euro(waived, "en") in traced.explanation.en  # €20.70
    assert "153 dag(en)" in traced.explanation.nl
    assert "153 day(s)" in traced.explanation.en
    assert f"Open rente nu: {format_euro(charged, 'nl')}" in traced.explanation.nl
    assert "vanaf 1 april 2025" in traced.explanation.nl  # still running
    # The plan collects the open principal and only the interest charged.
    assert decision.plan is not None
    assert decision.plan.total_cents == AMOUNT + charged


def test_withdrawal_ends_the_waiver(decider: Decider, p2025: Policy) -> None:
    # Arrangement 1 Apr 2025, withdrawn 1 Jul 2025: no interest 1 Apr..30 Jun (91 days);
    # interest again from the withdrawal date: 1 Jul..31 Aug = 62 days.
    # Charged 38 + 62 = 100 days: 123,457 x 400 x 100 / 3,650,000 = 1,352.95 -> 1,353.
    # Waived 2,584 - 1,353 = 1,231 (the 91 days alone: 1,231.19 -> 1,231).
    decision = decider.decide(
        arrangement_case(
            arrangement_start(date(2025, 4, 1)), arrangement_withdrawn(date(2025, 7, 1))
        ),
        p2025,
    )
    charged = expected_interest(AMOUNT, (400, 100))
    waived = FULL_INTEREST - charged
    assert (charged, waived) == (1_353, 1_231)
    item = result(decision, "C1")
    assert item.interest_cents == charged
    assert item.interest_waived_cents == waived
    text = entry(decision, "R-NO-INTEREST-ARRANGEMENT", "C1").explanation
    assert "1 april 2025 tot en met 30 juni 2025" in text.nl
    assert "91 dag(en)" in text.nl
    assert format_euro(waived, "nl") in text.nl


def test_withdrawal_on_the_start_day_waives_nothing(decider: Decider, p2025: Policy) -> None:
    # Started and withdrawn on 1 Apr 2025: no day of compliance, the full interest is charged.
    decision = decider.decide(
        arrangement_case(
            arrangement_start(date(2025, 4, 1)), arrangement_withdrawn(date(2025, 4, 1))
        ),
        p2025,
    )
    assert result(decision, "C1").interest_cents == FULL_INTEREST
    assert result(decision, "C1").interest_waived_cents == 0


def test_arrangement_started_before_the_due_date_waives_everything(
    decider: Decider, p2025: Policy
) -> None:
    decision = decider.decide(arrangement_case(arrangement_start(date(2025, 2, 1))), p2025)
    item = result(decision, "C1")
    assert item.interest_cents == 0
    assert item.interest_waived_cents == FULL_INTEREST
    text = entry(decision, "R-NO-INTEREST-ARRANGEMENT", "C1").explanation
    assert format_euro(FULL_INTEREST, "nl") in text.nl  # € 25,84
    assert f"{ALL_DAYS} dag(en)" in text.nl


def test_2023_version_has_no_arrangement_waiver(decider: Decider, p2023: Policy) -> None:
    decision = decider.decide(arrangement_case(arrangement_start(date(2025, 2, 1))), p2023)
    item = result(decision, "C1")
    assert item.interest_cents == FULL_INTEREST
    assert item.interest_waived_cents == 0
    assert "R-NO-INTEREST-ARRANGEMENT" not in rule_ids(decision)
    assert not any(rule.startswith("R-NO-INTEREST") for rule in rule_ids(decision))


# --- R-NO-INTEREST-RESTART (Awir 29a) ----------------------------------------------------------

# 80,000 decided 28 Feb 2022 -> due 11 Apr 2022 (28 Feb + 31 = 31 Mar, + 11); the restart
# letter of 3 Mar 2025 gives a term to 3 Mar + 28 days = 31 Mar 2025.
RESTART_AMOUNT = 80_000
LAST_DECIDED = date(2022, 2, 28)
LETTER = date(2025, 3, 3)
TERM_END = date(2025, 3, 31)


def restart_case(
    as_of: date,
    *events: Event,
    decided: date = LAST_DECIDED,
    letter: bool = True,
) -> Case:
    return valid(
        case(
            claim(
                amount_cents=RESTART_AMOUNT,
                decision_date=decided,
                events=[*([restart_letter(LETTER)] if letter else []), *events],
            ),
            as_of=as_of,
        )
    )


@pytest.mark.parametrize(
    ("decided", "due", "fires", "interest", "waived"),
    [
        # Due 11 Apr 2022; as_of 20 Mar 2025 (term running): days 12 Apr 2022..19 Mar 2025 =
        # 3 years to 11 Apr 2025 (365 + 365 + 366 = 1,096) - 23 days (20 Mar..11 Apr) = 1,073:
        # 80,000 x 400 x 1,073 / 3,650,000 = 9,407.12 -> 9,407, all waived.
        pytest.param(date(2022, 2, 28), date(2022, 4, 11), True, 0, 9_407, id="28-feb-2022"),
        # Decided 1 Mar 2022 -> due 12 Apr 2022: not an old claim, the rule does not fire.
        # Days 13 Apr 2022..19 Mar 2025 = 1,072: 9,398.36 -> 9,398 charged.
        pytest.param(date(2022, 3, 1), date(2022, 4, 12), False, 9_398, 0, id="1-mar-2022"),
    ],
)
def test_restart_waiver_only_for_claims_decided_on_or_before_28_february_2022(
    decider: Decider,
    p2025: Policy,
    decided: date,
    due: date,
    fires: bool,
    interest: int,
    waived: int,
) -> None:
    decision = decider.decide(restart_case(date(2025, 3, 20), decided=decided), p2025)
    item = result(decision, "C1")
    assert item.due_date == due
    assert ("R-NO-INTEREST-RESTART" in rule_ids(decision)) is fires
    assert item.interest_cents == interest
    assert item.interest_waived_cents == waived
    if fires:
        assert expected_interest(RESTART_AMOUNT, (400, 1_073)) == waived
    else:
        assert expected_interest(RESTART_AMOUNT, (400, 1_072)) == interest


def test_restart_waiver_trace_carries_legal_basis_and_measure(
    decider: Decider, p2025: Policy
) -> None:
    decision = decider.decide(restart_case(date(2025, 3, 20)), p2025)
    traced = entry(decision, "R-NO-INTEREST-RESTART", "C1")
    assert traced.legal_basis == "Awir art. 29a"
    assert traced.measures == ("M-NO-INTEREST-RESTART",)
    assert traced.stage == "claim_terms"
    assert "31 maart 2025" in traced.explanation.nl  # the term's last day
    assert "31 March 2025" in traced.explanation.en
    assert format_euro(9_407, "nl") in traced.explanation.nl  # € 94,07


def test_paid_in_full_on_the_last_day_of_the_term(decider: Decider, p2025: Policy) -> None:
    # Paid in two parts, 50,000 on 10 Mar and 30,000 on 31 Mar 2025 (the term's last day),
    # evaluated the day after the term: the payments add up to the amount within the term, so
    # no interest at all; both payments go to principal and the claim is settled. (The exact
    # waived figure is pinned down with a single payment in the next test.)
    decision = decider.decide(
        restart_case(
            date(2025, 4, 1),
            payment(date(2025, 3, 10), 50_000),
            payment(TERM_END, 30_000),
        ),
        p2025,
    )
    item = result(decision, "C1")
    assert item.interest_cents == 0
    assert item.open_cents == 0
    assert item.interest_waived_cents > 0
    assert "R-SETTLED" in rule_ids(decision)
    assert decision.outcome == "nothing_due"
    text = entry(decision, "R-NO-INTEREST-RESTART", "C1").explanation
    assert "volledig betaald binnen de termijn" in text.nl
    assert "paid in full within the term" in text.en


@pytest.mark.parametrize(
    "as_of",
    [
        pytest.param(TERM_END, id="on-term-end"),
        pytest.param(date(2025, 4, 1), id="day-after"),
        pytest.param(date(2026, 4, 1), id="a-year-later"),
    ],
)
def test_waived_interest_of_a_claim_paid_within_the_term_is_what_had_accrued(
    decider: Decider, p2025: Policy, as_of: date
) -> None:
    # 80,000 paid in one payment on 31 Mar 2025, the term's last day. The interest waived is
    # what had accrued up to the day before payment: 12 Apr 2022..30 Mar 2025 = 1,096 - 12
    # (31 Mar..11 Apr) = 1,084 days: 80,000 x 400 x 1,084 / 3,650,000 = 9,503.56 -> 9,504
    # (€ 95,04). The claim is settled on 31 Mar, so the figure cannot change afterwards.
    decision = decider.decide(restart_case(as_of, payment(TERM_END, RESTART_AMOUNT)), p2025)
    waived = expected_interest(RESTART_AMOUNT, (400, 1_084))
    assert waived == 9_504
    item = result(decision, "C1")
    assert item.interest_cents == 0
    assert item.open_cents == 0
    assert item.interest_waived_cents == waived
    assert format_euro(waived, "nl") in entry(decision, "R-NO-INTEREST-RESTART").explanation.nl


def test_paid_one_day_after_the_term_keeps_the_interest(decider: Decider, p2025: Policy) -> None:
    # 80,000 paid on 1 Apr 2025, the day after the term. No waiver: interest 12 Apr 2022..
    # 31 Mar 2025 = 1,085 days: 80,000 x 400 x 1,085 / 3,650,000 = 9,512.33 -> 9,512; the
    # payment pays that interest first and 70,488 principal, leaving 9,512 open.
    # As of 1 May 2025: 1 Apr..30 Apr = 30 more days on 9,512: 9,512 x 400 x 30 / 3,650,000 =
    # 31.27; rounded once: 9,512.33 + 31.27 = 9,543.60 -> 9,544, minus 9,512 paid = 32 open.
    decision = decider.decide(
        restart_case(date(2025, 5, 1), payment(date(2025, 4, 1), RESTART_AMOUNT)), p2025
    )
    before = expected_interest(RESTART_AMOUNT, (400, 1_085))
    assert before == 9_512
    total = round_half_up(Fraction(400 * (RESTART_AMOUNT * 1_085 + before * 30), 10_000 * 365))
    assert total == 9_544
    item = result(decision, "C1")
    assert item.interest_waived_cents == 0
    assert item.open_cents == before
    assert item.interest_cents == total - before
    traced = entry(decision, "R-NO-INTEREST-RESTART", "C1")
    assert "de rente blijft verschuldigd" in traced.explanation.nl
    assert "the interest stays due" in traced.explanation.en
    assert format_euro(0, "nl") in traced.explanation.nl


@pytest.mark.parametrize(
    ("extensions", "paid_on", "waived"),
    [
        # One extension: term 31 Mar + 7 days = 7 Apr 2025.
        pytest.param(1, date(2025, 4, 7), True, id="one-ext-last-day"),
        pytest.param(1, date(2025, 4, 8), False, id="one-ext-day-after"),
        # Two extensions: 31 Mar + 14 days = 14 Apr 2025.
        pytest.param(2, date(2025, 4, 14), True, id="two-ext-last-day"),
        pytest.param(2, date(2025, 4, 15), False, id="two-ext-day-after"),
        # Three extension events count as two (at most 2): still 14 Apr, not 21 Apr.
        pytest.param(3, date(2025, 4, 14), True, id="three-ext-last-day"),
        pytest.param(3, date(2025, 4, 15), False, id="three-ext-counts-as-two"),
    ],
)
def test_restart_term_extensions(
    decider: Decider, p2025: Policy, extensions: int, paid_on: date, waived: bool
) -> None:
    granted = (date(2025, 3, 25), date(2025, 4, 1), date(2025, 4, 5))
    events = [restart_extension(day) for day in granted[:extensions]]
    # Evaluated the day after the latest possible payment, so the term has ended.
    decision = decider.decide(
        restart_case(date(2025, 4, 16), *events, payment(paid_on, RESTART_AMOUNT)), p2025
    )
    item = result(decision, "C1")
    if waived:
        assert item.interest_cents == 0
        assert item.open_cents == 0
        assert item.interest_waived_cents > 0
    else:
        # Interest 12 Apr 2022 up to the day before payment, paid first from the 80,000:
        #   paid 8 Apr: 1,084 + 8 (31 Mar..7 Apr) = 1,092 days -> 9,573.70 -> 9,574 open
        #   paid 15 Apr: 1,084 + 15 (31 Mar..14 Apr) = 1,099 days -> 9,635.07 -> 9,635 open
        days = 1_092 if paid_on == date(2025, 4, 8) else 1_099
        assert item.interest_waived_cents == 0
        assert item.open_cents == expected_interest(RESTART_AMOUNT, (400, days))
        assert item.interest_cents > 0
    assert "R-NO-INTEREST-RESTART" in rule_ids(decision)


def test_term_end_with_extensions_is_named(decider: Decider, p2025: Policy) -> None:
    # Three extension events count as two: 3 Mar + 28 + 2 x 7 = 14 Apr 2025.
    decision = decider.decide(
        restart_case(
            date(2025, 4, 10),
            restart_extension(date(2025, 3, 25)),
            restart_extension(date(2025, 4, 1)),
            restart_extension(date(2025, 4, 5)),
        ),
        p2025,
    )
    text = entry(decision, "R-NO-INTEREST-RESTART", "C1").explanation
    assert "14 april 2025" in text.nl
    assert "14 April 2025" in text.en


@pytest.mark.parametrize(
    ("as_of", "running", "days"),
    [
        # 20 Mar 2025: days 12 Apr 2022..19 Mar 2025 = 1,073 -> 9,407.12 -> 9,407
        pytest.param(date(2025, 3, 20), True, 1_073, id="term-running"),
        # On the term's last day, unpaid: still running; 1,084 days -> 9,503.56 -> 9,504
        pytest.param(TERM_END, True, 1_084, id="last-day-of-term"),
        # The day after, unpaid: the waiver is gone; 1,085 days -> 9,512.33 -> 9,512 charged
        pytest.param(date(2025, 4, 1), False, 1_085, id="term-ended-unpaid"),
    ],
)
def test_waiver_holds_provisionally_while_the_term_runs(
    decider: Decider, p2025: Policy, as_of: date, running: bool, days: int
) -> None:
    decision = decider.decide(restart_case(as_of), p2025)
    interest = expected_interest(RESTART_AMOUNT, (400, days))
    item = result(decision, "C1")
    text = entry(decision, "R-NO-INTEREST-RESTART", "C1").explanation
    if running:
        assert item.interest_cents == 0
        assert item.interest_waived_cents == interest
        assert "de termijn loopt nog" in text.nl
    else:
        assert item.interest_cents == interest
        assert item.interest_waived_cents == 0
        assert "de rente blijft verschuldigd" in text.nl


def test_no_restart_letter_no_waiver(decider: Decider, p2025: Policy) -> None:
    # Decided 28 Feb 2022 but no restart letter: the full 1,073 days are charged (9,407).
    decision = decider.decide(restart_case(date(2025, 3, 20), letter=False), p2025)
    assert "R-NO-INTEREST-RESTART" not in rule_ids(decision)
    assert result(decision, "C1").interest_cents == expected_interest(RESTART_AMOUNT, (400, 1_073))
    assert result(decision, "C1").interest_waived_cents == 0


def test_2023_version_has_no_restart_waiver(decider: Decider, p2023: Policy) -> None:
    decision = decider.decide(restart_case(date(2025, 3, 20)), p2023)
    assert "R-NO-INTEREST-RESTART" not in rule_ids(decision)
    assert result(decision, "C1").interest_cents == 9_407


# --- every waiver names its legal basis and measures -------------------------------------------


def test_every_waiver_trace_entry_carries_legal_basis_and_measures(
    decider: Decider, p2025: Policy
) -> None:
    # One case that fires all three waivers: an old claim with a restart letter, an arrangement
    # and a recorded pause.
    decision = decider.decide(
        valid(
            case(
                claim(
                    amount_cents=RESTART_AMOUNT,
                    decision_date=LAST_DECIDED,
                    events=[restart_letter(LETTER)],
                ),
                as_of=date(2025, 3, 20),
                who=with_events(
                    debtor(),
                    arrangement_start(date(2024, 1, 1)),
                    recorded_pause(date(2024, 6, 1), 2),
                ),
            )
        ),
        p2025,
    )
    expected = {
        "R-NO-INTEREST-PAUSE": ("M-PAUSE",),
        "R-NO-INTEREST-ARRANGEMENT": ("M-INTEREST-INFO",),
        "R-NO-INTEREST-RESTART": ("M-NO-INTEREST-RESTART",),
    }
    for rule, measures in expected.items():
        traced = entry(decision, rule, "C1")
        assert traced.measures == measures
        assert traced.legal_basis
        assert traced.stage == "claim_terms"
    assert entry(decision, "R-NO-INTEREST-RESTART").legal_basis == "Awir art. 29a"
    assert "betaalpauze" in entry(decision, "R-NO-INTEREST-PAUSE").legal_basis.lower()
    assert "betalingsregeling" in entry(decision, "R-NO-INTEREST-ARRANGEMENT").legal_basis
    # All 1,073 interest days are waived between them; nothing is charged.
    item = result(decision, "C1")
    assert item.interest_cents == 0
    assert item.interest_waived_cents == expected_interest(RESTART_AMOUNT, (400, 1_073))

"""Scenario tests of what to do about a claim nearing its limitation date (M-NO-AUTO-INTERRUPT,
collection-rules.md §7) through the real Decider, the real durable-rules engine and the shipped
policies.

From the 2024 versions a claim whose limitation date falls within the look-ahead window (180
days in 2025) gets a proposal: interrupt (a collector confirms) where collection is realistic
(at least 25,000 owed and capacity, assets or an ongoing allowance), let it expire where the
balance is small or there are no means, or a collector decides where the capacity is unknown.
The 2023 version (the practice before the strategy) interrupts every claim within its 90-day
window automatically.

limitation_date = decision_date + 42 days + 5 years, so a claim N days from its limitation date
on as_of is built from a decision date worked out by hand below. Interest is principal x rate(bp)
x days / (10,000 x 365), rounded half-up once.
"""

from __future__ import annotations

from datetime import date

import pytest

from service.decider import Decider
from service.domain.case import Debtor, Event
from service.domain.decision import Decision
from service.domain.money import format_euro
from service.policy.model import Policy
from tests.rules.builders import (
    arrangement_start,
    case,
    claim,
    debtor,
    entry,
    expected_interest,
    interruption,
    ongoing,
    payment,
    recorded_pause,
    result,
    rule_ids,
    valid,
    with_events,
)

AS_OF = date(2025, 6, 1)
LIMITATION_RULES = (
    "R-LIMITATION-INTERRUPT",
    "R-LIMITATION-EXPIRE-SMALL",
    "R-LIMITATION-EXPIRE-NO-MEANS",
    "R-LIMITATION-COLLECTOR",
    "R-LIMITATION-AUTO-INTERRUPT",
)
# 60 days before its limitation date on 1 Jun 2025: limitation 31 Jul 2025 (1 Jun + 29 = 30 Jun,
# + 31 = 31 Jul) -> due 31 Jul 2020 -> decided 19 Jun 2020 (31 Jul - 31 = 30 Jun, - 11).
DECIDED_60 = date(2020, 6, 19)
LIMITATION_60 = date(2025, 7, 31)
# Interest days of that claim on 1 Jun 2025: 1 Aug 2020..31 May 2025 = the 1,826 days of
# 1 Aug 2020..31 Jul 2025 (5 years with 29 Feb 2024) less 1 Jun..31 Jul 2025 (61) = 1,765.
DAYS_60 = 1_765


def able() -> Debtor:
    """A debtor with a known payment capacity above 0."""
    return debtor(capacity=10_000, assets=0)


def decide_one(
    decider: Decider,
    policy: Policy,
    *,
    decided: date = DECIDED_60,
    amount: int = 50_000,
    who: Debtor | None = None,
    as_of: date = AS_OF,
    events: list[Event] | None = None,
) -> Decision:
    return decider.decide(
        valid(
            case(
                claim(amount_cents=amount, decision_date=decided, events=events or []),
                as_of=as_of,
                who=who if who is not None else able(),
            )
        ),
        policy,
    )


def limitation_rules_fired(decision: Decision) -> list[str]:
    return [rule for rule in rule_ids(decision) if rule in LIMITATION_RULES]


# --- the window (2025: 180 days) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("decided", "limitation_date", "within", "proposal"),
    [
        # 1 Jun 2025 + 180 days = 28 Nov 2025 -> due 28 Nov 2020 -> decided 17 Oct 2020
        # (17 Oct + 14 = 31 Oct, + 28 = 28 Nov).
        pytest.param(date(2020, 10, 17), date(2025, 11, 28), True, "interrupt", id="180-days"),
        # 181 days: 29 Nov 2025 -> decided 18 Oct 2020: outside the window.
        pytest.param(date(2020, 10, 18), date(2025, 11, 29), False, "none", id="181-days"),
        # 0 days: the limitation date is as_of itself (the last day it can be collected)
        # -> due 1 Jun 2020 -> decided 20 Apr 2020 (20 Apr + 10 = 30 Apr, + 31 = 31 May, + 1).
        pytest.param(date(2020, 4, 20), date(2025, 6, 1), True, "interrupt", id="0-days"),
        # -1: limitation 31 May 2025, expired on 1 Jun -> decided 19 Apr 2020.
        pytest.param(date(2020, 4, 19), date(2025, 5, 31), False, "none", id="expired"),
    ],
)
def test_lookahead_window_boundaries(
    decider: Decider,
    p2025: Policy,
    decided: date,
    limitation_date: date,
    within: bool,
    proposal: str,
) -> None:
    decision = decide_one(decider, p2025, decided=decided)
    item = result(decision, "C1")
    assert item.limitation_date == limitation_date
    assert item.within_limitation_window is within
    assert item.limitation_proposal == proposal
    assert item.expired is (limitation_date < AS_OF)
    if proposal == "none":
        assert limitation_rules_fired(decision) == []
        assert "confirm_interruption" not in decision.review_reasons
    else:
        assert limitation_rules_fired(decision) == ["R-LIMITATION-INTERRUPT"]


# --- realistic collection ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "who",
    [
        pytest.param(debtor(capacity=10_000, assets=0), id="capacity"),
        pytest.param(debtor(capacity=1, assets=0), id="capacity-1-cent"),
        pytest.param(debtor(assets=1), id="assets-capacity-unknown"),
        pytest.param(debtor(capacity=0, assets=1), id="assets-capacity-0"),
        pytest.param(debtor(allowances=[ongoing("zorgtoeslag", 1)]), id="ongoing-allowance"),
    ],
)
def test_interruption_proposed_where_collection_is_realistic(
    decider: Decider, p2025: Policy, who: Debtor
) -> None:
    decision = decide_one(decider, p2025, who=who)
    item = result(decision, "C1")
    assert item.within_limitation_window is True
    assert item.limitation_proposal == "interrupt"
    assert "confirm_interruption" in decision.review_reasons
    assert decision.requires_review is True
    traced = entry(decision, "R-LIMITATION-INTERRUPT", "C1")
    assert traced.stage == "claim_actions"
    assert traced.measures == ("M-NO-AUTO-INTERRUPT",)
    assert traced.legal_basis
    # 50,000 x 400 x 1,765 / 3,650,000 = 9,671.23 -> 9,671; owed 59,671 = € 596,71.
    owed = 50_000 + expected_interest(50_000, (400, DAYS_60))
    assert item.open_cents + item.interest_cents == owed == 59_671
    assert format_euro(owed, "nl") in traced.explanation.nl
    assert "31 juli 2025 (over 60 dagen)" in traced.explanation.nl


@pytest.mark.parametrize(
    ("amount", "owed", "proposal", "rule"),
    [
        # 20,947 x 400 x 1,765 / 3,650,000 = 4,051.67 -> 4,052: owed 24,999 -> below 25,000.
        pytest.param(20_947, 24_999, "let_expire", "R-LIMITATION-EXPIRE-SMALL", id="24999"),
        # 20,948 x 400 x 1,765 / 3,650,000 = 4,051.86 -> 4,052: owed 25,000 -> at the threshold.
        pytest.param(20_948, 25_000, "interrupt", "R-LIMITATION-INTERRUPT", id="25000"),
    ],
)
def test_owed_threshold_boundary(
    decider: Decider, p2025: Policy, amount: int, owed: int, proposal: str, rule: str
) -> None:
    decision = decide_one(decider, p2025, amount=amount)
    item = result(decision, "C1")
    assert amount + expected_interest(amount, (400, DAYS_60)) == owed
    assert item.open_cents + item.interest_cents == owed
    assert item.within_limitation_window is True
    assert item.limitation_proposal == proposal
    assert limitation_rules_fired(decision) == [rule]
    assert ("confirm_interruption" in decision.review_reasons) is (proposal == "interrupt")


def test_small_balance_expires_whatever_the_means(decider: Decider, p2025: Policy) -> None:
    # 24,999 owed, capacity unknown: still let_expire (small), not collector_decides.
    decision = decide_one(decider, p2025, amount=20_947, who=debtor())
    assert result(decision, "C1").limitation_proposal == "let_expire"
    assert limitation_rules_fired(decision) == ["R-LIMITATION-EXPIRE-SMALL"]
    assert decision.review_reasons == ()


@pytest.mark.parametrize(
    "who",
    [
        pytest.param(debtor(capacity=0, assets=0), id="assets-0"),
        pytest.param(debtor(capacity=0), id="assets-unknown"),
    ],
)
def test_no_means_lets_the_claim_expire(decider: Decider, p2025: Policy, who: Debtor) -> None:
    decision = decide_one(decider, p2025, who=who)
    item = result(decision, "C1")
    assert item.within_limitation_window is True
    assert item.limitation_proposal == "let_expire"
    assert limitation_rules_fired(decision) == ["R-LIMITATION-EXPIRE-NO-MEANS"]
    assert "confirm_interruption" not in decision.review_reasons
    assert "limitation_collector_decides" not in decision.review_reasons
    traced = entry(decision, "R-LIMITATION-EXPIRE-NO-MEANS", "C1")
    assert traced.measures == ("M-NO-AUTO-INTERRUPT",)
    assert "verjaart" in traced.explanation.nl


@pytest.mark.parametrize(
    "who",
    [
        pytest.param(debtor(), id="assets-unknown"),
        pytest.param(debtor(assets=0), id="assets-0"),
    ],
)
def test_unknown_capacity_goes_to_a_collector(decider: Decider, p2025: Policy, who: Debtor) -> None:
    decision = decide_one(decider, p2025, who=who)
    item = result(decision, "C1")
    assert item.within_limitation_window is True
    assert item.limitation_proposal == "collector_decides"
    assert limitation_rules_fired(decision) == ["R-LIMITATION-COLLECTOR"]
    assert "limitation_collector_decides" in decision.review_reasons
    assert "confirm_interruption" not in decision.review_reasons
    assert decision.requires_review is True


# --- claims that are not collected get no proposal ---------------------------------------------


@pytest.mark.parametrize(
    ("amount", "recoverable", "within", "proposal"),
    [
        # Decided 10 Jan 2023 (threshold 10,600) -> due 21 Feb 2023 -> limitation 21 Feb 2028;
        # on 1 Jan 2028 that is 30 + 21 = 51 days away.
        pytest.param(10_600, False, False, "none", id="not-recovered-at-threshold"),
        # One cent above: recovered, within the window, owed far below 25,000 -> let_expire.
        pytest.param(10_601, True, True, "let_expire", id="recovered-small-balance"),
    ],
)
def test_not_recovered_claim_gets_no_proposal(
    decider: Decider,
    p2025: Policy,
    amount: int,
    recoverable: bool,
    within: bool,
    proposal: str,
) -> None:
    decision = decide_one(
        decider, p2025, decided=date(2023, 1, 10), amount=amount, as_of=date(2028, 1, 1)
    )
    item = result(decision, "C1")
    assert item.limitation_date == date(2028, 2, 21)
    assert item.recoverable is recoverable
    assert item.within_limitation_window is within
    assert item.limitation_proposal == proposal


def test_settled_claim_gets_no_proposal(decider: Decider, p2025: Policy) -> None:
    # Paid in full on 1 Jul 2020, before its due date (31 Jul 2020): nothing open.
    decision = decide_one(decider, p2025, events=[payment(date(2020, 7, 1), 50_000)])
    item = result(decision, "C1")
    assert item.open_cents == 0
    assert item.interest_cents == 0
    assert item.within_limitation_window is False
    assert item.limitation_proposal == "none"
    assert limitation_rules_fired(decision) == []


# --- interruptions move the claim out of the window --------------------------------------------


@pytest.mark.parametrize(
    "act",
    [
        pytest.param(payment(date(2025, 5, 1), 1_000), id="payment"),
        pytest.param(
            interruption(date(2025, 5, 1), by="collector-7", reason="capacity known, pays"),
            id="collector-interruption",
        ),
    ],
)
def test_interruption_moves_limitation_out_of_the_window(
    decider: Decider, p2025: Policy, act: Event
) -> None:
    # An interruption on 1 May 2025 starts a new period: limitation 1 May 2030, far outside
    # the 180-day window of 1 Jun 2025.
    decision = decide_one(decider, p2025, events=[act])
    item = result(decision, "C1")
    assert item.limitation_date == date(2030, 5, 1)
    assert item.within_limitation_window is False
    assert item.limitation_proposal == "none"
    assert limitation_rules_fired(decision) == []
    assert "gestuit, het laatst op 1 mei 2025" in entry(decision, "R-LIMITATION").explanation.nl


@pytest.mark.parametrize(
    ("paused", "limitation_date", "within", "proposal"),
    [
        # 100 days before its limitation date on 1 Jun 2025: limitation 9 Sep 2025 (1 Jun + 29
        # = 30 Jun, + 31 = 31 Jul, + 31 = 31 Aug, + 9) -> due 9 Sep 2020 -> decided 29 Jul 2020.
        pytest.param(False, date(2025, 9, 9), True, "interrupt", id="no-pause"),
        # A pause 1 Mar..31 May 2025 (31 + 30 + 31 = 92 days) extends it to 9 Sep + 92 days =
        # 10 Dec 2025 (21 to 30 Sep, 52 to 31 Oct, 82 to 30 Nov, 10 Dec): 192 days away, out
        # of the 180-day window.
        pytest.param(True, date(2025, 12, 10), False, "none", id="pause-extends"),
    ],
)
def test_granted_pause_postpones_limitation_out_of_the_window(
    decider: Decider,
    p2025: Policy,
    paused: bool,
    limitation_date: date,
    within: bool,
    proposal: str,
) -> None:
    events = [arrangement_start(date(2025, 1, 1))]
    if paused:
        events.append(recorded_pause(date(2025, 3, 1), 3))
    who = with_events(able(), *events)
    decision = decide_one(decider, p2025, decided=date(2020, 7, 29), who=who)
    item = result(decision, "C1")
    assert item.limitation_date == limitation_date
    assert item.within_limitation_window is within
    assert item.limitation_proposal == proposal


# --- the 2023 version: automatic interruption within 90 days -----------------------------------


@pytest.mark.parametrize(
    ("decided", "limitation_date", "within", "proposal"),
    [
        # 1 Jun 2025 + 90 days = 30 Aug 2025 -> due 30 Aug 2020 -> decided 19 Jul 2020
        # (19 Jul + 12 = 31 Jul, + 30 = 30 Aug).
        pytest.param(
            date(2020, 7, 19), date(2025, 8, 30), True, "interrupt_automatically", id="90-days"
        ),
        # 91 days: 31 Aug 2025 -> decided 20 Jul 2020.
        pytest.param(date(2020, 7, 20), date(2025, 8, 31), False, "none", id="91-days"),
        pytest.param(
            date(2020, 4, 20), date(2025, 6, 1), True, "interrupt_automatically", id="0-days"
        ),
        pytest.param(date(2020, 4, 19), date(2025, 5, 31), False, "none", id="expired"),
    ],
)
def test_2023_version_interrupts_automatically_within_90_days(
    decider: Decider,
    p2023: Policy,
    decided: date,
    limitation_date: date,
    within: bool,
    proposal: str,
) -> None:
    decision = decide_one(decider, p2023, decided=decided)
    item = result(decision, "C1")
    assert item.limitation_date == limitation_date
    assert item.within_limitation_window is within
    assert item.limitation_proposal == proposal
    if within:
        assert limitation_rules_fired(decision) == ["R-LIMITATION-AUTO-INTERRUPT"]
        traced = entry(decision, "R-LIMITATION-AUTO-INTERRUPT", "C1")
        assert traced.stage == "claim_actions"
        assert traced.legal_basis.startswith("Awb art. 4:105")
    else:
        assert limitation_rules_fired(decision) == []
    assert decision.review_reasons == ()
    assert decision.requires_review is False


@pytest.mark.parametrize(
    ("amount", "who"),
    [
        pytest.param(20_947, debtor(capacity=0, assets=0), id="small-no-means"),
        pytest.param(50_000, debtor(), id="capacity-unknown"),
    ],
)
def test_2023_version_interrupts_whatever_the_balance_or_means(
    decider: Decider, p2023: Policy, amount: int, who: Debtor
) -> None:
    decision = decide_one(decider, p2023, amount=amount, who=who)
    assert result(decision, "C1").limitation_proposal == "interrupt_automatically"
    assert decision.review_reasons == ()

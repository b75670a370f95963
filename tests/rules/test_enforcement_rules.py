"""Scenario tests of reminders, forced collection and costs (collection-rules.md §8) and of
immediate collection (Awir 31a), through the real Decider, the real durable-rules engine and the
shipped policies (2025 unless a test says otherwise).

The debtor's arrangement events (arrangement_start, instalment_missed, reminder,
arrangement_withdrawn, payment) and the acts on the claims (aanmaning, dwangbevel, payment) say
where collection stands; the decision proposes the next acts in `decision.next_steps`:

- a missed instalment gets a free reminder: pay within 14 days (not during a granted pause);
- a reminder unanswered for more than 14 days withdraws the arrangement: everything due at once;
- after withdrawal, without a new request, an aanmaning: pay within 14 days; costs per claim 900
  when principal + interest open is below 45,400, else 1,900;
- an aanmaning unpaid for more than 14 days: a dwangbevel, pay within 2 days; costs per claim
  3,900 + 300 per full 4,500 open above the first 4,500;
- a new arrangement stays possible during enforcement; costs already incurred stay owed;
- aanmaning and dwangbevel are per claim: each claim gets the act it is due for;
- with a maatwerk signal a collector decides every hard step.

The shared timeline: the default claim (50,000, decided 10 Jan 2025, due 21 Feb 2025) on an
arrangement that started on 1 Feb 2025, before the due date, so no interest accrues while it
runs. An instalment is missed on 21 Apr, the reminder goes out on 22 Apr; 22 Apr + 14 days =
6 May, + 15 days = 7 May, the day the arrangement is withdrawn. While the arrangement runs
(missed, reminder) the waiver runs up to as_of. Once it is withdrawn, it was complied with only
up to the day before the missed instalment: the waiver covers 1 Feb up to 20 Apr, and interest
counts from 21 Apr. On the withdrawal day (7 May) that is 21 Apr to 6 May = 10 + 6 = 16 days;
on day D in May, 10 + (D - 1) days. The aanmaning is dated 8 May; + 14 days = 22 May, + 15 days
= 23 May.

Interest: principal x 400 bp x days / (10,000 x 365), rounded half-up once per claim.
"""

from __future__ import annotations

from datetime import date
from typing import get_args

import pytest

from service.decider import Decider
from service.domain.case import Claim, Debtor, DebtorEvent, ImmediateCollectionGround
from service.domain.decision import Decision, Instalment
from service.domain.money import format_euro
from service.policy.model import Policy
from tests.rules.builders import (
    arrangement_start,
    arrangement_withdrawn,
    case,
    claim,
    debtor,
    debtor_event,
    debtor_payment,
    entries,
    entry,
    event,
    expected_interest,
    in_situation,
    next_step_of,
    payment,
    personal,
    plan_or_fail,
    proposed,
    recognised_victim,
    recorded_pause,
    result,
    rule_ids,
    valid,
    with_events,
)

START = date(2025, 2, 1)
MISSED = date(2025, 4, 21)
REMINDER = date(2025, 4, 22)
WITHDRAWN = date(2025, 5, 7)  # REMINDER + 15 days
AANMANING = date(2025, 5, 8)
DUE = date(2025, 2, 21)  # the default claim: 10 Jan 2025 + 42 days

HARD_STEPS = ("R-WITHDRAW-ARRANGEMENT", "R-AANMANING", "R-DWANGBEVEL")
GROUNDS: tuple[ImmediateCollectionGround, ...] = get_args(ImmediateCollectionGround)


def timeline(*, until: str, extra: tuple[DebtorEvent, ...] = ()) -> tuple[DebtorEvent, ...]:
    """The shared arrangement timeline up to and including `until`."""
    steps = [
        ("start", arrangement_start(START)),
        ("missed", debtor_event("instalment_missed", MISSED)),
        ("reminder", debtor_event("reminder", REMINDER)),
        ("withdrawn", arrangement_withdrawn(WITHDRAWN)),
    ]
    events = []
    for name, happened in steps:
        events.append(happened)
        if name == until:
            break
    else:
        raise AssertionError(f"no step {until}")
    return (*events, *extra)


def decide_on(
    decider: Decider,
    policy: Policy,
    *claims: Claim,
    as_of: date,
    until: str,
    who: Debtor | None = None,
    extra: tuple[DebtorEvent, ...] = (),
) -> Decision:
    debtor_with_events = with_events(
        who if who is not None else debtor(), *timeline(until=until, extra=extra)
    )
    given = valid(case(*(claims or (claim(),)), as_of=as_of, who=debtor_with_events))
    return decider.decide(given, policy)


def with_aanmaning(ref: str = "C1", *, amount_cents: int = 50_000, **changes: object) -> Claim:
    return claim(ref, amount_cents=amount_cents, events=[event("aanmaning", AANMANING)], **changes)  # type: ignore[arg-type]


def dwangbevel_costs(open_cents: int) -> int:
    """The test's own Kostenwet table: 3,900 + 300 per full 4,500 above the first 4,500."""
    return 3_900 + 300 * (max(0, open_cents - 4_500) // 4_500)


def aanmaning_costs(open_cents: int) -> int:
    return 900 if open_cents < 45_400 else 1_900


# --- R-REMINDER --------------------------------------------------------------------------------


def test_a_missed_instalment_gets_a_free_reminder(decider: Decider, p2025: Policy) -> None:
    decision = decide_on(decider, p2025, as_of=date(2025, 4, 25), until="missed")
    step = next_step_of(decision)
    assert step.step == "send_reminder"
    # 25 Apr + 14 days = 9 May 2025.
    assert step.pay_by == date(2025, 5, 9)
    assert step.costs_cents == 0
    assert step.claim_refs == ("C1",)
    traced = entry(decision, "R-REMINDER")
    assert traced.stage == "debtor_actions"
    assert traced.claim_ref is None
    assert "9 May 2025" in traced.explanation.en
    assert "9 mei 2025" in traced.explanation.nl
    for rule in HARD_STEPS:
        assert rule not in rule_ids(decision)


def test_a_reminder_already_sent_is_not_sent_again(decider: Decider, p2025: Policy) -> None:
    decision = decide_on(decider, p2025, as_of=date(2025, 4, 25), until="reminder")
    assert decision.next_steps == ()
    assert "R-REMINDER" not in rule_ids(decision)


def test_no_reminder_without_a_missed_instalment(decider: Decider, p2025: Policy) -> None:
    decision = decide_on(decider, p2025, as_of=date(2025, 4, 25), until="start")
    assert decision.next_steps == ()


@pytest.mark.parametrize(
    ("as_of", "step", "pay_by"),
    [
        # A pause of 1 month from 1 Apr 2025 runs up to and including 30 Apr 2025.
        pytest.param(date(2025, 4, 25), None, None, id="inside-the-pause"),
        pytest.param(date(2025, 4, 30), None, None, id="last-day-of-the-pause"),
        pytest.param(date(2025, 5, 1), "send_reminder", date(2025, 5, 15), id="day-after"),
    ],
)
def test_no_reminder_during_a_granted_pause(
    decider: Decider, p2025: Policy, as_of: date, step: str | None, pay_by: date | None
) -> None:
    decision = decide_on(
        decider,
        p2025,
        as_of=as_of,
        until="missed",
        extra=(recorded_pause(date(2025, 4, 1), 1),),
    )
    if step is None:
        assert decision.next_steps == ()
        assert "R-REMINDER" not in rule_ids(decision)
    else:
        assert next_step_of(decision).step == step
        assert next_step_of(decision).pay_by == pay_by


# --- R-WITHDRAW-ARRANGEMENT --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "withdrawn"),
    [
        pytest.param(date(2025, 5, 6), False, id="reminder+14"),
        pytest.param(date(2025, 5, 7), True, id="reminder+15"),
        pytest.param(date(2025, 6, 1), True, id="reminder+40"),
    ],
)
def test_an_unanswered_reminder_withdraws_the_arrangement_after_14_days(
    decider: Decider, p2025: Policy, as_of: date, withdrawn: bool
) -> None:
    decision = decide_on(decider, p2025, as_of=as_of, until="reminder")
    if not withdrawn:
        assert decision.next_steps == ()
        assert "R-WITHDRAW-ARRANGEMENT" not in rule_ids(decision)
        return
    step = next_step_of(decision)
    assert step.step == "withdraw_arrangement"
    assert step.pay_by == as_of  # the whole balance is due at once
    assert step.costs_cents == 0
    assert step.claim_refs == ("C1",)
    assert entry(decision, "R-WITHDRAW-ARRANGEMENT").stage == "debtor_actions"


def test_withdrawal_explanation_names_the_term_and_the_whole_balance(
    decider: Decider, p2025: Policy
) -> None:
    # The arrangement still runs on 7 May (it is not withdrawn yet): no interest since 1 Feb,
    # so the whole balance is the principal of € 500,00.
    decision = decide_on(decider, p2025, as_of=date(2025, 5, 7), until="reminder")
    assert result(decision, "C1").interest_cents == 0
    text = entry(decision, "R-WITHDRAW-ARRANGEMENT").explanation
    assert "within 14 days" in text.en
    assert "€500.00" in text.en
    assert "binnen 14 dagen" in text.nl
    assert "€ 500,00" in text.nl


@pytest.mark.parametrize(
    "paid",
    [
        pytest.param("claim", id="payment-on-the-claim"),
        pytest.param("debtor", id="payment-to-the-debtor"),
    ],
)
def test_a_payment_after_the_reminder_prevents_the_withdrawal(
    decider: Decider, p2025: Policy, paid: str
) -> None:
    on = date(2025, 4, 30)
    if paid == "claim":
        decision = decide_on(
            decider,
            p2025,
            claim(events=[payment(on, 2_000)]),
            as_of=date(2025, 5, 7),
            until="reminder",
        )
    else:
        decision = decide_on(
            decider,
            p2025,
            as_of=date(2025, 5, 7),
            until="reminder",
            extra=(debtor_payment(on, 2_000),),
        )
    assert decision.next_steps == ()
    assert "R-WITHDRAW-ARRANGEMENT" not in rule_ids(decision)
    assert result(decision, "C1").open_cents == 48_000


def test_a_payment_before_the_reminder_does_not_prevent_the_withdrawal(
    decider: Decider, p2025: Policy
) -> None:
    decision = decide_on(
        decider,
        p2025,
        as_of=date(2025, 5, 7),
        until="reminder",
        extra=(debtor_payment(date(2025, 4, 15), 2_000),),
    )
    assert next_step_of(decision).step == "withdraw_arrangement"


def test_no_withdrawal_during_a_granted_pause(decider: Decider, p2025: Policy) -> None:
    # A pause from 1 May 2025 for 1 month covers 7 May.
    decision = decide_on(
        decider,
        p2025,
        as_of=date(2025, 5, 7),
        until="reminder",
        extra=(recorded_pause(date(2025, 5, 1), 1),),
    )
    assert decision.next_steps == ()


# --- R-NO-INTEREST-ARRANGEMENT once the arrangement is withdrawn ------------------------------


def test_after_withdrawal_interest_runs_from_the_missed_instalment(
    decider: Decider, p2025: Policy
) -> None:
    """A withdrawn arrangement was no longer complied with from the instalment missed before the
    withdrawal: the waiver covers 1 Feb up to 20 Apr and interest runs from 21 Apr, not from the
    withdrawal on 7 May."""
    decision = decide_on(decider, p2025, as_of=WITHDRAWN, until="withdrawn")
    # Charged: 21 Apr to 6 May = 10 + 6 = 16 days: 50,000 x 400 x 16 / 3,650,000 = 87.67 -> 88.
    # Waived: 22 Feb (the day after the due date) to 20 Apr = 7 + 31 + 20 = 58 days:
    # 50,000 x 400 x 58 / 3,650,000 = 317.81 -> 318.
    charged = expected_interest(50_000, (400, 16))
    waived = expected_interest(50_000, (400, 58))
    assert (charged, waived) == (88, 318)
    item = result(decision, "C1")
    assert item.interest_cents == charged
    assert item.interest_waived_cents == waived
    text = entry(decision, "R-NO-INTEREST-ARRANGEMENT", "C1").explanation
    assert "1 februari 2025 tot en met 20 april 2025" in text.nl
    assert "1 February 2025 to 20 April 2025" in text.en
    assert "58 dag(en)" in text.nl
    assert "58 day(s)" in text.en
    assert format_euro(waived, "nl") in text.nl  # € 3,18
    assert format_euro(waived, "en") in text.en  # €3.18
    assert f"Open rente nu: {format_euro(charged, 'nl')}" in text.nl  # € 0,88
    # Later on the interest keeps running from 21 Apr: as of 1 Jun, 21 Apr to 31 May = 10 + 31
    # = 41 days: 50,000 x 400 x 41 / 3,650,000 = 224.66 -> 225.
    later = decide_on(decider, p2025, as_of=date(2025, 6, 1), until="withdrawn")
    assert result(later, "C1").interest_cents == expected_interest(50_000, (400, 41)) == 225
    # The same day while the arrangement still runs (missed, reminder sent, not withdrawn): the
    # waiver runs up to as_of, no interest at all.
    running = decide_on(decider, p2025, as_of=WITHDRAWN, until="reminder")
    assert result(running, "C1").interest_cents == 0
    running_text = entry(running, "R-NO-INTEREST-ARRANGEMENT", "C1").explanation
    assert "vanaf 1 februari 2025" in running_text.nl
    # Withdrawn without a missed instalment: the waiver still ends the day before the withdrawal.
    who = with_events(debtor(), arrangement_start(START), arrangement_withdrawn(WITHDRAWN))
    unmissed = decider.decide(valid(case(claim(), as_of=WITHDRAWN, who=who)), p2025)
    assert result(unmissed, "C1").interest_cents == 0
    unmissed_text = entry(unmissed, "R-NO-INTEREST-ARRANGEMENT", "C1").explanation
    assert "1 February 2025 to 6 May 2025" in unmissed_text.en


# --- R-AANMANING -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "interest", "costs"),
    [
        # As of the withdrawal day, 16 days of interest (21 Apr to 6 May):
        # 45,320 x 400 x 16 / 3,650,000 = 79.47 -> 79: 45,399 open.
        pytest.param(45_320, 79, 900, id="one-cent-below-45400"),
        # 45,321 x 400 x 16 / 3,650,000 = 79.47 -> 79: 45,400 open.
        pytest.param(45_321, 79, 1_900, id="at-45400"),
        # 50,000 x 400 x 16 / 3,650,000 = 87.67 -> 88: 50,088 open.
        pytest.param(50_000, 88, 1_900, id="above"),
        # 20,000 x 400 x 16 / 3,650,000 = 35.07 -> 35: 20,035 open.
        pytest.param(20_000, 35, 900, id="well-below"),
    ],
)
def test_after_withdrawal_an_aanmaning_with_costs_by_the_open_amount(
    decider: Decider, p2025: Policy, amount: int, interest: int, costs: int
) -> None:
    # As of the withdrawal day the waiver ended on 20 Apr (the day before the missed
    # instalment): the open amount is the principal + 16 days of interest.
    assert expected_interest(amount, (400, 16)) == interest
    assert aanmaning_costs(amount + interest) == costs
    decision = decide_on(
        decider, p2025, claim(amount_cents=amount), as_of=WITHDRAWN, until="withdrawn"
    )
    assert result(decision, "C1").interest_cents == interest
    step = next_step_of(decision)
    assert step.step == "aanmaning"
    # 7 May + 14 days = 21 May 2025.
    assert step.pay_by == date(2025, 5, 21)
    assert step.costs_cents == costs
    assert step.claim_refs == ("C1",)
    traced = entry(decision, "R-AANMANING")
    assert traced.stage == "debtor_actions"
    assert format_euro(costs, "en") in traced.explanation.en
    assert "21 May 2025" in traced.explanation.en
    # The proposal costs nothing yet: no costs are incurred before the aanmaning is sent.
    assert result(decision, "C1").costs_cents == 0


def test_aanmaning_costs_are_summed_over_the_claims(decider: Decider, p2025: Policy) -> None:
    # 16 days of interest each (see above): A 45,320 + 79 = 45,399 open, B 45,321 + 79 = 45,400.
    assert 45_320 + expected_interest(45_320, (400, 16)) == 45_399
    assert 45_321 + expected_interest(45_321, (400, 16)) == 45_400
    decision = decide_on(
        decider,
        p2025,
        claim("A", amount_cents=45_320),
        claim("B", amount_cents=45_321, allowance="zorgtoeslag"),
        as_of=WITHDRAWN,
        until="withdrawn",
    )
    step = next_step_of(decision)
    assert step.step == "aanmaning"
    assert step.costs_cents == 900 + 1_900
    assert set(step.claim_refs) == {"A", "B"}
    assert "2 claim(s)" in entry(decision, "R-AANMANING").explanation.en


def test_interest_counts_towards_the_aanmaning_threshold(decider: Decider, p2025: Policy) -> None:
    # As of 18 May interest accrued from 21 Apr to 17 May (10 + 17 = 27 days) on 45,266:
    # 45,266 x 400 x 27 / 3,650,000 = 133.94 -> 134, so exactly 45,400 is open: high costs,
    # although the principal alone is below 45,400 (45,265 would be 45,265 + 134 = 45,399).
    as_of = date(2025, 5, 18)
    interest = expected_interest(45_266, (400, 27))
    assert interest == 134
    assert 45_266 < 45_400 == 45_266 + interest
    assert 45_265 + expected_interest(45_265, (400, 27)) == 45_399
    decision = decide_on(decider, p2025, claim(amount_cents=45_266), as_of=as_of, until="withdrawn")
    assert result(decision, "C1").interest_cents == interest
    step = next_step_of(decision)
    assert step.step == "aanmaning"
    assert step.costs_cents == 1_900
    assert step.pay_by == date(2025, 6, 1)  # 18 May + 14 days


def test_no_aanmaning_without_a_collectible_claim(decider: Decider, p2025: Policy) -> None:
    # Once the arrangement is withdrawn, interest counts from 21 Apr: up to 30 Apr (the day
    # before the payment) 10 days, 50,000 x 400 x 10 / 3,650,000 = 54.79 -> 55. A payment of
    # 50,055 on 1 May pays that interest and the whole principal.
    assert expected_interest(50_000, (400, 10)) == 55
    paid = claim(events=[payment(date(2025, 5, 1), 50_055)])
    decision = decide_on(decider, p2025, paid, as_of=WITHDRAWN, until="withdrawn")
    assert result(decision, "C1").status == "settled"
    assert decision.next_steps == ()
    assert "R-AANMANING" not in rule_ids(decision)


def test_no_aanmaning_before_the_withdrawal(decider: Decider, p2025: Policy) -> None:
    decision = decide_on(decider, p2025, as_of=date(2025, 5, 6), until="reminder")
    assert "R-AANMANING" not in rule_ids(decision)


# --- R-DWANGBEVEL ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "proposed"),
    [
        pytest.param(date(2025, 5, 22), False, id="aanmaning+14"),
        pytest.param(date(2025, 5, 23), True, id="aanmaning+15"),
    ],
)
def test_an_unpaid_aanmaning_is_followed_by_a_dwangbevel_after_14_days(
    decider: Decider, p2025: Policy, as_of: date, proposed: bool
) -> None:
    decision = decide_on(decider, p2025, with_aanmaning(), as_of=as_of, until="withdrawn")
    if not proposed:
        assert decision.next_steps == ()
        assert "R-DWANGBEVEL" not in rule_ids(decision)
        return
    # Interest from 21 Apr up to 22 May: 10 + 22 = 32 days;
    # 50,000 x 400 x 32 / 3,650,000 = 175.34 -> 175.
    interest = expected_interest(50_000, (400, 32))
    assert interest == 175
    assert result(decision, "C1").interest_cents == interest
    step = next_step_of(decision)
    assert step.step == "dwangbevel"
    assert step.pay_by == date(2025, 5, 25)  # 23 May + 2 days
    # Open 50,175: (50,175 - 4,500) // 4,500 = 10 steps -> 3,900 + 3,000.
    assert step.costs_cents == 6_900 == dwangbevel_costs(50_000 + interest)
    assert step.claim_refs == ("C1",)
    traced = entry(decision, "R-DWANGBEVEL")
    assert traced.stage == "debtor_actions"
    assert "€69.00" in traced.explanation.en
    assert "25 May 2025" in traced.explanation.en


def test_the_aanmaning_costs_are_owed_on_the_claim_and_in_the_plan(
    decider: Decider, p2025: Policy
) -> None:
    # On 8 May 17 days of interest had accrued (21 Apr to 7 May):
    # 50,000 x 400 x 17 / 3,650,000 = 93.15 -> 93, so 50,093 was open and the aanmaning cost
    # 1,900. As of 23 May: 21 Apr to 22 May = 32 days -> 175.
    assert aanmaning_costs(50_000 + expected_interest(50_000, (400, 17))) == 1_900
    as_of = date(2025, 5, 23)
    interest = expected_interest(50_000, (400, 32))
    assert interest == 175
    decision = decide_on(decider, p2025, with_aanmaning(), as_of=as_of, until="withdrawn")
    claim_result = result(decision, "C1")
    assert claim_result.costs_cents == 1_900
    assert claim_result.open_cents == 50_000
    assert claim_result.interest_cents == interest
    assert plan_or_fail(decision).total_cents == 50_000 + interest + 1_900
    assert "costs already incurred: €19.00" in entry(decision, "R-DWANGBEVEL").explanation.en
    # The balance rule lists the act and its costs.
    balance = entry(decision, "R-BALANCE-INTEREST", "C1").explanation.en
    assert "aanmaning of 8 May 2025" in balance
    assert "€19.00" in balance


@pytest.mark.parametrize(
    ("principal", "open_cents", "costs"),
    [
        # Advance claims are recovered however small. As of 23 May, 32 days of interest at 4 %
        # (21 Apr to 22 May): 8,968 x 400 x 32 / 3,650,000 = 31.45 -> 31; 8,969 -> 31.45 -> 31.
        pytest.param(8_968, 8_999, 3_900, id="open-8999-no-step"),
        pytest.param(8_969, 9_000, 4_200, id="open-9000-one-step"),
        # 4,000 x 400 x 32 / 3,650,000 = 14.03 -> 14: 4,014 open, below the first step size.
        pytest.param(4_000, 4_014, 3_900, id="below-4500"),
    ],
)
def test_dwangbevel_costs_step_boundaries(
    decider: Decider, p2025: Policy, principal: int, open_cents: int, costs: int
) -> None:
    interest = expected_interest(principal, (400, 32))
    assert principal + interest == open_cents
    assert dwangbevel_costs(open_cents) == costs
    decision = decide_on(
        decider,
        p2025,
        with_aanmaning(amount_cents=principal, origin="advance"),
        as_of=date(2025, 5, 23),
        until="withdrawn",
    )
    assert result(decision, "C1").interest_cents == interest
    assert result(decision, "C1").costs_cents == 900  # the aanmaning: below 45,400
    step = next_step_of(decision)
    assert step.step == "dwangbevel"
    assert step.costs_cents == costs


def test_dwangbevel_costs_are_summed_over_the_claims(decider: Decider, p2025: Policy) -> None:
    # 32 days of interest each (21 Apr to 22 May): A 50,000 + 175 = 50,175 open (10 steps),
    # B 8,969 + 31 = 9,000 open (one step, see above).
    big = expected_interest(50_000, (400, 32))
    small = expected_interest(8_969, (400, 32))
    assert (big, small) == (175, 31)
    decision = decide_on(
        decider,
        p2025,
        with_aanmaning("A"),
        with_aanmaning("B", amount_cents=8_969, origin="advance", allowance="zorgtoeslag"),
        as_of=date(2025, 5, 23),
        until="withdrawn",
    )
    step = next_step_of(decision)
    assert step.step == "dwangbevel"
    assert step.costs_cents == dwangbevel_costs(50_000 + big) + dwangbevel_costs(8_984 + small)
    assert step.costs_cents == 6_900 + 4_200
    assert set(step.claim_refs) == {"A", "B"}
    assert result(decision, "A").costs_cents == 1_900
    assert result(decision, "B").costs_cents == 900


@pytest.mark.parametrize(
    "paid",
    [pytest.param("claim", id="on-the-claim"), pytest.param("debtor", id="to-the-debtor")],
)
def test_a_payment_after_the_aanmaning_prevents_the_dwangbevel(
    decider: Decider, p2025: Policy, paid: str
) -> None:
    on = date(2025, 5, 15)
    if paid == "claim":
        aanmaning_claim = claim(
            events=[event("aanmaning", AANMANING), payment(on, 1_000)],
        )
        decision = decide_on(
            decider, p2025, aanmaning_claim, as_of=date(2025, 5, 23), until="withdrawn"
        )
    else:
        decision = decide_on(
            decider,
            p2025,
            with_aanmaning(),
            as_of=date(2025, 5, 23),
            until="withdrawn",
            extra=(debtor_payment(on, 1_000),),
        )
    assert decision.next_steps == ()
    assert "R-DWANGBEVEL" not in rule_ids(decision)


def test_an_aanmaning_after_the_withdrawal_is_not_proposed_again(
    decider: Decider, p2025: Policy
) -> None:
    decision = decide_on(
        decider, p2025, with_aanmaning(), as_of=date(2025, 5, 10), until="withdrawn"
    )
    assert decision.next_steps == ()
    assert "R-AANMANING" not in rule_ids(decision)


@pytest.mark.parametrize(
    ("claims", "as_of", "rule"),
    [
        pytest.param((), date(2025, 5, 10), "R-AANMANING", id="aanmaning"),
        pytest.param((with_aanmaning(),), date(2025, 5, 23), "R-DWANGBEVEL", id="dwangbevel"),
    ],
)
def test_no_enforcement_during_a_granted_pause(
    decider: Decider, p2025: Policy, claims: tuple[Claim, ...], as_of: date, rule: str
) -> None:
    """§9: during a granted pause no reminders or enforcement are sent. The pause (from 1 May
    2025 for 3 months, up to 31 Jul) was granted while the arrangement ran; the back-office
    recorded the withdrawal on 7 May anyway. Neither an aanmaning nor a dwangbevel may be
    proposed while the pause runs."""
    decision = decide_on(
        decider,
        p2025,
        *claims,
        as_of=as_of,
        until="withdrawn",
        extra=(recorded_pause(date(2025, 5, 1), 3),),
    )
    assert rule not in rule_ids(decision)
    assert decision.next_steps == ()


@pytest.mark.parametrize(
    ("step", "as_of", "first_costs"),
    [
        # 45,266 + 134 interest on 18 May = 45,400 (see above): 1,900.
        pytest.param("aanmaning", date(2025, 5, 18), 1_900, id="aanmaning"),
    ],
)
def test_the_proposed_costs_are_the_costs_charged_when_the_act_is_recorded(
    decider: Decider, p2025: Policy, step: str, as_of: date, first_costs: int
) -> None:
    proposed = decide_on(decider, p2025, claim(amount_cents=45_266), as_of=as_of, until="withdrawn")
    assert next_step_of(proposed).step == step
    assert next_step_of(proposed).costs_cents == first_costs
    recorded = decide_on(
        decider,
        p2025,
        claim(amount_cents=45_266, events=[event(step, as_of)]),  # type: ignore[arg-type]
        as_of=as_of,
        until="withdrawn",
    )
    assert result(recorded, "C1").costs_cents == first_costs


def test_the_proposed_dwangbevel_costs_are_charged_when_it_is_recorded(
    decider: Decider, p2025: Policy
) -> None:
    as_of = date(2025, 5, 23)
    proposed = decide_on(decider, p2025, with_aanmaning(), as_of=as_of, until="withdrawn")
    costs = next_step_of(proposed).costs_cents
    recorded = decide_on(
        decider,
        p2025,
        claim(events=[event("aanmaning", AANMANING), event("dwangbevel", as_of)]),
        as_of=as_of,
        until="withdrawn",
    )
    assert result(recorded, "C1").costs_cents == 1_900 + costs


# --- per claim: each claim where it stands -----------------------------------------------------


def test_each_claim_gets_the_act_it_is_due_for(decider: Decider, p2025: Policy) -> None:
    """A got its aanmaning on 8 May and did not pay: a dwangbevel. B got none yet: an aanmaning.
    Both 50,000 with 32 days of interest (21 Apr to 22 May: 175) on 23 May."""
    as_of = date(2025, 5, 23)
    open_cents = 50_000 + expected_interest(50_000, (400, 32))
    assert open_cents == 50_175
    decision = decide_on(
        decider,
        p2025,
        with_aanmaning("A"),
        claim("B", allowance="zorgtoeslag"),
        as_of=as_of,
        until="withdrawn",
    )
    steps = proposed(decision)
    assert set(steps) == {"aanmaning", "dwangbevel"}
    assert steps["aanmaning"].claim_refs == ("B",)
    assert steps["aanmaning"].pay_by == date(2025, 6, 6)  # 23 May + 14 days
    assert steps["aanmaning"].costs_cents == aanmaning_costs(open_cents) == 1_900
    assert steps["dwangbevel"].claim_refs == ("A",)
    assert steps["dwangbevel"].pay_by == date(2025, 5, 25)
    assert steps["dwangbevel"].costs_cents == dwangbevel_costs(open_cents) == 6_900
    assert result(decision, "A").costs_cents == 1_900
    assert result(decision, "B").costs_cents == 0


def test_a_claim_with_its_dwangbevel_gets_no_further_step(decider: Decider, p2025: Policy) -> None:
    # Dwangbevel on 24 May: interest 21 Apr to 23 May (10 + 23 = 33 days):
    # 50,000 x 400 x 33 / 3,650,000 = 180.82 -> 181; 50,181 open -> 6,900.
    assert expected_interest(50_000, (400, 33)) == 181
    assert dwangbevel_costs(50_000 + 181) == 6_900
    enforced = claim(events=[event("aanmaning", AANMANING), event("dwangbevel", date(2025, 5, 24))])
    decision = decide_on(decider, p2025, enforced, as_of=date(2025, 6, 23), until="withdrawn")
    assert decision.next_steps == ()
    assert result(decision, "C1").costs_cents == 1_900 + 6_900


def test_an_aanmaning_from_before_the_withdrawal_leads_to_no_dwangbevel(
    decider: Decider, p2025: Policy
) -> None:
    early = claim(events=[event("aanmaning", date(2025, 5, 1))])
    decision = decide_on(decider, p2025, early, as_of=date(2025, 5, 23), until="withdrawn")
    assert "dwangbevel" not in proposed(decision)
    assert "R-DWANGBEVEL" not in rule_ids(decision)


# --- nothing to collect: no reminder, no withdrawal --------------------------------------------


def test_no_reminder_when_everything_was_paid_after_the_missed_instalment(
    decider: Decider, p2025: Policy
) -> None:
    """The instalment of 21 Apr was missed, but on 23 Apr the debtor paid the whole 50,000 (no
    interest: the arrangement ran). On 25 Apr nothing is owed: a reminder to pay would ask for
    nothing (§8: the reminder is about a missed instalment that is still unpaid)."""
    settled = claim(events=[payment(date(2025, 4, 23), 50_000)])
    decision = decide_on(decider, p2025, settled, as_of=date(2025, 4, 25), until="missed")
    assert result(decision, "C1").status == "settled"
    assert decision.outcome == "nothing_due"
    assert decision.next_steps == ()
    assert "R-REMINDER" not in rule_ids(decision)


@pytest.mark.parametrize(
    ("until", "as_of", "rule"),
    [
        pytest.param("missed", date(2025, 4, 25), "R-REMINDER", id="reminder"),
        pytest.param("reminder", date(2025, 5, 7), "R-WITHDRAW-ARRANGEMENT", id="withdrawal"),
    ],
)
def test_no_reminder_or_withdrawal_during_the_herstel_moratorium(
    decider: Decider, p2025: Policy, until: str, as_of: date, rule: str
) -> None:
    """§11: a recognised victim's claim that arose before the first compensation (15 Sep 2024)
    is paused until 15 Sep 2025; nothing of it is collected before then (the decision's own
    summary says so). A reminder or a withdrawal with the whole balance due contradicts that."""
    who = in_situation(debtor(), herstel=recognised_victim(date(2024, 9, 15)))
    decision = decide_on(
        decider, p2025, claim(decision_date=date(2022, 3, 1)), as_of=as_of, until=until, who=who
    )
    assert result(decision, "C1").status == "paused_herstel"
    assert decision.outcome == "paused_herstel"
    assert rule not in rule_ids(decision)
    assert decision.next_steps == ()


# --- R-ARRANGEMENT-IN-ENFORCEMENT (M-ARRANGEMENT-IN-ENFORCEMENT) -------------------------------


def test_a_new_standard_arrangement_after_withdrawal(decider: Decider, p2025: Policy) -> None:
    decision = decide_on(
        decider, p2025, as_of=WITHDRAWN, until="withdrawn", who=debtor(request="standard")
    )
    step = next_step_of(decision)
    assert step.step == "new_arrangement"
    assert step.pay_by is None
    assert step.costs_cents == 0
    assert step.claim_refs == ("C1",)
    traced = entry(decision, "R-ARRANGEMENT-IN-ENFORCEMENT")
    assert "M-ARRANGEMENT-IN-ENFORCEMENT" in traced.measures
    assert traced.stage == "debtor_actions"
    assert decision.outcome == "standard_arrangement"
    for rule in HARD_STEPS:
        assert rule not in rule_ids(decision)


def test_a_new_arrangement_after_an_aanmaning_keeps_its_costs(
    decider: Decider, p2025: Policy
) -> None:
    # As of 23 May: interest 21 Apr to 22 May (32 days) -> 175 (see above).
    as_of = date(2025, 5, 23)
    interest = expected_interest(50_000, (400, 32))
    assert interest == 175
    decision = decide_on(
        decider,
        p2025,
        with_aanmaning(),
        as_of=as_of,
        until="withdrawn",
        who=debtor(request="standard"),
    )
    assert next_step_of(decision).step == "new_arrangement"
    assert "R-DWANGBEVEL" not in rule_ids(decision)
    assert result(decision, "C1").costs_cents == 1_900
    plan = plan_or_fail(decision)
    assert decision.outcome == "standard_arrangement"
    assert plan.total_cents == 50_000 + interest + 1_900
    assert sum(instalment.amount_cents for instalment in plan.schedule) == plan.total_cents
    text = entry(decision, "R-ARRANGEMENT-IN-ENFORCEMENT").explanation
    assert "Costs already incurred of €19.00" in text.en


def test_a_personal_arrangement_after_a_dwangbevel_keeps_both_costs(
    decider: Decider, p2025: Policy
) -> None:
    # Aanmaning on 8 May (1,900, see above). Dwangbevel on 25 May: interest 21 Apr to 24 May
    # (10 + 24 = 34 days): 50,000 x 400 x 34 / 3,650,000 = 186.30 -> 186; open 50,186 ->
    # 3,900 + 300 x 10 = 6,900. As of 1 Jun: interest 21 Apr to 31 May (10 + 31 = 41 days):
    # 50,000 x 400 x 41 / 3,650,000 = 224.66 -> 225.
    dwangbevel_day = date(2025, 5, 25)
    assert expected_interest(50_000, (400, 34)) == 186
    assert dwangbevel_costs(50_000 + 186) == 6_900
    interest = expected_interest(50_000, (400, 41))
    assert interest == 225
    enforced = claim(events=[event("aanmaning", AANMANING), event("dwangbevel", dwangbevel_day)])
    decision = decide_on(
        decider,
        p2025,
        enforced,
        as_of=date(2025, 6, 1),
        until="withdrawn",
        who=personal(capacity=1_000),
    )
    assert next_step_of(decision).step == "new_arrangement"
    assert result(decision, "C1").costs_cents == 1_900 + 6_900
    assert decision.outcome == "personal_arrangement"
    plan = plan_or_fail(decision)
    assert plan.total_cents == 50_000 + interest + 1_900 + 6_900
    assert plan.monthly_cents == 1_000
    assert "€88.00" in entry(decision, "R-ARRANGEMENT-IN-ENFORCEMENT").explanation.en


def test_no_new_arrangement_step_without_enforcement(decider: Decider, p2025: Policy) -> None:
    # Asking for a standard arrangement while one simply runs is no enforcement step.
    decision = decide_on(
        decider, p2025, as_of=date(2025, 4, 1), until="start", who=debtor(request="standard")
    )
    assert decision.next_steps == ()
    assert "R-ARRANGEMENT-IN-ENFORCEMENT" not in rule_ids(decision)


# --- R-ENFORCEMENT-TO-COLLECTOR ----------------------------------------------------------------


def counselled(who: Debtor | None = None) -> Debtor:
    return in_situation(who if who is not None else debtor(), signals=["debt_counselling"])


@pytest.mark.parametrize(
    ("until", "as_of", "claims", "instead_of"),
    [
        pytest.param("reminder", date(2025, 5, 7), (), "R-WITHDRAW-ARRANGEMENT", id="withdrawal"),
        pytest.param("withdrawn", WITHDRAWN, (), "R-AANMANING", id="aanmaning"),
        pytest.param(
            "withdrawn", date(2025, 5, 23), (with_aanmaning(),), "R-DWANGBEVEL", id="dwangbevel"
        ),
    ],
)
def test_with_a_maatwerk_signal_a_collector_decides_the_hard_step(
    decider: Decider,
    p2025: Policy,
    until: str,
    as_of: date,
    claims: tuple[Claim, ...],
    instead_of: str,
) -> None:
    decision = decide_on(decider, p2025, *claims, as_of=as_of, until=until, who=counselled())
    step = next_step_of(decision)
    assert step.step == "collector_decides"
    assert step.pay_by is None
    assert step.costs_cents == 0
    assert step.claim_refs == ("C1",)
    traced = entry(decision, "R-ENFORCEMENT-TO-COLLECTOR")
    assert "M-MAATWERK" in traced.measures
    assert decision.requires_review is True
    assert "maatwerk_enforcement" in decision.review_reasons
    assert "maatwerk_debt_counselling" in decision.review_reasons
    for rule in HARD_STEPS:
        assert rule not in rule_ids(decision)
    # Without the signal the hard step would have been proposed.
    plain = decide_on(decider, p2025, *claims, as_of=as_of, until=until)
    assert instead_of in rule_ids(plain)


def test_with_a_maatwerk_signal_the_reminder_is_still_sent(decider: Decider, p2025: Policy) -> None:
    decision = decide_on(decider, p2025, as_of=date(2025, 4, 25), until="missed", who=counselled())
    assert next_step_of(decision).step == "send_reminder"
    assert "maatwerk_enforcement" not in decision.review_reasons


def test_with_a_maatwerk_signal_nothing_before_the_reminder_term_ends(
    decider: Decider, p2025: Policy
) -> None:
    decision = decide_on(decider, p2025, as_of=date(2025, 5, 6), until="reminder", who=counselled())
    assert decision.next_steps == ()
    assert "R-ENFORCEMENT-TO-COLLECTOR" not in rule_ids(decision)


def test_with_a_maatwerk_signal_a_new_arrangement_is_still_agreed(
    decider: Decider, p2025: Policy
) -> None:
    decision = decide_on(
        decider,
        p2025,
        as_of=WITHDRAWN,
        until="withdrawn",
        who=counselled(debtor(request="standard")),
    )
    assert next_step_of(decision).step == "new_arrangement"
    assert "maatwerk_enforcement" not in decision.review_reasons


def test_zero_capacity_with_a_large_debt_also_sends_enforcement_to_a_collector(
    decider: Decider, p2025: Policy
) -> None:
    decision = decide_on(
        decider,
        p2025,
        claim(amount_cents=500_000),
        as_of=WITHDRAWN,
        until="withdrawn",
        who=debtor(capacity=0),
    )
    assert next_step_of(decision).step == "collector_decides"
    assert "maatwerk_zero_capacity_large_debt" in decision.review_reasons
    assert "R-AANMANING" not in rule_ids(decision)


# --- allocation of a payment to the debtor (Awir 34(3)) ----------------------------------------


def allocation_case(amount: int) -> tuple[Claim, Claim, DebtorEvent]:
    """Two claims without an arrangement, each with an aanmaning on 1 Apr 2025, and a payment
    to the debtor on 1 May 2025.

    A: 30,000, decided 10 Jan 2025, due 21 Feb 2025. B: 20,000, decided 3 Feb 2025, due
    17 Mar 2025 (3 Feb + 42 days). B is due later, so A is paid first within each class."""
    on = date(2025, 4, 1)
    first = claim("A", amount_cents=30_000, events=[event("aanmaning", on)])
    second = claim(
        "B",
        amount_cents=20_000,
        allowance="zorgtoeslag",
        decision_date=date(2025, 2, 3),
        events=[event("aanmaning", on)],
    )
    return first, second, debtor_payment(date(2025, 5, 1), amount)


# Interest up to 30 Apr 2025 (the day before the payment):
# A from 22 Feb: 7 + 31 + 30 = 68 days -> 30,000 x 400 x 68 / 3,650,000 = 223.56 -> 224.
# B from 18 Mar: 14 + 30 = 44 days -> 20,000 x 400 x 44 / 3,650,000 = 96.44 -> 96.
# On 1 Apr: A had 38 days (125), B 14 days (31): both below 45,400 -> 900 each.
A_INTEREST = 224
B_INTEREST = 96


def test_allocation_interest_figures_by_hand() -> None:
    assert expected_interest(30_000, (400, 68)) == A_INTEREST
    assert expected_interest(20_000, (400, 44)) == B_INTEREST
    assert aanmaning_costs(30_000 + expected_interest(30_000, (400, 38))) == 900
    assert aanmaning_costs(20_000 + expected_interest(20_000, (400, 14))) == 900


@pytest.mark.parametrize(
    ("amount", "a", "b"),
    [
        # (open, interest, costs) per claim, as of 1 May 2025.
        # 1,000: A's costs (900), then 100 of B's costs.
        pytest.param(1_000, (30_000, A_INTEREST, 0), (20_000, B_INTEREST, 800), id="costs-only"),
        # 2,000: both costs (1,800), then 200 of A's interest.
        pytest.param(
            2_000, (30_000, A_INTEREST - 200, 0), (20_000, B_INTEREST, 0), id="into-interest"
        ),
        # 5,000: costs 1,800, interest 224 + 96 = 320, then 2,880 of A's principal; B's
        # principal untouched although B's costs and interest were paid.
        pytest.param(5_000, (27_120, 0, 0), (20_000, 0, 0), id="into-principal"),
        # 60,000: everything (50,000 + 320 + 1,800 = 52,120), 7,880 overpaid.
        pytest.param(60_000, (0, 0, 0), (0, 0, 0), id="everything"),
    ],
)
def test_a_debtor_payment_pays_all_costs_then_interest_then_principal(
    decider: Decider,
    p2025: Policy,
    amount: int,
    a: tuple[int, int, int],
    b: tuple[int, int, int],
) -> None:
    first, second, paid = allocation_case(amount)
    who = with_events(debtor(), paid)
    decision = decider.decide(valid(case(first, second, as_of=date(2025, 5, 1), who=who)), p2025)
    for ref, expected in (("A", a), ("B", b)):
        got = result(decision, ref)
        assert (got.open_cents, got.interest_cents, got.costs_cents) == expected, ref


def test_a_payment_on_one_claim_pays_only_that_claim(decider: Decider, p2025: Policy) -> None:
    # The same payment of 5,000 earmarked for claim B pays B's costs, interest and principal
    # only: A keeps all of its own.
    first, second, _ = allocation_case(5_000)
    second = claim(
        "B",
        amount_cents=20_000,
        allowance="zorgtoeslag",
        decision_date=date(2025, 2, 3),
        events=[*second.events, payment(date(2025, 5, 1), 5_000)],
    )
    decision = decider.decide(valid(case(first, second, as_of=date(2025, 5, 1))), p2025)
    assert (result(decision, "A").open_cents, result(decision, "A").costs_cents) == (30_000, 900)
    assert result(decision, "A").interest_cents == A_INTEREST
    # B: 900 costs + 96 interest, then 4,004 of principal.
    assert result(decision, "B").open_cents == 20_000 - (5_000 - 900 - B_INTEREST)
    assert result(decision, "B").costs_cents == 0
    assert result(decision, "B").interest_cents == 0


# --- immediate collection (R-IMMEDIATE-COLLECTION, Awir 31a) -----------------------------------

GROUND_WORDS = {
    "bankruptcy": "bankruptcy",
    "wsnp": "Wsnp",
    "leaving_country": "leaving the country",
    "no_fixed_address": "no fixed address",
    "hiding_goods": "hiding goods",
}


def test_every_ground_has_a_test_word() -> None:
    assert set(GROUND_WORDS) == set(GROUNDS)


@pytest.mark.parametrize("ground", GROUNDS)
def test_immediate_collection_on_each_ground(
    decider: Decider, p2025: Policy, ground: ImmediateCollectionGround
) -> None:
    # As of 1 Jun 2025: interest from 22 Feb to 31 May = 7 + 31 + 30 + 31 = 99 days.
    as_of = date(2025, 6, 1)
    total = 50_000 + expected_interest(50_000, (400, 99))
    who = in_situation(debtor(), ground=ground)
    decision = decider.decide(valid(case(claim(), as_of=as_of, who=who)), p2025)
    assert decision.outcome == "immediate_collection"
    plan = plan_or_fail(decision)
    assert plan.kind == "immediate"
    assert plan.total_cents == total
    assert plan.instalments == 1
    assert plan.schedule == (Instalment(as_of, total),)
    assert plan.first_due_date == as_of
    assert plan.remaining_after_plan_cents == 0
    assert plan.claim_refs == ("C1",)
    traced = entry(decision, "R-IMMEDIATE-COLLECTION")
    assert traced.stage == "debtor_plan"
    assert GROUND_WORDS[ground] in traced.explanation.en
    assert "1 June 2025" in traced.explanation.en
    assert "R-STANDARD-ARRANGEMENT" not in rule_ids(decision)
    assert format_euro(total, "en") in decision.summary.en


def test_immediate_collection_overrides_an_arrangement_request(
    decider: Decider, p2025: Policy
) -> None:
    who = in_situation(personal(capacity=1_000), ground="bankruptcy")
    decision = decider.decide(valid(case(claim(), as_of=date(2025, 6, 1), who=who)), p2025)
    assert decision.outcome == "immediate_collection"
    assert "R-PERSONAL-ARRANGEMENT" not in rule_ids(decision)
    assert "R-PERSONAL-PARTIAL" not in rule_ids(decision)


def test_no_immediate_collection_without_collectible_claims(
    decider: Decider, p2025: Policy
) -> None:
    # 11,800 is the 2025 threshold: a definitive claim of 11,800 is not recovered.
    who = in_situation(debtor(), ground="bankruptcy")
    decision = decider.decide(
        valid(case(claim(amount_cents=11_800), as_of=date(2025, 6, 1), who=who)), p2025
    )
    assert decision.outcome == "not_recovered"
    assert "R-IMMEDIATE-COLLECTION" not in rule_ids(decision)
    assert decision.plan is None


def test_immediate_collection_proposes_no_aanmaning(decider: Decider, p2025: Policy) -> None:
    decision = decide_on(
        decider,
        p2025,
        as_of=WITHDRAWN,
        until="withdrawn",
        who=in_situation(debtor(), ground="leaving_country"),
    )
    assert decision.outcome == "immediate_collection"
    assert decision.next_steps == ()
    assert "R-AANMANING" not in rule_ids(decision)


def test_the_2023_version_has_no_immediate_collection(decider: Decider, p2023: Policy) -> None:
    assert "R-IMMEDIATE-COLLECTION" not in {rule.id for rule in p2023.rules}
    who = in_situation(debtor(), ground="bankruptcy")
    decision = decider.decide(valid(case(claim(), as_of=date(2025, 6, 1), who=who)), p2023)
    assert decision.outcome == "standard_arrangement"
    assert plan_or_fail(decision).kind == "per_claim"


# --- the 2023 version: enforcement without maatwerk and without a new arrangement --------------


def test_the_2023_version_has_the_enforcement_rules_but_not_the_strategys(
    p2023: Policy, p2025: Policy
) -> None:
    old = {rule.id for rule in p2023.rules}
    new = {rule.id for rule in p2025.rules}
    enforcement = {"R-REMINDER", "R-WITHDRAW-ARRANGEMENT", "R-AANMANING", "R-DWANGBEVEL"}
    assert enforcement <= old
    assert enforcement <= new
    assert "R-ARRANGEMENT-IN-ENFORCEMENT" not in old
    assert "R-ENFORCEMENT-TO-COLLECTOR" not in old
    assert {"R-ARRANGEMENT-IN-ENFORCEMENT", "R-ENFORCEMENT-TO-COLLECTOR"} <= new
    # Without maatwerk conditions in 2023.
    for rule in p2023.rules:
        if rule.id in enforcement:
            assert "maatwerk" not in repr(rule.when), rule.id


@pytest.mark.parametrize(
    ("until", "as_of", "claims", "step"),
    [
        pytest.param("reminder", date(2025, 5, 7), (), "withdraw_arrangement", id="withdrawal"),
        pytest.param("withdrawn", WITHDRAWN, (), "aanmaning", id="aanmaning"),
        pytest.param(
            "withdrawn", date(2025, 5, 23), (with_aanmaning(),), "dwangbevel", id="dwangbevel"
        ),
    ],
)
def test_in_2023_a_maatwerk_signal_does_not_stop_the_hard_step(
    decider: Decider,
    p2023: Policy,
    p2025: Policy,
    until: str,
    as_of: date,
    claims: tuple[Claim, ...],
    step: str,
) -> None:
    old = decide_on(decider, p2023, *claims, as_of=as_of, until=until, who=counselled())
    new = decide_on(decider, p2025, *claims, as_of=as_of, until=until, who=counselled())
    assert next_step_of(old).step == step
    assert next_step_of(new).step == "collector_decides"
    assert "maatwerk_enforcement" not in old.review_reasons


def test_in_2023_a_new_request_during_enforcement_proposes_nothing(
    decider: Decider, p2023: Policy, p2025: Policy
) -> None:
    who = debtor(request="standard")
    old = decide_on(decider, p2023, as_of=WITHDRAWN, until="withdrawn", who=who)
    new = decide_on(decider, p2025, as_of=WITHDRAWN, until="withdrawn", who=who)
    assert old.next_steps == ()
    assert "R-AANMANING" not in rule_ids(old)
    assert next_step_of(new).step == "new_arrangement"


def test_in_2023_interest_during_the_arrangement_counts_towards_the_aanmaning_costs(
    decider: Decider, p2023: Policy, p2025: Policy
) -> None:
    # 2023 has no interest waiver during an arrangement: interest from 22 Feb to 6 May
    # (7 + 31 + 30 + 6 = 74 days) counts: 45,035 x 400 x 74 / 3,650,000 = 365.21 -> 365, so
    # exactly 45,400 is open (high costs). In 2025 the arrangement waived 22 Feb to 20 Apr;
    # only 21 Apr to 6 May (16 days) counts: 45,035 x 400 x 16 / 3,650,000 = 78.96 -> 79,
    # 45,114 open (low costs).
    old_interest = expected_interest(45_035, (400, 74))
    new_interest = expected_interest(45_035, (400, 16))
    assert (old_interest, new_interest) == (365, 79)
    assert 45_035 + old_interest == 45_400
    old = decide_on(decider, p2023, claim(amount_cents=45_035), as_of=WITHDRAWN, until="withdrawn")
    new = decide_on(decider, p2025, claim(amount_cents=45_035), as_of=WITHDRAWN, until="withdrawn")
    assert result(old, "C1").interest_cents == old_interest
    assert result(new, "C1").interest_cents == new_interest
    for decision, costs in ((old, 1_900), (new, 900)):
        step = next_step_of(decision)
        assert step.step == "aanmaning"
        assert step.pay_by == date(2025, 5, 21)
        assert step.costs_cents == costs


def test_in_2023_the_dwangbevel_follows_after_14_days(decider: Decider, p2023: Policy) -> None:
    before = decide_on(decider, p2023, with_aanmaning(), as_of=date(2025, 5, 22), until="withdrawn")
    after = decide_on(decider, p2023, with_aanmaning(), as_of=date(2025, 5, 23), until="withdrawn")
    assert before.next_steps == ()
    assert next_step_of(after).step == "dwangbevel"
    assert next_step_of(after).pay_by == date(2025, 5, 25)
    # 2023: interest from 22 Feb to 22 May = 7 + 31 + 30 + 22 = 90 days.
    interest = expected_interest(50_000, (400, 90))
    assert result(after, "C1").interest_cents == interest
    assert next_step_of(after).costs_cents == dwangbevel_costs(50_000 + interest)


def test_each_debtor_action_rule_fires_at_most_once(decider: Decider, p2025: Policy) -> None:
    decision = decide_on(decider, p2025, as_of=WITHDRAWN, until="withdrawn")
    stage = [e.rule for e in decision.trace if e.stage == "debtor_actions"]
    assert stage == ["R-AANMANING"]
    assert len(entries(decision, "R-AANMANING")) == 1

"""Scenario tests of the payment pause (betaalpauze, M-PAUSE, collection-rules.md §9) through the
real Decider, the real durable-rules engine and the shipped policies.

The 2025 version unless a test says otherwise: a debtor with an active arrangement may pause it
for at most 3 months, at most once per 12 months, for a listed reason ("other" goes to a
collector). During the pause no instalments are due and no interest accrues; the arrangement
moves by the pause and limitation is extended by it (postponement, §7).

A pause of N months from S runs up to and including the day before S + N months. Interest is
principal x rate(bp) x days / (10,000 x 365), rounded half-up once per claim; the pause tests
use a principal of 365,000 (€ 3.650,00), which accrues exactly 40 cents a day at 4 % and
43 cents a day at 4.3 %, so every figure below can be checked by head.
"""

from __future__ import annotations

from datetime import date

import pytest

from service.decider import Decider
from service.domain.case import Case, PauseReason
from service.domain.decision import Decision, Instalment, PauseVerdict, Plan
from service.domain.money import format_euro
from service.policy.model import Policy
from tests.rules.builders import (
    arrangement_start,
    arrangement_withdrawn,
    case,
    claim,
    debtor,
    entry,
    expected_interest,
    pause_request,
    recorded_pause,
    requesting,
    result,
    rule_ids,
    valid,
    with_events,
)

LISTED_REASONS: tuple[PauseReason, ...] = (
    "loss_of_income",
    "separation",
    "death_of_partner",
    "illness",
)
PAUSE_RULES = (
    "R-PAUSE-GRANTED",
    "R-PAUSE-NO-ARRANGEMENT",
    "R-PAUSE-OTHER-REASON",
    "R-PAUSE-TOO-LONG",
    "R-PAUSE-TOO-SOON",
    "R-PAUSE-BACKDATED",
    "R-PAUSE-TOO-FAR-AHEAD",
    "R-NO-PAUSE",
)


def pause_case(
    *,
    start: date = date(2025, 7, 1),
    months: int = 3,
    reason: PauseReason = "illness",
    as_of: date = date(2025, 6, 15),
    started: date | None = date(2025, 3, 1),
    earlier_pause: tuple[date, int] | None = None,
    withdrawn: date | None = None,
) -> Case:
    """The default claim (50,000, due 21 Feb 2025), an arrangement that started on `started`
    (none when None), optionally an earlier recorded pause and a withdrawal, and a request to
    pause from `start` for `months` because of `reason`."""
    events = []
    if started is not None:
        events.append(arrangement_start(started))
    if earlier_pause is not None:
        events.append(recorded_pause(*earlier_pause))
    if withdrawn is not None:
        events.append(arrangement_withdrawn(withdrawn))
    asked = case(claim(), as_of=as_of, who=with_events(debtor(), *events))
    return valid(requesting(asked, pause_request(start, months, reason)))


def verdict(decision: Decision) -> PauseVerdict:
    assert decision.pause is not None
    return decision.pause


def plan_of(decision: Decision) -> Plan:
    assert decision.plan is not None
    return decision.plan


def pause_rules_fired(decision: Decision) -> list[str]:
    return [rule for rule in rule_ids(decision) if rule in PAUSE_RULES]


# --- granted -----------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", LISTED_REASONS)
def test_pause_for_a_listed_reason_is_granted(
    decider: Decider, p2025: Policy, reason: PauseReason
) -> None:
    # From 1 Jul 2025 for 3 months: up to the day before 1 Oct 2025 = 30 Sep 2025.
    decision = decider.decide(pause_case(reason=reason), p2025)
    pause = verdict(decision)
    assert pause.status == "granted"
    assert pause.start == date(2025, 7, 1)
    assert pause.months == 3
    assert pause.end == date(2025, 9, 30)
    assert pause.reason == reason
    assert pause.grounds == ()
    traced = entry(decision, "R-PAUSE-GRANTED")
    assert traced.claim_ref is None
    assert traced.stage == "debtor_terms"
    assert "M-PAUSE" in traced.measures
    assert traced.legal_basis
    assert pause_rules_fired(decision) == ["R-PAUSE-GRANTED"]
    assert decision.requires_review is False
    assert "pause_request" not in decision.review_reasons


def test_granted_pause_explanation_names_the_period(decider: Decider, p2025: Policy) -> None:
    decision = decider.decide(pause_case(reason="illness"), p2025)
    text = entry(decision, "R-PAUSE-GRANTED").explanation
    assert "wegens ziekte" in text.nl
    assert "van 1 juli 2025 tot en met 30 september 2025 (3 maand(en))" in text.nl
    assert "from 1 July 2025 to 30 September 2025 (3 month(s))" in text.en


def test_pause_end_is_clamped_at_a_short_month(decider: Decider, p2025: Policy) -> None:
    # From 30 Nov 2025 for 3 months: 30 Nov + 3 months = 30 Feb -> clamped to 28 Feb 2026; the
    # pause ends the day before, 27 Feb 2026.
    decision = decider.decide(pause_case(start=date(2025, 11, 30), as_of=date(2025, 11, 1)), p2025)
    assert verdict(decision).status == "granted"
    assert verdict(decision).end == date(2026, 2, 27)


# --- the maximum length ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "status", "grounds", "end"),
    [
        pytest.param(1, "granted", (), date(2025, 7, 31), id="1-month"),
        pytest.param(3, "granted", (), date(2025, 9, 30), id="3-months-at-maximum"),
        pytest.param(4, "referred", ("too_long",), date(2025, 10, 31), id="4-months-too-long"),
    ],
)
def test_pause_length_boundary(
    decider: Decider,
    p2025: Policy,
    months: int,
    status: str,
    grounds: tuple[str, ...],
    end: date,
) -> None:
    decision = decider.decide(pause_case(months=months), p2025)
    pause = verdict(decision)
    assert pause.status == status
    assert pause.grounds == grounds
    assert pause.end == end
    if status == "referred":
        assert pause_rules_fired(decision) == ["R-PAUSE-TOO-LONG"]
        assert "pause_request" in decision.review_reasons
        assert decision.requires_review is True
        assert "3 maand(en)" in entry(decision, "R-PAUSE-TOO-LONG").explanation.nl
    else:
        assert pause_rules_fired(decision) == ["R-PAUSE-GRANTED"]
        assert "pause_request" not in decision.review_reasons


def test_referred_pause_has_no_effect_on_the_plan(decider: Decider, p2025: Policy) -> None:
    # A pause a collector still has to assess is not granted: the schedule is the plain one
    # (first instalment 15 Jun 2025 = as_of, after the due date, then monthly).
    referred = decider.decide(pause_case(months=4), p2025)
    unpaused = decider.decide(
        case(
            claim(),
            as_of=date(2025, 6, 15),
            who=with_events(debtor(), arrangement_start(date(2025, 3, 1))),
        ),
        p2025,
    )
    assert plan_of(referred).schedule == plan_of(unpaused).schedule
    assert plan_of(referred).schedule[1].due_date == date(2025, 7, 15)
    assert result(referred, "C1").limitation_date == date(2030, 2, 21)
    assert "R-NO-INTEREST-PAUSE" not in rule_ids(referred)


# --- another reason ----------------------------------------------------------------------------


def test_pause_for_another_reason_goes_to_a_collector(decider: Decider, p2025: Policy) -> None:
    decision = decider.decide(pause_case(reason="other"), p2025)
    pause = verdict(decision)
    assert pause.status == "referred"
    assert pause.grounds == ("reason_other",)
    traced = entry(decision, "R-PAUSE-OTHER-REASON")
    assert traced.claim_ref is None
    assert traced.stage == "debtor_terms"
    assert "M-MAATWERK" in traced.measures
    assert "M-PAUSE" in traced.measures
    assert pause_rules_fired(decision) == ["R-PAUSE-OTHER-REASON"]
    assert "pause_request" in decision.review_reasons
    assert decision.requires_review is True


def test_other_reason_and_too_long_are_both_grounds(decider: Decider, p2025: Policy) -> None:
    decision = decider.decide(pause_case(reason="other", months=6), p2025)
    pause = verdict(decision)
    assert pause.status == "referred"
    assert set(pause.grounds) == {"reason_other", "too_long"}
    assert decision.review_reasons.count("pause_request") == 1


# --- when the pause may start: from as_of up to 92 days after it -------------------------------


@pytest.mark.parametrize(
    ("start", "status", "grounds", "rule"),
    [
        # One day before as_of (15 June 2025): the pause would start in the past.
        pytest.param(
            date(2025, 6, 14), "referred", ("backdated",), "R-PAUSE-BACKDATED", id="day-before"
        ),
        # On as_of itself: 0 days ahead.
        pytest.param(date(2025, 6, 15), "granted", (), "R-PAUSE-GRANTED", id="same-day"),
        # 15 June + 92 days = 15 Sep 2025 (15 + 31 + 31 + 15): the furthest start granted.
        pytest.param(date(2025, 9, 15), "granted", (), "R-PAUSE-GRANTED", id="92-days"),
        # 93 days ahead: too far for an automatic grant.
        pytest.param(
            date(2025, 9, 16),
            "referred",
            ("too_far_ahead",),
            "R-PAUSE-TOO-FAR-AHEAD",
            id="93-days",
        ),
    ],
)
def test_a_pause_starts_between_as_of_and_92_days_after_it(
    decider: Decider,
    p2025: Policy,
    start: date,
    status: str,
    grounds: tuple[str, ...],
    rule: str,
) -> None:
    decision = decider.decide(pause_case(start=start, as_of=date(2025, 6, 15)), p2025)
    pause = verdict(decision)
    assert pause.status == status
    assert pause.grounds == grounds
    assert pause_rules_fired(decision) == [rule]
    assert ("pause_request" in decision.review_reasons) == (status == "referred")
    assert entry(decision, rule).claim_ref is None


# --- once per 12 months ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("earlier", "requested", "status", "grounds"),
    [
        # 1 Jul 2024 + 12 months = 1 Jul 2025: exactly 12 whole months -> granted.
        pytest.param(date(2024, 7, 1), date(2025, 7, 1), "granted", (), id="12-months"),
        # 2 Jul 2024 + 12 months = 2 Jul 2025 > 1 Jul 2025: 11 whole months -> too soon.
        pytest.param(
            date(2024, 7, 2), date(2025, 7, 1), "referred", ("too_soon",), id="a-day-short"
        ),
        # 29 Feb 2024 + 12 months = 28 Feb 2025 (clamped): 12 whole months -> granted.
        pytest.param(date(2024, 2, 29), date(2025, 2, 28), "granted", (), id="leap-day-12"),
        # 31 Mar 2024 + 11 months = 28 Feb 2025 (clamped), + 12 months = 31 Mar 2025 > 28 Feb
        # 2025: 11 whole months -> too soon.
        pytest.param(
            date(2024, 3, 31), date(2025, 2, 28), "referred", ("too_soon",), id="month-end-11"
        ),
    ],
)
def test_at_most_one_pause_per_twelve_months(
    decider: Decider,
    p2025: Policy,
    earlier: date,
    requested: date,
    status: str,
    grounds: tuple[str, ...],
) -> None:
    # Asked for on the first of the month the pause would start (a pause starts ahead, not in
    # the past).
    decision = decider.decide(
        pause_case(
            start=requested,
            as_of=requested.replace(day=1),
            started=date(2024, 1, 15),
            earlier_pause=(earlier, 3),
        ),
        p2025,
    )
    pause = verdict(decision)
    assert pause.status == status
    assert pause.grounds == grounds
    if status == "referred":
        assert pause_rules_fired(decision) == ["R-PAUSE-TOO-SOON"]
        assert "pause_request" in decision.review_reasons
    else:
        assert pause_rules_fired(decision) == ["R-PAUSE-GRANTED"]
        assert "pause_request" not in decision.review_reasons


# --- no active arrangement ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("started", "withdrawn"),
    [
        pytest.param(None, None, id="never-started"),
        pytest.param(date(2025, 3, 1), date(2025, 5, 1), id="withdrawn"),
    ],
)
def test_no_pause_without_an_active_arrangement(
    decider: Decider, p2025: Policy, started: date | None, withdrawn: date | None
) -> None:
    decision = decider.decide(pause_case(started=started, withdrawn=withdrawn), p2025)
    pause = verdict(decision)
    assert pause.status == "refused"
    assert pause.grounds == ("no_arrangement",)
    assert pause_rules_fired(decision) == ["R-PAUSE-NO-ARRANGEMENT"]
    assert entry(decision, "R-PAUSE-NO-ARRANGEMENT").claim_ref is None
    assert "pause_request" not in decision.review_reasons
    assert decision.requires_review is False


def test_arrangement_started_again_after_withdrawal_can_be_paused(
    decider: Decider, p2025: Policy
) -> None:
    events = (
        arrangement_start(date(2025, 3, 1)),
        arrangement_withdrawn(date(2025, 4, 1)),
        arrangement_start(date(2025, 5, 1)),
    )
    asked = case(claim(), as_of=date(2025, 6, 15), who=with_events(debtor(), *events))
    decision = decider.decide(valid(requesting(asked, pause_request(date(2025, 7, 1)))), p2025)
    assert verdict(decision).status == "granted"


def test_other_reason_without_arrangement_is_refused_for_no_arrangement_only(
    decider: Decider, p2025: Policy
) -> None:
    # Without an arrangement there is nothing to pause: the request is refused, and a collector
    # is not asked to weigh the reason (the reason-other rule needs an active arrangement).
    decision = decider.decide(pause_case(reason="other", started=None), p2025)
    pause = verdict(decision)
    assert pause.status == "refused"
    assert pause.grounds == ("no_arrangement",)
    assert pause_rules_fired(decision) == ["R-PAUSE-NO-ARRANGEMENT"]


# --- the legacy version ------------------------------------------------------------------------


@pytest.mark.parametrize("reason", [*LISTED_REASONS, "other"])
def test_2023_version_has_no_pause(decider: Decider, p2023: Policy, reason: PauseReason) -> None:
    decision = decider.decide(pause_case(reason=reason), p2023)
    pause = verdict(decision)
    assert pause.status == "refused"
    assert pause.grounds == ("not_in_policy",)
    assert pause_rules_fired(decision) == ["R-NO-PAUSE"]
    traced = entry(decision, "R-NO-PAUSE")
    assert traced.claim_ref is None
    assert traced.stage == "debtor_terms"
    # Nothing is paused: limitation is not extended and no interest is waived.
    assert result(decision, "C1").limitation_date == date(2030, 2, 21)
    assert "R-NO-INTEREST-PAUSE" not in rule_ids(decision)


# --- no pause requested ------------------------------------------------------------------------


def test_no_pause_requested_means_no_verdict(decider: Decider, p2025: Policy) -> None:
    decision = decider.decide(
        case(
            claim(),
            as_of=date(2025, 6, 15),
            who=with_events(debtor(), arrangement_start(date(2025, 3, 1))),
        ),
        p2025,
    )
    assert decision.pause is None
    assert pause_rules_fired(decision) == []
    assert "R-NO-INTEREST-PAUSE" not in rule_ids(decision)


def test_recorded_pause_without_request_gives_no_verdict_but_still_counts(
    decider: Decider, p2025: Policy
) -> None:
    # A pause granted by an earlier decision: no new verdict, but it still extends limitation.
    decision = decider.decide(
        case(
            claim(),
            as_of=date(2025, 8, 1),
            who=with_events(
                debtor(), arrangement_start(date(2025, 3, 1)), recorded_pause(date(2025, 7, 1), 3)
            ),
        ),
        p2025,
    )
    assert decision.pause is None
    assert pause_rules_fired(decision) == []
    assert "R-NO-INTEREST-PAUSE" in rule_ids(decision)
    # 21 Feb 2030 + 92 days (see the limitation test below) = 24 May 2030
    assert result(decision, "C1").limitation_date == date(2030, 5, 24)


# --- effects of a granted pause: the schedule --------------------------------------------------


def test_granted_pause_moves_the_instalments_in_it(decider: Decider, p2025: Policy) -> None:
    # 50,000 due 21 Feb 2025, as_of 1 Feb 2025 (no interest yet); arrangement since 20 Jan.
    # Standard: 50,000 / 24 = 2,083.33 -> 2,100 a month, 24 instalments, the last 1,700,
    # from 21 Feb 2025. Pause 1 Apr..30 Jun 2025: 21 Feb and 21 Mar stay; 21 Apr, 21 May and
    # 21 Jun fall in it, so from 21 Apr on every instalment moves 3 whole months (21 Apr + 3
    # months = 21 Jul is the first date past 30 Jun). The last, 21 Jan 2027, becomes 21 Apr 2027.
    asked = case(
        claim(),
        as_of=date(2025, 2, 1),
        who=with_events(debtor(), arrangement_start(date(2025, 1, 20))),
    )
    decision = decider.decide(valid(requesting(asked, pause_request(date(2025, 4, 1), 3))), p2025)
    assert verdict(decision).status == "granted"
    plan = plan_of(decision)
    expected_dates = [date(2025, 2, 21), date(2025, 3, 21)] + [
        date(2025 + (6 + i) // 12, (6 + i) % 12 + 1, 21) for i in range(22)
    ]
    assert expected_dates[2] == date(2025, 7, 21)
    assert expected_dates[-1] == date(2027, 4, 21)
    assert [item.due_date for item in plan.schedule] == expected_dates
    assert [item.amount_cents for item in plan.schedule] == [2_100] * 23 + [1_700]
    assert plan.first_due_date == date(2025, 2, 21)
    assert plan.instalments == 24
    assert plan.monthly_cents == 2_100
    assert plan.total_cents == 50_000
    assert not any(date(2025, 4, 1) <= item.due_date <= date(2025, 6, 30) for item in plan.schedule)


@pytest.mark.parametrize(
    ("start", "kept", "moved_to"),
    [
        # The pause starts on an instalment's due date: that instalment falls in it and moves.
        # 21 Feb..20 May: 21 Feb + 3 months = 21 May is the first date past 20 May.
        pytest.param(date(2025, 2, 21), [], date(2025, 5, 21), id="starts-on-instalment"),
        # The pause starts the day after an instalment: 21 Feb and 21 Mar stay; the pause
        # 22 Mar..21 Jun holds 21 Apr, 21 May and 21 Jun (its last day), so 21 Apr -> 21 Jul.
        pytest.param(
            date(2025, 3, 22),
            [date(2025, 2, 21), date(2025, 3, 21)],
            date(2025, 7, 21),
            id="starts-day-after-instalment",
        ),
    ],
)
def test_pause_boundaries_on_the_schedule(
    decider: Decider, p2025: Policy, start: date, kept: list[date], moved_to: date
) -> None:
    asked = case(
        claim(),
        as_of=date(2025, 2, 1),
        who=with_events(debtor(), arrangement_start(date(2025, 1, 20))),
    )
    decision = decider.decide(valid(requesting(asked, pause_request(start, 3))), p2025)
    schedule = plan_of(decision).schedule
    assert [item.due_date for item in schedule[: len(kept)]] == kept
    assert schedule[len(kept)] == Instalment(moved_to, 2_100)
    assert len(schedule) == 24


# --- effects of a granted pause: limitation ----------------------------------------------------


def test_granted_pause_extends_limitation_by_its_length(decider: Decider, p2025: Policy) -> None:
    # Pause 1 Jul..30 Sep 2025 = 31 + 31 + 30 = 92 days.
    # A, due 21 Feb 2025 (before the pause): 21 Feb 2030 + 92 days: to 28 Feb 7, March 38,
    # April 68, 24 May = 92 -> 24 May 2030.
    # B, decided 2 Jun 2025, due 14 Jul 2025 (inside the pause): only the pause days after the
    # due date lie in its running period, 15 Jul..30 Sep = 17 + 31 + 30 = 78 days:
    # 14 Jul 2030 + 78 days = 30 Sep 2030.
    asked = case(
        claim("A"),
        claim("B", allowance="zorgtoeslag", decision_date=date(2025, 6, 2)),
        as_of=date(2025, 6, 15),
        who=with_events(debtor(), arrangement_start(date(2025, 3, 1))),
    )
    decision = decider.decide(valid(requesting(asked, pause_request(date(2025, 7, 1), 3))), p2025)
    assert verdict(decision).status == "granted"
    assert result(decision, "A").limitation_date == date(2030, 5, 24)
    assert result(decision, "B").due_date == date(2025, 7, 14)
    assert result(decision, "B").limitation_date == date(2030, 9, 30)
    assert "betaalpauze" in entry(decision, "R-LIMITATION", "A").explanation.nl


@pytest.mark.parametrize(
    ("decided", "due", "limitation_date"),
    [
        # Due 29 Sep 2025: one pause day (30 Sep) after the due date -> 29 Sep 2030 + 1 day.
        pytest.param(date(2025, 8, 18), date(2025, 9, 29), date(2030, 9, 30), id="one-day"),
        # Due on the pause's last day: no pause day after it -> unchanged.
        pytest.param(date(2025, 8, 19), date(2025, 9, 30), date(2030, 9, 30), id="due-on-end"),
        # Due after the pause: unchanged.
        pytest.param(date(2025, 9, 1), date(2025, 10, 13), date(2030, 10, 13), id="due-after"),
    ],
)
def test_pause_extends_only_the_running_period(
    decider: Decider, p2025: Policy, decided: date, due: date, limitation_date: date
) -> None:
    decision = decider.decide(
        valid(
            case(
                claim(decision_date=decided),
                as_of=date(2025, 10, 15),
                who=with_events(
                    debtor(),
                    arrangement_start(date(2025, 3, 1)),
                    recorded_pause(date(2025, 7, 1), 3),
                ),
            )
        ),
        p2025,
    )
    assert result(decision, "C1").due_date == due
    assert result(decision, "C1").limitation_date == limitation_date


# --- effects of a granted pause: no interest during it -----------------------------------------

PRINCIPAL = 365_000  # accrues 40 cents a day at 400 bp, 43 cents a day at 430 bp


def interest_case() -> Case:
    """365,000 due 21 Feb 2025; arrangement since 1 Apr 2025; a pause 1 Jul..30 Sep 2025
    granted by an earlier decision; as_of 15 Nov 2025, after the pause."""
    return valid(
        case(
            claim(amount_cents=PRINCIPAL),
            as_of=date(2025, 11, 15),
            who=with_events(
                debtor(),
                arrangement_start(date(2025, 4, 1)),
                recorded_pause(date(2025, 7, 1), 3),
            ),
        )
    )


def test_no_interest_during_a_granted_pause(decider: Decider, p2025: Policy) -> None:
    # Interest days 22 Feb..14 Nov 2025:
    #   before the arrangement, 22 Feb..31 Mar = 7 + 31 = 38 days -> charged: 38 x 40 = 1,520
    #   the pause, 1 Jul..30 Sep = 92 days -> waived by the pause rule: 92 x 40 = 3,680
    #   the rest of the arrangement, 1 Apr..30 Jun (91) + 1 Oct..14 Nov (31 + 14 = 45) = 136
    #   days -> waived by the arrangement rule after it: 136 x 40 = 5,440
    decision = decider.decide(interest_case(), p2025)
    pause_interest = expected_interest(PRINCIPAL, (400, 92))
    rest = expected_interest(PRINCIPAL, (400, 136))
    charged = expected_interest(PRINCIPAL, (400, 38))
    assert (pause_interest, rest, charged) == (3_680, 5_440, 1_520)
    item = result(decision, "C1")
    assert item.interest_cents == charged
    assert item.interest_waived_cents == pause_interest + rest
    waiver = entry(decision, "R-NO-INTEREST-PAUSE", "C1")
    assert waiver.stage == "claim_terms"
    assert waiver.measures == ("M-PAUSE",)
    assert waiver.legal_basis
    assert format_euro(pause_interest, "nl") in waiver.explanation.nl  # € 36,80
    assert format_euro(pause_interest, "en") in waiver.explanation.en
    assert "92 dag(en)" in waiver.explanation.nl
    assert "1 juli 2025 tot en met 30 september 2025" in waiver.explanation.nl
    arrangement = entry(decision, "R-NO-INTEREST-ARRANGEMENT", "C1")
    assert format_euro(rest, "nl") in arrangement.explanation.nl  # € 54,40
    # The pause waiver runs first (it is the pause's own amount), then the arrangement's.
    assert rule_ids(decision).index("R-NO-INTEREST-PAUSE") < rule_ids(decision).index(
        "R-NO-INTEREST-ARRANGEMENT"
    )


def test_waived_interest_is_exactly_the_pause_days(decider: Decider, p2025: Policy) -> None:
    # The arrangement ran exactly as long as the pause (started 1 Jul, withdrawn 1 Oct 2025),
    # so all that is waived is the pause: 92 x 40 = 3,680. Charged: 22 Feb..30 Jun (7 + 31 + 30
    # + 31 + 30 = 129 days) and 1 Oct..14 Nov (45 days) = 174 days x 40 = 6,960.
    decision = decider.decide(
        valid(
            case(
                claim(amount_cents=PRINCIPAL),
                as_of=date(2025, 11, 15),
                who=with_events(
                    debtor(),
                    arrangement_start(date(2025, 7, 1)),
                    recorded_pause(date(2025, 7, 1), 3),
                    arrangement_withdrawn(date(2025, 10, 1)),
                ),
            )
        ),
        p2025,
    )
    item = result(decision, "C1")
    assert item.interest_waived_cents == expected_interest(PRINCIPAL, (400, 92)) == 3_680
    assert item.interest_cents == expected_interest(PRINCIPAL, (400, 174)) == 6_960
    assert format_euro(3_680, "nl") in entry(decision, "R-NO-INTEREST-PAUSE").explanation.nl


def test_pause_across_a_rate_change_inside_an_arrangement(decider: Decider, p2026: Policy) -> None:
    # 2026 version. 365,000 decided 2 Jun 2025 -> due 14 Jul 2025 (2 Jun + 28 = 30 Jun, + 14).
    # Arrangement since 1 Sep 2025; pause from 1 Dec 2025 for 3 months = 1 Dec..28 Feb 2026
    # (1 Mar 2026 - 1 day); as_of 15 Apr 2026.
    #   charged, before the arrangement: 15 Jul..31 Aug 2025 = 17 + 31 = 48 days at 4 %: 1,920
    #   pause waiver: December 31 days at 4 % (31 x 40 = 1,240) + January and February
    #     31 + 28 = 59 days at 4.3 % (59 x 43 = 2,537) = 3,777 (€ 37,77)
    #   arrangement waiver, what is left: 1 Sep..30 Nov 2025 = 30 + 31 + 30 = 91 days at 4 %
    #     (3,640) + 1 Mar..14 Apr 2026 = 31 + 14 = 45 days at 4.3 % (1,935) = 5,575 (€ 55,75)
    # Limitation: 14 Jul 2030 + 90 pause days (31 + 31 + 28): 17 to 31 Jul, 48 to 31 Aug,
    # 78 to 30 Sep, 12 Oct = 90 -> 12 Oct 2030.
    events = (arrangement_start(date(2025, 9, 1)), recorded_pause(date(2025, 12, 1), 3))
    decision = decider.decide(
        valid(
            case(
                claim(amount_cents=PRINCIPAL, decision_date=date(2025, 6, 2)),
                as_of=date(2026, 4, 15),
                who=with_events(debtor(), *events),
            )
        ),
        p2026,
    )
    pause_interest = expected_interest(PRINCIPAL, (400, 31), (430, 59))
    rest = expected_interest(PRINCIPAL, (400, 91), (430, 45))
    charged = expected_interest(PRINCIPAL, (400, 48))
    assert (pause_interest, rest, charged) == (3_777, 5_575, 1_920)
    item = result(decision, "C1")
    assert item.due_date == date(2025, 7, 14)
    assert item.interest_cents == charged
    assert item.interest_waived_cents == pause_interest + rest
    pause_text = entry(decision, "R-NO-INTEREST-PAUSE", "C1").explanation
    assert format_euro(pause_interest, "nl") in pause_text.nl
    assert "90 dag(en)" in pause_text.nl
    arrangement_text = entry(decision, "R-NO-INTEREST-ARRANGEMENT", "C1").explanation
    assert format_euro(rest, "nl") in arrangement_text.nl
    assert format_euro(rest, "en") in arrangement_text.en
    assert item.limitation_date == date(2030, 10, 12)


def test_pause_across_a_rate_change_requested_in_the_case(decider: Decider, p2026: Policy) -> None:
    # The same pause asked for in November 2025 (as_of 20 Nov 2025, the 2026 version pinned):
    # granted, and the plan's instalments of December, January and February move 3 months.
    # 365,000 due 14 Jul 2025; arrangement since 1 Sep 2025 so no interest from then on;
    # charged 48 days x 40 = 1,920 -> owed 366,920; 366,920 / 24 = 15,288.33 -> 15,300 a month,
    # 24 instalments (23 x 15,300 = 351,900, last 15,020). First = as_of 20 Nov 2025; 20 Dec,
    # 20 Jan and 20 Feb fall in 1 Dec..28 Feb, so 20 Dec 2025 -> 20 Mar 2026.
    asked = case(
        claim(amount_cents=PRINCIPAL, decision_date=date(2025, 6, 2)),
        as_of=date(2025, 11, 20),
        who=with_events(debtor(), arrangement_start(date(2025, 9, 1))),
    )
    decision = decider.decide(valid(requesting(asked, pause_request(date(2025, 12, 1), 3))), p2026)
    assert verdict(decision).status == "granted"
    assert verdict(decision).end == date(2026, 2, 28)
    assert result(decision, "C1").interest_cents == 1_920
    plan = plan_of(decision)
    assert plan.total_cents == 366_920
    assert plan.monthly_cents == 15_300
    assert [item.due_date for item in plan.schedule[:3]] == [
        date(2025, 11, 20),
        date(2026, 3, 20),
        date(2026, 4, 20),
    ]
    assert plan.schedule[-1] == Instalment(date(2028, 1, 20), 15_020)


def test_plan_made_during_a_pause_starts_after_it(decider: Decider, p2025: Policy) -> None:
    # A pause 1 Jul..30 Sep 2025 granted earlier; evaluated on 1 Aug 2025, inside it. The first
    # instalment would be due on as_of (after the due date of 21 Feb); 1 Aug and 1 Sep fall in
    # the pause, 1 Aug + 2 months = 1 Oct is the first date past it, so the plan starts 1 Oct.
    decision = decider.decide(
        valid(
            case(
                claim(),
                as_of=date(2025, 8, 1),
                who=with_events(
                    debtor(),
                    arrangement_start(date(2025, 2, 1)),
                    recorded_pause(date(2025, 7, 1), 3),
                ),
            )
        ),
        p2025,
    )
    plan = plan_of(decision)
    assert plan.first_due_date == date(2025, 10, 1)
    assert plan.schedule[1].due_date == date(2025, 11, 1)


def test_second_pause_before_an_already_granted_one_is_too_soon(
    decider: Decider, p2025: Policy
) -> None:
    # A pause from 1 Sep 2025 was granted ahead of its start. A new request to pause from
    # 1 Jul 2025 would mean two pauses two months apart: not "at most once per 12 months",
    # so it goes to a collector as too soon (and is not granted on top of the other one).
    decision = decider.decide(
        pause_case(
            start=date(2025, 7, 1),
            months=1,
            as_of=date(2025, 6, 15),
            earlier_pause=(date(2025, 9, 1), 3),
        ),
        p2025,
    )
    pause = verdict(decision)
    assert pause.status == "referred"
    assert pause.grounds == ("too_soon",)

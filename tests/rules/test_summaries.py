"""The debtor-facing summary of each outcome, through the real Decider and engine (2025 policy).

Every expected figure is worked out here from the case — the standard monthly amount is
max(€ 20, total / 24 rounded up to whole euros), instalments = ceil(total / monthly), the last
one the rest, monthly from the first due date — and formatted by the small helpers below, which
write euros and dates the way a Dutch or English letter does. Claims are evaluated before their
due date, so no interest is added.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from service.decider import Decider
from service.domain.case import Claim, Debtor, Herstel
from service.domain.decision import Decision, Instalment
from service.policy.loader import MEASURES_FILE
from service.policy.model import Policy
from service.policy.registry import PolicyRegistry
from service.rules.registry import ACTIONS
from service.rules.work import PolicyDefect
from tests.conftest import POLICY_DIR
from tests.rules.builders import (
    case,
    claim,
    debtor,
    expected_interest,
    in_situation,
    ongoing,
    payment,
    personal,
    plan_or_fail,
    valid,
)

AS_OF = date(2025, 2, 1)
# The builders' default claim: decided 10 January 2025, so due 42 days later.
DUE = date(2025, 2, 21)

MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def nl_euro(cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return "€ " + f"{euros:,}".replace(",", ".") + f",{rest:02d}"


def en_euro(cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return f"€{euros:,}.{rest:02d}"


def nl_date(day: date) -> str:
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def en_date(day: date) -> str:
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


# A recognised victim (§11) whose first compensation was paid on 14 October 2024; the moratorium
# pauses, for a year from that payment, a claim that arose after 2021-01-01 (so it is not
# remitted) and before the payment.
FIRST_COMPENSATION = date(2024, 10, 14)
HERSTEL_MORATORIUM_MONTHS = 12  # §11: a moratorium of 1 year from the first compensation
VICTIM = Debtor(
    ref="D1", herstel=Herstel(recognised=True, first_compensation_date=FIRST_COMPENSATION)
)
PAUSED_CLAIM_DECIDED = date(2024, 3, 11)


def months_later(day: date, months: int) -> date:
    assert day.day <= 28  # no clamping to work out by hand
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, day.day)


def standard_monthly(total: int) -> int:
    per_month = -(-total // 24)
    return max(2_000, -(-per_month // 100) * 100)


def instalments(total: int, monthly: int) -> tuple[int, int]:
    """(count, last instalment) of a plan that pays everything."""
    count = -(-total // monthly)
    return count, total - (count - 1) * monthly


def no_braces(decision: Decision) -> None:
    for text in (decision.summary.nl, decision.summary.en):
        assert "{" not in text
        assert "}" not in text


# --- plans that pay everything -----------------------------------------------------------------


def test_standard_arrangement_summary(decider: Decider, p2025: Policy) -> None:
    total = 50_000
    monthly = standard_monthly(total)  # 50,000 / 24 = 2,083.33 -> 2,084 -> 2,100
    count, last = instalments(total, monthly)  # 24, 50,000 - 23 x 2,100 = 1,700
    assert (monthly, count, last) == (2_100, 24, 1_700)
    first = max(AS_OF, DUE)
    final = months_later(first, count - 1)  # 21 January 2027

    decision = decider.decide(
        case(claim(amount_cents=total), as_of=AS_OF, who=debtor(request="standard")), p2025
    )

    assert decision.outcome == "standard_arrangement"
    assert decision.summary.nl == (
        f"U betaalt {nl_euro(monthly)} per maand, {count} maanden lang, vanaf {nl_date(first)}; "
        f"de laatste termijn is {nl_euro(last)}, op {nl_date(final)}. "
        f"Het totaal is {nl_euro(total)}."
    )
    assert decision.summary.en == (
        f"You pay {en_euro(monthly)} a month for {count} months, from {en_date(first)}; "
        f"the last instalment is {en_euro(last)}, on {en_date(final)}. "
        f"The total is {en_euro(total)}."
    )
    # Spelled out once, so the helpers above are checked too.
    assert decision.summary.nl.startswith("U betaalt € 21,00 per maand, 24 maanden lang")
    assert decision.summary.en.endswith("on 21 January 2027. The total is €500.00.")


def test_offset_summary_says_what_allowance_is_still_paid(decider: Decider, p2025: Policy) -> None:
    total = 50_000
    ongoing_cents = 30_000
    monthly = standard_monthly(total)
    count, last = instalments(total, monthly)
    net = ongoing_cents - monthly  # 30,000 - 2,100 = 27,900 still paid out
    first = max(AS_OF, DUE)  # the latest due date of the offset claims
    final = months_later(first, count - 1)

    decision = decider.decide(
        case(
            claim(amount_cents=total),
            as_of=AS_OF,
            who=debtor(allowances=[ongoing("huurtoeslag", ongoing_cents)]),
        ),
        p2025,
    )

    assert decision.outcome == "offset"
    assert decision.summary.nl == (
        f"Wij verrekenen {nl_euro(monthly)} per maand met uw toeslag, {count} maanden lang, "
        f"vanaf {nl_date(first)}; de laatste keer {nl_euro(last)}, op {nl_date(final)}. "
        f"Het totaal is {nl_euro(total)}. "
        f"U krijgt nog {nl_euro(net)} per maand aan toeslag uitbetaald."
    )
    assert decision.summary.en == (
        f"We offset {en_euro(monthly)} a month against your allowance for {count} months, "
        f"from {en_date(first)}; the last time {en_euro(last)}, on {en_date(final)}. "
        f"The total is {en_euro(total)}. "
        f"You are still paid {en_euro(net)} a month in allowance."
    )
    assert "€ 279,00" in decision.summary.nl


def test_personal_arrangement_that_pays_everything(decider: Decider, p2025: Policy) -> None:
    total = 30_000
    capacity = 1_400  # below the standard 2,000 and 24 x 1,400 = 33,600 covers the total
    assert capacity < standard_monthly(total)
    assert capacity * 24 >= total
    count, last = instalments(total, capacity)  # 22, 30,000 - 21 x 1,400 = 600
    first = max(AS_OF, DUE)
    final = months_later(first, count - 1)  # 21 November 2026

    decision = decider.decide(
        case(claim(amount_cents=total), as_of=AS_OF, who=personal(capacity)), p2025
    )

    assert decision.outcome == "personal_arrangement"
    assert decision.summary.nl == (
        f"Met uw persoonlijke betalingsregeling betaalt u {nl_euro(capacity)} per maand, "
        f"{count} maanden lang, vanaf {nl_date(first)}; de laatste termijn is {nl_euro(last)}, "
        f"op {nl_date(final)}. Het totaal is {nl_euro(total)}."
    )
    assert decision.summary.en == (
        f"Under your personal payment arrangement you pay {en_euro(capacity)} a month for "
        f"{count} months, from {en_date(first)}; the last instalment is {en_euro(last)}, "
        f"on {en_date(final)}. The total is {en_euro(total)}."
    )
    # Everything is paid: no word of a remainder.
    assert "kwijtgescholden" not in decision.summary.nl
    assert "remitted" not in decision.summary.en


def test_one_instalment_reads_as_that_instalment(decider: Decider, p2025: Policy) -> None:
    # 1,500 is less than one standard instalment of 2,000: one payment of 1,500. The summary
    # must not tell the debtor "€ 20,00 a month", nor "1 maanden".
    total = 1_500
    decision = decider.decide(case(claim(amount_cents=total, origin="advance"), as_of=AS_OF), p2025)

    assert decision.outcome == "standard_arrangement"
    assert decision.summary.nl == (
        f"U betaalt {nl_euro(total)} per maand, 1 maand lang, vanaf {nl_date(DUE)}; "
        f"de laatste termijn is {nl_euro(total)}, op {nl_date(DUE)}. "
        f"Het totaal is {nl_euro(total)}."
    )
    assert decision.summary.en == (
        f"You pay {en_euro(total)} a month for 1 month, from {en_date(DUE)}; "
        f"the last instalment is {en_euro(total)}, on {en_date(DUE)}. "
        f"The total is {en_euro(total)}."
    )


# --- plans that leave the debt (partly) unpaid -------------------------------------------------


def test_partial_personal_arrangement_says_not_remitted_and_offset_until(
    decider: Decider, p2025: Policy
) -> None:
    total = 300_000
    capacity = 5_000
    assert capacity * 24 < total  # 120,000: the arrangement does not pay everything
    remaining = total - 24 * capacity  # 180,000
    first = max(AS_OF, DUE)
    review = months_later(first, 12 - 1)  # the 12th instalment: 21 January 2026
    last_due = months_later(first, 24 - 1)  # 21 January 2027
    window_end = date(last_due.year + 3, last_due.month, last_due.day)  # 21 January 2030

    decision = decider.decide(
        case(claim(amount_cents=total), as_of=AS_OF, who=personal(capacity)), p2025
    )

    assert decision.outcome == "personal_arrangement"
    assert decision.summary.nl == (
        f"Met uw persoonlijke betalingsregeling betaalt u {nl_euro(capacity)} per maand, "
        f"24 maanden lang, vanaf {nl_date(first)}; op {nl_date(review)} bekijken wij de "
        f"regeling opnieuw. Van het totaal van {nl_euro(total)} blijft daarna "
        f"{nl_euro(remaining)} over. Dat wordt niet kwijtgescholden, maar wij nemen er geen "
        f"verdere invorderingsmaatregelen voor. Tot {nl_date(window_end)} verrekenen wij nog "
        "eenmalige nabetalingen van toeslagen en belastingteruggaven."
    )
    assert decision.summary.en == (
        f"Under your personal payment arrangement you pay {en_euro(capacity)} a month for "
        f"24 months, from {en_date(first)}; we review the arrangement on {en_date(review)}. "
        f"Of the total of {en_euro(total)}, {en_euro(remaining)} is left after that. It is not "
        "remitted, but we take no further collection measures for it. Until "
        f"{en_date(window_end)}, we still offset one-off allowance back-payments and income tax "
        "refunds."
    )
    assert "€ 1.800,00" in decision.summary.nl
    assert "21 januari 2030" in decision.summary.nl


def test_no_further_measures_says_not_remitted_and_offset_until(
    decider: Decider, p2025: Policy
) -> None:
    total = 300_000
    window_end = date(AS_OF.year + 3, AS_OF.month, AS_OF.day)  # 3 years from the decision

    decision = decider.decide(case(claim(amount_cents=total), as_of=AS_OF, who=personal(0)), p2025)

    assert decision.outcome == "no_further_measures"
    assert decision.summary.nl == (
        f"Wij nemen geen verdere invorderingsmaatregelen voor uw schuld van {nl_euro(total)}: "
        "u hoeft geen termijnen te betalen. De schuld wordt niet kwijtgescholden. "
        f"Tot {nl_date(window_end)} verrekenen wij nog eenmalige nabetalingen van toeslagen en "
        "belastingteruggaven."
    )
    assert decision.summary.en == (
        f"We take no further collection measures for your debt of {en_euro(total)}: "
        "you do not have to pay instalments. The debt is not remitted. "
        f"Until {en_date(window_end)}, we still offset one-off allowance back-payments and "
        "income tax refunds."
    )
    assert "1 februari 2028" in decision.summary.nl


# --- nothing to pay ----------------------------------------------------------------------------


def test_not_recovered_says_nothing_has_to_be_paid(decider: Decider, p2025: Policy) -> None:
    # 11,800 is exactly the 2025 threshold: not recovered.
    decision = decider.decide(case(claim(amount_cents=11_800), as_of=AS_OF), p2025)

    assert decision.outcome == "not_recovered"
    assert decision.summary.nl == "U hoeft niets te betalen: wij vorderen niets van u terug."
    assert decision.summary.en == (
        "You do not have to pay anything: we do not recover anything from you."
    )


@pytest.mark.parametrize(
    "claims",
    [
        pytest.param(
            [claim(decision_date=date(2025, 1, 5), events=[payment(date(2025, 1, 20), 50_000)])],
            id="paid",
        ),
        pytest.param([claim(decision_date=date(2018, 1, 10))], id="expired"),
        pytest.param([], id="no-claims"),
    ],
)
def test_nothing_due_says_nothing_has_to_be_paid(
    decider: Decider, p2025: Policy, claims: list[Claim]
) -> None:
    decision = decider.decide(case(*claims, as_of=AS_OF), p2025)

    assert decision.outcome == "nothing_due"
    assert decision.summary.nl == (
        "U hoeft niets te betalen: er staat niets meer open dat wij invorderen."
    )
    assert (
        decision.summary.en
        == "You do not have to pay anything: nothing is left open for us to collect."
    )


# --- collection paused for a recognised victim -------------------------------------------------


def test_paused_herstel_says_nothing_is_due_until_the_restart(
    decider: Decider, p2025: Policy
) -> None:
    restart = months_later(FIRST_COMPENSATION, HERSTEL_MORATORIUM_MONTHS)  # 14 October 2025
    # Arose on or after 2021-01-01 (not remitted) and before the first compensation; decided
    # within the year of the moratorium.
    assert date(2021, 1, 1) <= PAUSED_CLAIM_DECIDED < FIRST_COMPENSATION <= AS_OF < restart

    decision = decider.decide(
        valid(case(claim(decision_date=PAUSED_CLAIM_DECIDED), as_of=AS_OF, who=VICTIM)), p2025
    )

    assert decision.outcome == "paused_herstel"
    assert decision.plan is None
    (paused,) = decision.claims
    assert paused.status == "paused_herstel"
    assert paused.restart_date == restart
    # No late-payment interest on a paused claim (§11): what had accrued since the due date is
    # waived, not charged.
    assert paused.interest_cents == 0
    assert paused.interest_waived_cents > 0
    assert decision.summary.nl == (
        "U hoeft nu niets te betalen: als erkend gedupeerde staat de invordering van uw schulden "
        f"stil tot {nl_date(restart)}. Over deze schulden rekenen wij geen invorderingsrente, "
        "ook niet daarna."
    )
    assert decision.summary.en == (
        "You do not have to pay anything now: as a recognised victim, collection of your debts "
        f"is paused until {en_date(restart)}. We charge no late-payment interest on these "
        "debts, not even after that."
    )
    assert "14 oktober 2025" in decision.summary.nl
    assert "14 October 2025" in decision.summary.en


# --- immediate collection (Awir 31a) -----------------------------------------------------------


def test_immediate_collection_says_pay_the_whole_amount_at_once(
    decider: Decider, p2025: Policy
) -> None:
    # Unlike the cases above, evaluated after the due date (21 February 2025), so that the total
    # carries interest: 22 February .. 31 May 2025 = 7 + 31 + 30 + 31 = 99 days at 4%.
    as_of = date(2025, 6, 1)
    interest = expected_interest(50_000, (400, 99))  # 50,000 x 400 x 99 / 3,650,000 = 542.47
    assert interest == 542
    total = 50_000 + interest
    leaving = in_situation(debtor(), ground="leaving_country")

    decision = decider.decide(valid(case(claim(), as_of=as_of, who=leaving)), p2025)

    assert decision.outcome == "immediate_collection"
    assert decision.trace[-1].rule == "R-IMMEDIATE-COLLECTION"
    # One instalment of everything, due on the day of the decision.
    plan = plan_or_fail(decision)
    assert (plan.kind, plan.instalments, plan.total_cents) == ("immediate", 1, total)
    assert plan.schedule == (Instalment(as_of, total),)
    assert decision.summary.nl == (
        f"U moet het hele bedrag van {nl_euro(total)} in één keer betalen, "
        f"uiterlijk op {nl_date(as_of)}."
    )
    assert decision.summary.en == (
        f"You must pay the whole amount of {en_euro(total)} at once, by {en_date(as_of)}."
    )
    assert decision.summary.en == (
        "You must pay the whole amount of €505.42 at once, by 1 June 2025."
    )


# --- built from the decision, not from the rule ------------------------------------------------


def test_summary_depends_on_the_outcome_not_on_the_rule_that_decided_it(
    decider: Decider, p2025: Policy
) -> None:
    # A refused personal request (capacity 3,000 >= the standard 2,100) keeps the standard
    # arrangement through another rule: its summary is that of any standard arrangement.
    claims = [claim(amount_cents=50_000)]
    refused = decider.decide(case(*claims, as_of=AS_OF, who=personal(3_000)), p2025)
    standard = decider.decide(case(*claims, as_of=AS_OF, who=debtor(request="standard")), p2025)

    assert refused.trace[-1].rule == "R-PERSONAL-REFUSED-CAPACITY"
    assert standard.trace[-1].rule == "R-STANDARD-ARRANGEMENT"
    assert refused.summary == standard.summary


def test_summary_is_the_same_every_time(decider: Decider, p2025: Policy) -> None:
    made = [
        decider.decide(case(claim(amount_cents=300_000), as_of=AS_OF, who=personal(5_000)), p2025)
        for _ in range(3)
    ]
    assert made[0].summary == made[1].summary == made[2].summary
    no_braces(made[0])


# --- an action that decides what it did not declare --------------------------------------------


def test_outcome_the_action_does_not_declare_fails_the_decision(
    decider: Decider, p2025: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The loader checks summaries against what actions declare; an action that decides something
    # else would get past that check, so the decision must fail instead of going out without a
    # summary.
    spec = ACTIONS["decide_not_recovered"]
    monkeypatch.setitem(ACTIONS, "decide_not_recovered", dataclasses.replace(spec, decides=()))

    with pytest.raises(PolicyDefect, match="decided 'not_recovered', which it does not declare"):
        decider.decide(case(claim(amount_cents=11_800), as_of=AS_OF), p2025)


# --- every summary of every policy file renders ------------------------------------------------

# One case per summary text (outcome, partial text or not), decidable under every version that
# has that text (paused_herstel and immediate_collection: the strategy versions only).
SUMMARY_CASES = {
    ("standard_arrangement", False): case(claim(), as_of=AS_OF),
    ("offset", False): case(
        claim(), as_of=AS_OF, who=debtor(allowances=[ongoing("zorgtoeslag", 30_000)])
    ),
    ("personal_arrangement", False): case(
        claim(amount_cents=30_000), as_of=AS_OF, who=personal(1_400)
    ),
    ("personal_arrangement", True): case(
        claim(amount_cents=300_000), as_of=AS_OF, who=personal(5_000)
    ),
    ("no_further_measures", False): case(claim(), as_of=AS_OF, who=personal(0)),
    # 10,000 is at or below the threshold of every version for a 2025 decision.
    ("not_recovered", False): case(claim(amount_cents=10_000), as_of=AS_OF),
    ("nothing_due", False): case(as_of=AS_OF),
    ("paused_herstel", False): case(
        claim(decision_date=PAUSED_CLAIM_DECIDED), as_of=AS_OF, who=VICTIM
    ),
    # Awir 31a (the strategy versions only): the debtor leaves the country.
    ("immediate_collection", False): case(
        claim(), as_of=AS_OF, who=in_situation(debtor(), ground="leaving_country")
    ),
}
POLICY_FILES = sorted(path.name for path in POLICY_DIR.glob("*.toml") if path.name != MEASURES_FILE)


def test_there_are_policy_files() -> None:
    assert POLICY_FILES


@pytest.mark.parametrize("file", POLICY_FILES)
def test_every_summary_of_the_policy_file_renders_without_braces(
    decider: Decider, registry: PolicyRegistry, file: str
) -> None:
    (policy,) = [policy for policy in registry.policies if policy.source == file]
    texts = {(outcome, False) for outcome in policy.summaries} | {
        (outcome, True) for outcome, summary in policy.summaries.items() if summary.partial
    }
    missing = texts - SUMMARY_CASES.keys()
    assert not missing, f"add a case to SUMMARY_CASES for {sorted(missing)}"

    rendered = set()
    for (outcome, partial), made in SUMMARY_CASES.items():
        if (outcome, partial) not in texts:
            continue
        decision = decider.decide(made, policy)
        assert decision.outcome == outcome
        leaves_rest = decision.plan is not None and decision.plan.remaining_after_plan_cents > 0
        assert leaves_rest == partial or outcome == "no_further_measures"
        for text in (decision.summary.nl, decision.summary.en):
            assert text.strip()
            assert "{" not in text, (file, outcome, text)
            assert "}" not in text, (file, outcome, text)
            assert "n.v.t." not in text
            assert "n/a" not in text
        rendered.add((outcome, partial))
    assert rendered == texts

"""The trace of fired rules (rule, stage, measures, legal basis, claim, explanations with the
actual figures), the differences between the shipped policy versions, and determinism."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from service.decider import CaseOutsidePolicy, Decider
from service.domain.case import Case
from service.policy.model import Policy
from service.policy.registry import PolicyRegistry
from service.policy.stages import STAGE_SUBJECT, STAGES
from tests.rules.builders import (
    case,
    claim,
    debtor,
    entry,
    event,
    fired,
    ongoing,
    payment,
    personal,
    result,
)
from tests.rules.conftest import version

AS_OF = date(2025, 2, 1)
STAGE_ORDER = {stage: index for index, stage in enumerate(STAGES)}


def mixed_case() -> Case:
    """A (30,000, due 21 Feb 2025), B (20,000, decided 3 Feb 2025, due 17 Mar 2025), SMALL
    (11,800: not recovered), OLD (decided 2018: expired after 21 Feb 2023); the debtor receives
    25,000 + 10,000 = 35,000 a month in allowances, so the 50,000 of A and B is offset."""
    return case(
        claim("A", amount_cents=30_000),
        claim("B", amount_cents=20_000, allowance="zorgtoeslag", decision_date=date(2025, 2, 3)),
        claim("SMALL", amount_cents=11_800, allowance="kinderopvangtoeslag"),
        claim("OLD", decision_date=date(2018, 1, 10)),
        as_of=date(2025, 2, 5),
        who=debtor(
            allowances=[ongoing("huurtoeslag", 25_000), ongoing("kindgebonden_budget", 10_000)]
        ),
    )


# --- the trace of a typical case ---------------------------------------------------------------


def test_typical_case_fires_these_rules(decider: Decider, p2025: Policy) -> None:
    # One definitive claim of 60,000, decided 10 Jan 2025, no request, no allowances.
    decision = decider.decide(case(claim(amount_cents=60_000), as_of=AS_OF), p2025)
    assert fired(decision) == [
        ("R-DUE-DATE", "C1"),
        ("R-LIMITATION", "C1"),
        ("R-BALANCE-INTEREST", "C1"),
        ("R-ABOVE-THRESHOLD", "C1"),
        ("R-STANDARD-ARRANGEMENT", None),
    ]
    assert [e.stage for e in decision.trace] == [
        "claim_terms",
        "claim_terms",
        "claim_terms",
        "claim_status",
        "debtor_plan",
    ]
    assert decision.outcome == "standard_arrangement"


def test_typical_case_measures_and_legal_basis(decider: Decider, p2025: Policy) -> None:
    decision = decider.decide(case(claim(amount_cents=60_000), as_of=AS_OF), p2025)
    due = entry(decision, "R-DUE-DATE")
    assert due.measures == ()
    assert due.legal_basis == "Awir art. 28"
    balance = entry(decision, "R-BALANCE-INTEREST")
    assert balance.measures == ("M-INTEREST-INFO", "M-DECOUPLED-RATE")
    assert balance.legal_basis.startswith("Awir art. 29")
    above = entry(decision, "R-ABOVE-THRESHOLD")
    assert above.measures == ("M-SMALL-CLAIMS",)
    assert above.legal_basis == "Awir art. 26a"
    plan = entry(decision, "R-STANDARD-ARRANGEMENT")
    assert plan.measures == ("M-ONE-ARRANGEMENT",)
    assert plan.legal_basis.startswith("Awir art. 31")
    assert plan.claim_ref is None


def test_typical_case_explanations_carry_the_figures(decider: Decider, p2025: Policy) -> None:
    # 60,000 = € 600,00; due 10 Jan + 42 = 21 Feb 2025; limitation 21 Feb 2030; threshold
    # 11,800 = € 118,00; monthly 60,000 / 24 = 2,500 = € 25,00 (>= 2,000), 24 instalments,
    # the last 60,000 - 23 x 2,500 = 2,500; first = max(1 Feb, 21 Feb) = 21 Feb 2025.
    decision = decider.decide(case(claim(amount_cents=60_000), as_of=AS_OF), p2025)
    texts = {e.rule: e.explanation for e in decision.trace}
    assert texts["R-DUE-DATE"].nl == (
        "De vordering moet binnen 42 dagen na de dagtekening van 10 januari 2025 betaald zijn: "
        "uiterlijk op 21 februari 2025."
    )
    assert texts["R-DUE-DATE"].en == (
        "The claim must be paid within 42 days of its decision date of 10 January 2025: "
        "by 21 February 2025."
    )
    assert texts["R-LIMITATION"].nl == (
        "De vordering verjaart 5 jaar na de betaaltermijn (21 februari 2025); de termijn is niet "
        "gestuit. De laatste dag waarop zij kan worden ingevorderd is 21 februari 2030."
    )
    assert texts["R-LIMITATION"].en == (
        "The claim expires 5 years after its payment term (21 February 2025); limitation was "
        "not interrupted. The last day it can be collected is 21 February 2030."
    )
    assert texts["R-BALANCE-INTEREST"].nl == (
        "Van € 600,00 is € 0,00 betaald (eerst op de kosten, dan op de rente, dan op de "
        "vordering); open staat € 600,00. Opgebouwde invorderingsrente vanaf de dag na de "
        "betaaltermijn: € 0,00 (geen rentedagen)."
    )
    assert texts["R-BALANCE-INTEREST"].en == (
        "Of €600.00, €0.00 has been paid (costs first, then interest, then principal); "
        "€600.00 is open. Late-payment interest accrued from the day after the payment term: "
        "€0.00 (no interest days)."
    )
    assert texts["R-ABOVE-THRESHOLD"].nl == (
        "De vordering uit een definitieve berekening van € 600,00 is hoger dan de "
        "doelmatigheidsgrens van € 118,00 voor beschikkingen uit 2025: zij wordt teruggevorderd."
    )
    assert texts["R-ABOVE-THRESHOLD"].en == (
        "The claim from a final calculation of €600.00 exceeds the threshold of €118.00 for "
        "decisions from 2025: it is recovered."
    )
    assert texts["R-STANDARD-ARRANGEMENT"].nl == (
        "U betaalt € 600,00 voor 1 vordering(en) in één standaardregeling: 24 termijn(en) van "
        "€ 25,00 per maand (minimaal € 20,00, hoogstens 24 termijnen), vanaf 21 februari 2025, "
        "de laatste termijn € 25,00."
    )
    assert texts["R-STANDARD-ARRANGEMENT"].en == (
        "You pay €600.00 for 1 claim(s) in one standard arrangement: 24 instalment(s) of €25.00 "
        "a month (at least €20.00, at most 24 instalments), from 21 February 2025, the last "
        "instalment €25.00."
    )


def test_interest_explanation_with_thousands_and_rate(decider: Decider, p2025: Policy) -> None:
    # 100,000 = € 1.000,00; 99 interest days at 4,00% -> 1,085 = € 10,85 (see claim tests).
    decision = decider.decide(case(claim(amount_cents=100_000), as_of=date(2025, 6, 1)), p2025)
    text = entry(decision, "R-BALANCE-INTEREST").explanation
    assert text.nl == (
        "Van € 1.000,00 is € 0,00 betaald (eerst op de kosten, dan op de rente, dan op de "
        "vordering); open staat € 1.000,00. Opgebouwde invorderingsrente vanaf de dag na de "
        "betaaltermijn: € 10,85 (4,00% over 99 dagen)."
    )
    assert text.en == (
        "Of €1,000.00, €0.00 has been paid (costs first, then interest, then principal); "
        "€1,000.00 is open. Late-payment interest accrued from the day after the payment term: "
        "€10.85 (4.00% for 99 days)."
    )


def test_balance_explanation_names_the_costs_and_pays_them_first(
    decider: Decider, p2025: Policy
) -> None:
    # 100,000 due 21 Feb 2025. Aanmaning on 1 April: 22 Feb .. 31 Mar = 7 + 31 = 38 days of
    # interest, 100,000 x 4% x 38 / 365 = 416.44 -> 416; open 100,416 >= 45,400, so it costs the
    # high 1,900 (Kostenwet, §8). Payment of 5,000 on 1 May: interest up to 30 April is
    # 7 + 31 + 30 = 68 days, 745.21 -> 745; it pays the 1,900 costs first, then the 745
    # interest, then 5,000 - 1,900 - 745 = 2,355 principal: 97,645 open. Then 1 .. 31 May =
    # 31 days on 97,645: 331.73; cumulative exact 745.21 + 331.73 = 1,076.93 -> 1,077, minus
    # 745 paid = 332 open interest, over 68 + 31 = 99 interest days. No costs left.
    decision = decider.decide(
        case(
            claim(
                amount_cents=100_000,
                events=[
                    event("aanmaning", date(2025, 4, 1)),
                    payment(date(2025, 5, 1), 5_000),
                ],
            ),
            as_of=date(2025, 6, 1),
        ),
        p2025,
    )
    claimed = result(decision, "C1")
    assert (claimed.open_cents, claimed.interest_cents, claimed.costs_cents) == (97_645, 332, 0)
    text = entry(decision, "R-BALANCE-INTEREST").explanation
    assert text.nl == (
        "Van € 1.000,00 is € 50,00 betaald (eerst op de kosten, dan op de rente, dan op de "
        "vordering); open staat € 976,45. Opgebouwde invorderingsrente vanaf de dag na de "
        "betaaltermijn: € 3,32 (4,00% over 99 dagen). Invorderingskosten (aanmaning van "
        "1 april 2025): € 19,00, waarvan nog open € 0,00."
    )
    assert text.en == (
        "Of €1,000.00, €50.00 has been paid (costs first, then interest, then principal); "
        "€976.45 is open. Late-payment interest accrued from the day after the payment term: "
        "€3.32 (4.00% for 99 days). Collection costs (aanmaning of 1 April 2025): €19.00, of "
        "which €0.00 is still open."
    )


def test_interruption_explanation(decider: Decider, p2025: Policy) -> None:
    decision = decider.decide(
        case(
            claim(
                events=[
                    event("aanmaning", date(2025, 4, 1)),
                    event("written_claim", date(2026, 3, 10)),
                ]
            ),
            as_of=date(2026, 4, 1),
        ),
        p2025,
    )
    text = entry(decision, "R-LIMITATION").explanation
    # 1 Apr 2025 -> 1 Apr 2030 (> 21 Feb 2030); 10 Mar 2026 -> 10 Mar 2031: both move it.
    assert text.nl == (
        "De vordering verjaart 5 jaar na de betaaltermijn (21 februari 2025); de termijn is "
        "2 keer gestuit, het laatst op 10 maart 2026. De laatste dag waarop zij kan worden "
        "ingevorderd is 10 maart 2031."
    )
    assert text.en == (
        "The claim expires 5 years after its payment term (21 February 2025); limitation was "
        "interrupted 2 time(s), last on 10 March 2026. The last day it can be collected is "
        "10 March 2031."
    )


def test_every_fired_rule_of_a_mixed_case_is_traced(decider: Decider, p2025: Policy) -> None:
    decision = decider.decide(mixed_case(), p2025)
    claims = ("A", "B", "SMALL", "OLD")
    expected = Counter(
        [
            (rule, ref)
            for rule in ("R-DUE-DATE", "R-LIMITATION", "R-BALANCE-INTEREST")
            for ref in claims
        ]
        + [
            ("R-ABOVE-THRESHOLD", "A"),
            ("R-ABOVE-THRESHOLD", "B"),
            ("R-SMALL-CLAIM", "SMALL"),
            # decided 2018: threshold 0, recovered, but past its limitation date
            ("R-ABOVE-THRESHOLD", "OLD"),
            ("R-EXPIRED", "OLD"),
            ("R-AUTO-OFFSET", None),
        ]
    )
    assert Counter(fired(decision)) == expected
    stages = [STAGE_ORDER[e.stage] for e in decision.trace]
    assert stages == sorted(stages)
    for traced in decision.trace:
        assert traced.legal_basis
        assert traced.explanation.nl
        assert traced.explanation.en
        assert (traced.claim_ref is None) == (STAGE_SUBJECT[traced.stage] == "debtor")


def test_claim_status_explanations(decider: Decider, p2025: Policy) -> None:
    decision = decider.decide(mixed_case(), p2025)
    small = entry(decision, "R-SMALL-CLAIM", "SMALL")
    assert small.legal_basis == "Awir art. 26a"
    assert small.explanation.nl == (
        "De vordering uit een definitieve berekening van € 118,00 is niet hoger dan de "
        "doelmatigheidsgrens van € 118,00 voor beschikkingen uit 2025: zij wordt niet "
        "teruggevorderd, ook de opgebouwde rente van € 0,00 niet."
    )  # SMALL is not yet due on 5 Feb 2025 (due 21 Feb), so nothing has accrued
    assert small.explanation.en == (
        "The claim from a final calculation of €118.00 does not exceed the threshold of €118.00 "
        "for decisions from 2025: it is not recovered, nor is the accrued interest of €0.00."
    )
    old_threshold = entry(decision, "R-ABOVE-THRESHOLD", "OLD")
    assert "van € 0,00 voor beschikkingen uit 2018" in old_threshold.explanation.nl
    # OLD accrued interest from 22 Feb 2018 to 4 Feb 2025: 7 years to 21 Feb 2025 are
    # 7 x 365 + 2 leap days = 2,557 days, less 5-21 Feb 2025 (17) = 2,540 days at 4,00%:
    # 50,000 x 400 x 2,540 / (10,000 x 365) = 13,917.8 -> 13,918 = € 139,18.
    expired = entry(decision, "R-EXPIRED", "OLD")
    assert expired.explanation.nl == (
        "De vordering is verjaard: de laatste dag waarop zij kon worden ingevorderd was "
        "21 februari 2023. Het openstaande bedrag van € 500,00 en de opgebouwde rente van "
        "€ 139,18 worden niet meer geïnd, verrekend of afgedwongen."
    )
    assert expired.explanation.en == (
        "The claim has expired: the last day it could be collected was 21 February 2023. "
        "The open €500.00 and the accrued interest of €139.18 are no longer collected, offset "
        "or enforced."
    )


def test_offset_explanation(decider: Decider, p2025: Policy) -> None:
    # ongoing 35,000 = € 350,00; total A + B = 50,000 -> monthly 2,100 = € 21,00, 24 times,
    # last 50,000 - 23 x 2,100 = 1,700 = € 17,00; first = latest due date 17 Mar 2025;
    # net 35,000 - 2,100 = 32,900 = € 329,00.
    decision = decider.decide(mixed_case(), p2025)
    traced = entry(decision, "R-AUTO-OFFSET")
    assert traced.measures == ("M-AUTO-OFFSET", "M-ONE-ARRANGEMENT")
    assert traced.legal_basis == "Awir art. 30; Awir art. 31"
    assert traced.explanation.nl == (
        "U ontvangt nog € 350,00 per maand aan toeslagen, meer dan het maandbedrag van € 21,00. "
        "Daarom verrekenen wij € 500,00 voor 2 vordering(en) in één regeling: 24 maal, vanaf "
        "17 maart 2025, de laatste keer € 17,00. U houdt € 329,00 per maand aan toeslag over."
    )
    assert traced.explanation.en == (
        "You still receive €350.00 a month in allowances, more than the monthly amount of €21.00. "
        "So €500.00 for 2 claim(s) is offset in one arrangement: 24 times, from 17 March 2025, "
        "the last time €17.00. €329.00 a month of allowance is still paid out to you."
    )


def test_advance_explanation(decider: Decider, p2025: Policy) -> None:
    decision = decider.decide(case(claim(amount_cents=1, origin="advance"), as_of=AS_OF), p2025)
    traced = entry(decision, "R-ADVANCE-ALWAYS", "C1")
    assert traced.legal_basis.startswith("Awir art. 26a")
    assert traced.explanation.nl == (
        "De vordering van € 0,01 komt uit een herziening van het voorschot; de "
        "doelmatigheidsgrens geldt daarvoor niet: zij wordt altijd teruggevorderd."
    )
    assert traced.explanation.en == (
        "The claim of €0.01 comes from a revised advance; the threshold does not apply to it: "
        "it is always recovered."
    )


def test_personal_partial_explanation(decider: Decider, p2025: Policy) -> None:
    # 50,000 at capacity 1,000 = € 10,00: 24 instalments from 21 Feb 2025, review at the 12th
    # (21 Jan 2026), 26,000 = € 260,00 left, window to 21 Jan 2027 + 3 years = 21 Jan 2030.
    decision = decider.decide(case(claim(), as_of=AS_OF, who=personal(capacity=1_000)), p2025)
    traced = entry(decision, "R-PERSONAL-PARTIAL")
    assert traced.claim_ref is None
    assert traced.explanation.en == (
        "Personal arrangement at your payment capacity: 24 instalments of €10.00 a month from "
        "21 February 2025, reviewed on 21 January 2026. €260.00 is left after it; it is not "
        "remitted, but no further collection measures follow. Until 21 January 2030, one-off "
        "allowance back-payments and tax refunds are still offset."
    )
    assert "herbeoordeling op 21 januari 2026. Daarna blijft € 260,00 over" in (
        traced.explanation.nl
    )


def test_personal_refused_explanations(decider: Decider, p2025: Policy) -> None:
    assets = decider.decide(
        case(claim(), as_of=AS_OF, who=personal(capacity=1_000, assets=1)), p2025
    )
    assert entry(assets, "R-PERSONAL-REFUSED-ASSETS").explanation.nl == (
        "Een persoonlijke betalingsregeling is niet mogelijk: u heeft € 0,01 aan vermogen dat "
        "voor aflossing beschikbaar is (grens € 0,00). De standaardregeling blijft staan: "
        "24 termijn(en) van € 21,00, vanaf 21 februari 2025."
    )
    capacity = decider.decide(case(claim(), as_of=AS_OF, who=personal(capacity=2_500)), p2025)
    assert entry(capacity, "R-PERSONAL-REFUSED-CAPACITY").explanation.en == (
        "A personal arrangement is not needed: your payment capacity of €25.00 a month is not "
        "below the standard amount of €21.00. The standard arrangement stands: 24 instalment(s), "
        "from 21 February 2025."
    )


def test_no_further_measures_explanation(decider: Decider, p2025: Policy) -> None:
    decision = decider.decide(case(claim(), as_of=AS_OF, who=personal(capacity=0)), p2025)
    traced = entry(decision, "R-NO-FURTHER-MEASURES")
    assert traced.claim_ref is None
    assert traced.measures == ("M-NO-FURTHER-MEASURES", "M-SUBSISTENCE")
    assert traced.explanation.nl == (
        "U heeft geen betalingscapaciteit. Er volgen geen verdere invorderingsmaatregelen voor "
        "€ 500,00; de schuld wordt niet kwijtgescholden. Tot 1 februari 2028 verrekenen wij nog "
        "eenmalige nabetalingen van toeslagen en belastingteruggaven. Een invorderaar bevestigt "
        "dit besluit."
    )


def test_settled_and_nothing_due_explanations(decider: Decider, p2025: Policy) -> None:
    decision = decider.decide(
        case(claim(events=[payment(date(2025, 1, 20), 50_000)]), as_of=AS_OF), p2025
    )
    assert entry(decision, "R-SETTLED", "C1").explanation.nl == (
        "Op de vordering van € 500,00 is € 500,00 betaald of verrekend; er staat niets meer open."
    )
    assert entry(decision, "R-NOTHING-DUE").explanation.en == (
        "Everything recovered is paid or expired (0 expired): nothing is left to collect."
    )


# --- policy versions ---------------------------------------------------------------------------


def test_version_in_force_by_date(registry: PolicyRegistry) -> None:
    assert registry.in_force(date(2023, 6, 1)).version == "2023-01-01"
    assert registry.in_force(date(2024, 6, 1)).version == "2024-01-01"
    assert registry.in_force(date(2025, 1, 1)).version == "2025-01-01"
    assert registry.in_force(date(2025, 12, 31)).version == "2025-01-01"
    assert registry.in_force(date(2026, 1, 1)).version == "2026-01-01"


@pytest.mark.parametrize(
    ("name", "decided", "threshold"),
    [
        ("2023-01-01", date(2022, 12, 31), 0),
        ("2023-01-01", date(2023, 1, 1), 10_600),
        ("2023-01-01", date(2024, 12, 31), 10_600),
        ("2024-01-01", date(2022, 12, 31), 0),
        ("2024-01-01", date(2023, 1, 1), 10_600),
        ("2024-01-01", date(2024, 12, 31), 11_600),
        ("2026-01-01", date(2023, 12, 31), 10_600),
        ("2026-01-01", date(2024, 1, 1), 11_600),
        ("2026-01-01", date(2025, 12, 31), 11_800),
        ("2026-01-01", date(2026, 1, 1), 12_100),
    ],
)
def test_threshold_per_decision_year_in_every_version(
    decider: Decider, registry: PolicyRegistry, name: str, decided: date, threshold: int
) -> None:
    # At the threshold: not recovered; one cent above: recovered (0 -> every claim recovered).
    policy = version(registry, name)
    at = decider.decide(
        case(claim(amount_cents=max(threshold, 1), decision_date=decided), as_of=decided), policy
    )
    above = decider.decide(
        case(claim(amount_cents=threshold + 1, decision_date=decided), as_of=decided), policy
    )
    assert result(at, "C1").recoverable is (threshold == 0)
    assert result(above, "C1").recoverable is True


def test_11700_in_2025_recovered_under_2024_version_only(
    decider: Decider, p2024: Policy, p2025: Policy
) -> None:
    # 11,700 decided 3 Mar 2025. 2024 version: its series ends at 11,600 (2024) -> 11,700 >
    # 11,600 -> recovered. 2025 version: 11,800 for 2025 decisions -> not recovered.
    # 2024 plan: due 3 Mar + 42 = 14 Apr 2025; 11,700 -> monthly 2,000, ceil(5.85) = 6
    # instalments, last 11,700 - 5 x 2,000 = 1,700.
    the_case = case(
        claim(amount_cents=11_700, decision_date=date(2025, 3, 3)), as_of=date(2025, 3, 10)
    )
    old = decider.decide(the_case, p2024)
    new = decider.decide(the_case, p2025)

    assert old.policy_version == "2024-01-01"
    assert result(old, "C1").recoverable is True
    assert old.outcome == "standard_arrangement"
    assert old.plan is not None
    assert (old.plan.monthly_cents, old.plan.instalments, old.plan.last_instalment_cents) == (
        2_000,
        6,
        1_700,
    )
    assert old.plan.first_due_date == date(2025, 4, 14)
    assert "€ 116,00 voor beschikkingen uit 2025" in entry(old, "R-ABOVE-THRESHOLD").explanation.nl

    assert new.policy_version == "2025-01-01"
    assert result(new, "C1").recoverable is False
    assert new.outcome == "not_recovered"
    assert new.plan is None
    assert "€ 118,00 voor beschikkingen uit 2025" in entry(new, "R-SMALL-CLAIM").explanation.nl
    assert old.policy_hash != new.policy_hash


def test_2026_version_threshold_for_2026_decisions(
    decider: Decider, p2025: Policy, p2026: Policy
) -> None:
    # 12,000 decided 5 Jan 2026: 2025 version -> 11,800 -> recovered; 2026 -> 12,100 -> not.
    the_case = case(
        claim(amount_cents=12_000, decision_date=date(2026, 1, 5)), as_of=date(2026, 1, 5)
    )
    assert result(decider.decide(the_case, p2025), "C1").recoverable is True
    assert result(decider.decide(the_case, p2026), "C1").recoverable is False


def test_2026_version_charges_430_bp_from_2026(
    decider: Decider, p2025: Policy, p2026: Policy
) -> None:
    # 12,200 due 12 Nov 2025, as_of 1 Feb 2026: 49 days in 2025 + 31 days in 2026.
    # 2025 version: 12,200 x 400 x 80 / 3,650,000 = 106.96 -> 107.
    # 2026 version: 12,200 x (400 x 49 + 430 x 31) / 3,650,000 = 401,746,000 / 3,650,000
    #               = 110.07 -> 110.
    the_case = case(
        claim(amount_cents=12_200, decision_date=date(2025, 10, 1)), as_of=date(2026, 2, 1)
    )
    before = decider.decide(the_case, p2025)
    after = decider.decide(the_case, p2026)
    assert result(before, "C1").interest_cents == 107
    assert result(after, "C1").interest_cents == 110
    assert "(4.00% for 80 days)" in entry(before, "R-BALANCE-INTEREST").explanation.en
    assert "(4.00% for 49 days, 4.30% for 31 days)" in (
        entry(after, "R-BALANCE-INTEREST").explanation.en
    )


def test_2026_version_before_2026_charges_400_bp(decider: Decider, p2026: Policy) -> None:
    # Entirely in 2025 -> same as the 2025 version: 100,000, 99 days -> 1,085.
    decision = decider.decide(case(claim(amount_cents=100_000), as_of=date(2025, 6, 1)), p2026)
    assert result(decision, "C1").interest_cents == 1_085


# --- determinism and bad input -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01"])
def test_same_case_twice_gives_equal_decisions(
    decider: Decider, registry: PolicyRegistry, name: str
) -> None:
    policy = version(registry, name)
    first = decider.decide(mixed_case(), policy)
    # Another decision in between must not leak into the next one.
    decider.decide(case(claim(), as_of=AS_OF, who=personal(capacity=0)), policy)
    second = decider.decide(mixed_case(), policy)
    assert first == second
    assert first.trace == second.trace


@pytest.mark.parametrize("name", ["2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01"])
def test_claim_due_before_interest_series_raises_case_outside_policy(
    decider: Decider, registry: PolicyRegistry, name: str
) -> None:
    # decided 1 Jun 2014 -> due 13 Jul 2014; the rate series starts on 1 Jan 2015. The second
    # claim is the culprit, so the error names claims[1].
    the_case = case(
        claim("OK"),
        claim("TOO-OLD", decision_date=date(2014, 6, 1)),
        as_of=date(2025, 2, 1),
    )
    with pytest.raises(CaseOutsidePolicy) as raised:
        decider.decide(the_case, version(registry, name))
    assert raised.value.field == "claims[1].decision_date"
    assert "2015-01-01" in str(raised.value)

"""Seeded generator of realistic synthetic cases for the benchmarks.

`generate_cases(count, seed)` returns the same cases for the same arguments (it draws from its own
`random.Random(seed)`, never from the global generator). Every case passes the service's own input
checks (`case_problems`), so the engine and the baseline see only cases the API would accept.

The mix, per debtor (shares are of draws, the realised shares are printed by the benchmark):
- 1-5 claims (30/25/20/15/10 %), each one allowance and one benefit year; origin mostly
  `definitive` (80 %), else `advance`;
- decision dates from 2023-01-01 up to `as_of` (default 2025-06-30); benefit year = the decision
  year for an advance, one or two years earlier for a definitive claim;
- amounts in integer cents from a few euros to several thousand: about a quarter at or below the
  small-claim threshold of their decision year, a few exactly on the threshold or one cent above;
- events on about a third of the claims: payments (some paying everything), offsets, aanmaningen,
  now and then a dwangbevel or a written claim;
- arrangement request: none 60 %, standard 20 %, personal 20 % (personal always with capacity and
  assets: capacity 0, below or above the standard amount; assets mostly 0);
- ongoing allowances for about 35 % of the debtors (1-3 distinct allowances).

With decision dates from 2023 on, no claim has expired by mid-2025 (the earliest limitation date
is in 2028), so the expiry rule never fires in this mix; everything else does.

Money is integer cents throughout; no float is ever used for an amount.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from service.domain.case import (
    Allowance,
    ArrangementRequest,
    Case,
    Claim,
    Debtor,
    Event,
    OngoingAllowance,
)
from service.domain.validation import case_problems

AS_OF = date(2025, 6, 30)
FIRST_DECISION_DATE = date(2023, 1, 1)

# Small-claim threshold by decision year (collection-rules.md §2), only to put some amounts exactly
# on it or one cent above it; the rules themselves take it from the policy.
THRESHOLD_BY_YEAR = {2023: 10_600, 2024: 11_600, 2025: 11_800}

CLAIM_COUNTS = (1, 2, 3, 4, 5)
CLAIM_COUNT_WEIGHTS = (30, 25, 20, 15, 10)
ALLOWANCES: tuple[Allowance, ...] = (
    "zorgtoeslag",
    "huurtoeslag",
    "kindgebonden_budget",
    "kinderopvangtoeslag",
)
ALLOWANCE_WEIGHTS = (40, 30, 15, 15)
# (lowest, highest) claim amount in cents above the small range, by allowance: childcare
# allowance debts run highest, health-care allowance debts lowest.
LARGE_AMOUNT = {
    "zorgtoeslag": (11_000, 180_000),
    "huurtoeslag": (11_000, 450_000),
    "kindgebonden_budget": (11_000, 350_000),
    "kinderopvangtoeslag": (20_000, 900_000),
}
# Monthly amount of an allowance still being received, in cents.
ONGOING_MONTHLY = {
    "zorgtoeslag": (2_000, 13_100),
    "huurtoeslag": (5_000, 42_000),
    "kindgebonden_budget": (3_000, 45_000),
    "kinderopvangtoeslag": (20_000, 160_000),
}


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _amount(rng: random.Random, allowance: str, decision_year: int) -> int:
    draw = rng.randrange(100)
    threshold = THRESHOLD_BY_YEAR[decision_year]
    if draw < 2:
        return threshold  # exactly on the threshold: not recovered when definitive
    if draw < 4:
        return threshold + 1  # one cent above: recovered
    if draw < 26:
        return rng.randint(300, threshold)  # a few euros up to the threshold
    lowest, highest = LARGE_AMOUNT[allowance]
    if draw < 85:
        return rng.randint(lowest, highest // 3)
    return rng.randint(highest // 3, highest)


def _events(
    rng: random.Random, decision_date: date, amount_cents: int, as_of: date
) -> tuple[Event, ...]:
    if rng.randrange(100) >= 40:
        return ()
    events: list[Event] = []
    due = decision_date + timedelta(days=42)
    later_than_due = due if due <= as_of else decision_date
    kind = rng.randrange(100)
    if kind < 15:
        # Paid in full (sometimes a few euros more, which covers the interest or overpays).
        paid_on = _day_between(rng, decision_date, as_of)
        events.append(
            Event(type="payment", date=paid_on, amount_cents=amount_cents + rng.choice((0, 0, 500)))
        )
    elif kind < 55:
        # One to three partial payments.
        left = amount_cents
        for _ in range(rng.randint(1, 3)):
            if left <= 1:
                break
            part = rng.randint(1, max(1, left // 2))
            events.append(
                Event(
                    type="payment",
                    date=_day_between(rng, decision_date, as_of),
                    amount_cents=part,
                )
            )
            left -= part
    elif kind < 65:
        part = rng.randint(1, max(1, amount_cents // 4))
        events.append(
            Event(type="offset", date=_day_between(rng, decision_date, as_of), amount_cents=part)
        )
    if rng.randrange(100) < 45:
        events.append(Event(type="aanmaning", date=_day_between(rng, later_than_due, as_of)))
        if rng.randrange(100) < 20:
            events.append(Event(type="dwangbevel", date=_day_between(rng, later_than_due, as_of)))
    if rng.randrange(100) < 5:
        events.append(Event(type="written_claim", date=_day_between(rng, decision_date, as_of)))
    events.sort(key=lambda event: event.date)
    return tuple(
        Event(type=event.type, date=event.date, amount_cents=event.amount_cents, id=f"e{index}")
        for index, event in enumerate(events)
    )


def _claim(rng: random.Random, debtor_ref: str, index: int, as_of: date) -> Claim:
    allowance = rng.choices(ALLOWANCES, ALLOWANCE_WEIGHTS)[0]
    decision_date = _day_between(rng, FIRST_DECISION_DATE, as_of)
    advance = rng.randrange(100) < 20
    year = decision_date.year
    amount = _amount(rng, allowance, year)
    return Claim(
        ref=f"{debtor_ref}-C{index + 1}",
        allowance=allowance,
        benefit_year=year if advance else year - rng.choice((1, 1, 2)),
        origin="advance" if advance else "definitive",
        decision_date=decision_date,
        amount_cents=amount,
        events=_events(rng, decision_date, amount, as_of),
    )


def _debtor(rng: random.Random, ref: str) -> Debtor:
    request_draw = rng.randrange(100)
    request: ArrangementRequest
    capacity: int | None = None
    assets: int | None = None
    if request_draw < 60:
        request = "none"
    elif request_draw < 80:
        request = "standard"
    else:
        request = "personal"
    if request == "personal":
        capacity_draw = rng.randrange(100)
        if capacity_draw < 15:
            capacity = 0
        elif capacity_draw < 80:
            capacity = rng.randint(5, 199) * 100  # below the 20 euro minimum and upwards
        else:
            capacity = rng.randint(200, 800) * 100
        assets = 0 if rng.randrange(100) < 75 else rng.randint(1, 2_500_000)
    elif rng.randrange(100) < 10:
        # Some back-offices send capacity and assets with every debtor.
        capacity = rng.randint(0, 500) * 100
        assets = rng.randint(0, 1_000_000)
    ongoing: tuple[OngoingAllowance, ...] = ()
    if rng.randrange(100) < 35:
        kinds = rng.sample(ALLOWANCES, rng.choice((1, 1, 2, 3)))
        ongoing = tuple(
            OngoingAllowance(allowance=kind, monthly_cents=rng.randint(*ONGOING_MONTHLY[kind]))
            for kind in kinds
        )
    return Debtor(
        ref=ref,
        arrangement_request=request,
        monthly_payment_capacity_cents=capacity,
        assets_cents=assets,
        ongoing_allowances=ongoing,
    )


def generate_case(
    rng: random.Random, index: int, as_of: date = AS_OF, claim_count: int | None = None
) -> Case:
    ref = f"D{index:06d}"
    debtor = _debtor(rng, ref)
    count = claim_count or rng.choices(CLAIM_COUNTS, CLAIM_COUNT_WEIGHTS)[0]
    claims = tuple(_claim(rng, ref, position, as_of) for position in range(count))
    case = Case(as_of=as_of, debtor=debtor, claims=claims)
    problems = case_problems(case)
    if problems:  # a generator bug, not a benchmark result
        raise AssertionError(f"generated case {ref} is invalid: {problems}")
    return case


def generate_cases(count: int, seed: int = 20250630, as_of: date = AS_OF) -> list[Case]:
    rng = random.Random(seed)
    return [generate_case(rng, index, as_of) for index in range(count)]


def http_case(seed: int = 7, as_of: date = AS_OF) -> Case:
    """A realistic three-claim case for the HTTP benchmark's request body: the first generated
    three-claim case with an event whose debtor gets a standard arrangement by transfer (no
    ongoing allowances, no personal request), so the body exercises interest on payments and a
    24-instalment-or-less schedule."""
    rng = random.Random(seed)
    for index in range(10_000):
        case = generate_case(rng, index, as_of, claim_count=3)
        debtor = case.debtor
        if (
            debtor.arrangement_request == "none"
            and not debtor.ongoing_allowances
            and any(claim.events for claim in case.claims)
            and all(claim.origin == "definitive" for claim in case.claims)
            and all(claim.amount_cents > 20_000 for claim in case.claims)
        ):
            return case
    raise AssertionError("no suitable three-claim case in 10,000 draws")


def describe(cases: Sequence[Case]) -> dict[str, object]:
    """Counts that show what the generated mix is."""
    claims = [claim for case in cases for claim in case.claims]
    requests: dict[str, int] = {}
    for case in cases:
        requests[case.debtor.arrangement_request] = (
            requests.get(case.debtor.arrangement_request, 0) + 1
        )
    return {
        "debtors": len(cases),
        "claims": len(claims),
        "claims_per_debtor": round(len(claims) / len(cases), 2) if cases else 0.0,
        "advance_share": round(sum(c.origin == "advance" for c in claims) / len(claims), 3),
        "claims_with_events_share": round(sum(bool(c.events) for c in claims) / len(claims), 3),
        "events": sum(len(c.events) for c in claims),
        "arrangement_requests": dict(sorted(requests.items())),
        "with_ongoing_allowances": sum(bool(case.debtor.ongoing_allowances) for case in cases),
    }

"""Claims nearing their limitation date, for the back-office's daily run (M-NO-AUTO-INTERRUPT).

Each debtor with a candidate claim is decided on the stored facts as of the date (nothing is
stored), and the claims whose limitation date falls within the asked window are listed with the
policy's proposal. A claim's limitation date is never earlier than its decision date + the
payment term + the limitation period, so only debtors with a claim decided early enough are read.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, timedelta

import asyncpg
import msgspec

from service.decisions import DecisionService
from service.domain.calendar import add_years
from service.domain.validation import FieldProblem, InvalidCase
from service.store import debtors as debtor_store

_BATCH = 50


@dataclass(frozen=True, slots=True)
class ExpiringClaim:
    debtor_ref: str
    claim_ref: str
    limitation_date: date
    days_left: int
    owed_cents: int
    within_limitation_window: bool
    proposal: str
    policy_version: str


class _Cursor(msgspec.Struct, frozen=True, array_like=True):
    debtor_ref: str
    claim_ref: str


def encode_cursor(debtor_ref: str, claim_ref: str) -> str:
    raw = msgspec.json.encode(_Cursor(debtor_ref, claim_ref))
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        decoded = msgspec.json.decode(raw, type=_Cursor)
    except (ValueError, msgspec.DecodeError) as error:
        raise InvalidCase(
            [FieldProblem("cursor", "is not a cursor from this API", "query")]
        ) from error
    return decoded.debtor_ref, decoded.claim_ref


async def expiring_claims(
    service: DecisionService,
    connection: asyncpg.Connection,
    as_of: date,
    within_days: int,
    limit: int,
    cursor: str | None,
) -> tuple[list[ExpiringClaim], str | None]:
    """One page of claims whose limitation date lies in [as_of, as_of + within_days]."""
    policy = service.choose_policy(as_of, None)
    horizon = as_of + timedelta(days=within_days)
    # limitation_date >= decision_date + term + years, so later decisions cannot be in the window.
    latest = add_years(
        horizon - timedelta(days=policy.integer("payment_term_days")),
        -policy.integer("limitation_years"),
    )
    after = decode_cursor(cursor) if cursor is not None else None
    items: list[ExpiringClaim] = []
    # The cursor's debtor may have more claims after the cursor's claim: read it again.
    start_ref, inclusive = (after[0], True) if after is not None else (None, False)
    while True:
        refs = await debtor_store.debtors_with_claims_decided_by(
            connection, latest, start_ref, inclusive, _BATCH
        )
        for debtor_ref in refs:
            case, chosen = await service.stored_case(connection, debtor_ref, as_of, None)
            decision = service.decide_case(case, chosen)
            for claim in sorted(decision.claims, key=lambda claim: claim.ref):
                if after is not None and (debtor_ref, claim.ref) <= after:
                    continue
                # Only what is still to be collected: not a claim that is not recovered,
                # remitted, paused for a victim, settled or expired.
                if claim.status != "collectible":
                    continue
                if not as_of <= claim.limitation_date <= horizon:
                    continue
                owed = claim.open_cents + claim.interest_cents + claim.costs_cents
                if len(items) == limit:
                    last = items[-1]
                    return items, encode_cursor(last.debtor_ref, last.claim_ref)
                items.append(
                    ExpiringClaim(
                        debtor_ref=debtor_ref,
                        claim_ref=claim.ref,
                        limitation_date=claim.limitation_date,
                        days_left=(claim.limitation_date - as_of).days,
                        owed_cents=owed,
                        within_limitation_window=claim.within_limitation_window,
                        proposal=claim.limitation_proposal,
                        policy_version=decision.policy_version,
                    )
                )
        if len(refs) < _BATCH:
            return items, None
        start_ref, inclusive = refs[-1], False  # the next batch, after the last debtor read

"""The decision service: evaluate a case, decide from stored facts, replay a stored decision.

Controllers call these functions; they raise domain errors (`InvalidCase`, `NotFound`,
`Conflict`, `PolicyDefect`, `EngineFailure`) that the API turns into problem documents.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import asyncpg
import msgspec

from service.decider import CaseOutsidePolicy, Decider
from service.domain.case import (
    MAX_CLAIMS_PER_CASE,
    Case,
    Claim,
    Debtor,
    DebtorEvent,
    Event,
    PauseRequest,
)
from service.domain.decision import Decision
from service.domain.validation import (
    FieldProblem,
    InvalidCase,
    case_problems,
    claim_problems,
    date_problems,
    debtor_event_problems,
    debtor_problems,
)
from service.policy.errors import PolicyDocumentError
from service.policy.loader import parse_policy
from service.policy.model import Policy
from service.policy.registry import PolicyNotFound, PolicyRegistry
from service.rules.work import PolicyDefect
from service.store import debtors as debtor_store
from service.store import decisions as decision_store
from service.store import policies as policy_store
from service.store.debtors import StoredDebtorEvent, StoredEvent
from service.store.decisions import DecisionSummaryRow, StoredDecision


class NotFound(LookupError):
    pass


class Conflict(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Difference:
    path: str
    recorded: Any
    replayed: Any


@dataclass(frozen=True, slots=True)
class Replay:
    stored: StoredDecision
    policy: Policy
    replayed: Decision
    differences: list[Difference]


class DecisionService:
    def __init__(self, registry: PolicyRegistry, decider: Decider) -> None:
        self.registry = registry
        self.decider = decider

    # --- evaluation without storage -----------------------------------------------------------

    def choose_policy(self, as_of: date, pinned: str | None) -> Policy:
        try:
            return self.registry.choose(as_of, pinned)
        except PolicyNotFound as error:
            raise InvalidCase(
                [FieldProblem("policy_version" if pinned else "as_of", str(error))]
            ) from error

    def evaluate(self, case: Case) -> Decision:
        problems = case_problems(case)
        if problems:
            raise InvalidCase(problems)
        return self.decide_case(case, self.choose_policy(case.as_of, case.policy_version))

    def decide_case(self, case: Case, policy: Policy) -> Decision:
        """Decide an already validated case (nothing is stored)."""
        try:
            return self.decider.decide(case, policy)
        except CaseOutsidePolicy as error:
            raise InvalidCase([FieldProblem(error.field, error.message)]) from error

    # --- stored facts -------------------------------------------------------------------------

    async def put_debtor(self, connection: asyncpg.Connection, debtor: Debtor) -> bool:
        problems = debtor_problems(debtor, prefix="")
        if problems:
            raise InvalidCase([FieldProblem(p.field.lstrip("."), p.message) for p in problems])
        return await debtor_store.upsert_debtor(connection, debtor)

    async def put_claim(
        self, connection: asyncpg.Connection, debtor_ref: str, claim: Claim
    ) -> bool:
        problems = claim_problems(claim, prefix="")
        if problems:
            raise InvalidCase([FieldProblem(p.field.lstrip("."), p.message) for p in problems])
        async with connection.transaction():
            # Lock the debtor row: concurrent claim writes for one debtor serialise here, so the
            # claim limit holds.
            locked = await connection.fetchval(
                "SELECT ref FROM debtors WHERE ref = $1 FOR UPDATE", debtor_ref
            )
            if locked is None:
                raise NotFound(f"debtor '{debtor_ref}' does not exist")
            existing = await debtor_store.get_claim(connection, debtor_ref, claim.ref)
            if existing is None:
                if await debtor_store.count_claims(connection, debtor_ref) >= MAX_CLAIMS_PER_CASE:
                    raise InvalidCase(
                        [
                            FieldProblem(
                                "claim_ref",
                                f"debtor '{debtor_ref}' already has {MAX_CLAIMS_PER_CASE} claims, "
                                "the most one decision takes",
                                location="path",
                            )
                        ]
                    )
            else:
                earliest = min((event.date for event in existing.events), default=None)
                if earliest is not None and claim.decision_date > earliest:
                    raise InvalidCase(
                        [
                            FieldProblem(
                                "decision_date",
                                f"is after the event of {earliest.isoformat()} recorded on "
                                "this claim",
                            )
                        ]
                    )
            return await debtor_store.upsert_claim(connection, debtor_ref, claim)

    async def add_event(
        self, connection: asyncpg.Connection, debtor_ref: str, claim_ref: str, event: Event
    ) -> tuple[bool, StoredEvent]:
        claim = await debtor_store.get_claim(connection, debtor_ref, claim_ref)
        if claim is None:
            raise NotFound(f"claim '{claim_ref}' of debtor '{debtor_ref}' does not exist")
        probe = msgspec.structs.replace(claim, events=(event,))
        problems = claim_problems(probe, prefix="")
        if problems:
            raise InvalidCase(
                [FieldProblem(p.field.removeprefix(".events[0]."), p.message) for p in problems]
            )
        created, stored = await debtor_store.add_event(connection, debtor_ref, claim_ref, event)
        if not created and (
            stored.type,
            stored.date,
            stored.amount_cents,
            stored.by,
            stored.reason,
        ) != (event.type, event.date, event.amount_cents, event.by, event.reason):
            raise Conflict(
                f"event '{event.id}' is already recorded on this claim with other content"
            )
        return created, stored

    async def add_debtor_event(
        self, connection: asyncpg.Connection, debtor_ref: str, event: DebtorEvent
    ) -> tuple[bool, StoredDebtorEvent]:
        if await debtor_store.get_debtor(connection, debtor_ref) is None:
            raise NotFound(f"debtor '{debtor_ref}' does not exist")
        problems = debtor_event_problems(event, "")
        if problems:
            raise InvalidCase([FieldProblem(p.field.lstrip("."), p.message) for p in problems])
        created, stored = await debtor_store.add_debtor_event(connection, debtor_ref, event)
        if not created and stored.as_event() != event:
            raise Conflict(
                f"event '{event.id}' is already recorded on this debtor with other content"
            )
        return created, stored

    async def list_debtor_events(
        self, connection: asyncpg.Connection, debtor_ref: str
    ) -> list[StoredDebtorEvent]:
        if await debtor_store.get_debtor(connection, debtor_ref) is None:
            raise NotFound(f"debtor '{debtor_ref}' does not exist")
        return await debtor_store.list_debtor_events(connection, debtor_ref)

    async def stored_case(
        self,
        connection: asyncpg.Connection,
        debtor_ref: str,
        as_of: date,
        pinned: str | None,
        pause_request: PauseRequest | None = None,
    ) -> tuple[Case, Policy]:
        """The case as the stored facts stood on `as_of`, and the policy to decide it under."""
        debtor = await debtor_store.get_debtor(connection, debtor_ref)
        if debtor is None:
            raise NotFound(f"debtor '{debtor_ref}' does not exist")
        policy = self.choose_policy(as_of, pinned)
        claims = await debtor_store.load_claims(connection, debtor_ref, as_of)
        events = await debtor_store.list_debtor_events(connection, debtor_ref, as_of)
        case = Case(
            as_of=as_of,
            debtor=msgspec.structs.replace(
                debtor, events=tuple(event.as_event() for event in events)
            ),
            claims=claims,
            policy_version=pinned,
            pause_request=pause_request,
        )
        problems = case_problems(case)
        if problems:
            raise InvalidCase(problems)
        return case, policy

    async def decide_stored(
        self,
        connection: asyncpg.Connection,
        debtor_ref: str,
        as_of: date,
        pinned: str | None,
    ) -> StoredDecision:
        case, policy = await self.stored_case(connection, debtor_ref, as_of, pinned)
        decision = self.decide_case(case, policy)
        return await decision_store.insert_decision(connection, debtor_ref, case, decision)

    async def request_pause(
        self,
        connection: asyncpg.Connection,
        debtor_ref: str,
        as_of: date,
        request: PauseRequest,
        pinned: str | None,
    ) -> tuple[StoredDecision, StoredDebtorEvent | None]:
        """Decide a pause request on the stored facts and record the decision; a granted pause
        is recorded as a `pause` event, so later decisions see it."""
        # Checked here so the problem names the request's own field, not the case's.
        problems = date_problems(request.start, "start")
        if problems:
            raise InvalidCase(problems)
        async with connection.transaction():
            # One request per debtor at a time: "once per 12 months" must see the other's pause.
            locked = await connection.fetchval(
                "SELECT ref FROM debtors WHERE ref = $1 FOR UPDATE", debtor_ref
            )
            if locked is None:
                raise NotFound(f"debtor '{debtor_ref}' does not exist")
            case, policy = await self.stored_case(connection, debtor_ref, as_of, pinned, request)
            decision = self.decide_case(case, policy)
            stored = await decision_store.insert_decision(connection, debtor_ref, case, decision)
            event = None
            if decision.pause is not None and decision.pause.status == "granted":
                _, event = await debtor_store.add_debtor_event(
                    connection,
                    debtor_ref,
                    DebtorEvent(
                        type="pause",
                        date=request.start,
                        months=request.months,
                        granted_on=as_of,
                        id=f"pause-{stored.id}",
                        by="policy",
                        reason=request.reason,
                    ),
                )
            return stored, event

    async def get_decision(
        self, connection: asyncpg.Connection, decision_id: uuid.UUID
    ) -> StoredDecision:
        stored = await decision_store.get_decision(connection, decision_id)
        if stored is None:
            raise NotFound(f"decision '{decision_id}' does not exist")
        return stored

    async def history(
        self, connection: asyncpg.Connection, debtor_ref: str, limit: int, before: int | None
    ) -> list[DecisionSummaryRow]:
        if await debtor_store.get_debtor(connection, debtor_ref) is None:
            raise NotFound(f"debtor '{debtor_ref}' does not exist")
        return await decision_store.list_decisions(connection, debtor_ref, limit, before)

    async def replay(self, connection: asyncpg.Connection, decision_id: uuid.UUID) -> Replay:
        stored = await self.get_decision(connection, decision_id)
        recorded = stored.decision
        policy = await self._revision(connection, recorded.policy_version, recorded.policy_hash)
        replayed = self.decide_case(stored.input, policy)
        differences = list(
            _differences("", msgspec.to_builtins(recorded), msgspec.to_builtins(replayed))
        )
        return Replay(stored, policy, replayed, differences)

    async def _revision(
        self, connection: asyncpg.Connection, version: str, content_hash: str
    ) -> Policy:
        policy = self.registry.revision(version, content_hash)
        if policy is not None:
            return policy
        found = await policy_store.revision_text(connection, version, content_hash)
        if found is None:
            raise PolicyDefect(f"policy revision {version}#{content_hash[:8]} is not recorded")
        source, text = found
        try:
            policy = parse_policy(text, source, self.registry.file_catalogue)
        except PolicyDocumentError as error:
            raise PolicyDefect(f"recorded revision {version} no longer loads: {error}") from error
        if policy.content_hash != content_hash:
            raise PolicyDefect(f"recorded revision {version} hashes to another value")
        self.registry.remember(policy)
        self.decider.prepare(policy)
        return policy


def _differences(path: str, recorded: Any, replayed: Any) -> Iterator[Difference]:
    """Leaf-level differences between two JSON-like values, with dotted/indexed paths."""
    if isinstance(recorded, dict) and isinstance(replayed, dict):
        for key in sorted(set(recorded) | set(replayed)):
            yield from _differences(
                f"{path}.{key}" if path else key, recorded.get(key), replayed.get(key)
            )
    elif (
        isinstance(recorded, list) and isinstance(replayed, list) and len(recorded) == len(replayed)
    ):
        for index, (left, right) in enumerate(zip(recorded, replayed, strict=True)):
            yield from _differences(f"{path}[{index}]", left, right)
    elif recorded != replayed:
        yield Difference(path or "(decision)", recorded, replayed)

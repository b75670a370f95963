"""Stored facts: debtors, their claims and the events on those claims; decisions on them."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post, put
from litestar.params import JSONBody, QueryParameter

from service.api.common import (
    CONFLICT,
    DECISION_FAILED,
    INVALID,
    MALFORMED,
    NOT_FOUND,
    ClaimRef,
    Connection,
    DebtorRef,
    Service,
    strict_body,
)
from service.api.decisions import decision_record
from service.api.schemas import (
    ClaimBody,
    ClaimView,
    DebtorBody,
    DebtorEventBody,
    DebtorEventList,
    DebtorEventView,
    DebtorView,
    DecisionPage,
    DecisionRecord,
    DecisionRequest,
    DecisionSummary,
    EventBody,
    EventView,
    PauseDecision,
    PauseRequestBody,
)
from service.decisions import NotFound
from service.domain.case import Claim, Debtor, DebtorEvent, Event, PauseRequest
from service.domain.validation import FieldProblem, InvalidCase
from service.store import debtors as debtor_store


def _debtor_view(debtor: Debtor) -> DebtorView:
    return DebtorView(
        ref=debtor.ref,
        arrangement_request=debtor.arrangement_request,
        monthly_payment_capacity_cents=debtor.monthly_payment_capacity_cents,
        assets_cents=debtor.assets_cents,
        ongoing_allowances=debtor.ongoing_allowances,
        income=debtor.income,
        herstel=debtor.herstel,
        signals=debtor.signals,
        immediate_collection_ground=debtor.immediate_collection_ground,
    )


class DebtorController(Controller):
    path = "/v1/debtors"
    tags = ["debtors"]

    @put(
        "/{ref:str}",
        summary="Create or replace a debtor",
        description="201 when the debtor is new, 200 when it replaced a stored one.",
        responses={**INVALID, **MALFORMED},
    )
    async def put_debtor(
        self,
        ref: DebtorRef,
        request: Request[Any, Any, Any],
        data: JSONBody[DebtorBody],
        service: Service,
        connection: Connection,
    ) -> Response[DebtorView]:
        body = await strict_body(request, DebtorBody)
        debtor = Debtor(ref=ref, **msgspec.structs.asdict(body))
        created = await service.put_debtor(connection, debtor)
        return Response(_debtor_view(debtor), status_code=201 if created else 200)

    @get("/{ref:str}", summary="Read a debtor", responses={**NOT_FOUND, **INVALID})
    async def get_debtor(self, ref: DebtorRef, connection: Connection) -> DebtorView:
        debtor = await debtor_store.get_debtor(connection, ref)
        if debtor is None:
            raise NotFound(f"debtor '{ref}' does not exist")
        return _debtor_view(debtor)

    @put(
        "/{ref:str}/claims/{claim_ref:str}",
        summary="Create or replace a claim",
        description=(
            "The claim's facts (its events are kept). 201 when new, 200 when replaced. A debtor "
            "has at most 500 claims."
        ),
        responses={**INVALID, **MALFORMED, **NOT_FOUND},
    )
    async def put_claim(
        self,
        ref: DebtorRef,
        claim_ref: ClaimRef,
        request: Request[Any, Any, Any],
        data: JSONBody[ClaimBody],
        service: Service,
        connection: Connection,
    ) -> Response[ClaimView]:
        body = await strict_body(request, ClaimBody)
        claim = Claim(ref=claim_ref, **msgspec.structs.asdict(body))
        created = await service.put_claim(connection, ref, claim)
        return Response(
            await _claim_view(connection, ref, claim_ref), status_code=201 if created else 200
        )

    @get(
        "/{ref:str}/claims/{claim_ref:str}",
        summary="Read a claim with its events",
        responses={**NOT_FOUND, **INVALID},
    )
    async def get_claim(
        self, ref: DebtorRef, claim_ref: ClaimRef, connection: Connection
    ) -> ClaimView:
        return await _claim_view(connection, ref, claim_ref)

    @post(
        "/{ref:str}/claims/{claim_ref:str}/events",
        summary="Record an event on a claim",
        description=(
            "Idempotent on the event `id`: sending the same event again returns 200 with the "
            "stored event; the same id with other content is a 409."
        ),
        responses={**INVALID, **MALFORMED, **NOT_FOUND, **CONFLICT},
    )
    async def add_event(
        self,
        ref: DebtorRef,
        claim_ref: ClaimRef,
        request: Request[Any, Any, Any],
        data: JSONBody[EventBody],
        service: Service,
        connection: Connection,
    ) -> Response[EventView]:
        body = await strict_body(request, EventBody)
        event = Event(**msgspec.structs.asdict(body))
        created, stored = await service.add_event(connection, ref, claim_ref, event)
        view = EventView(**msgspec.structs.asdict(stored))
        return Response(view, status_code=201 if created else 200)

    @post(
        "/{ref:str}/events",
        summary="Record an event of the debtor's arrangement",
        description=(
            "arrangement_start, instalment_missed, reminder, arrangement_withdrawn, or a pause "
            "(with months). Idempotent on `id` like claim events: the same event again is a 200, "
            "the same id with other content a 409."
        ),
        responses={**INVALID, **MALFORMED, **NOT_FOUND, **CONFLICT},
    )
    async def add_debtor_event(
        self,
        ref: DebtorRef,
        request: Request[Any, Any, Any],
        data: JSONBody[DebtorEventBody],
        service: Service,
        connection: Connection,
    ) -> Response[DebtorEventView]:
        body = await strict_body(request, DebtorEventBody)
        event = DebtorEvent(**msgspec.structs.asdict(body))
        created, stored = await service.add_debtor_event(connection, ref, event)
        view = DebtorEventView(**msgspec.structs.asdict(stored))
        return Response(view, status_code=201 if created else 200)

    @get(
        "/{ref:str}/events",
        summary="The events of the debtor's arrangement, in date order",
        responses={**NOT_FOUND, **INVALID},
    )
    async def list_debtor_events(
        self, ref: DebtorRef, service: Service, connection: Connection
    ) -> DebtorEventList:
        events = await service.list_debtor_events(connection, ref)
        return DebtorEventList(
            items=tuple(DebtorEventView(**msgspec.structs.asdict(event)) for event in events)
        )

    @post(
        "/{ref:str}/pause-requests",
        summary="Ask for a payment pause (M-PAUSE) and record the decision",
        description=(
            "Decides the request on the stored facts as of `as_of` under the policy in force "
            "(or `policy_version`): granted, referred to a collector, or refused, with the "
            "grounds in `decision.pause` and the trace. A granted pause is recorded as a `pause` "
            "event of the debtor, so later decisions move the schedule, waive the interest and "
            "extend limitation. 201 with `Location` of the decision."
        ),
        responses={**INVALID, **MALFORMED, **NOT_FOUND, **DECISION_FAILED},
    )
    async def request_pause(
        self,
        ref: DebtorRef,
        request: Request[Any, Any, Any],
        data: JSONBody[PauseRequestBody],
        service: Service,
        connection: Connection,
    ) -> Response[PauseDecision]:
        body = await strict_body(request, PauseRequestBody)
        pause = PauseRequest(start=body.start, months=body.months, reason=body.reason)
        stored, event = await service.request_pause(
            connection, ref, body.as_of, pause, body.policy_version
        )
        return Response(
            PauseDecision(
                decision=decision_record(stored),
                pause_event=DebtorEventView(**msgspec.structs.asdict(event)) if event else None,
            ),
            status_code=201,
            headers={"Location": f"/v1/decisions/{stored.id}"},
        )

    @post(
        "/{ref:str}/decisions",
        summary="Decide from the stored facts and record the decision",
        description=(
            "Takes the debtor's claims decided on or before `as_of` and their events dated on or "
            "before it, decides, and appends the decision to the log. 201 with `Location`."
        ),
        responses={**INVALID, **MALFORMED, **NOT_FOUND, **DECISION_FAILED},
    )
    async def decide(
        self,
        ref: DebtorRef,
        request: Request[Any, Any, Any],
        data: JSONBody[DecisionRequest],
        service: Service,
        connection: Connection,
    ) -> Response[DecisionRecord]:
        body = await strict_body(request, DecisionRequest)
        stored = await service.decide_stored(connection, ref, body.as_of, body.policy_version)
        return Response(
            decision_record(stored),
            status_code=201,
            headers={"Location": f"/v1/decisions/{stored.id}"},
        )

    @get(
        "/{ref:str}/decisions",
        summary="The debtor's decisions, newest first",
        description=(
            "Pages of at most `limit` decisions; pass `next_cursor` as `cursor` for the next page."
        ),
        responses={**INVALID, **NOT_FOUND},
    )
    async def history(
        self,
        ref: DebtorRef,
        service: Service,
        connection: Connection,
        limit: Annotated[int, QueryParameter(ge=1, le=100, description="Page size")] = 20,
        cursor: Annotated[
            str | None, QueryParameter(description="`next_cursor` of the previous page")
        ] = None,
    ) -> DecisionPage:
        before = None
        if cursor is not None:
            if not cursor.isdigit():
                raise InvalidCase(
                    [FieldProblem("cursor", "is not a cursor from this API", "query")]
                )
            before = int(cursor)
        rows = await service.history(connection, ref, limit + 1, before)
        page = rows[:limit]
        return DecisionPage(
            items=tuple(
                DecisionSummary(
                    id=row.id,
                    href=f"/v1/decisions/{row.id}",
                    decided_at=row.decided_at,
                    as_of=row.as_of,
                    policy_version=row.policy_version,
                    outcome=row.outcome,
                    requires_review=row.requires_review,
                )
                for row in page
            ),
            next_cursor=str(page[-1].seq) if len(rows) > limit else None,
        )


async def _claim_view(connection: Connection, debtor_ref: DebtorRef, claim_ref: str) -> ClaimView:
    claim = await debtor_store.get_claim(connection, debtor_ref, claim_ref, with_events=False)
    if claim is None:
        raise NotFound(f"claim '{claim_ref}' of debtor '{debtor_ref}' does not exist")
    events = await debtor_store.list_events(connection, debtor_ref, claim_ref)
    return ClaimView(
        debtor_ref=debtor_ref,
        ref=claim.ref,
        allowance=claim.allowance,
        benefit_year=claim.benefit_year,
        origin=claim.origin,
        decision_date=claim.decision_date,
        amount_cents=claim.amount_cents,
        events=tuple(EventView(**msgspec.structs.asdict(event)) for event in events),
    )

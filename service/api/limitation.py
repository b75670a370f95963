"""Claims nearing their limitation date (M-NO-AUTO-INTERRUPT), for the back-office's daily run."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Controller, get
from litestar.params import QueryParameter

from service.api.common import DECISION_FAILED, INVALID, Connection, Service
from service.api.schemas import ExpiringClaimPage, ExpiringClaimView
from service.domain.validation import FieldProblem, InvalidCase, date_problems
from service.expiring import expiring_claims


class LimitationController(Controller):
    path = "/v1/limitation"
    tags = ["limitation"]

    @get(
        "/expiring",
        summary="Stored claims whose limitation date falls within the next N days",
        description=(
            "Decides each debtor with a candidate claim on the stored facts as of `as_of` "
            "(nothing is stored) and lists the claims still to be collected (status "
            "`collectible`: recovered, not remitted or paused, unexpired, something owed) "
            "whose limitation date lies between `as_of` and `as_of` + `within_days`, ordered by "
            "debtor and claim, with what is owed (principal, interest and costs) and the "
            "policy's proposal: `let_expire`, `interrupt` (a collector "
            "confirms), `collector_decides`, or - under the legacy version - "
            "`interrupt_automatically`. A claim beyond the policy's own look-ahead window has "
            "proposal `none`. Pass `next_cursor` as `cursor` for the next page. A collector's "
            "interruption is recorded as a claim event of type `interruption` with `by` and "
            "`reason`."
        ),
        responses={**INVALID, **DECISION_FAILED},
    )
    async def expiring(
        self,
        service: Service,
        connection: Connection,
        as_of: Annotated[date, QueryParameter(description="The day of the run")],
        within_days: Annotated[
            int, QueryParameter(ge=0, le=3660, description="Look-ahead in days")
        ] = 180,
        limit: Annotated[int, QueryParameter(ge=1, le=500, description="Page size")] = 100,
        cursor: Annotated[
            str | None, QueryParameter(description="`next_cursor` of the previous page")
        ] = None,
    ) -> ExpiringClaimPage:
        problems = date_problems(as_of, "as_of")
        if problems:
            raise InvalidCase([FieldProblem(p.field, p.message, "query") for p in problems])
        try:
            items, next_cursor = await expiring_claims(
                service, connection, as_of, within_days, limit, cursor
            )
        except InvalidCase as error:
            # The date is a query parameter here; a stored debtor's own problems keep theirs.
            raise InvalidCase(
                [
                    FieldProblem(p.field, p.message, "query") if p.field == "as_of" else p
                    for p in error.problems
                ]
            ) from error
        return ExpiringClaimPage(
            as_of=as_of,
            within_days=within_days,
            items=tuple(
                ExpiringClaimView(
                    debtor_ref=item.debtor_ref,
                    claim_ref=item.claim_ref,
                    limitation_date=item.limitation_date,
                    days_left=item.days_left,
                    owed_cents=item.owed_cents,
                    within_limitation_window=item.within_limitation_window,
                    proposal=item.proposal,
                    policy_version=item.policy_version,
                    debtor_href=f"/v1/debtors/{item.debtor_ref}",
                )
                for item in items
            ),
            next_cursor=next_cursor,
        )

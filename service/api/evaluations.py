"""POST /v1/evaluations: decide a case without storing anything."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, post
from litestar.params import JSONBody

from service.api.common import DECISION_FAILED, INVALID, MALFORMED, Service, strict_body
from service.domain.case import Case
from service.domain.decision import Decision


class EvaluationController(Controller):
    path = "/v1/evaluations"
    tags = ["evaluations"]

    @post(
        "/",
        status_code=200,
        summary="Evaluate a case",
        description=(
            "Decides a repayment plan for a debtor's claims as of `as_of` under the policy "
            "version in force then (or the one pinned in `policy_version`). Nothing is stored. "
            "`outcome` is an open enumeration: today offset, standard_arrangement, "
            "personal_arrangement, no_further_measures, immediate_collection, paused_herstel, "
            "not_recovered or nothing_due; later policy versions may add values. `summary` "
            "{nl, en} says in a few sentences what the decision means for the debtor, ready for "
            "a letter."
        ),
        responses={**INVALID, **MALFORMED, **DECISION_FAILED},
    )
    async def evaluate(
        self, request: Request[Any, Any, Any], data: JSONBody[Case], service: Service
    ) -> Decision:
        return service.evaluate(await strict_body(request, Case))

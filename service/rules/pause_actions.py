"""Payment pause (betaalpauze, M-PAUSE, collection-rules.md §9): the debtor_terms actions.

A requested pause is granted, sent to a collector, or refused. The grounds for the last two come
from the rule (`args.ground`), so each ground has its own rule, condition and explanation.
"""

from __future__ import annotations

from typing import Literal

from service.domain.case import PauseRequest
from service.domain.debtor_history import pause_period
from service.domain.decision import PauseVerdict
from service.domain.limitation import Postponement
from service.policy.model import Rule
from service.rules.explain import Localized, Variable
from service.rules.registry import action
from service.rules.work import ClaimWork, DecisionWork, PolicyDefect

REASON_TEXT = {
    "loss_of_income": Localized("inkomensverlies", "loss of income"),
    "separation": Localized("een scheiding", "a separation"),
    "death_of_partner": Localized("het overlijden van de partner", "the death of a partner"),
    "illness": Localized("ziekte", "illness"),
    "other": Localized("een andere reden", "another reason"),
}
GROUNDS = (
    "reason_other",
    "too_long",
    "too_soon",
    "backdated",
    "too_far_ahead",
    "no_arrangement",
    "not_in_policy",
)
_VARIABLES = {"start", "months", "end", "reason"}


def _request(work: DecisionWork, rule: Rule) -> PauseRequest:
    request = work.case.pause_request
    if request is None:
        raise PolicyDefect(f"{rule.id} decides a pause but the case asks for none")
    return request


def _variables(request: PauseRequest, period: Postponement) -> dict[str, Variable]:
    return {
        "start": request.start,
        "months": request.months,
        "end": period.last,
        "reason": REASON_TEXT[request.reason],
    }


def _record(
    work: DecisionWork,
    rule: Rule,
    status: Literal["granted", "referred", "refused"],
    ground: str | None,
) -> dict[str, Variable]:
    request = _request(work, rule)
    period = pause_period(request.start, request.months)
    earlier = work.pause
    if earlier is not None and "granted" in (earlier.status, status):
        raise PolicyDefect(
            f"{rule.id} decides the pause '{status}' but it was already '{earlier.status}': "
            "the conditions of the pause rules overlap"
        )
    grounds = (*earlier.grounds, ground) if earlier is not None else (ground,)
    # Refused outranks referred: a collector cannot pause an arrangement that does not exist.
    if earlier is not None and earlier.status == "refused":
        status = "refused"
    work.pause = PauseVerdict(
        status=status,
        start=request.start,
        months=request.months,
        end=period.last,
        reason=request.reason,
        grounds=tuple(g for g in grounds if g is not None),
    )
    if status == "granted":
        work.pauses.append(period)
        work.pauses.sort(key=lambda pause: pause.first)
    return _variables(request, period)


@action(
    "grant_pause",
    stage="debtor_terms",
    summary="Grant the requested payment pause: no instalments, interest or reminders during "
    "it; the schedule moves by its length and limitation is extended (postponement).",
    variables=_VARIABLES,
)
def grant_pause(work: DecisionWork, subject: ClaimWork | None, rule: Rule) -> dict[str, Variable]:
    return _record(work, rule, "granted", None)


@action(
    "refer_pause",
    stage="debtor_terms",
    summary="Send the requested payment pause to a collector, with the ground.",
    variables=_VARIABLES,
    args={"ground": GROUNDS},
)
def refer_pause(work: DecisionWork, subject: ClaimWork | None, rule: Rule) -> dict[str, Variable]:
    return _record(work, rule, "referred", str(rule.args["ground"]))


@action(
    "refuse_pause",
    stage="debtor_terms",
    summary="Refuse the requested payment pause, with the ground.",
    variables=_VARIABLES,
    args={"ground": GROUNDS},
)
def refuse_pause(work: DecisionWork, subject: ClaimWork | None, rule: Rule) -> dict[str, Variable]:
    return _record(work, rule, "refused", str(rule.args["ground"]))

"""Interest waivers (collection-rules.md §6, §11): claim_terms actions that run after the balance.

Each waiver adds the days on which no interest accrues; once every waiver of the stage has run,
the balances are read again and each waiver reports the amount it waived: the interest the open
principal would have earned on its days. Waivers run in the policy's order, so where two overlap
(a pause inside a complied arrangement) the second waives only the days the first left.
"""

from __future__ import annotations

from datetime import date, timedelta

from service.domain.calendar import add_days
from service.domain.case import PAYING_EVENTS
from service.domain.interest import ClaimBalance, Exemption
from service.policy.model import Rule
from service.rules.explain import Later, Localized, Money, Variable, format_date
from service.rules.registry import ParameterNeed, action
from service.rules.work import ClaimWork, DecisionWork, claim_subject

WAIVER_VARIABLES = {"waived", "interest", "periods", "days"}


def _period_text(exemption: Exemption, as_of: date, language: str) -> str:
    first = format_date(exemption.first, language)
    if exemption.last >= as_of:  # still running: interest is only ever counted up to as_of
        return f"vanaf {first}" if language == "nl" else f"from {first}"
    last = format_date(exemption.last, language)
    return f"{first} tot en met {last}" if language == "nl" else f"{first} to {last}"


def _periods_text(exemptions: list[Exemption], as_of: date) -> Localized:
    if not exemptions:
        return Localized("geen periode", "no period")
    return Localized(
        ", ".join(_period_text(e, as_of, "nl") for e in exemptions),
        ", ".join(_period_text(e, as_of, "en") for e in exemptions),
    )


def waive(
    work: DecisionWork, claim: ClaimWork, rule: Rule, ground: str, exemptions: list[Exemption]
) -> dict[str, Variable]:
    """Add the exemptions on this ground. The amount they waive — the interest the open
    principal would have earned on those days (days another waiver already covers stay with that
    waiver) — is read when the stage's balances are read again, after every waiver."""
    work.exempt(claim, [Exemption(e.first, e.last, ground) for e in exemptions])

    def balance() -> ClaimBalance:
        return claim.require_balance(rule.id)

    return {
        "waived": Later(lambda: Money(balance().waived_for(ground)[0])),
        "interest": Later(lambda: Money(balance().interest_cents)),
        "periods": _periods_text(exemptions, work.case.as_of),
        "days": Later(lambda: balance().waived_for(ground)[1]),
    }


@action(
    "waive_interest_during_arrangement",
    stage="claim_terms",
    summary="No interest while the debtor's arrangement is complied with: from its start while "
    "it runs; a withdrawn one until the instalment missed before the withdrawal.",
    variables=WAIVER_VARIABLES,
)
def waive_interest_during_arrangement(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    claim = claim_subject(subject, rule.id)
    complied = work.history.complied
    return waive(work, claim, rule, "arrangement", [Exemption(a, b) for a, b in complied])


@action(
    "waive_interest_during_pause",
    stage="claim_terms",
    summary="No interest during a granted payment pause.",
    variables=WAIVER_VARIABLES,
)
def waive_interest_during_pause(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    claim = claim_subject(subject, rule.id)
    exemptions = [Exemption(pause.first, pause.last) for pause in work.pauses]
    return waive(work, claim, rule, "pause", exemptions)


def restart_term_end(work: DecisionWork, claim: ClaimWork) -> date | None:
    """The last day of the Awir 29a restart term: the latest restart letter + the term, plus
    the extensions granted (at most the policy's maximum)."""
    letters = [event.date for event in claim.claim.events if event.type == "restart_letter"]
    if not letters:
        return None
    extensions = sum(1 for event in claim.claim.events if event.type == "restart_extension")
    extensions = min(extensions, work.policy.integer("restart_max_extensions"))
    return add_days(
        max(letters),
        work.policy.integer("restart_term_days")
        + extensions * work.policy.integer("restart_extension_days"),
    )


@action(
    "waive_interest_on_restart",
    stage="claim_terms",
    summary="Awir 29a: no interest on a claim paid in full within the restart term (the letter "
    "announcing the restart + the term, plus extensions). While the term runs the waiver holds "
    "provisionally; a claim still open after it carries its interest.",
    variables=WAIVER_VARIABLES | {"term_end", "outcome"},
    parameters=(
        ParameterNeed("restart_term_days", "days"),
        ParameterNeed("restart_extension_days", "days"),
        ParameterNeed("restart_max_extensions", "count"),
    ),
)
def waive_interest_on_restart(
    work: DecisionWork, subject: ClaimWork | None, rule: Rule
) -> dict[str, Variable]:
    claim = claim_subject(subject, rule.id)
    term_end = restart_term_end(work, claim)
    assert term_end is not None, "the rule's condition requires a restart letter"
    paid_by_term_end = sum(
        event.amount_cents or 0
        for event in claim.claim.events
        if event.type in PAYING_EVENTS and event.date <= term_end
    )
    paid_in_full = paid_by_term_end >= claim.claim.amount_cents
    term_running = work.case.as_of <= term_end
    if paid_in_full or term_running:
        exemption = Exemption(claim.require_due_date(rule.id) + timedelta(days=1), term_end)
        variables = waive(work, claim, rule, "restart", [exemption])
        outcome = (
            Localized("volledig betaald binnen de termijn", "paid in full within the term")
            if paid_in_full
            else Localized(
                "de termijn loopt nog; betaalt u vóór het einde, dan blijft de rente weg",
                "the term still runs; if you pay before it ends, no interest is charged",
            )
        )
    else:
        variables = waive(work, claim, rule, "restart", [])
        outcome = Localized(
            "niet volledig betaald binnen de termijn: de rente blijft verschuldigd",
            "not paid in full within the term: the interest stays due",
        )
    return {**variables, "term_end": term_end, "outcome": outcome}

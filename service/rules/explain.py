"""Explanation templates: "{name}" placeholders filled with typed values, in Dutch and English.

Only bare names are substituted (no attribute access, no format specs), so a template cannot
reach into the program; the loader checks every name against the action's declared variables.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from service.domain.money import format_basis_points, format_euro

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_STRAY_BRACE = re.compile(r"[{}]")

MONTHS = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


class Money(int):
    """An amount in cents that renders as euros."""


class Rate(int):
    """A rate in basis points that renders as a percentage."""


@dataclass(frozen=True, slots=True)
class Localized:
    nl: str
    en: str


@dataclass(frozen=True, slots=True)
class Later:
    """A value known only once every action of the stage has run (an interest waiver's amount
    is known when the balance is read again with all of the stage's waivers)."""

    get: Callable[[], Variable]


Variable = int | str | date | Localized | Later


def format_date(day: date, language: str) -> str:
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"


_YES_NO = {"nl": ("nee", "ja"), "en": ("no", "yes")}


def _localized(value: Localized, language: str) -> str:
    return value.nl if language == "nl" else value.en


def _yes_no(value: bool, language: str) -> str:
    return _YES_NO[language][value]


def _plain(value: object, language: str) -> str:
    return str(value)


# By exact type: explanations are rendered for every fired rule in two languages, so this is a
# hot path; one dictionary lookup replaces a chain of isinstance checks.
_RENDERERS: dict[type, Callable[[Any, str], str]] = {
    Money: format_euro,
    Rate: format_basis_points,
    bool: _yes_no,
    date: format_date,
    Localized: _localized,
    Later: lambda value, language: render_value(value.get(), language),
}


def render_value(value: Variable, language: str) -> str:
    return _RENDERERS.get(type(value), _plain)(value, language)


def placeholders(template: str) -> set[str]:
    return set(PLACEHOLDER.findall(template))


def template_problem(template: str) -> str | None:
    """Why a template is malformed (a brace that is not part of a placeholder), or None."""
    if _STRAY_BRACE.search(PLACEHOLDER.sub("", template)):
        return "has a '{' or '}' that is not part of a {name} placeholder"
    return None


_NOTHING: Mapping[str, Variable] = {}


@dataclass(frozen=True, slots=True)
class Template:
    """A template compiled once: a format string with positional fields, and the names."""

    pattern: str
    names: tuple[str, ...]
    language: str

    @classmethod
    def compile(cls, text: str, language: str) -> Template:
        parts = PLACEHOLDER.split(text)
        # Literal text cannot hold braces (the loader refuses stray ones), so it is safe inside
        # a format string as it is.
        pattern = "".join(part if index % 2 == 0 else "{}" for index, part in enumerate(parts))
        return cls(pattern, tuple(parts[1::2]), language)

    def render(
        self, variables: Mapping[str, Variable], fallback: Mapping[str, Variable] = _NOTHING
    ) -> str:
        """Fill the template from `variables`, or else from `fallback` (the parameters)."""
        language = self.language
        values = [variables[name] if name in variables else fallback[name] for name in self.names]
        return self.pattern.format(
            *[_RENDERERS.get(type(value), _plain)(value, language) for value in values]
        )


def render(template: str, variables: Mapping[str, Variable], language: str) -> str:
    return Template.compile(template, language).render(variables)

"""RFC 9457 problem details for every error the API returns.

Bad input gets a 4xx whose `errors` name each field (`claims[2].decision_date`); an unexpected
failure gets a 500 without internals, and is logged with its traceback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any, Literal, TypeVar

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException

from service.decisions import Conflict, NotFound
from service.domain.validation import FieldProblem, InvalidCase
from service.engine import EngineFailure
from service.policy.msgspec_paths import problem_path
from service.rules.work import PolicyDefect

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
T = TypeVar("T")

# slug -> (title, what it means); served at /problems/{slug} so `type` URIs resolve.
PROBLEM_TYPES: dict[str, tuple[str, str]] = {
    "validation-error": (
        "The request is not valid",
        "A field is missing, unknown, of the wrong type or out of range, or the values do not "
        "fit together. `errors` names every field and what is wrong with it. Nothing was stored.",
    ),
    "malformed-json": ("The body is not valid JSON", "The request body could not be parsed."),
    "payload-too-large": (
        "The body is too large",
        "Request bodies are limited to 1 MiB. Split the case or send fewer claims.",
    ),
    "not-found": ("Not found", "The resource does not exist."),
    "method-not-allowed": ("Method not allowed", "The resource does not support this method."),
    "conflict": (
        "Conflict",
        "The request conflicts with what is stored, e.g. an event id reused for another event "
        "or a measure id that is already catalogued.",
    ),
    "decision-failed": (
        "The decision could not be made",
        "The rules engine or the policy version failed on this case. Nothing was stored; the "
        "failure is logged for the maintainers.",
    ),
    "service-unavailable": ("Service unavailable", "A dependency (the database) is not ready."),
    "internal-error": ("Internal error", "An unexpected error; it is logged."),
    "http-error": ("HTTP error", "The request could not be served."),
}

Location = Literal["body", "query", "path", "header"]


class FieldError(msgspec.Struct, frozen=True, kw_only=True):
    field: str
    message: str
    location: Location = "body"


class ProblemDocument(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """An RFC 9457 problem document."""

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: tuple[FieldError, ...] = ()


class ApiProblem(Exception):
    """Raised by controllers and services; rendered as a problem document."""

    def __init__(
        self,
        status: int,
        slug: str,
        detail: str | None = None,
        errors: Sequence[FieldError] = (),
    ) -> None:
        super().__init__(detail or slug)
        self.status = status
        self.slug = slug
        self.detail = detail
        self.errors = tuple(errors)


def _location(value: str) -> Location:
    return value if value in ("body", "query", "path", "header") else "body"  # type: ignore[return-value]


def invalid(problems: Sequence[FieldProblem]) -> ApiProblem:
    errors = [
        FieldError(field=p.field, message=p.message, location=_location(p.location))
        for p in problems
    ]
    return ApiProblem(422, "validation-error", _summary(errors), errors)


def _summary(errors: Sequence[FieldError]) -> str:
    shown = "; ".join(f"{error.field}: {error.message}" for error in errors[:5])
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return f"{shown}{more}"


def problem_response(request: Request[Any, Any, Any], problem: ApiProblem) -> Response[Any]:
    title, _ = PROBLEM_TYPES.get(problem.slug, PROBLEM_TYPES["http-error"])
    document = ProblemDocument(
        type=f"/problems/{problem.slug}",
        title=title,
        status=problem.status,
        detail=problem.detail,
        instance=request.url.path,
        errors=problem.errors,
    )
    return Response(
        content=document,
        status_code=problem.status,
        media_type=PROBLEM_JSON,
    )


def _from_validation(exception: ValidationException) -> ApiProblem:
    """Litestar's validation errors, with the field path relative to where it was sent."""
    errors = []
    for item in exception.extra if isinstance(exception.extra, list) else []:
        if not isinstance(item, dict):
            continue
        source = item.get("source", "body")
        location = _location(str(getattr(source, "value", source)))  # Litestar's ParamType
        key = str(item.get("key", ""))
        # Litestar names the body as a whole "data"; the client's body is the root.
        key = "" if location == "body" and key == "data" else key
        path, message = problem_path(str(item.get("message", "invalid")), root=key)
        path = "(body)" if path == "(document)" else path
        errors.append(FieldError(field=path, message=message, location=location))
    if not errors:
        # A missing parameter comes without `extra`; its name is only in the message.
        missing = _MISSING.match(str(exception.detail))
        if missing is not None:
            errors.append(
                FieldError(
                    field=missing["name"], message="is required", location=_location(missing["in"])
                )
            )
        else:
            errors.append(FieldError(field="(body)", message=str(exception.detail)))
    return ApiProblem(422, "validation-error", _summary(errors), errors)


_MISSING = re.compile(
    r"Missing required (?P<in>query|path|header|cookie) parameter '(?P<name>[^']+)'"
)


def decode_strictly(body: bytes, model: type[T]) -> T:
    """Decode a body strictly: a string is not a number and a float is not an integer.

    Litestar converts bodies with msgspec's lenient mode (it would take "150000" for 150000); the
    API's inputs are typed exactly, so bodies are decoded once more, strictly.
    """
    try:
        return msgspec.json.decode(body, type=model)
    except msgspec.ValidationError as error:
        path, message = problem_path(str(error))
        field = FieldError(field=path if path != "(document)" else "(body)", message=message)
        raise ApiProblem(422, "validation-error", f"{field.field}: {message}", [field]) from error
    except msgspec.DecodeError as error:
        raise malformed(str(error)) from error


def malformed(reason: str) -> ApiProblem:
    """A body that is not JSON: the body as a whole is the field that is wrong."""
    errors = [FieldError(field="(body)", message=f"is not valid JSON: {reason}")]
    return ApiProblem(400, "malformed-json", _summary(errors), errors)


_SLUG_BY_STATUS = {
    400: "malformed-json",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "payload-too-large",
    503: "service-unavailable",
}


def handle_exception(request: Request[Any, Any, Any], exception: Exception) -> Response[Any]:
    if isinstance(exception, ApiProblem):
        problem = exception
    elif isinstance(exception, InvalidCase):
        problem = invalid(exception.problems)
    elif isinstance(exception, NotFound):
        problem = ApiProblem(404, "not-found", str(exception))
    elif isinstance(exception, Conflict):
        problem = ApiProblem(409, "conflict", str(exception))
    elif isinstance(exception, PolicyDefect):
        log.error("policy defect on %s: %s", request.url.path, exception)
        problem = ApiProblem(500, "decision-failed", f"policy defect: {exception}")
    elif isinstance(exception, EngineFailure):
        log.error("engine failure on %s: %s", request.url.path, exception)
        problem = ApiProblem(500, "decision-failed", "the rules engine failed on this case")
    elif isinstance(exception, ValidationException):
        problem = _from_validation(exception)
    elif isinstance(exception, HTTPException):
        # Litestar raises a 400 only when it cannot parse a body (validation errors are
        # ValidationException, handled above), so a 400 here is malformed JSON.
        status = exception.status_code
        if status == 400:
            problem = malformed(str(exception.detail))
        else:
            problem = ApiProblem(
                status, _SLUG_BY_STATUS.get(status, "http-error"), str(exception.detail)
            )
    else:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        problem = ApiProblem(500, "internal-error", "An unexpected error occurred; it is logged.")
    return problem_response(request, problem)

"""Shared pieces of the controllers: dependencies, path checks and documented error responses."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated, Any, TypeVar

import asyncpg
from litestar import Request
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import PathParameter

from service.api.problems import ProblemDocument, decode_strictly
from service.catalogue import CatalogueService
from service.decisions import DecisionService

REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
T = TypeVar("T")

# Path identifiers follow the same rule as refs in bodies.
DebtorRef = Annotated[
    str, PathParameter(pattern=REF_PATTERN, max_length=64, description="The debtor's ref")
]
ClaimRef = Annotated[
    str, PathParameter(pattern=REF_PATTERN, max_length=64, description="The claim's ref")
]
Service = NamedDependency[DecisionService]
Measures = NamedDependency[CatalogueService]
Connection = NamedDependency[asyncpg.Connection]


def provide_service(state: State) -> DecisionService:
    service: DecisionService = state.runtime.service
    return service


def provide_measures(state: State) -> CatalogueService:
    catalogue: CatalogueService = state.runtime.catalogue
    return catalogue


async def provide_connection(state: State) -> AsyncGenerator[asyncpg.Connection, None]:
    async with state.runtime.pool.acquire() as connection:
        yield connection


async def strict_body(request: Request[Any, Any, Any], model: type[T]) -> T:
    """The request body decoded strictly (see `decode_strictly`).

    Handlers still declare `data: JSONBody[Model]`: it documents the body in the OpenAPI
    document and rejects malformed JSON early; the value they use is this strict one.
    """
    return decode_strictly(await request.body(), model)


def _problem(description: str) -> ResponseSpec:
    return ResponseSpec(
        data_container=ProblemDocument,
        description=description,
        media_type="application/problem+json",
        generate_examples=False,
    )


INVALID = {422: _problem("Validation error: `errors` names every field. Nothing was stored.")}
MALFORMED = {
    400: _problem("The body is not valid JSON."),
    413: _problem("The body is larger than 1 MiB."),
}
NOT_FOUND = {404: _problem("The resource does not exist.")}
CONFLICT = {409: _problem("Conflicts with what is stored.")}
DECISION_FAILED = {500: _problem("The rules engine or policy failed; nothing was stored.")}
UNAVAILABLE = {503: _problem("The database is not reachable.")}

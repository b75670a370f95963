"""Liveness and readiness."""

from __future__ import annotations

from litestar import Controller, Response, get
from litestar.datastructures import State
from litestar.params import FromPath

from service.api.common import NOT_FOUND, UNAVAILABLE
from service.api.problems import PROBLEM_TYPES, ApiProblem
from service.api.schemas import Health, Readiness
from service.decisions import NotFound


class HealthController(Controller):
    path = "/health"
    tags = ["health"]

    @get("/live", summary="The process is up")
    async def live(self) -> Health:
        return Health(status="ok")

    @get(
        "/ready", summary="The database answers and the policies are loaded", responses=UNAVAILABLE
    )
    async def ready(self, state: State) -> Readiness:
        runtime = state.runtime
        try:
            async with runtime.pool.acquire(timeout=2) as connection:
                await connection.fetchval("SELECT 1")
        except Exception as error:  # any failure to reach the database means not ready
            raise ApiProblem(503, "service-unavailable", f"database: {error}") from error
        return Readiness(
            status="ready",
            database="ok",
            database_origin=runtime.server.origin if runtime.server else "unknown",
            policy_versions=tuple(p.version for p in runtime.service.registry.policies),
        )


class ProblemTypeController(Controller):
    path = "/problems"
    tags = ["problems"]

    @get("/{slug:str}", summary="What a problem type means", responses=NOT_FOUND)
    async def problem_type(self, slug: FromPath[str]) -> Response[dict[str, str]]:
        if slug not in PROBLEM_TYPES:
            raise NotFound(f"no problem type '{slug}'")
        title, description = PROBLEM_TYPES[slug]
        return Response({"type": f"/problems/{slug}", "title": title, "description": description})

"""The Litestar application."""

from __future__ import annotations

import logging

import msgspec
from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import OpenAPI, Schema, Tag

from service.api.bench import echo
from service.api.common import provide_connection, provide_measures, provide_service
from service.api.debtors import DebtorController
from service.api.decisions import DecisionController
from service.api.evaluations import EvaluationController
from service.api.health import HealthController, ProblemTypeController
from service.api.limitation import LimitationController
from service.api.policies import MeasureController, PolicyController
from service.api.problems import handle_exception
from service.api.schemas import ClaimBody, DebtorBody, DecisionRequest, EventBody, MeasureBody
from service.config import Settings
from service.domain.case import Case, Claim, Debtor, Event, OngoingAllowance
from service.engine import RulesEngine
from service.policy.measures import MeasureName
from service.runtime import Runtime

API_VERSION = "1.0.0"

DESCRIPTION = """\
Applies Dienst Toeslagen's collection strategy for allowance debts (invordering van
toeslagschulden) as versioned policies and decides a repayment plan for a debtor's claims, with
every fired rule, its legal basis and a plain explanation in Dutch and English.

Money is in integer euro cents, dates are ISO 8601 calendar dates. Errors are RFC 9457 problem
documents (`application/problem+json`) whose `errors` name every field.
"""


def create_app(settings: Settings | None = None, engine: RulesEngine | None = None) -> Litestar:
    """The application; `engine` defaults to the durable-rules adapter."""
    settings = settings or Settings.from_env()
    runtime = Runtime(settings, engine)
    handlers: list[object] = [
        EvaluationController,
        DebtorController,
        DecisionController,
        LimitationController,
        PolicyController,
        MeasureController,
        HealthController,
        ProblemTypeController,
    ]
    if settings.benchmark_endpoints:
        handlers.append(echo)
    app = Litestar(
        route_handlers=handlers,  # type: ignore[arg-type]
        dependencies={
            "service": Provide(provide_service, sync_to_thread=False),
            "measures": Provide(provide_measures, sync_to_thread=False),
            "connection": Provide(provide_connection),
        },
        exception_handlers={Exception: handle_exception},
        lifespan=[runtime.lifespan],
        state=State({"runtime": runtime}),
        request_max_body_size=settings.max_body_bytes,
        openapi_config=OpenAPIConfig(
            title="Toeslagen collection-strategy rules service",
            version=API_VERSION,
            description=DESCRIPTION,
            path="/schema",
            render_plugins=[SwaggerRenderPlugin()],
            tags=[
                Tag(name="evaluations", description="Decide a case without storing it"),
                Tag(name="debtors", description="Stored debtors, claims, events and decisions"),
                Tag(name="decisions", description="The append-only decision log"),
                Tag(name="policies", description="Policy versions and the measure catalogue"),
                Tag(name="health", description="Liveness and readiness"),
                Tag(name="problems", description="What each problem document type means"),
            ],
        ),
        logging_config=None,
    )
    _mark_closed_bodies(app.openapi_schema)
    return app


# Responses stay open in the document: later versions may add response fields.
REQUEST_BODIES: tuple[type[msgspec.Struct], ...] = (
    Case,
    Debtor,
    Claim,
    Event,
    OngoingAllowance,
    DebtorBody,
    ClaimBody,
    EventBody,
    DecisionRequest,
    MeasureBody,
    MeasureName,
)


def _mark_closed_bodies(document: OpenAPI) -> None:
    """Say in the schema what the structs enforce: request bodies take no unknown fields.

    Litestar does not emit `additionalProperties: false` for msgspec's `forbid_unknown_fields`;
    clients generated from the document should know that an extra field is an error.
    """
    closed = {body.__name__ for body in REQUEST_BODIES}
    schemas = document.components.schemas or {}
    for name, schema in schemas.items():
        if name in closed and isinstance(schema, Schema):
            schema.additional_properties = False


logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
app = create_app()

"""openapi/openapi.json is the app's own document: regenerate it with `make openapi`."""

from __future__ import annotations

import json

import httpx

from service.config import PROJECT_ROOT


async def test_exported_openapi_matches_what_the_app_serves(
    client: httpx.AsyncClient,
) -> None:
    served = (await client.get("/schema/openapi.json")).json()
    exported = json.loads((PROJECT_ROOT / "openapi" / "openapi.json").read_text())
    assert served == exported, "openapi/openapi.json is stale: run `make openapi`"


async def test_the_document_is_openapi_3_1_with_problem_responses(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    assert document["openapi"].startswith("3.1")
    evaluate = document["paths"]["/v1/evaluations"]["post"]
    problem = evaluate["responses"]["422"]["content"]["application/problem+json"]
    assert problem["schema"]["$ref"].endswith("ProblemDocument")


async def test_request_bodies_are_closed(client: httpx.AsyncClient) -> None:
    schemas = (await client.get("/schema/openapi.json")).json()["components"]["schemas"]
    for name in ("Case", "Debtor", "Claim", "Event", "OngoingAllowance"):
        assert schemas[name]["additionalProperties"] is False, name

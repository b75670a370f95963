"""An echo endpoint for the HTTP benchmark's baseline; mounted only with BENCHMARK_ENDPOINTS=1."""

from __future__ import annotations

from typing import Any

from litestar import post
from litestar.params import JSONBody


@post("/_bench/echo", status_code=200, include_in_schema=False)
async def echo(data: JSONBody[dict[str, Any]]) -> dict[str, Any]:
    """Decodes and re-encodes the body: the cost of HTTP and JSON without a decision."""
    return data

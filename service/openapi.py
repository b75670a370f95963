"""`python -m service.openapi [FILE]`: write the app's OpenAPI 3.1 document (make openapi)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import msgspec

from service.app import create_app


def openapi_document() -> dict[str, Any]:
    schema: dict[str, Any] = create_app().openapi_schema.to_schema()
    return schema


def render(document: dict[str, Any]) -> bytes:
    return msgspec.json.format(msgspec.json.encode(document, order="sorted"), indent=2) + b"\n"


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("openapi/openapi.json")
    target.write_bytes(render(openapi_document()))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()

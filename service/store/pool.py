"""The connection pool, with jsonb read and written by msgspec."""

from __future__ import annotations

from typing import Any

import asyncpg
import msgspec


def _encode(value: Any) -> str:
    return msgspec.json.encode(value).decode()


async def _init(connection: asyncpg.Connection) -> None:
    await connection.set_type_codec(
        "jsonb", encoder=_encode, decoder=msgspec.json.decode, schema="pg_catalog"
    )


async def create_pool(url: str, max_size: int = 10) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(url, min_size=1, max_size=max_size, init=_init)
    assert pool is not None
    return pool

"""Policy revisions: the exact text of every version a decision may be made under."""

from __future__ import annotations

from collections.abc import Iterable

import asyncpg

from service.policy.model import Policy


async def record_revisions(connection: asyncpg.Connection, policies: Iterable[Policy]) -> None:
    await connection.executemany(
        """
        INSERT INTO policy_revisions (version, content_hash, title, source_file, source_text)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (version, content_hash) DO NOTHING
        """,
        [
            (policy.version, policy.content_hash, policy.title, policy.source, policy.source_text)
            for policy in policies
        ],
    )


async def revision_text(
    connection: asyncpg.Connection, version: str, content_hash: str
) -> tuple[str, str] | None:
    """(source file name, text) of a recorded revision."""
    row = await connection.fetchrow(
        """
        SELECT source_file, source_text FROM policy_revisions
        WHERE version = $1 AND content_hash = $2
        """,
        version,
        content_hash,
    )
    return (row["source_file"], row["source_text"]) if row else None

"""Settings from the environment, with defaults that work from a source checkout."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _project_path(variable: str, default: str) -> Path:
    value = os.environ.get(variable)
    if value:
        return Path(value)
    in_checkout = PROJECT_ROOT / default
    return in_checkout if in_checkout.exists() else Path.cwd() / default


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str | None
    database_name: str
    policy_dir: Path
    migrations_dir: Path
    data_dir: Path
    host: str
    port: int
    max_body_bytes: int
    benchmark_endpoints: bool

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=os.environ.get("DATABASE_URL") or None,
            database_name=os.environ.get("DATABASE_NAME", "toeslagen"),
            policy_dir=_project_path("POLICY_DIR", "policies"),
            migrations_dir=_project_path("MIGRATIONS_DIR", "db"),
            data_dir=Path(os.environ.get("PGDATA_DIR", PROJECT_ROOT / ".data" / "pg")),
            host=os.environ.get("HOST", "127.0.0.1"),
            port=int(os.environ.get("PORT", "8000")),
            max_body_bytes=1024 * 1024,
            benchmark_endpoints=os.environ.get("BENCHMARK_ENDPOINTS") == "1",
        )

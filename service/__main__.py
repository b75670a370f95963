"""`python -m service`: serve the API (what `make run` calls).

Runs in the foreground; Ctrl-C or SIGTERM stops the server, and the application's shutdown
stops any embedded PostgreSQL it started.
"""

from __future__ import annotations

import uvicorn

from service.config import Settings


def main() -> None:
    settings = Settings.from_env()
    uvicorn.run(
        "service.app:app",
        host=settings.host,
        port=settings.port,
        loop="uvloop",
        http="httptools",
        lifespan="on",
        access_log=False,
    )


if __name__ == "__main__":
    main()

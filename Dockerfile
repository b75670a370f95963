# A slim image that runs the service against the PostgreSQL in DATABASE_URL.
# Build: docker build -t toeslagen-invordering .
# Run:   docker run -e DATABASE_URL=postgresql://user:pass@db:5432/toeslagen -p 8000:8000 toeslagen-invordering

FROM python:3.11-slim AS build
# durable-rules has no wheels: it compiles its C core.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md ./
COPY service ./service
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
RUN useradd --system --uid 10001 --no-create-home --home-dir /app toeslagen
WORKDIR /app
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
COPY policies ./policies
COPY db ./db
ENV POLICY_DIR=/app/policies \
    MIGRATIONS_DIR=/app/db \
    HOST=0.0.0.0 \
    PORT=8000 \
    PYTHONUNBUFFERED=1
USER toeslagen
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; url = f\"http://127.0.0.1:{os.environ.get('PORT', '8000')}/health/ready\"; sys.exit(0 if urllib.request.urlopen(url, timeout=2).status == 200 else 1)"]
# Migrations run at start-up under an advisory lock; SIGTERM stops the server gracefully.
CMD ["python", "-m", "service"]

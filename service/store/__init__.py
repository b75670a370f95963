"""PostgreSQL storage: one module per aggregate, plain SQL through asyncpg."""

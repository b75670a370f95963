"""HTTP API: thin Litestar controllers over the decision service and the stores."""

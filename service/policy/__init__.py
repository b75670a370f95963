"""Policy versions as data: documents, their schema, the field whitelist and the registry."""

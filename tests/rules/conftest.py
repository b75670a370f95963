"""The policy versions as fixtures for the rule scenario tests."""

from __future__ import annotations

import pytest

from service.policy.model import Policy
from service.policy.registry import PolicyRegistry


def version(registry: PolicyRegistry, name: str) -> Policy:
    policy = registry.get(name)
    assert policy is not None, f"policy version {name} is not shipped"
    return policy


@pytest.fixture(scope="session")
def p2023(registry: PolicyRegistry) -> Policy:
    return version(registry, "2023-01-01")


@pytest.fixture(scope="session")
def p2024(registry: PolicyRegistry) -> Policy:
    return version(registry, "2024-01-01")


@pytest.fixture(scope="session")
def p2025(registry: PolicyRegistry) -> Policy:
    return version(registry, "2025-01-01")


@pytest.fixture(scope="session")
def p2026(registry: PolicyRegistry) -> Policy:
    return version(registry, "2026-01-01")

"""PolicyRegistry: the version in force on a date, pinned versions and exact revisions."""

from __future__ import annotations

from datetime import date

import pytest

from service.policy.loader import parse_policy
from service.policy.registry import PolicyNotFound, PolicyRegistry
from tests.conftest import policy_file


@pytest.mark.parametrize(
    ("as_of", "version"),
    [
        (date(2023, 1, 1), "2023-01-01"),
        (date(2023, 12, 31), "2023-01-01"),
        (date(2024, 1, 1), "2024-01-01"),
        (date(2024, 12, 31), "2024-01-01"),
        (date(2025, 1, 1), "2025-01-01"),
        (date(2025, 12, 31), "2025-01-01"),
        (date(2026, 1, 1), "2026-01-01"),
        (date(2040, 6, 15), "2026-01-01"),
    ],
)
def test_in_force_is_the_latest_version_effective_on_or_before_as_of(
    registry: PolicyRegistry, as_of: date, version: str
) -> None:
    assert registry.in_force(as_of).version == version


def test_in_force_before_the_first_version_raises(registry: PolicyRegistry) -> None:
    with pytest.raises(PolicyNotFound, match="2023-01-01"):
        registry.in_force(date(2022, 12, 31))


def test_policy_not_found_is_a_lookup_error() -> None:
    assert issubclass(PolicyNotFound, LookupError)


def test_first_effective_date(registry: PolicyRegistry) -> None:
    assert registry.first_effective_date == date(2023, 1, 1)


def test_choose_without_a_pin_is_the_version_in_force(registry: PolicyRegistry) -> None:
    assert registry.choose(date(2025, 3, 1), None) is registry.in_force(date(2025, 3, 1))


def test_choose_without_a_pin_before_the_first_version_raises(registry: PolicyRegistry) -> None:
    with pytest.raises(PolicyNotFound):
        registry.choose(date(2022, 6, 1), None)


@pytest.mark.parametrize("pinned", ["2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01"])
def test_choose_with_a_pin_returns_that_version_whatever_the_date(
    registry: PolicyRegistry, pinned: str
) -> None:
    assert registry.choose(date(2026, 6, 1), pinned).version == pinned


@pytest.mark.parametrize("pinned", ["2022-01-01", "2025-06-01", "latest", ""])
def test_choose_with_an_unknown_pin_raises(registry: PolicyRegistry, pinned: str) -> None:
    with pytest.raises(PolicyNotFound, match="unknown policy version"):
        registry.choose(date(2025, 3, 1), pinned)


def test_get_by_version(registry: PolicyRegistry) -> None:
    policy = registry.get("2025-01-01")
    assert policy is not None
    assert policy.version == "2025-01-01"
    assert registry.get("2025-06-01") is None


def test_revision_by_version_and_hash(registry: PolicyRegistry) -> None:
    for policy in registry.policies:
        assert registry.revision(policy.version, policy.content_hash) is policy


def test_revision_with_another_versions_hash_is_none(registry: PolicyRegistry) -> None:
    _, v2024, v2025, _ = registry.policies
    assert registry.revision(v2025.version, v2024.content_hash) is None
    assert registry.revision(v2025.version, "0" * 64) is None
    assert registry.revision("2022-01-01", v2024.content_hash) is None


def test_remembered_revision_is_found_but_not_in_force(registry: PolicyRegistry) -> None:
    fresh = PolicyRegistry(registry.policies, registry.file_catalogue)
    current = fresh.in_force(date(2025, 6, 1))
    text = policy_file("2025-01-01").read_text(encoding="utf-8")
    older = parse_policy(
        text.replace("value = 42", "value = 40"), "2025-01-01.toml", fresh.file_catalogue
    )
    assert older.content_hash != current.content_hash
    fresh.remember(older)
    assert fresh.revision("2025-01-01", older.content_hash) is older
    assert fresh.revision("2025-01-01", current.content_hash) is current
    assert fresh.in_force(date(2025, 6, 1)) is current
    assert fresh.get("2025-01-01") is current


def test_registry_orders_versions_by_effective_date(registry: PolicyRegistry) -> None:
    shuffled = list(reversed(registry.policies))
    ordered = PolicyRegistry(shuffled, registry.file_catalogue)
    assert [p.version for p in ordered.policies] == [
        "2023-01-01",
        "2024-01-01",
        "2025-01-01",
        "2026-01-01",
    ]
    assert ordered.in_force(date(2025, 1, 1)).version == "2025-01-01"


def test_registry_with_a_later_first_version(registry: PolicyRegistry) -> None:
    later = PolicyRegistry(registry.policies[1:], registry.file_catalogue)
    assert later.first_effective_date == date(2024, 1, 1)
    with pytest.raises(PolicyNotFound):
        later.in_force(date(2023, 12, 31))
    with pytest.raises(PolicyNotFound):
        later.choose(date(2025, 6, 1), "2023-01-01")


def test_policies_is_a_copy(registry: PolicyRegistry) -> None:
    registry.policies.clear()
    assert len(registry.policies) == 4


def test_registry_keeps_the_catalogue(registry: PolicyRegistry) -> None:
    assert registry.catalogue.total_in_strategy == 45

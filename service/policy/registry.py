"""Which policy version applies: the one in force on `as_of`, or a pinned one."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from service.policy.measures import Catalogue, MeasureCatalogue
from service.policy.model import Policy


class PolicyNotFound(LookupError):
    """No version with that name, or none in force on that date."""


class PolicyRegistry:
    def __init__(self, policies: list[Policy], catalogue: MeasureCatalogue) -> None:
        if not policies:
            raise ValueError("a policy registry needs at least one policy version")
        self._policies = sorted(policies, key=lambda policy: policy.effective_from)
        self._starts = [policy.effective_from for policy in self._policies]
        self._by_version = {policy.version: policy for policy in self._policies}
        # Every revision ever loaded in this process, by (version, hash): replay needs the
        # exact revision a decision was made under, even after a document was changed.
        self._revisions = {(policy.version, policy.content_hash): policy for policy in policies}
        # Rules may name only the file's measures: documents are validated before the database
        # is reached, and a recorded revision must validate the same way on replay.
        self.file_catalogue = catalogue
        # What the service reports: the file's entries, then those added through the API (the
        # catalogue service replaces it as entries are added).
        self.catalogue = Catalogue(catalogue)

    @property
    def policies(self) -> list[Policy]:
        return list(self._policies)

    @property
    def first_effective_date(self) -> date:
        return self._starts[0]

    def get(self, version: str) -> Policy | None:
        return self._by_version.get(version)

    def in_force(self, as_of: date) -> Policy:
        index = bisect_right(self._starts, as_of) - 1
        if index < 0:
            raise PolicyNotFound(
                f"no policy version is in force on {as_of.isoformat()}; the first takes effect "
                f"on {self._starts[0].isoformat()}"
            )
        return self._policies[index]

    def choose(self, as_of: date, pinned: str | None) -> Policy:
        if pinned is None:
            return self.in_force(as_of)
        policy = self.get(pinned)
        if policy is None:
            raise PolicyNotFound(
                f"unknown policy version '{pinned}'; known: {sorted(self._by_version)}"
            )
        return policy

    def revision(self, version: str, content_hash: str) -> Policy | None:
        return self._revisions.get((version, content_hash))

    def remember(self, policy: Policy) -> None:
        """Keep an older revision (read back from the database) available for replay."""
        self._revisions[(policy.version, policy.content_hash)] = policy

"""Adding measures to the catalogue through the API (collection-rules.md §1).

These tests add catalogue entries, which every later report would show; so they run on
databases of their own, never on the session's (whose tests expect the 15 measures of the
file). Tests that need an exact count, a restart or a race get a fresh database each.
"""

from __future__ import annotations

import asyncio
import shutil
import tomllib
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from litestar import Litestar

from service.app import create_app
from service.policy.errors import PolicyDocumentError
from service.store.server import DatabaseServer
from tests.api.support import assert_problem
from tests.conftest import POLICY_DIR, make_settings, serving, throwaway_database

Client = httpx.AsyncClient
FILE_MEASURES = 15
TOTAL = 45
VERSION = "2025-01-01"
# The measures the 2025 document's rules name, counted from the document itself.
ENCODED_IN_2025 = len(
    {
        measure
        for rule in tomllib.loads((POLICY_DIR / f"{VERSION}.toml").read_text(encoding="utf-8"))[
            "rules"
        ]
        for measure in rule["measures"]
    }
)


def new_id() -> str:
    return f"M-TEST-{uuid.uuid4().hex[:10].upper()}"


def measure_body(**changes: Any) -> dict[str, Any]:
    """A valid entry with an id no other test uses."""
    return {
        "id": new_id(),
        "name": {"nl": "Vroegsignalering van betalingsproblemen", "en": "Early signalling"},
        "status": "translated_into_policy",
        "source": "Kamerbrief 31066-1380",
        "rules_section": "§10",
        **changes,
    }


@asynccontextmanager
async def service_on(url: str, **settings: Any) -> AsyncIterator[tuple[Client, Litestar]]:
    """The service started on database `url`: a client and the app."""
    app = create_app(make_settings(url, **settings))
    async with serving(app) as client:
        yield client, app


async def stored_count(app: Litestar) -> int:
    count: int = await app.state.runtime.pool.fetchval("SELECT count(*) FROM added_measures")
    return count


async def report(client: Client) -> dict[str, Any]:
    response = await client.get("/v1/measures", params={"version": VERSION})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def fill_to(client: Client, catalogued: int) -> None:
    """Add entries until the catalogue holds `catalogued` measures."""
    missing = catalogued - (await report(client))["catalogued"]
    for _ in range(missing):
        response = await client.post("/v1/measures", json=measure_body())
        assert response.status_code == 201, response.text


@pytest.fixture(scope="module")
async def own(database_server: DatabaseServer) -> AsyncIterator[tuple[Client, Litestar]]:
    """The service on a database only this module's shared tests write to."""
    async with throwaway_database(database_server) as url, service_on(url) as served:
        yield served


@pytest.fixture
def api(own: tuple[Client, Litestar]) -> Client:
    return own[0]


@pytest.fixture
def app(own: tuple[Client, Litestar]) -> Litestar:
    return own[1]


# --- adding and reading ------------------------------------------------------------------------


async def test_an_added_measure_is_stored_and_reported_after_the_file_ones(
    api: Client, app: Litestar
) -> None:
    before = await report(api)
    rows_before = await stored_count(app)
    body = measure_body()

    response = await api.post("/v1/measures", json=body)

    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"/v1/measures/{body['id']}"
    entry = response.json()
    assert {key: entry[key] for key in body} == body
    assert entry["origin"] == "api"
    assert entry["recorded_at"] is not None
    assert entry["encoded_by"] == []
    assert entry["rules_by_version"] == {
        v: [] for v in ("2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01")
    }
    assert await stored_count(app) == rows_before + 1
    row = await app.state.runtime.pool.fetchrow(
        "SELECT * FROM added_measures WHERE id = $1", body["id"]
    )
    assert (row["name_nl"], row["name_en"], row["status"], row["source"]) == (
        body["name"]["nl"],
        body["name"]["en"],
        body["status"],
        body["source"],
    )
    assert datetime.fromisoformat(entry["recorded_at"]) == row["recorded_at"]

    after = await report(api)
    catalogued = before["catalogued"] + 1
    assert after["catalogued"] == catalogued
    assert len(after["measures"]) == catalogued
    assert after["encoded_in_version"] == before["encoded_in_version"] == ENCODED_IN_2025
    assert after["summary"] == (
        f"{catalogued} of {TOTAL} catalogued, {ENCODED_IN_2025} encoded in {VERSION}"
    )
    assert after["measures"][:-1] == before["measures"]
    assert after["measures"][-1] == entry


async def test_every_entry_says_where_it_comes_from(api: Client) -> None:
    added = (await api.post("/v1/measures", json=measure_body())).json()

    measures = (await report(api))["measures"]

    file_entries = measures[:FILE_MEASURES]
    assert {entry["origin"] for entry in file_entries} == {"file"}
    assert {entry["recorded_at"] for entry in file_entries} == {None}
    assert {entry["origin"] for entry in measures[FILE_MEASURES:]} == {"api"}
    assert added["id"] in [entry["id"] for entry in measures[FILE_MEASURES:]]


async def test_one_measure_of_the_file_is_found(api: Client) -> None:
    response = await api.get("/v1/measures/M-SMALL-CLAIMS", params={"version": VERSION})

    assert response.status_code == 200, response.text
    measure = response.json()
    assert measure["id"] == "M-SMALL-CLAIMS"
    assert measure["origin"] == "file"
    assert measure["status"] == "in_law"
    assert measure["encoded_by"] == [
        "R-SMALL-CLAIM",
        "R-ABOVE-THRESHOLD",
        "R-ADVANCE-ALWAYS",
        "R-NOT-RECOVERED",
    ]
    listed = {entry["id"]: entry for entry in (await report(api))["measures"]}
    assert measure == listed["M-SMALL-CLAIMS"]


async def test_one_added_measure_is_found(api: Client) -> None:
    added = (await api.post("/v1/measures", json=measure_body())).json()

    response = await api.get(f"/v1/measures/{added['id']}")

    assert response.status_code == 200, response.text
    assert response.json() == added


@pytest.mark.parametrize("measure_id", ["M-NOT-CATALOGUED", "not-an-id"])
async def test_an_unknown_measure_is_404(api: Client, measure_id: str) -> None:
    response = await api.get(f"/v1/measures/{measure_id}")

    problem = assert_problem(response, 404, "not-found")
    assert measure_id in problem["detail"]


async def test_one_measure_for_an_unknown_version_is_422(api: Client) -> None:
    response = await api.get("/v1/measures/M-SMALL-CLAIMS", params={"version": "2099-01-01"})

    assert_problem(response, 422, "validation-error", "version", location="query")


# --- refusals: nothing is stored ---------------------------------------------------------------


async def test_the_id_of_a_file_measure_is_a_409_and_nothing_is_stored(
    api: Client, app: Litestar
) -> None:
    before = await stored_count(app)

    response = await api.post("/v1/measures", json=measure_body(id="M-SMALL-CLAIMS"))

    problem = assert_problem(response, 409, "conflict")
    assert "M-SMALL-CLAIMS" in problem["detail"]
    assert "catalogue file" in problem["detail"]
    assert await stored_count(app) == before
    listed = [entry["id"] for entry in (await report(api))["measures"]]
    assert listed.count("M-SMALL-CLAIMS") == 1


async def test_the_id_of_an_added_measure_is_a_409_and_the_first_entry_stands(
    api: Client, app: Litestar
) -> None:
    first = measure_body()
    assert (await api.post("/v1/measures", json=first)).status_code == 201
    before = await stored_count(app)

    again = {**first, "status": "ambition", "source": "another source"}
    response = await api.post("/v1/measures", json=again)

    problem = assert_problem(response, 409, "conflict")
    assert first["id"] in problem["detail"]
    assert await stored_count(app) == before
    stored = (await api.get(f"/v1/measures/{first['id']}")).json()
    assert (stored["status"], stored["source"]) == (first["status"], first["source"])


def _without_name_en(body: dict[str, Any]) -> dict[str, Any]:
    del body["name"]["en"]
    return body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param(measure_body(id="M-lower-case"), "id", id="id-lower-case"),
        pytest.param(measure_body(id="X-SMALL-CLAIMS"), "id", id="id-prefix"),
        pytest.param(measure_body(id="M-DOUBLE--DASH"), "id", id="id-double-dash"),
        pytest.param(measure_body(id="M-TRAILING-NEWLINE\n"), "id", id="id-trailing-newline"),
        pytest.param(measure_body(id="M-" + "X" * 63), "id", id="id-too-long"),
        pytest.param(measure_body(id=42), "id", id="id-a-number"),
        pytest.param(_without_name_en(measure_body()), "name.en", id="name-en-missing"),
        pytest.param(measure_body(name={"nl": "", "en": "x"}), "name.nl", id="name-nl-empty"),
        pytest.param(measure_body(status="rumoured"), "status", id="status-unknown"),
        pytest.param(measure_body(source=""), "source", id="source-empty"),
        pytest.param(measure_body(source="x" * 2001), "source", id="source-too-long"),
        pytest.param(measure_body(source="Kamerbrief\x00"), "source", id="source-nul"),
        pytest.param(measure_body(rules_section=""), "rules_section", id="rules-section-empty"),
        pytest.param(measure_body(nationality="NL"), "nationality", id="unknown-field"),
        pytest.param(
            measure_body(name={"nl": "a", "en": "b", "de": "c"}), "name.de", id="unknown-name"
        ),
    ],
)
async def test_a_bad_field_is_a_422_naming_it_and_nothing_is_stored(
    api: Client, app: Litestar, body: dict[str, Any], field: str
) -> None:
    before = await stored_count(app)

    response = await api.post("/v1/measures", json=body)

    assert_problem(response, 422, "validation-error", field)
    assert await stored_count(app) == before


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b'{"id": "M-NOT-JSON", name: {}}', id="bare-key"),
        pytest.param(b'{"id": "M-NOT-JSON"', id="truncated"),
        pytest.param(b"id=M-NOT-JSON&status=policy", id="form"),
    ],
)
async def test_a_body_that_is_not_json_is_a_400_naming_the_body(
    api: Client, app: Litestar, content: bytes
) -> None:
    before = await stored_count(app)

    response = await api.post(
        "/v1/measures", content=content, headers={"content-type": "application/json"}
    )

    assert_problem(response, 400, "malformed-json", "(body)")
    assert await stored_count(app) == before


async def test_the_catalogue_cannot_outgrow_the_strategy(database_server: DatabaseServer) -> None:
    async with throwaway_database(database_server) as url, service_on(url) as (client, app):
        await fill_to(client, TOTAL - 1)
        last = await client.post("/v1/measures", json=measure_body())
        assert last.status_code == 201, last.text  # the 45th fits
        full = await report(client)
        assert (
            full["summary"]
            == f"{TOTAL} of {TOTAL} catalogued, {ENCODED_IN_2025} encoded in 2025-01-01"
        )
        before = await stored_count(app)
        assert before == TOTAL - FILE_MEASURES

        response = await client.post("/v1/measures", json=measure_body())

        problem = assert_problem(response, 422, "validation-error", "(body)")
        assert f"strategy has {TOTAL}" in problem["detail"]
        assert await stored_count(app) == before
        assert (await report(client))["catalogued"] == TOTAL


# --- persistence and more than one instance ----------------------------------------------------


async def test_added_measures_survive_a_restart_in_the_order_they_were_added(
    database_server: DatabaseServer,
) -> None:
    first, second = measure_body(), measure_body(status="ambition", rules_section=None)
    async with throwaway_database(database_server) as url:
        async with service_on(url) as (client, _):
            for body in (first, second):
                assert (await client.post("/v1/measures", json=body)).status_code == 201
            before_restart = await report(client)

        async with service_on(url) as (client, app):
            # Loaded at start-up, before any request asks for the catalogue.
            entries = app.state.runtime.service.registry.catalogue.entries
            assert [(e.measure.id, e.origin) for e in entries[FILE_MEASURES:]] == [
                (first["id"], "api"),
                (second["id"], "api"),
            ]
            after_restart = await report(client)

    assert after_restart == before_restart
    assert (
        after_restart["summary"]
        == f"17 of {TOTAL} catalogued, {ENCODED_IN_2025} encoded in {VERSION}"
    )
    assert [m["id"] for m in after_restart["measures"][FILE_MEASURES:]] == [
        first["id"],
        second["id"],
    ]
    assert after_restart["measures"][-1]["rules_section"] is None


async def test_an_entry_added_on_one_instance_is_reported_by_another(
    database_server: DatabaseServer,
) -> None:
    body = measure_body()
    async with (
        throwaway_database(database_server) as url,
        service_on(url) as (one, _),
        service_on(url) as (other, _),
    ):
        assert (await report(other))["catalogued"] == FILE_MEASURES
        assert (await one.post("/v1/measures", json=body)).status_code == 201

        seen = await other.get(f"/v1/measures/{body['id']}")
        assert seen.status_code == 200, seen.text
        assert (await report(other))["catalogued"] == FILE_MEASURES + 1
        # The other instance's own checks see it too.
        duplicate = await other.post("/v1/measures", json=body)
        assert_problem(duplicate, 409, "conflict")


async def test_two_additions_of_one_id_at_once_store_it_once(
    database_server: DatabaseServer,
) -> None:
    body = measure_body()
    async with throwaway_database(database_server) as url, service_on(url) as (client, app):
        responses = await asyncio.gather(
            *(client.post("/v1/measures", json=body) for _ in range(4))
        )
        assert sorted(r.status_code for r in responses) == [201, 409, 409, 409]
        assert await stored_count(app) == 1


async def test_two_additions_at_once_for_the_last_place_store_one(
    database_server: DatabaseServer,
) -> None:
    async with throwaway_database(database_server) as url, service_on(url) as (client, app):
        await fill_to(client, TOTAL - 1)
        responses = await asyncio.gather(
            client.post("/v1/measures", json=measure_body()),
            client.post("/v1/measures", json=measure_body()),
        )
        assert sorted(r.status_code for r in responses) == [201, 422]
        assert await stored_count(app) == TOTAL - FILE_MEASURES
        assert (await report(client))["catalogued"] == TOTAL


async def test_added_entries_cannot_be_changed_or_removed(app: Litestar) -> None:
    pool: asyncpg.Pool = app.state.runtime.pool
    measure_id = new_id()
    await pool.execute(
        """
        INSERT INTO added_measures (id, name_nl, name_en, status, source)
        VALUES ($1, 'nl', 'en', 'policy', 'a source')
        """,
        measure_id,
    )
    for statement in (
        "UPDATE added_measures SET status = 'ambition' WHERE id = $1",
        "DELETE FROM added_measures WHERE id = $1",
    ):
        with pytest.raises(asyncpg.RestrictViolationError, match="append-only"):
            await pool.execute(statement, measure_id)
    with pytest.raises(asyncpg.RestrictViolationError, match="append-only"):
        await pool.execute("TRUNCATE added_measures")
    assert await pool.fetchval("SELECT status FROM added_measures WHERE id = $1", measure_id) == (
        "policy"
    )


# --- policy rules name only the file's measures ------------------------------------------------


async def test_a_policy_rule_cannot_name_a_measure_added_through_the_api(
    database_server: DatabaseServer, tmp_path: Path
) -> None:
    body = measure_body()
    policies = tmp_path / "policies"
    shutil.copytree(POLICY_DIR, policies)
    document = policies / "2025-01-01.toml"
    text = document.read_text(encoding="utf-8")
    named = text.replace(
        'measures = ["M-SMALL-CLAIMS"]', f'measures = ["M-SMALL-CLAIMS", "{body["id"]}"]', 1
    )
    assert named != text
    async with throwaway_database(database_server) as url:
        async with service_on(url) as (client, _):
            assert (await client.post("/v1/measures", json=body)).status_code == 201
        document.write_text(named, encoding="utf-8")

        app = create_app(make_settings(url, policy_dir=policies))
        with pytest.raises(PolicyDocumentError, match=body["id"]) as refused:
            await app.state.runtime.start()
        await app.state.runtime.stop()
    assert "not in the catalogue (measures.toml)" in str(refused.value)

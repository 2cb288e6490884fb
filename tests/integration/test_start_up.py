"""A server starts cleanly however many workers start at once, and a store that goes away
is answered for with 503 until it comes back."""

from __future__ import annotations

import psycopg
import pytest

from tests.drills.starts import starts
from tests.e2e.api.conftest import approved_grant, make_api

pytestmark = pytest.mark.postgres


def test_servers_with_four_workers_start_every_time_on_a_fresh_postgresql_store(
    postgres_server: str,
) -> None:
    assert starts(8) == 0


def test_a_store_that_drops_its_connections_answers_503_then_recovers(
    postgres_url: str, postgres_server: str,
) -> None:
    api = make_api(postgres_url)
    grant_id = approved_grant(api)
    payment = {"on": "2016-04-05", "amount": "1.00", "reference": "BACS"}
    for ask in (
        lambda: api.get("tess", f"/api/grants/{grant_id}"),
        lambda: api.post("tess", f"/api/grants/{grant_id}/payments", payment),
        lambda: api.get("tess", "/api/ledgers/funds"),
    ):
        drop_every_connection(postgres_server)
        refused = ask()
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "5"
        assert refused.mimetype == "application/problem+json"
        assert ask().status_code == 200
    assert api.get("tess", f"/api/grants/{grant_id}").json["paid"] == "1.00"
    api.runtime.close()


def drop_every_connection(server: str) -> None:
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE pid <> pg_backend_pid() AND datname = current_database() "
                      "AND backend_type = 'client backend'")

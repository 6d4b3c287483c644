"""An engine that fails rests, answered for by the database; while it rests it is probed now and
then, and stays resting as long as it does not answer (bench/faults.py shows the return live)."""

import pytest

from search import fallback
from search.backends import search_backends_from_env

pytestmark = pytest.mark.django_db

CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture
def engine_down(settings):
    settings.WAGTAILSEARCH_BACKENDS = search_backends_from_env(
        opensearch_url=CLOSED_PORT, postgres=settings.DATABASE_IS_POSTGRES
    )
    yield
    fallback._backend_down_until.clear()
    fallback._next_probe.clear()


def test_a_failed_engine_rests_and_the_database_answers(client, home, engine_down):
    response = client.get("/api/recherche/?q=insertion")
    assert response.status_code == 200 and response.json()["results"]
    assert fallback.backend_is_resting("default")
    assert client.get("/sante/").json()["search_answered_by"] == "database"


def test_a_probe_that_finds_the_engine_still_down_keeps_it_resting(client, home, engine_down):
    client.get("/api/recherche/?q=insertion")
    for identity in fallback._next_probe:
        fallback._next_probe[identity] = 0  # the next probe is due now
    assert fallback.backend_is_resting("default")
    # Probed: the next probe waits its turn instead of pinging on every query.
    assert all(due > 0 for due in fallback._next_probe.values())
    assert client.get("/api/recherche/?q=insertion").status_code == 200

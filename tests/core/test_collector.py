"""core.collector: after the first request, what the site loaded is out of the collector's
full collections (they took 150 ms, as long as a search)."""

import gc

import pytest

from core import collector


@pytest.fixture
def fresh_collector():
    gc.unfreeze()
    collector.install()
    yield
    gc.unfreeze()


@pytest.mark.django_db
def test_what_is_loaded_is_frozen_after_the_first_request_once(client, fresh_collector):
    assert gc.get_freeze_count() == 0
    client.get("/")
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # Django's and Wagtail's modules, at least
    client.get("/recherche/", {"q": "insertion"})
    # Once, not at every request (frozen objects that are freed leave the count).
    assert gc.get_freeze_count() <= frozen

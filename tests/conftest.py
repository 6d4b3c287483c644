import io
import os

import pytest
from django.core.management import call_command

# The tests need the directory's geography for a few départements only (see directory/demo/).
os.environ.setdefault("DIRECTORY_DEMO_SIZE", "small")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo content once per test session, after migrations: each test then runs in a
    transaction that is rolled back. (Browser tests empty the database and load it again.)"""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no page, rate-limit count or generation carried
    over from a test whose database writes were rolled back."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def demo(db):
    """The demo content, as `make run` loads it."""


@pytest.fixture
def home(demo):
    from core.demo_tools import home_page

    return home_page()

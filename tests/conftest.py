import os

import pytest

from tests.editorial_roles import member_of
from tests.engine_index import load_demo_and_build_index, put_back_what_tests_changed

# The tests need the directory's geography for a few départements only (see directory/demo/).
os.environ.setdefault("DIRECTORY_DEMO_SIZE", "small")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo content once per test session, after migrations: each test then runs in a
    transaction that is rolled back. (Browser tests empty the database and load it again.)
    With OPENSEARCH_URL set, the engine's index is built from it too (tests/engine_index.py)."""
    with django_db_blocker.unblock():
        load_demo_and_build_index()


@pytest.fixture(autouse=True)
def _engine_index_as_the_database_has_it(django_db_blocker):
    """With an engine configured, what the previous test saved is indexed again as it was
    (read between two tests: the database is back to the demo content)."""
    with django_db_blocker.unblock():
        put_back_what_tests_changed()


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


@pytest.fixture
def editor(demo):
    """A rédacteur (core/roles.py)."""
    from core import roles

    return member_of(roles.EDITORS, "redactrice")


@pytest.fixture
def validator(demo):
    """A valideur (core/roles.py)."""
    from core import roles

    return member_of(roles.VALIDATORS, "valideur")

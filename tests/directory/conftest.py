import os

import pytest

os.environ.setdefault("DIRECTORY_DEMO_SIZE", "small")


@pytest.fixture
def geography(db):
    """Régions, départements (all 101) and the communes of the small demo's départements."""
    from directory import demo, geography

    geography.load(demo.SMALL_COMMUNE_DEPARTMENTS)


@pytest.fixture
def directory_demo(db):
    from directory import demo

    demo.load(None)

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The demo content, as `make run` loads it."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def home(demo):
    from centre.demo_tools import home_page

    return home_page()

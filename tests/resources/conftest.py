import io

import pytest


@pytest.fixture
def demo(db):
    """The site's and the library's demo content only: the other apps' loaders are slow
    (the directory loads every commune) and the library does not depend on them."""
    from centre import demo as centre_demo
    from resources import demo as library_demo

    centre_demo.load(io.StringIO())
    library_demo.load(io.StringIO())

import pytest


@pytest.fixture(autouse=True)
def _search_without_page_cache_or_rate_limits(settings):
    """These tests ask the engine hundreds of questions from one address and change the index
    behind the site's back: the page cache and the rate limits have tests of their own
    (tests/test_cache.py, tests/test_rate_limits.py)."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.RATELIMIT_ENABLE = False

"""The benchmarks' cache guard (bench/_common.py): a figure that claims to be uncached cannot be
taken from the page cache, and one that claims to be cached cannot be a freshly built page."""

import importlib.util
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.wsgi import get_wsgi_application

_path = Path(__file__).resolve().parents[1] / "bench" / "_common.py"
_spec = importlib.util.spec_from_file_location("bench_common", _path)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

PAGE = "/bases-juridiques/"


@pytest.mark.django_db
def test_the_uncached_guard_refuses_a_page_from_the_cache_and_accepts_a_fresh_one(client, home):
    fresh = client.get(PAGE)
    from_cache = client.get(PAGE)
    bench.check_cache(bench.UNCACHED, bench.x_cache(fresh), PAGE)
    with pytest.raises(bench.CacheClaimError, match="X-Cache: hit"):
        bench.check_cache(bench.UNCACHED, bench.x_cache(from_cache), PAGE)


@pytest.mark.django_db
def test_the_cached_guard_refuses_a_fresh_page_and_accepts_one_from_the_cache(client, home):
    fresh = client.get(PAGE)
    from_cache = client.get(PAGE)
    with pytest.raises(bench.CacheClaimError, match="X-Cache: miss"):
        bench.check_cache(bench.CACHED, bench.x_cache(fresh), PAGE)
    bench.check_cache(bench.CACHED, bench.x_cache(from_cache), PAGE)


@pytest.mark.django_db
def test_uncached_timings_build_the_page_even_when_it_is_in_the_cache(client, home):
    client.get(PAGE)
    assert client.get(PAGE)["X-Cache"] == "hit"
    timings = bench.time_requests(client, PAGE, bench.UNCACHED, runs=2, warmup=0)
    assert len(timings.values) == 2
    # The override ends with the measure: the page cache answers again afterwards.
    assert client.get(PAGE)["X-Cache"] == "hit"


@pytest.mark.django_db
def test_cached_timings_stop_when_the_page_cache_does_not_answer(client, home, settings):
    assert len(bench.time_requests(client, PAGE, bench.CACHED, runs=2).values) == 2
    settings.PAGE_CACHE_SECONDS = 0
    with pytest.raises(bench.CacheClaimError, match="X-Cache: absent"):
        bench.time_requests(client, PAGE, bench.CACHED, runs=2)


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def server(demo, django_db_blocker):
    """The site's WSGI application on a loopback port, as load.py's gunicorn serves it.

    `demo` (hence `db`) makes pytest-django run the test with the other database tests, before
    the browser tests: their teardown empties the database, and the server's thread reads the
    demo content as committed at the session's start (its own connection)."""
    httpd = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=_Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    with django_db_blocker.unblock():
        thread.start()
        yield f"http://127.0.0.1:{httpd.server_port}"
        httpd.shutdown()
    httpd.server_close()


def test_the_server_guard_follows_the_page_cache_setting(server, settings):
    assert bench.check_server_cache(server, PAGE, bench.CACHED) == "hit"
    with pytest.raises(bench.CacheClaimError):
        bench.check_server_cache(server, PAGE, bench.UNCACHED)

    settings.PAGE_CACHE_SECONDS = 0
    assert bench.check_server_cache(server, PAGE, bench.UNCACHED) is None
    with pytest.raises(bench.CacheClaimError):
        bench.check_server_cache(server, PAGE, bench.CACHED)

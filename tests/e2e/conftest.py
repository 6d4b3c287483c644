"""Browser tests: Debian's Chromium driven by Playwright, against pytest-django's live server.

No browser is downloaded: Playwright launches /usr/bin/chromium. When Chromium or axe-core is
missing, the tests are skipped with the exact command that installs them.
"""

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Browser tests run Playwright's sync API, which keeps an event loop in the main thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time_on_sqlite():
    """On SQLite the test database lives in memory, and the live server's threads all share the
    test's one connection: two requests at once (the autocomplete and the results page, say)
    would interleave their savepoints on it. A single-threaded server answers them in turn and
    closes each connection after its response. PostgreSQL gives each thread its own connection."""
    from django.core.servers.basehttp import WSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":
        yield
        return

    class SingleThreadedServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            # The server thread itself already uses the test's connection (LiveServerThread.run).
            super().__init__(*args, **kwargs)

    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = SingleThreadedServer
    yield
    LiveServerThread.server_class = threaded


@pytest.fixture(scope="session")
def migrated_db_contents(django_db_setup):
    """What migrations put in the test database (root page, locale, groups), serialized by
    pytest-django for the serialized rollback. Read before Playwright starts: its event loop
    gives Django's connection handler a context of its own, where the attribute is missing."""
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture
def share_migrated_contents(migrated_db_contents):
    from django.db import connection

    if migrated_db_contents and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = migrated_db_contents


@pytest.fixture(scope="session")
def browser(migrated_db_contents):
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip(
            "Chromium absent : installez-le avec `sudo apt-get install -y chromium chromium-driver`"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright absent : `.venv/bin/pip install -r requirements-dev.txt`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class RequestsInFlight:
    """Counts the live server's requests between Django's request_started and request_finished.

    The live server outlives each test: a request the browser sent just before its context closed
    can still run after the test, while the database is emptied and restored for the next one.
    On PostgreSQL such a late request once recreated a content type that the restore then
    inserted again (IntegrityError). Each test waits for the server to be idle first."""

    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    def started(self, **kwargs):
        with self.lock:
            self.count += 1

    def finished(self, **kwargs):
        with self.lock:
            self.count -= 1

    def wait_until_idle(self, quiet=0.2, timeout=15.0):
        """Returns once no request has run for `quiet` seconds (a connection just accepted
        reaches request_started a moment later), or after `timeout`."""
        deadline = time.monotonic() + timeout
        idle_since = None
        while time.monotonic() < deadline:
            if self.count > 0:
                idle_since = None
            elif idle_since is None:
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since >= quiet:
                return
            time.sleep(0.02)


@pytest.fixture(scope="session")
def requests_in_flight():
    from django.core.signals import request_finished, request_started

    counter = RequestsInFlight()
    request_started.connect(counter.started, weak=False)
    request_finished.connect(counter.finished, weak=False)
    yield counter
    request_started.disconnect(counter.started)
    request_finished.disconnect(counter.finished)


@pytest.fixture(scope="session")
def demo_snapshot():
    """The demo content, loaded by the first browser test of this process and copied back for
    the next ones (tests/e2e/demo_snapshot.py), unless a search engine must follow each save.
    Nothing to remove afterwards: the test database and the in-memory copy go with the session."""
    from tests.engine_index import engine_configured

    from .demo_snapshot import DemoReload, DemoSnapshot

    return DemoReload() if engine_configured() else DemoSnapshot()


@pytest.fixture
def site_server(
    share_migrated_contents,
    transactional_db,
    django_db_serialized_rollback,
    requests_in_flight,
    demo_snapshot,
    live_server,
):
    """A live server with the demo content (but the statistics base's). The live server needs a
    transactional database, which is emptied after each test: the demo is then copied back from
    the snapshot the first test took (or loaded, then snapshotted, by the first test)."""
    demo_snapshot.put_back()
    yield live_server
    requests_in_flight.wait_until_idle()


@pytest.fixture
def page(browser, site_server):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.base_url = site_server.url
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_PATH.exists():
        pytest.skip("axe-core absent : lancez `npm ci` (ou `make test`) à la racine du projet")
    return AXE_PATH.read_text()


def run_axe(tab, axe_source):
    """Serious and critical WCAG 2.1 A/AA violations on the current page, as readable lines."""
    # Evaluated through the DevTools protocol: our Content-Security-Policy forbids inline scripts.
    tab.evaluate(f"() => {{ {axe_source}\n }}")
    tab.evaluate("() => { window.axe = window.axe || axe; }")
    result = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def screenshot(tab, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path

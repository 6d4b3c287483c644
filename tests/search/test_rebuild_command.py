"""`manage.py rebuild_search_index` on the database backend: it indexes every indexed object,
brings back a lost index, shows its progress in French, and names a backend it cannot use.

Each test runs in a transaction that is rolled back: the index rows deleted here, and those the
command writes, never leak into the other tests' session-wide demo database.
"""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError, OutputWrapper
from django.db import connection
from django.test import override_settings
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models
from wagtail.search.models import IndexEntry

from centre.models import StandardPage
from core.demo_tools import ensure_child_page, rich, stream
from core.progress import Progress, format_count, format_duration, format_percent
from search.backends import database_backend
from search.indexing import model_label

pytestmark = pytest.mark.django_db

NNBSP = "\u202f"
UNREACHABLE_ELASTICSEARCH = {
    "BACKEND": "wagtail.search.backends.elasticsearch9",
    "URLS": ["http://127.0.0.1:9"],  # the discard port: nothing listens there
    "TIMEOUT": 1,
    "AUTO_UPDATE": False,
}


@pytest.fixture(autouse=True)
def database_search():
    """The database backend alone, even if ELASTICSEARCH_URL is set where the suite runs."""
    backends = {"default": database_backend(postgres=connection.vendor == "postgresql")}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield


def rebuild(*args, **options):
    """Run the command; (stdout, stderr) as text."""
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", *args, stdout=stdout, stderr=stderr, **options)
    return stdout.getvalue(), stderr.getvalue()


def summary_count(output, backend="default"):
    """The number of objects the summary says were indexed into `backend`."""
    match = re.search(rf"^  {backend} : ([\d{NNBSP} ]+) objets? indexés? ", output, re.M)
    assert match, output
    return int(re.sub(r"\D", "", match.group(1)))


def expected_count():
    return sum(model.get_indexed_objects().count() for model in get_indexed_models())


def entries_of(model):
    return IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))


def result_links(client, query):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return {link["href"].split("#")[0] for link in html.select("main a[href]")}


@pytest.fixture
def rare_page(home):
    page, _ = ensure_child_page(
        home,
        StandardPage,
        "farandole-zygomatique",
        title="La farandole zygomatique des facilitateurs",
        intro="Une page d'essai de la réindexation.",
        body=stream(("paragraph", rich("Elle n'existe que pour ce test."))),
    )
    return page


def test_summary_counts_every_indexed_object(demo):
    out, err = rebuild()
    models = get_indexed_models()
    assert err == ""
    assert summary_count(out) == expected_count() > 100
    assert f"{len(models)} modèles indexables" in out.replace(NNBSP, " ")
    assert re.search(r"durée totale \d+,\d s", out)
    # One line per model, under its French name.
    for model in models:
        assert f"  {model_label(model)} : " in out
    # The database index holds exactly those objects once rebuilt.
    assert IndexEntry.objects.count() == expected_count()


def test_small_chunks_index_the_same_objects_and_show_progress(demo):
    out, _ = rebuild(chunk_size=7)
    assert summary_count(out) == expected_count()
    # Without a terminal, a model bigger than a few chunks gets intermediate progress lines.
    biggest = max(get_indexed_models(), key=lambda model: model.get_indexed_objects().count())
    total = biggest.get_indexed_objects().count()
    assert total > 7 * 3
    lines = [line for line in out.splitlines() if line.startswith(f"  {model_label(biggest)} : ")]
    assert len(lines) >= 3
    assert lines[-1].endswith(f"{format_count(total)} / {format_count(total)} (100{NNBSP}%)")
    assert "\r" not in out


def test_lost_index_rows_come_back(client, rare_page):
    url = rare_page.url
    assert url in result_links(client, "farandole zygomatique")

    deleted, _ = entries_of(StandardPage).delete()
    assert deleted >= 1
    assert url not in result_links(client, "farandole zygomatique")

    out, _ = rebuild("--backend", "default")
    assert url in result_links(client, "farandole zygomatique")
    assert entries_of(StandardPage).count() == StandardPage.objects.count()
    assert summary_count(out) == expected_count()


def test_verbosity_zero_prints_nothing(demo):
    out, err = rebuild(verbosity=0)
    assert (out, err) == ("", "")
    assert IndexEntry.objects.count() == expected_count()


def test_unknown_backend_is_a_clear_error(demo):
    with pytest.raises(CommandError) as error:
        rebuild("--backend", "elastique")
    assert "« elastique »" in str(error.value)
    assert "inconnu" in str(error.value)
    assert "default" in str(error.value)  # the names that would have worked


@pytest.mark.parametrize("size", [0, -5])
def test_chunk_size_must_be_positive(demo, size):
    with pytest.raises(CommandError, match="chunk-size"):
        rebuild(chunk_size=size)


def test_unreachable_backend_is_named_and_the_others_are_rebuilt(client, rare_page):
    entries_of(StandardPage).delete()
    backends = {
        # First, so that the command must carry on after it.
        "es": UNREACHABLE_ELASTICSEARCH,
        "default": database_backend(postgres=connection.vendor == "postgresql"),
    }
    stdout, stderr = io.StringIO(), io.StringIO()
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), pytest.raises(CommandError) as error:
        call_command("rebuild_search_index", stdout=stdout, stderr=stderr)

    message = str(error.value)
    assert "« es »" in message and "injoignable" in message
    assert "« default »" in message  # reported as rebuilt
    assert "« es » est injoignable" in stderr.getvalue()
    assert "http://127.0.0.1:9" in stderr.getvalue()
    out = stdout.getvalue()
    assert re.search(r"^  es : ÉCHEC, est injoignable", out, re.M)
    # The database backend was rebuilt all the same.
    assert summary_count(out) == expected_count()
    assert entries_of(StandardPage).count() == StandardPage.objects.count()
    assert rare_page.url in result_links(client, "farandole zygomatique")


def test_credentials_in_the_backend_url_are_not_printed(demo):
    backends = {
        "default": database_backend(postgres=connection.vendor == "postgresql"),
        "es": {**UNREACHABLE_ELASTICSEARCH, "URLS": ["http://elastic:s3cr3t@127.0.0.1:9"]},
    }
    stdout, stderr = io.StringIO(), io.StringIO()
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), pytest.raises(CommandError) as error:
        call_command("rebuild_search_index", stdout=stdout, stderr=stderr)
    everything = stdout.getvalue() + stderr.getvalue() + str(error.value)
    assert "http://127.0.0.1:9" in everything
    assert "s3cr3t" not in everything


def test_a_failure_half_way_keeps_the_index_in_service(monkeypatch, client, rare_page):
    """The database rebuild is atomic: a failure rolls it back instead of leaving it half done."""
    models = get_indexed_models()
    last = models[-1]
    assert models.index(StandardPage) < len(models) - 1
    index_class = type(get_search_backend("default").get_index_for_model(last))
    add_items = index_class.add_items

    def failing_add_items(self, model, items):
        if model is last:
            raise RuntimeError("panne simulée")
        return add_items(self, model, items)

    monkeypatch.setattr(index_class, "add_items", failing_add_items)
    entries_of(StandardPage).delete()
    before = IndexEntry.objects.count()

    with pytest.raises(CommandError, match="panne simulée"):
        rebuild()

    # StandardPage rows re-added during the failed run were rolled back with the rest.
    assert IndexEntry.objects.count() == before
    assert entries_of(StandardPage).count() == 0
    monkeypatch.undo()
    rebuild(verbosity=0)
    assert rare_page.url in result_links(client, "farandole zygomatique")


def test_failure_message_names_the_model(monkeypatch, demo):
    models = get_indexed_models()
    index_class = type(get_search_backend("default").get_index_for_model(models[0]))

    def failing_add_items(self, model, items):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(index_class, "add_items", failing_add_items)
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("rebuild_search_index", stdout=stdout, stderr=stderr)
    assert f"a échoué pendant « {model_label(models[0])} »" in str(error.value)
    assert "RuntimeError" in stderr.getvalue()
    assert "conservé" in stderr.getvalue()


def test_french_number_formatting():
    assert format_count(0) == "0"
    assert format_count(1500) == f"1{NNBSP}500"
    assert format_count(1234567) == f"1{NNBSP}234{NNBSP}567"
    assert format_percent(1500, 3200) == f"47{NNBSP}%"
    assert format_percent(3199, 3200) == f"99{NNBSP}%"  # 100 % only when finished
    assert format_percent(3200, 3200) == f"100{NNBSP}%"
    assert format_duration(4.25) == "4,2 s" or format_duration(4.25) == "4,3 s"
    assert format_duration(125) == "2 min 05 s"
    assert format_duration(3 * 3600 + 120) == "3 h 02 min"


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_line_is_rewritten_in_place_on_a_terminal():
    terminal = FakeTerminal()
    progress = Progress(OutputWrapper(terminal), "Section du guide", 3200, enabled=True)
    for done in (500, 1000, 1500, 2000, 2500, 3000, 3200):
        progress.update(done)
    progress.finish(3200)
    written = terminal.getvalue()
    assert f"\r  Section du guide : 1{NNBSP}500 / 3{NNBSP}200 (47{NNBSP}%)" in written
    assert written.endswith(f"3{NNBSP}200 / 3{NNBSP}200 (100{NNBSP}%)\n")
    assert written.count("\n") == 1  # one line on screen per model


def test_progress_without_a_terminal_prints_plain_lines_now_and_then():
    stream_ = io.StringIO()
    progress = Progress(OutputWrapper(stream_), "Employeur inclusif", 3200, enabled=True)
    for done in range(100, 3201, 100):
        progress.update(done)
    progress.finish(3200)
    lines = stream_.getvalue().splitlines()
    assert "\r" not in stream_.getvalue()
    assert 5 <= len(lines) <= 11  # every 10 % or so, not every chunk
    assert lines[-1] == f"  Employeur inclusif : 3{NNBSP}200 / 3{NNBSP}200 (100{NNBSP}%)"

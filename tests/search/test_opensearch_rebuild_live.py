"""Writing the OpenSearch index in bulk: the atomic rebuild and the directory import, live.

Skipped unless OPENSEARCH_URL is set (fails instead under CI), as tests/search/
test_opensearch_live.py, whose fixtures these tests share. Each rebuild here rebuilds the test
run's own indices ("test_<worker>_clauses_…") from the database as the test sees it.
"""

import io
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from opensearchpy import OpenSearch
from stdnum import luhn
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from directory.importer import import_employers
from directory.models import InclusiveEmployer
from search.engine import search_site
from search.indexing import group_models_by_index, rebuild_index
from tests import engine_index
from tests.search.test_opensearch_live import (  # noqa: F401 - fixtures, used by name
    OPENSEARCH_URL,
    _node_answers,
    no_fallback,
    pytestmark,
    unique_word,
)

WAIT_SECONDS = 60  # a bound on waiting for the searching thread, so that a bug cannot hang CI


def aliases_and_indices():
    """{alias: [indices it points to]} and every index name, for the test run's prefix."""
    backend = get_search_backend("default")
    prefix = backend.index_prefix
    aliases = {}
    for index, info in backend.es.indices.get_alias(index=f"{prefix}*").items():
        for alias in info["aliases"]:
            aliases.setdefault(alias, []).append(index)
    indices = set(backend.es.indices.get(index=f"{prefix}*"))
    return aliases, indices


class Searcher(threading.Thread):
    """Asks the engine the same question again and again, as visitors would during a rebuild,
    and keeps every answer: (rebuild running?, number of hits, ids)."""

    def __init__(self, index_name):
        super().__init__(daemon=True)
        self.index_name = index_name
        self.answers = []
        self.rebuilding = threading.Event()
        self.stop = threading.Event()
        self.answered = threading.Condition()

    def search(self, client):
        body = {"query": {"match": {"_all_text": "insertion"}}, "size": 1000}
        found = client.search(index=self.index_name, body=body, params={"track_total_hits": "true"})
        ids = sorted(hit["_id"] for hit in found["hits"]["hits"])
        return found["hits"]["total"]["value"], ids

    def run(self):
        client = OpenSearch(hosts=[OPENSEARCH_URL], timeout=10, max_retries=0)
        try:
            while not self.stop.is_set():
                during = self.rebuilding.is_set()
                try:
                    total, ids = self.search(client)
                except Exception as error:  # noqa: BLE001 - an error is an answer to report
                    total, ids = repr(error), []
                with self.answered:
                    self.answers.append((during, total, ids))
                    self.answered.notify_all()
        finally:
            client.close()

    def wait_for_answers(self, count):
        with self.answered:
            assert self.answered.wait_for(lambda: len(self.answers) >= count, WAIT_SECONDS)


def test_searches_answer_the_same_all_through_an_atomic_rebuild(home):
    backend = get_search_backend("default")
    alias = backend.get_index_for_model(Page).name
    aliases_before, _ = aliases_and_indices()
    assert alias in aliases_before  # the session's index was built behind an alias

    searcher = Searcher(alias)
    searcher.start()

    def wait_for_a_search_during(model):
        # Before each model is read, let the searcher answer once more: searches are made
        # while every model is being rebuilt, without timing anything.
        searcher.wait_for_answers(len(searcher.answers) + 1)

    try:
        searcher.wait_for_answers(1)
        searcher.rebuilding.set()
        for index, models in group_models_by_index(backend, get_indexed_models()):
            rebuild_index(
                backend, index, models, chunk_size=25, progress_for=wait_for_a_search_during
            )
        searcher.rebuilding.clear()
        searcher.wait_for_answers(len(searcher.answers) + 1)
    finally:
        searcher.stop.set()
        searcher.join(WAIT_SECONDS)

    before = searcher.answers[0]
    assert before[1] > 0
    during = [answer for answer in searcher.answers if answer[0]]
    assert len(during) >= len(get_indexed_models())
    # Every answer, before, during and after: the same pages, once each, never an error.
    assert {(total, tuple(ids)) for _, total, ids in searcher.answers} == {
        (before[1], tuple(before[2]))
    }

    aliases_after, indices_after = aliases_and_indices()
    assert set(aliases_after) == set(aliases_before)
    for name, indices in aliases_after.items():
        assert len(indices) == 1, name
        assert indices != aliases_before[name], f"{name} still points to its old index"
    # The old indices are gone: only the ones the aliases point to are left.
    assert indices_after == {indices[0] for indices in aliases_after.values()}


def test_a_rebuild_that_fails_half_way_keeps_the_index_in_service(monkeypatch, client, home):
    backend = get_search_backend("default")
    models = get_indexed_models()
    last = models[-1]
    index_class = type(backend.get_index_for_model(last))
    add_items = index_class.add_items

    def failing_add_items(self, model, items):
        if model is last:
            raise RuntimeError("panne simulée")
        return add_items(self, model, items)

    aliases_before, indices_before = aliases_and_indices()
    monkeypatch.setattr(index_class, "add_items", failing_add_items)
    with pytest.raises(CommandError, match="panne simulée"):
        call_command(
            "rebuild_search_index",
            backend_name="default",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    monkeypatch.undo()

    # The indices rebuilt before the failure were swapped in; the one that failed kept its
    # index and its half-built twin was deleted: one index per alias, nothing left over.
    aliases_after, indices_after = aliases_and_indices()
    failed_alias = backend.get_index_for_model(last).name
    assert aliases_after[failed_alias] == aliases_before[failed_alias]
    assert indices_after == {indices[0] for indices in aliases_after.values()}
    assert len(indices_after) == len(indices_before)
    response = client.get("/api/recherche/", {"q": "clause sociale"})
    assert response.status_code == 200 and response.json()["results"]


def siret(number):
    siren = f"{number:08d}"
    siren += luhn.calc_check_digit(siren)
    return siren + "0001" + luhn.calc_check_digit(siren + "0001")


@pytest.mark.usefixtures("no_fallback")
def test_imported_employers_are_found_through_opensearch(client, home):
    word = unique_word()
    lines = ["siret;nom;categorie;departement;description"]
    for number in range(3):
        lines.append(
            f"{siret(87_000_000 + number)};Atelier {word} {number};ACI;33;"
            f"Chantier d'insertion {word}, second œuvre."
        )
    report = import_employers("\n".join(lines).encode(), "import.csv")
    assert report.created == 3
    imported = list(InclusiveEmployer.objects.filter(name__contains=word))
    # Bulk writes send no save signal: the next test's harness must remove them from the engine.
    engine_index._touched.update((InclusiveEmployer, employer.pk) for employer in imported)

    backend = get_search_backend("default")
    in_engine = backend.search(word, InclusiveEmployer.objects.all())
    assert {employer.pk for employer in in_engine} == {employer.pk for employer in imported}
    found = {result.url for result in search_site(word).results}
    assert found == {employer.get_absolute_url() for employer in imported}
    # A plural and a capital the file does not have: the French analyser at work; other
    # "ateliers" come after them.
    response = client.get("/api/recherche/", {"q": f"Ateliers {word}"})
    assert {result["url"] for result in response.json()["results"][:3]} == found

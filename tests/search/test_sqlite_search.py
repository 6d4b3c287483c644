"""search.sqlite, the embedded default's search backend: every source of a site search asked in
one FTS5 statement gives each source what it would get alone.

SQLite only: on PostgreSQL the site uses search.postgres."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search import sources

if connection.vendor != "sqlite":
    # modelsearch defines its FTS5 index models only on SQLite: importing the backend elsewhere fails.
    pytest.skip("search.sqlite is the SQLite backend", allow_module_level=True)

from search.sqlite import FrenchSQLiteSearchBackend

pytestmark = pytest.mark.django_db

QUERIES = ["insertion", "marchés réservés", "heures d'insertion", "ETTI", "pénalités", "xylophone"]


def scored(found):
    return [(obj.pk, round(obj.score, 6)) for obj in found]


def querysets():
    yield Page.objects.live().public().specific()
    for model, _content_type in sources.model_sources():
        yield sources.public_queryset(model)


@pytest.mark.parametrize("operator", ["and", "or"])
def test_every_source_asked_in_one_statement_gives_each_sources_own_results(demo, operator):
    backend = get_search_backend()
    assert isinstance(backend, FrenchSQLiteSearchBackend)
    for query in QUERIES:
        alone = [
            scored(backend.search(query, queryset, operator=operator).annotate_score("score")[:200])
            for queryset in querysets()
        ]
        together = [
            backend.search(query, queryset, operator=operator).annotate_score("score")[:200]
            for queryset in querysets()
        ]
        with CaptureQueriesContext(connection) as statements:
            backend.results_class.fetch_all(together)
        matches = [s for s in statements.captured_queries if " MATCH " in s["sql"]]
        assert len(matches) == 1, query
        assert [scored(found) for found in together] == alone, query
        assert any(alone) == (query != "xylophone"), query


def test_a_source_with_its_own_words_is_asked_apart(demo):
    backend = get_search_backend()
    pages = Page.objects.live().public()
    together = [backend.search("insertion", pages)[:50], backend.search("clause", pages)[:50]]
    backend.results_class.fetch_all(together)
    assert [p.pk for p in together[0]] == [p.pk for p in backend.search("insertion", pages)[:50]]
    assert [p.pk for p in together[1]] == [p.pk for p in backend.search("clause", pages)[:50]]

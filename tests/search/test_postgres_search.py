"""search.postgres, the PostgreSQL search backend: the GIN indexes serve its query, it gives
Wagtail's results on the demo content, French stemming and accent folding still work, its bound
on what is ranked keeps the best hits and the queryset's filters, and its faster indexing writes
the rows Wagtail's would.

PostgreSQL only: on SQLite the site uses Wagtail's own SQLite backend.
"""

import random

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
from modelsearch.query import Phrase
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models
from wagtail.search.models import IndexEntry

from centre.models import StandardPage
from core.demo_tools import ensure_child_page, rich, stream
from directory.demo import fake_siret
from directory.models import Department, InclusiveEmployer, Organisation
from search import sources
from search.backends import POSTGRES_SEARCH_CONFIG, database_backend
from search.postgres import FrenchPostgresSearchBackend, rank_limit

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="search.postgres is the PostgreSQL backend (SQLite uses Wagtail's own backend)",
    ),
    pytest.mark.django_db,
]

# Queries over the demo content, with fewer matches than the bound: same results as Wagtail's.
DEMO_QUERIES = [
    "insertion",
    "marchés réservés",
    "clause sociale",
    "heures d'insertion",
    "ETTI",
    "facilitateur",
    "entreprise adaptée",
    "nettoyage Gironde",
    "xylophone",
]


def backend(**options):
    return FrenchPostgresSearchBackend({"SEARCH_CONFIG": POSTGRES_SEARCH_CONFIG, **options})


def wagtail_backend():
    return PostgresSearchBackend({"SEARCH_CONFIG": POSTGRES_SEARCH_CONFIG})


def scored(results):
    return [(obj.pk, round(obj.score, 6)) for obj in results.annotate_score("score")]


def demo_querysets():
    yield Page.objects.live().public()
    for model, _content_type in sources.model_sources():
        yield sources.public_queryset(model)


@pytest.fixture
def database_search():
    """This backend as the site's, whatever ELASTICSEARCH_URL says: pages saved in the tests are
    indexed into it."""
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": database_backend(postgres=True)}):
        yield get_search_backend()


def test_the_site_uses_this_backend_on_postgresql(database_search):
    assert isinstance(database_search, FrenchPostgresSearchBackend)
    assert database_search.config == POSTGRES_SEARCH_CONFIG


def test_the_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry'"
        )
        indexes = dict(cursor.fetchall())
    assert "(title || body)" in indexes["search_indexentry_document_gin"]
    assert "ts_filter(body" in indexes["search_indexentry_heading_gin"]


def add_filler_entries(count=20_000):
    """Many index entries, so that the planner sees a large table, as on a site with 100 000
    employers: employer entries whose employer does not exist (the queryset's filter drops
    them), and entries of another model (users) with non-numeric object ids that match."""
    employers = ContentType.objects.get_for_model(InclusiveEmployer)
    users = ContentType.objects.get_for_model(get_user_model())
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO wagtailsearch_indexentry
                (content_type_id, object_id, title, autocomplete, body, title_norm,
                 title_text, body_text)
            SELECT CASE WHEN n %% 1000 = 0 THEN %s ELSE %s END,
                   CASE WHEN n %% 1000 = 0 THEN 'utilisateur-' || n ELSE (900000000 + n)::text END,
                   ''::tsvector, ''::tsvector,
                   setweight(to_tsvector(%s::regconfig, 'Structure numéro ' || n), 'B')
                   || to_tsvector(%s::regconfig, CASE WHEN n %% 1000 = 0
                       THEN 'Lots réservés' ELSE 'Nettoyage et espaces verts' END),
                   1.0, '', ''
            FROM generate_series(1, %s) AS n
            """,
            [users.pk, employers.pk, POSTGRES_SEARCH_CONFIG, POSTGRES_SEARCH_CONFIG, count],
        )
        # What autovacuum does after a bulk insert: the GIN pending lists merged, statistics.
        for index in ["search_indexentry_document_gin", "search_indexentry_heading_gin"]:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE wagtailsearch_indexentry, directory_organisation")


def plan(results):
    return results.get_queryset().explain()


def test_a_selective_term_is_found_through_the_gin_indexes(demo):
    add_filler_entries()
    queryset = Organisation.objects.public()
    results = backend().search("réservés", queryset, operator="and")[:200]
    explained = plan(results)
    assert "Seq Scan on wagtailsearch_indexentry" not in explained, explained
    assert "search_indexentry_document_gin" in explained, explained
    assert "search_indexentry_heading_gin" in explained, explained
    # Neither the stale entries nor the other model's non-numeric ids change the results.
    expected = scored(wagtail_backend().search("réservés", queryset)[:200])
    assert scored(results) == expected


def test_page_searches_read_no_more_than_the_pages_entries(demo):
    add_filler_entries()
    results = backend().search("réservés", Page.objects.live().public())[:200]
    assert "Seq Scan on wagtailsearch_indexentry" not in plan(results)


@pytest.mark.parametrize("query", DEMO_QUERIES)
@pytest.mark.parametrize("operator", ["and", "or"])
def test_same_results_scores_and_order_as_wagtail_on_the_demo_content(demo, query, operator):
    ours, theirs = backend(), wagtail_backend()
    for queryset in demo_querysets():
        expected = scored(theirs.search(query, queryset, operator=operator)[:200])
        assert scored(ours.search(query, queryset, operator=operator)[:200]) == expected, (
            queryset.model.__name__
        )
        assert scored(ours.search(query, queryset, operator=operator)[3:10]) == expected[3:10]


def test_same_results_for_phrases_unsliced_searches_counts_and_autocomplete(demo):
    ours, theirs = backend(), wagtail_backend()
    pages = Page.objects.live().public()
    phrase = Phrase("clause sociale")
    assert scored(ours.search(phrase, pages)[:50]) == scored(theirs.search(phrase, pages)[:50])
    assert [p.pk for p in ours.search("insertion", pages)] == [
        p.pk for p in theirs.search("insertion", pages)
    ]
    assert ours.search("insertion", pages).count() == theirs.search("insertion", pages).count()
    for prefix in ["cla", "marché rés", "inser"]:
        assert [p.pk for p in ours.autocomplete(prefix, pages)[:8]] == [
            p.pk for p in theirs.autocomplete(prefix, pages)[:8]
        ]


@pytest.mark.parametrize("operator", ["and", "or"])
def test_every_source_asked_in_one_statement_gives_each_sources_own_results(demo, operator):
    ours = backend()
    querysets = list(demo_querysets())
    for query in DEMO_QUERIES:
        alone = [
            scored(ours.search(query, queryset, operator=operator)[:200]) for queryset in querysets
        ]
        together = [
            ours.search(query, queryset, operator=operator).annotate_score("score")[:200]
            for queryset in querysets
        ]
        with CaptureQueriesContext(connection) as statements:
            ours.results_class.fetch_all(together)
        ranked = [
            s
            for s in statements.captured_queries
            if "UNION ALL" in s["sql"] and "AS source" in s["sql"]
        ]
        assert len(ranked) == 1, query
        assert [[(o.pk, round(o.score, 6)) for o in found] for found in together] == alone, query


@pytest.fixture
def insertion_page(home, database_search):
    page, _ = ensure_child_page(
        home,
        StandardPage,
        "essai-recherche-postgresql",
        title="Le marché de l'essai",
        intro="Une page d'essai de la recherche.",
        body=stream(("paragraph", rich("Une seule insertion par an dans ce marché."))),
    )
    return page


def test_stemming_and_accent_folding_still_work(insertion_page):
    pages = Page.objects.live().public()
    for query in ["insertions", "insertion", "marche", "marchés", "MARCHE"]:
        assert insertion_page.pk in [p.pk for p in backend().search(query, pages)[:200]], query


@pytest.fixture
def many_body_matches(home, database_search):
    """Eight pages with the word in their text, created before one with it in its title."""
    for number in range(8):
        ensure_child_page(
            home,
            StandardPage,
            f"essai-borne-{number}",
            title=f"Page d'essai numéro {number}",
            intro="Le zéphyrin est cité dans le texte.",
            body=stream(("paragraph", rich("Zéphyrin, zéphyrin et encore zéphyrin."))),
        )
    page, _ = ensure_child_page(home, StandardPage, "essai-borne-titre", title="Zéphyrin")
    return page


def test_the_bound_keeps_the_title_match_first(many_body_matches):
    pages = Page.objects.live().public()
    bounded = backend(RANK_LIMIT=3)
    assert [p.pk for p in wagtail_backend().search("zephyrin", pages)[:3]][0] == (
        many_body_matches.pk
    )
    hits = [p.pk for p in bounded.search("zephyrin", pages)[:3]]
    assert len(hits) == 3
    assert hits[0] == many_body_matches.pk
    # Counts and unsliced searches are not bounded.
    assert bounded.search("zephyrin", pages).count() == 9
    assert len(list(bounded.search("zephyrin", pages))) == 9


def employer(name, description, published=True):
    rng = random.Random(name)
    return InclusiveEmployer.objects.create(
        name=name,
        subkind="EI",
        siret=fake_siret(rng),
        department=Department.objects.get(code="33"),
        description=description,
        is_published=published,
    )


def test_the_bound_keeps_the_employer_named_after_the_query_first(demo, database_search):
    for number in range(6):
        employer(f"Atelier d'essai {number}", "Une cordonnerie solidaire, cordonnerie de quartier.")
    named = employer("Cordonnerie du Port", "Réparation de chaussures.")
    hits = [o.pk for o in backend(RANK_LIMIT=2).search("cordonnerie", Organisation)[:2]]
    assert hits[0] == named.pk
    assert [o.pk for o in wagtail_backend().search("cordonnerie", Organisation)[:1]] == [named.pk]


def test_the_querysets_filters_apply_before_the_bound(demo, database_search):
    for number in range(5):  # the best matches, but not published
        employer(f"Vannerie cachée {number}", "Vannerie, vannerie.", published=False)
    shown = [employer(f"Atelier {n}", "Nous faisons aussi de la vannerie.") for n in range(2)]
    hits = backend(RANK_LIMIT=2).search("vannerie", Organisation.objects.public())[:2]
    assert sorted(o.pk for o in hits) == sorted(o.pk for o in shown)


def index_rows():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT content_type_id, object_id, title::text, autocomplete::text, body::text,
                   title_text, body_text, title_norm
            FROM wagtailsearch_indexentry ORDER BY content_type_id, object_id
            """
        )
        return cursor.fetchall()


def reindex(search_backend):
    IndexEntry.objects.all().delete()
    for model in get_indexed_models():
        objects = list(model.get_indexed_objects())
        index = search_backend.get_index_for_model(model)
        for start in range(0, len(objects), 100):
            index.add_items(model, objects[start : start + 100])


def test_the_index_rows_are_wagtails(demo):
    """The faster indexing writes exactly what Wagtail's would: vectors, texts, title norms."""
    reindex(wagtail_backend())
    expected = index_rows()
    reindex(backend())
    assert len(expected) > 300
    assert index_rows() == expected


def test_each_querysets_own_filters_apply_search_after_search(demo, database_search):
    """The compiled filters of a source are remembered between searches: sources searched
    together over other filters, or other values of them, still get their own rows."""
    shown = employer("Vannerie du marais", "Vannerie.")
    hidden = employer("Vannerie cachée", "Vannerie.", published=False)
    ours = backend()
    querysets = [
        Organisation.objects.all(),
        Organisation.objects.filter(is_published=True),
        Organisation.objects.filter(is_published=False),
    ]
    for _round in range(2):
        together = [ours.search("vannerie", queryset)[:10] for queryset in querysets]
        ours.results_class.fetch_all(together)
        every, published, unpublished = [[o.pk for o in found] for found in together]
        assert set(every) >= {shown.pk, hidden.pk}
        assert (published, unpublished) == ([shown.pk], [hidden.pk])


def test_a_short_slice_ranks_four_candidates_per_hit_within_the_bound():
    # The partial search asks 50 hits per source: 200 candidates ranked, not 500.
    default = backend()
    assert [rank_limit(default, stop) for stop in (8, 50, 100, 200, 1000)] == [
        200,
        200,
        400,
        500,
        1000,
    ]
    assert rank_limit(backend(RANK_LIMIT=3), 2) == 3

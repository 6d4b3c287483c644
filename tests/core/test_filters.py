"""The shared list filters: accent-insensitive text, facet counts, unreadable values dropped."""

import pytest

from core.filters import Facet, Filters, TextFilter, listing_words
from core.text import fold_for_match
from resources.models import Audience, Publication, PublicationKind

pytestmark = pytest.mark.django_db

TEXT = TextFilter(fields=("title", "publisher"))


def _facets():
    return [
        Facet("type", "Type", "kind", list(PublicationKind.choices), unknown="Type inconnu."),
        Facet(
            "public",
            "Public",
            "audiences__slug",
            lambda: Audience.objects.values_list("slug", "name"),
        ),
    ]


@pytest.fixture
def publications():
    kinds = PublicationKind.values
    rows = [
        ("t-1", "Marchés réservés aux SIAE", "Régie de quartier", kinds[0], ["siae"]),
        ("t-2", "La main-d'œuvre en insertion", "Avise", kinds[0], ["siae", "acheteurs"]),
        ("t-3", "RESERVE NATURELLE", "regie publique", kinds[1], ["acheteurs"]),
        ("t-4", "Guide des achats", "Ministère", kinds[1], []),
    ]
    audiences = {a.slug: a for a in Audience.objects.all()}
    for ref, title, publisher, kind, slugs in rows:
        publication = Publication.objects.create(
            ref=ref, title=title, publisher=publisher, kind=kind, live=True
        )
        publication.audiences.set([audiences[slug] for slug in slugs])
        publication.save()  # a parental many-to-many is written on save
    return Publication.objects.filter(ref__startswith="t-")


def _refs(queryset):
    return sorted(queryset.values_list("ref", flat=True))


@pytest.mark.parametrize(
    "query,expected",
    [
        ("reserve", ["t-1", "t-3"]),  # "réservés" and "RESERVE"
        ("Régie", ["t-1", "t-3"]),  # "Régie" and "regie"
        ("oeuvre", ["t-2"]),  # "œuvre"
        ("ŒUVRE insertion", ["t-2"]),  # every word, in any field
        ("marches siae", ["t-1"]),
        ("regie ministere", []),
        ("100%_", []),  # LIKE wildcards are plain characters
        # An elided article is not looked for: « l'insertion » holds « d'insertion »'s word.
        ("main-d'œuvre l’insertion", ["t-2"]),
        ("d'insertion", ["t-2"]),
        # Small words are not looked for beside others: « Guide des achats » lacks « la ».
        ("la régie de quartier", ["t-1"]),
        ("guide la", ["t-4"]),
        ("la", ["t-2"]),  # alone, they are
    ],
)
def test_text_filter_ignores_accents_case_and_ligatures(publications, query, expected):
    filters = Filters({"q": query}, text=TEXT)
    assert _refs(filters.apply(publications)) == expected


@pytest.mark.parametrize(
    "text,words",
    [
        ("heures d'insertion", ["heures", "insertion"]),
        ("L’ESAT qu'on cite", ["ESAT", "on", "cite"]),
        ("saisie de données", ["saisie", "données"]),
        ("de la", ["de", "la"]),
        ("d' insertion", ["insertion"]),
        ("aujourd'hui", ["aujourd'hui"]),  # not an elision: the word stays whole
        (" ".join(f"mot{n}" for n in range(12)), [f"mot{n}" for n in range(10)]),
    ],
)
def test_listing_words_drop_elisions_and_small_words(text, words):
    assert listing_words(text) == words


def test_fold_for_match_spells_out_ligatures():
    assert fold_for_match("Main-d'Œuvre Réservée") == "main-d'oeuvre reservee"


def test_facet_counts_apply_the_other_filters(publications):
    kind = PublicationKind.values[0]
    filters = Filters({"type": kind, "q": "siae"}, _facets(), TEXT)
    assert _refs(filters.apply(publications).distinct()) == ["t-1"]
    views = {view.name: view for view in filters.facet_views(publications)}
    # Type counts: the text filter applies, not the type filter itself.
    types = {o["value"]: o["count"] for o in views["type"].options}
    assert types == {kind: 1}
    # Audience counts: both the text and the type filters apply.
    audiences = {o["value"]: o["count"] for o in views["public"].options}
    assert audiences == {"siae": 1}
    assert views["type"].selected == kind


def test_many_to_many_facet_filters_and_counts(publications):
    filters = Filters({"public": "acheteurs"}, _facets())
    assert _refs(filters.apply(publications)) == ["t-2", "t-3"]
    views = {view.name: view for view in filters.facet_views(publications)}
    audiences = {o["value"]: o["count"] for o in views["public"].options}
    assert audiences["siae"] == 2 and audiences["acheteurs"] == 2


@pytest.mark.parametrize(
    "params",
    [
        {"type": "<script>", "public": "nobody"},
        {"type": "a\x00b", "q": "\x00\x01"},
        {"type": "x" * 5000, "q": "y" * 5000},
    ],
)
def test_unreadable_values_are_dropped(publications, params):
    filters = Filters(params, _facets(), TEXT)
    assert filters["type"] == "" and filters["public"] == ""
    assert filters.errors == ["Type inconnu."]
    assert filters["q"].isprintable() and len(filters["q"]) <= 200
    expected = ["t-1", "t-2", "t-3", "t-4"] if not filters["q"] else []
    assert _refs(filters.apply(publications)) == expected
    assert filters.facet_views(publications)


def test_pages_answer_bad_values_without_error(client):
    for url in (
        "/annuaire/?type=%00&q=%ff%fe&departement=zz",
        "/marches-a-venir/?q=%00&secteur=nope&avis_du=demain",
        "/clauses/?levier=%3Cscript%3E&base=nope",
        "/ressources/publications/?type=%00&annee=abc",
    ):
        assert client.get(url).status_code == 200, url

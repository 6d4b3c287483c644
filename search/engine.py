"""Run a site search on the configured backend, and degrade instead of failing.

Elasticsearch may be down, and a backend's query parser may choke on odd input: the visitor then
gets database results (or none), never an error page.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from . import sources
from .synonyms import expand_query
from .text import excerpt, share_of_words_found

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
ALL_EDITIONS = "toutes"
# Facets, named as their URL parameters.
TYPE, DEPARTMENT, SECTOR = "type", "departement", "secteur"
FACETS = (TYPE, DEPARTMENT, SECTOR)
MAX_RESULTS_PER_SOURCE = 200  # a bound on what is ranked: nobody reads past page 20
# Ranks from different sources (and backends) are not comparable: a hit's score is its rank in
# its source, plus this weight times the share of the query's words found in its title.
TITLE_WEIGHT = 1.5
EXCERPT_FIELDS = ("search_description", "intro", "summary", "description", "text", "body")


def clean_query(raw):
    """Strip NUL and control characters (PostgreSQL rejects NUL) and bound the length."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass
class Result:
    title: str
    url: str
    content_type: sources.ContentType
    excerpt: str
    score: float
    edition: int | None = None  # the guide edition's year, for guide pages
    departments: frozenset = frozenset()  # département codes, for the département facet
    sectors: frozenset = frozenset()  # directory sector slugs, for the sector facet

    def facet_values(self, facet):
        if facet == TYPE:
            return {self.content_type.key}
        return self.departments if facet == DEPARTMENT else self.sectors

    def as_json(self):
        return {
            "title": self.title,
            "url": self.url,
            "type": self.content_type.key,
            "type_label": self.content_type.label,
            "excerpt": self.excerpt,
            "score": round(self.score, 4),
            "edition": self.edition,
        }


@dataclass
class Outcome:
    query: str
    results: list = field(default_factory=list)
    # {facet: {value: count}}: each facet counted with the other facets' filters applied.
    facet_counts: dict = field(default_factory=dict)
    edition_counts: dict = field(default_factory=dict)
    edition: int | None = None  # the guide edition the results are limited to
    variants: list = field(default_factory=list)  # the query and its synonym expansions
    # "and": every word; "or" when no result has them all (then `partial` is true).
    operator: str = "and"
    promotions: list = field(default_factory=list)
    degraded: bool = False

    @property
    def partial(self):
        return self.operator == "or"

    @property
    def type_counts(self):
        return self.facet_counts.get(TYPE, {})


def _backend_names():
    names = ["default"]
    if "database" in settings.WAGTAILSEARCH_BACKENDS:
        names.append("database")
    return names


def _run(method, query, queryset, outcome, **kwargs):
    """Call backend.search/autocomplete on the first backend that answers; [] if none does."""
    for name in _backend_names():
        try:
            backend = get_search_backend(name)
            results = getattr(backend, method)(query, queryset, **kwargs)
            return list(results[:MAX_RESULTS_PER_SOURCE])
        except Exception:  # noqa: BLE001 - any backend failure falls through to the next one
            logger.exception("Search backend %r failed for query %r", name, query)
            if outcome is not None:
                outcome.degraded = True
    return []


def _search_variants(queryset, query, outcome):
    """Hits of every variant of the query (synonym expansions score a little less)."""
    found = {}
    for variant in outcome.variants:
        hits = _run("search", variant, queryset, outcome, operator=outcome.operator)
        for rank, obj in enumerate(hits):
            # Position-based score: comparable across backends and models.
            score = 1.0 / (rank + 1) * (1.0 if variant == query else 0.8)
            if obj.pk not in found or found[obj.pk][1] < score:
                found[obj.pk] = (obj, score)
    return list(found.values())


def _excerpt_source(obj):
    if hasattr(obj, "search_excerpt"):
        return obj.search_excerpt()
    for name in EXCERPT_FIELDS:
        value = getattr(obj, name, None)
        if value:
            return value.render_as_block() if hasattr(value, "render_as_block") else str(value)
    return ""


def _guide_editions():
    """{tree path of a live public edition: its year}."""
    try:
        from guides.content import public_editions
    except ImportError:
        return {}
    return dict(public_editions().values_list("path", "year"))


def _edition_of(page, editions):
    for path, year in editions.items():
        if page.path.startswith(path):
            return year
    return None


def _page_results(query, outcome, request):
    hits = _search_variants(Page.objects.live().public(), query, outcome)
    scores = {page.pk: score for page, score in hits}
    editions = _guide_editions()
    results = []
    for page in Page.objects.filter(pk__in=scores).specific():
        results.append(
            Result(
                title=page.title,
                # Guide pages point at the paragraph that matches.
                url=(
                    page.anchor_for_query(query)
                    if hasattr(page, "anchor_for_query")
                    else page.get_url(request)
                ),
                content_type=sources.page_content_type(type(page)),
                excerpt=excerpt(_excerpt_source(page), query),
                score=scores[page.pk]
                + TITLE_WEIGHT * share_of_words_found(outcome.variants, page.title),
                edition=_edition_of(page, editions),
            )
        )
    return results


def _model_results(query, outcome):
    results = []
    for model, content_type in sources.model_sources():
        hits = _search_variants(sources.public_queryset(model), query, outcome)
        facets = (
            model.search_facets([obj for obj, _ in hits]) if hasattr(model, "search_facets") else {}
        )
        for obj, score in hits:
            url = obj.search_url() if hasattr(obj, "search_url") else obj.get_absolute_url()
            if url is None:  # the page that shows it is not public
                continue
            departments, sectors = facets.get(obj.pk, ((), ()))
            title = getattr(obj, "search_title", None) or str(obj)
            results.append(
                Result(
                    title=title,
                    url=url,
                    content_type=content_type,
                    excerpt=excerpt(_excerpt_source(obj), query),
                    score=score + TITLE_WEIGHT * share_of_words_found(outcome.variants, title),
                    departments=frozenset(departments),
                    sectors=frozenset(sectors),
                )
            )
    return results


def _promotions(query):
    from wagtail.contrib.search_promotions.models import Query
    from wagtail.search.utils import normalise_query_string

    stored = Query.objects.filter(query_string=normalise_query_string(query)).first()
    if stored is None:
        return []
    picks = stored.editors_picks.select_related("page").order_by("sort_order")
    promoted = []
    for pick in picks:
        if pick.page_id and pick.page.live and not pick.page.get_view_restrictions().exists():
            promoted.append(
                {"title": pick.page.title, "url": pick.page.url, "text": pick.description}
            )
        elif pick.external_link_url:
            promoted.append(
                {
                    "title": pick.external_link_text,
                    "url": pick.external_link_url,
                    "text": pick.description,
                }
            )
    return promoted


def edition_in_force_year():
    try:
        from guides.content import edition_in_force
    except ImportError:
        return None
    edition = edition_in_force()
    return edition.year if edition else None


def _matches(result, filters, skip=None):
    return all(
        result.facet_values(facet) & {value}
        for facet, value in filters.items()
        if value and facet != skip
    )


def search_site(query, filters=None, request=None, edition=None):
    """All public results for a query, best first, with counts per facet and per guide edition.

    `filters` maps facet names (FACETS) to a selected value. Guide hits come from one edition:
    `edition` (a year), else the edition in force; ALL_EDITIONS keeps every edition."""
    outcome = Outcome(query=query)
    if not query:
        return outcome
    filters = {facet: value for facet, value in (filters or {}).items() if facet in FACETS}
    # Expanded once: every source is searched with the same variants.
    outcome.variants = expand_query(query)
    results = _page_results(query, outcome, request) + _model_results(query, outcome)
    if not results and len(query.split()) > 1:
        outcome.operator = "or"  # nothing has every word: show what has some of them
        results = _page_results(query, outcome, request) + _model_results(query, outcome)
    results.sort(key=lambda result: (-result.score, result.title))
    for result in results:
        if result.edition is not None:
            outcome.edition_counts[result.edition] = (
                outcome.edition_counts.get(result.edition, 0) + 1
            )
    if edition != ALL_EDITIONS:
        outcome.edition = edition if edition in outcome.edition_counts else edition_in_force_year()
        results = [r for r in results if r.edition is None or r.edition == outcome.edition]
    for facet in FACETS:
        counts = outcome.facet_counts.setdefault(facet, {})
        for result in results:
            if _matches(result, filters, skip=facet):
                for value in result.facet_values(facet):
                    counts[value] = counts.get(value, 0) + 1
    outcome.results = [result for result in results if _matches(result, filters)]
    outcome.promotions = _promotions(query)
    return outcome


def suggest(query, limit=8):
    """Titles that start like the query, for the search field's autocomplete."""
    if len(query) < 2:
        return []
    pages = _run("autocomplete", query, Page.objects.live().public(), None)
    return [{"title": page.title, "url": page.url} for page in pages[:limit]]

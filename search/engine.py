"""Run a site search on the configured backend, and degrade instead of failing.

Elasticsearch may be down, and a backend's query parser may choke on odd input: the visitor then
gets database results (or none), never an error page.
"""

import logging
import math
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from core.publication import visible_pages
from core.text import WordSet, excerpt, fold, meaningful_terms, plain_text

from . import sources
from .glossary import definitions_for
from .synonyms import base_forms, expand_query

logger = logging.getLogger(__name__)

ALL_EDITIONS = "toutes"
# Facets, named as their URL parameters.
TYPE, DEPARTMENT, SECTOR = "type", "departement", "secteur"
FACETS = (TYPE, DEPARTMENT, SECTOR)
MAX_RESULTS_PER_SOURCE = 200  # a bound on what is ranked: nobody reads past page 20
# Ranks from different sources (and backends) are not comparable. A hit's score adds: its rank
# in its source, the share of the query's words found in its title, the share found anywhere in
# its text (words weighted by rarity among the hits), and a small prior for the doctrine and the
# clauses, which most visitors come for.
RANK_WEIGHT = 0.1
TITLE_WEIGHT = 1.0
TEXT_WEIGHT = 1.2
REWORDING_WEIGHT = 0.8  # a hit through a synonym counts a little less than the words typed
TYPE_PRIOR = {"guide": 0.15, "clause": 0.1, "base-juridique": 0.1, "glossaire": -0.2}
LISTING_PAGE_SUFFIXES = ("IndexPage", "HubPage", "HomePage", "EditionPage")
LISTING_PRIOR = -0.3
FEW_RESULTS = 10  # below this, pages holding only some of the words are added
EXCERPT_FIELDS = ("search_description", "intro", "summary", "description", "text", "body")


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
    # For scoring: per query variant, the variant's words found in the title and in the text.
    found: list = field(default_factory=list, repr=False)
    prior: float = 0.0

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
    variant_terms: list = field(default_factory=list)  # each variant's meaningful words
    variant_weights: list = field(default_factory=list)
    # "and": every word; "or" when few results have them all.
    operator: str = "and"
    partial: bool = False  # no result holds every word of the query
    definitions: list = field(default_factory=list)  # glossary acronyms found in the query
    unfiltered_count: int = 0  # results before the facets' filters
    promotions: list = field(default_factory=list)
    degraded: bool = False

    @property
    def type_counts(self):
        return self.facet_counts.get(TYPE, {})


def _backend_names():
    names = ["default"]
    if "database" in settings.WAGTAILSEARCH_BACKENDS:
        names.append("database")
    return names


# A backend that failed is skipped for this long: one search asks it dozens of queries, and a
# server that is down must not make each of them wait for its own timeout.
BACKEND_RETRY_SECONDS = 30
_backend_down_until = {}


def _backend_identity(name):
    # The configuration, not the alias: "default" may be another server after a settings change.
    return repr(settings.WAGTAILSEARCH_BACKENDS.get(name))


def backend_is_resting(name):
    return _backend_down_until.get(_backend_identity(name), 0) > time.monotonic()


def _run(method, query, queryset, outcome, **kwargs):
    """Call backend.search/autocomplete on the first backend that answers; [] if none does."""
    names = _backend_names()
    for name in names:
        if backend_is_resting(name) and name != names[-1]:
            if outcome is not None:
                outcome.degraded = True
            continue
        try:
            backend = get_search_backend(name)
            # A savepoint: a failed query must not break the request's transaction (PostgreSQL).
            with transaction.atomic():
                results = getattr(backend, method)(query, queryset, **kwargs)
                return list(results[:MAX_RESULTS_PER_SOURCE])
        except Exception:  # any backend failure falls through to the next one
            logger.exception("Search backend %r failed for query %r", name, query)
            _backend_down_until[_backend_identity(name)] = time.monotonic() + BACKEND_RETRY_SECONDS
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


def _excerpt_text(obj):
    """The plain text an excerpt is cut from: the object's own summary, else its text fields."""
    if hasattr(obj, "search_excerpt"):
        return plain_text(obj.search_excerpt())
    parts = []
    for name in EXCERPT_FIELDS:
        value = getattr(obj, name, None)
        if value:
            parts.append(
                value.render_as_block() if hasattr(value, "render_as_block") else str(value)
            )
    return plain_text(" ".join(parts))


def _indexed_text(obj):
    """The plain text of every searched field, as the search index sees it (for scoring)."""
    parts = [plain_text(obj.search_excerpt())] if hasattr(obj, "search_excerpt") else []
    for search_field in obj.get_search_fields():
        if not isinstance(search_field, index.SearchField):
            continue
        value = getattr(obj, search_field.field_name, None)
        if callable(value):
            value = value()
        if hasattr(value, "render_as_block"):
            value = value.render_as_block()
        if value:
            parts.append(plain_text(str(value)))
    return " ".join(parts)


def _prior(obj, content_type):
    if type(obj).__name__.endswith(LISTING_PAGE_SUFFIXES):
        return LISTING_PRIOR  # a list of things ranks below the thing itself
    return TYPE_PRIOR.get(content_type.key, 0)


def _found(outcome, obj, title, content_type):
    """Per variant: its words found in the title, and anywhere (the content type's name too:
    "clause type heures" is asked of clauses)."""
    title_words = WordSet(f"{title} {content_type.label}")  # shown above the title
    all_words = WordSet(f"{title} {content_type.label} {_indexed_text(obj)}")
    return [(title_words.found(terms), all_words.found(terms)) for terms in outcome.variant_terms]


def _score_all(results, outcome):
    """Final scores, once every hit is known: rare words (a year, a place) weigh more."""
    count = len(results)
    document_frequency = {}
    for result in results:
        for term in set().union(*(in_text for _, in_text in result.found)):
            document_frequency[term] = document_frequency.get(term, 0) + 1

    def weight(term):
        return math.log((count + 1) / (document_frequency.get(term, 0) + 1)) + 1

    def share(found, terms):
        total = sum(weight(term) for term in terms)
        return sum(weight(term) for term in found) / total if total else 0.0

    for result in results:
        best = 0.0
        for (in_title, in_text), terms, factor in zip(
            result.found, outcome.variant_terms, outcome.variant_weights, strict=True
        ):
            matched = TITLE_WEIGHT * share(in_title, terms) + TEXT_WEIGHT * share(in_text, terms)
            best = max(best, factor * matched)
        result.score = RANK_WEIGHT * result.score + best + result.prior


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
    hits = _search_variants(visible_pages(), query, outcome)
    scores = {page.pk: score for page, score in hits}
    editions = _guide_editions()
    results = []
    pages = list(Page.objects.filter(pk__in=scores).specific())
    sources.prepare_page_hits(pages)
    for page in pages:
        content_type = sources.page_content_type(type(page))
        results.append(
            Result(
                title=page.title,
                # Guide pages point at the paragraph that matches.
                url=(
                    page.anchor_for_query(query)
                    if hasattr(page, "anchor_for_query")
                    else page.get_url(request)
                ),
                content_type=content_type,
                excerpt=excerpt(_excerpt_text(page), query),
                score=scores[page.pk],  # the rank in its source, until _score_all
                found=_found(outcome, page, page.title, content_type),
                prior=_prior(page, content_type),
                edition=_edition_of(page, editions),
            )
        )
    return results


def _model_results(query, outcome):
    results = []
    for model, content_type in sources.model_sources():
        hits = _search_variants(sources.public_queryset(model), query, outcome)
        sources.prepare_hits(model, [obj for obj, _ in hits])
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
                    excerpt=excerpt(_excerpt_text(obj), query),
                    score=score,
                    found=_found(outcome, obj, title, content_type),
                    prior=_prior(obj, content_type),
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
    base = base_forms(query)
    outcome.variant_terms = [meaningful_terms(variant) for variant in outcome.variants]
    outcome.variant_weights = [
        1.0 if variant in base else REWORDING_WEIGHT for variant in outcome.variants
    ]
    results = _page_results(query, outcome, request) + _model_results(query, outcome)
    in_force = edition_in_force_year()
    shown = [
        r for r in results if edition == ALL_EDITIONS or r.edition in (None, edition, in_force)
    ]
    if len(shown) < FEW_RESULTS and len(query.split()) > 1:
        # Few pages hold every word: add those holding some (they score lower).
        outcome.operator = "or"
        seen = {result.url for result in results}
        more = _page_results(query, outcome, request) + _model_results(query, outcome)
        results += [result for result in more if result.url not in seen]
        outcome.partial = not shown
    _score_all(results, outcome)
    # When the query says more than an acronym, the acronym's glossary entry (its definition
    # is shown above the results) steps back for the pages about the rest of the query.
    outcome.definitions = definitions_for(query)
    if len(query.split()) > len(outcome.definitions):
        defined = {definition["url"] for definition in outcome.definitions}
        for result in results:
            if result.url in defined:
                result.score -= 1.0
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
    outcome.unfiltered_count = len(results)
    outcome.results = [result for result in results if _matches(result, filters)]
    outcome.promotions = _promotions(query)
    return outcome


def suggest(query, limit=8):
    """Titles that start like the query, for the search field's autocomplete: pages and every
    model source, those whose title starts with the query first."""
    if len(query) < 2:
        return []
    editions, in_force = _guide_editions(), edition_in_force_year()
    pages = _run("autocomplete", query, visible_pages().specific(), None)
    candidates = [
        (page.title, page.url, sources.page_content_type(type(page)))
        for page in pages
        if _edition_of(page, editions) in (None, in_force)  # guide pages: the edition in force
    ][:limit]
    for model, content_type in sources.model_sources():
        if not model.get_autocomplete_search_fields():
            continue
        hits = _run("autocomplete", query, sources.public_queryset(model), None)[:3]
        sources.prepare_hits(model, hits)
        for obj in hits:
            url = obj.search_url() if hasattr(obj, "search_url") else obj.get_absolute_url()
            if url:
                candidates.append(
                    (getattr(obj, "search_title", None) or str(obj), url, content_type)
                )
    start = fold(query)
    candidates.sort(key=lambda item: not fold(item[0]).startswith(start))
    unique = {}  # one suggestion per title: the same chapter in two editions, or two contracts
    for title, url, content_type in candidates:
        unique.setdefault(
            fold(title), {"title": title, "url": url, "type_label": content_type.label}
        )
    return list(unique.values())[:limit]

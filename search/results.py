"""A search's hits, gathered from every source (pages, then each registered model)."""

import re
from dataclasses import dataclass, field
from functools import cached_property, partial

from django.db.models import prefetch_related_objects
from wagtail.models import Site
from wagtail.search.query import Or, PlainText

from core.deferred import load_deferred
from core.memo import GenerationMemory, per_generation
from core.publication import visible_pages
from core.text import excerpt, plain_text

from . import ranking, sources
from .editions import edition_of, public_edition_paths
from .facets import DEPARTMENT, TYPE
from .fallback import MAX_RESULTS_PER_SOURCE, run_all
from .registry import ContentType
from .tools import tool_results

EXCERPT_FIELDS = ("search_description", "intro", "summary", "description", "text", "body")
# A model clause's blanks ("{objet}", "« {lot} »"…) read as « … » in an excerpt.
_NAME = r"[\w .'’-]{1,40}?"
PLACEHOLDER = re.compile(rf"\{{\{{?\s*{_NAME}\s*\}}\}}?")
QUOTED_PLACEHOLDER = re.compile(rf"«\s*\{{\{{?\s*{_NAME}\s*\}}\}}?\s*»")
BLANK = "« … »"
# Hits below this rank in their source are scored on their title and on the words the backend
# matched, without reading their whole text: they rarely reach the first page, and reading
# every field of 200 hits per source was most of a search's time.
FULL_SCORE_DEPTH = 20
# When few hits hold every word, those holding some are added (search.engine): the best of each
# source only. They rank below the others, and reading hundreds of them ("marchés à venir": every
# contract is a "marché") was most of such a search's time. Not fewer: they weigh the words by
# rarity (ranking.score_all), and with 20 two queries of tests/search/queries.yaml lost their
# first place ("quel facilitateur couvre mon département").
PARTIAL_HITS_PER_SOURCE = 50


@dataclass
class Result:
    title: str
    address: str  # the page or object a hit links to, without the paragraph's anchor
    content_type: ContentType
    # () -> the excerpt's HTML: cut only for the results shown (a search ranks hundreds).
    excerpt_source: object = field(repr=False, compare=False)
    score: float
    edition: int | None = None  # the guide edition's year, for guide pages
    departments: frozenset = frozenset()  # département codes, for the département facet
    sectors: frozenset = frozenset()  # directory sector slugs, for the sector facet
    # For scoring: per query variant, the variant's words found in the title and in the text.
    found: list = field(default_factory=list, repr=False)
    prior: float = 0.0
    # () -> the address with the anchor of the paragraph that matches (guide pages): found only
    # for the results shown, as the excerpt (it reads every paragraph of the page).
    link_source: object = field(default=None, repr=False, compare=False)
    # (loader, object): what reads the object's text for its excerpt and link (`prepare_shown`).
    texts: tuple = field(default=None, repr=False, compare=False)

    @cached_property
    def url(self):
        return self.link_source() if self.link_source else self.address

    @cached_property
    def excerpt(self):
        return self.excerpt_source()

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


def variants_query(variants, operator):
    """One backend query for every variant of the query: a round trip per source, not per
    variant and source."""
    if len(variants) == 1:
        return variants[0]
    return Or([PlainText(variant, operator=operator) for variant in variants])


def _search_variants(querysets, outcome):
    """For each queryset, [(rank, hit)] of any variant of the query: every source asked at once
    (an engine answers them in one request)."""
    search_query = variants_query(outcome.variants, outcome.operator)
    limit = PARTIAL_HITS_PER_SOURCE if outcome.operator == "or" else MAX_RESULTS_PER_SOURCE
    requests = [(search_query, queryset) for queryset in querysets]
    found = run_all("search", requests, outcome, limit=limit, operator=outcome.operator)
    return [list(enumerate(hits)) for hits in found]


def excerpt_text(obj):
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


def cut_excerpt(obj, query):
    text = QUOTED_PLACEHOLDER.sub(BLANK, excerpt_text(obj))
    return excerpt(PLACEHOLDER.sub(BLANK, text), query)


def words_found(outcome, rank, obj, title, content_type):
    if rank < FULL_SCORE_DEPTH:
        return ranking.words_found(outcome.variant_terms, obj, title, content_type)
    return ranking.words_found_by_backend(
        outcome.variant_terms, title, content_type, outcome.operator
    )


def object_url(obj):
    """Where a model hit links to; None when the page that shows it is not public."""
    return obj.search_url() if hasattr(obj, "search_url") else obj.get_absolute_url()


def object_title(obj):
    return getattr(obj, "search_title", None) or str(obj)


def page_content_type(page):
    return sources.page_content_type(type(page))


def site_pk(request):
    site = Site.find_for_request(request) if request is not None else None
    return site.pk if site is not None else None


# Wagtail finds a page's URL through its sites' root paths and Django's URL reversing: about
# 0.1 ms per page, for the same pages search after search.
@per_generation(
    key=lambda page, request, site: (type(page), page.pk, page.url_path, site),
    size=GenerationMemory.LARGE,
)
def page_url(page, request, site):
    """Where a page hit links to, as seen from the request's site (`site_pk(request)`)."""
    return page.get_url(request)


class PageTextsOnDemand:
    """The page hits come with their own type's fields deferred (their bodies are most of what
    a page row weighs): read here for the pages scored on their text (the first
    FULL_SCORE_DEPTH, unless their words are remembered), and for any other page once its
    excerpt or its link is asked for. Reading every field of up to 200 pages per search was a
    large share of its time."""

    def __init__(self, hits):
        self.read = set()
        self.fetch(
            [
                page
                for _rank, page in hits[:FULL_SCORE_DEPTH]
                if not ranking.words_known(page, page.title, page_content_type(page))
            ]
        )

    def fetch(self, pages):
        pages = [page for page in pages if page.pk not in self.read]
        if pages:
            load_deferred(pages)
            sources.prepare_page_hits(pages)
            self.read.update(page.pk for page in pages)

    def excerpt(self, page, query):
        self.fetch([page])
        return cut_excerpt(page, query)

    def link(self, page, query):
        self.fetch([page])
        return page.anchor_for_query(query)


def page_results(query, outcome, request, hits):
    """Results of the page hits, [(rank, page)], which come back as their own page type (its
    fields deferred), best first."""
    ranks = {page.pk: rank for rank, page in hits}
    if not ranks:
        return []
    editions = public_edition_paths()
    pages = [page for _rank, page in hits]
    texts = PageTextsOnDemand(hits)
    site = site_pk(request)
    results = []
    for page in pages:
        content_type = page_content_type(page)
        results.append(
            Result(
                title=page.title,
                address=page_url(page, request, site),
                # Guide pages point at the paragraph that matches.
                link_source=(
                    partial(texts.link, page, query) if hasattr(page, "anchor_for_query") else None
                ),
                content_type=content_type,
                excerpt_source=partial(texts.excerpt, page, query),
                texts=(texts, page),
                # The rank in its source, until ranking.score_all.
                score=ranking.rank_score(ranks[page.pk]),
                found=words_found(outcome, ranks[page.pk], page, page.title, content_type),
                prior=ranking.prior(page, content_type),
                edition=edition_of(page, editions),
            )
        )
    return results


class RelationsOnDemand:
    """The relations a source's queryset prefetches (what scoring and excerpts read): fetched
    for the hits scored on their text (the first FULL_SCORE_DEPTH), and for the others only
    when their excerpts are shown. Prefetching them for 200 hits per source was a large share
    of a search's time, for hits mostly scored on their title."""

    def __init__(self, objects, lookups):
        self.lookups = lookups
        self.pending = {obj.pk: obj for obj in objects[FULL_SCORE_DEPTH:]} if lookups else {}
        if lookups:
            prefetch_related_objects(objects[:FULL_SCORE_DEPTH], *lookups)

    def fetch(self, objects):
        wanted = [obj for obj in objects if self.pending.pop(obj.pk, None) is not None]
        if wanted:
            prefetch_related_objects(wanted, *self.lookups)

    def excerpt(self, obj, query):
        self.fetch([obj])
        return cut_excerpt(obj, query)


def prepare_shown(results):
    """Read at once what the excerpts and links of the results shown need: one query per class
    of page and per relation, rather than one per result as each excerpt is cut."""
    loaders = {}
    for result in results:
        if result.texts is not None:
            loader, obj = result.texts
            loaders.setdefault(id(loader), (loader, []))[1].append(obj)
    for loader, objects in loaders.values():
        loader.fetch(objects)


# Each hit's facet values, remembered until the content changes: the same hits come back query
# after query, and their départements and sectors cost two queries per source of every search.
FACETS = GenerationMemory(size=GenerationMemory.LARGE)


def source_facets(model, objects):
    """{pk: (département codes, sector slugs)} of a model source's hits (its `search_facets`),
    those not remembered read together."""
    if not hasattr(model, "search_facets"):
        return {}
    label = model._meta.label
    by_pk = {obj.pk: obj for obj in objects}

    def read(missing):
        facets = model.search_facets([by_pk[pk] for _label, pk in missing])
        return {(label, pk): values for pk, values in facets.items()}

    found = FACETS.found_or_read([(label, pk) for pk in by_pk], read)
    return {pk: values for (_label, pk), values in found.items()}


def _model_source_results(model, content_type, query, outcome, lookups, hits):
    """Results of a model source's hits, [(rank, object)]; `lookups`: the relations its public
    queryset prefetches, fetched here by rank."""
    if not hits:
        return []
    objects = [obj for _, obj in hits]
    relations = RelationsOnDemand(objects, lookups)
    sources.prepare_hits(model, objects)
    facets = source_facets(model, objects)
    results = []
    for rank, obj in hits:
        url = object_url(obj)
        if url is None:
            continue
        departments, sectors = facets.get(obj.pk, ((), ()))
        title = object_title(obj)
        results.append(
            Result(
                title=title,
                address=url,
                content_type=content_type,
                excerpt_source=partial(relations.excerpt, obj, query),
                texts=(relations, obj),
                score=ranking.rank_score(rank),
                found=words_found(outcome, rank, obj, title, content_type),
                prior=ranking.prior(obj, content_type),
                departments=frozenset(departments),
                sectors=frozenset(sectors),
            )
        )
    return results


def all_results(query, outcome, request):
    """Every source's hits; a tool replaces an indexed page at the same address."""
    tools = tool_results(outcome, Result)
    tool_urls = {result.address for result in tools}
    # Anchors and excerpts look for the words the backends were asked about (the query as
    # typed, cut to its first words): a pasted paragraph would cost time for nothing.
    query = outcome.variants[0] if outcome.variants else query
    models = sources.model_sources()
    querysets = [sources.public_queryset(model) for model, _content_type in models]
    # Django keeps a queryset's prefetch lookups there; they are applied by rank, on demand.
    hits = _search_variants(
        [visible_pages().specific(defer=True)]
        + [queryset.prefetch_related(None) for queryset in querysets],
        outcome,
    )
    found = page_results(query, outcome, request, hits[0])
    for (model, content_type), queryset, model_hits in zip(
        models, querysets, hits[1:], strict=True
    ):
        lookups = queryset._prefetch_related_lookups
        found += _model_source_results(model, content_type, query, outcome, lookups, model_hits)
    return tools + [result for result in found if result.address not in tool_urls]

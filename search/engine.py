"""The site search, orchestrated: expand the query, gather hits from every source, rank them,
keep one guide edition, count the facets. Each step lives in its own module:

- `synonyms`: the query's variants (singular, ligatures, article numbers, the trade's synonyms);
- `results`: hits from the pages and each registered model (`sources`, `registry`), one
  backend query per source carrying every variant, all sources asked at once (one request to
  an engine); excerpts cut only for the results shown;
- `tools`: the site's tools and listing pages the apps register, matched in memory;
- `fallback`: the backend that answers, or the database index when it fails (on SQLite,
  `search.sqlite`: FTS5's bm25 in one query, French word forms; on PostgreSQL,
  `search.postgres`);
- `ranking`: scores comparable across sources;
- `editions`: the guide's edition rules, as the guide registered them;
- `facets`: type, département and sector counts.
"""

from core.publication import visible_pages
from core.text import fold, meaningful_terms

from . import facets, ranking, sources
from .editions import (
    ALL_EDITIONS,
    count_by_edition,
    edition_in_force_year,
    edition_of,
    keep_edition,
    only_edition,
    public_edition_paths,
)
from .facets import DEPARTMENT, FACETS, SECTOR, TYPE
from .fallback import run
from .glossary import definitions_for
from .promotions import promotions_for
from .results import Outcome, all_results, object_title, object_url
from .synonyms import base_forms, expand_query
from .tools import tool_suggestions

__all__ = [
    "ALL_EDITIONS",
    "DEPARTMENT",
    "FACETS",
    "SECTOR",
    "TYPE",
    "edition_in_force_year",
    "search_site",
    "suggest",
]

FEW_RESULTS = 10  # below this, pages holding only some of the words are added
# The words of a query the backends are asked about: a pasted paragraph must not make every
# source match every row ("or") and rank them all.
MAX_QUERY_WORDS = 8


def _prepare(query):
    outcome = Outcome(query=query)
    query = " ".join(query.split()[:MAX_QUERY_WORDS])
    # Expanded once: every source is searched with the same variants.
    outcome.variants = expand_query(query)
    base = base_forms(query)
    outcome.variant_terms = [meaningful_terms(variant) for variant in outcome.variants]
    outcome.variant_weights = [ranking.variant_weight(v, base) for v in outcome.variants]
    return outcome


def _gather(query, outcome, request, edition):
    """Hits holding every word; when few do, those holding some are added (they score lower)."""
    results = all_results(query, outcome, request)
    shown = keep_edition(results, edition, edition_in_force_year())
    if len(shown) < FEW_RESULTS and len(query.split()) > 1:
        outcome.operator = "or"
        seen = {result.address for result in results}
        more = all_results(query, outcome, request)
        results += [result for result in more if result.address not in seen]
        outcome.partial = not shown
    return results


def search_site(query, filters=None, request=None, edition=None):
    """All public results for a query, best first, with counts per facet and per guide edition.

    `filters` maps facet names (FACETS) to a selected value. Guide hits come from one edition:
    `edition` (a year), else the edition in force; ALL_EDITIONS keeps every edition."""
    if not query:
        return Outcome(query=query)
    filters = facets.selected(filters)
    outcome = _prepare(query)
    results = _gather(query, outcome, request, edition)
    ranking.score_all(results, outcome.variant_terms, outcome.variant_weights)
    outcome.definitions = definitions_for(query)
    ranking.step_back_defined_acronyms(results, query, outcome.definitions)
    results.sort(key=lambda result: (-result.score, result.title))
    outcome.edition_counts = count_by_edition(results)
    if edition != ALL_EDITIONS:
        outcome.edition = edition if edition in outcome.edition_counts else edition_in_force_year()
        results = only_edition(results, outcome.edition)
    outcome.facet_counts = facets.count(results, filters)
    outcome.unfiltered_count = len(results)
    outcome.results = [result for result in results if facets.matches(result, filters)]
    outcome.promotions = promotions_for(query)
    return outcome


def _page_suggestions(query, limit):
    editions, in_force = public_edition_paths(), edition_in_force_year()
    pages = run("autocomplete", query, visible_pages().specific())
    return [
        (page.title, page.url, sources.page_content_type(type(page)))
        for page in pages
        if edition_of(page, editions) in (None, in_force)  # guide pages: the edition in force
    ][:limit]


def _model_suggestions(query):
    candidates = []
    for model, content_type in sources.model_sources():
        if not model.get_autocomplete_search_fields():
            continue
        hits = run("autocomplete", query, sources.public_queryset(model))[:3]
        sources.prepare_hits(model, hits)
        for obj in hits:
            url = object_url(obj)
            if url:
                candidates.append((object_title(obj), url, content_type))
    return candidates


def suggest(query, limit=8):
    """Titles that start like the query, for the search field's autocomplete: pages and every
    model source, those whose title starts with the query first."""
    if len(query) < 2:
        return []
    candidates = tool_suggestions(query) + _page_suggestions(query, limit)
    candidates += _model_suggestions(query)
    start = fold(query)
    candidates.sort(key=lambda item: not fold(item[0]).startswith(start))
    unique = {}  # one suggestion per title: the same chapter in two editions, or two contracts
    for title, url, content_type in candidates:
        unique.setdefault(
            fold(title), {"title": title, "url": url, "type_label": content_type.label}
        )
    return list(unique.values())[:limit]

"""How hits from every source are scored against each other.

Ranks from different sources (and backends) are not comparable. A hit's score adds: its rank in
its source, the share of the query's words found in its title, the share found anywhere in its
text (words weighted by rarity among the hits), and its content type's prior (registered by the
app: the doctrine and the clauses, which most visitors come for, a little first).
"""

import functools
import math

from wagtail.search import index

from core.memo import GenerationMemory, per_generation
from core.text import WordSet, words_of_markup

RANK_WEIGHT = 0.1
TITLE_WEIGHT = 1.0
TEXT_WEIGHT = 1.2
REWORDING_WEIGHT = 0.8  # a hit through a synonym counts a little less than the words typed
LISTING_PAGE_SUFFIXES = ("IndexPage", "HubPage", "HomePage", "EditionPage")
LISTING_PRIOR = -0.3
DEFINED_ACRONYM_PENALTY = 1.0


def rank_score(rank):
    """Position-based score of a backend hit: comparable across backends and models."""
    return 1.0 / (rank + 1)


def variant_weight(variant, base_forms):
    return 1.0 if variant in base_forms else REWORDING_WEIGHT


def prior(obj, content_type):
    if type(obj).__name__.endswith(LISTING_PAGE_SUFFIXES):
        return LISTING_PRIOR  # a list of things ranks below the thing itself
    return content_type.prior


def indexed_text(obj):
    """The plain text of every searched field, as the search index sees it."""
    parts = [words_of_markup(obj.search_excerpt())] if hasattr(obj, "search_excerpt") else []
    for search_field in obj.get_search_fields():
        if not isinstance(search_field, index.SearchField):
            continue
        value = getattr(obj, search_field.field_name, None)
        if callable(value):
            value = value()
        if hasattr(value, "render_as_block"):
            value = value.render_as_block()
        if value:
            parts.append(words_of_markup(str(value)))
    return " ".join(parts)


def _version(obj):
    """What changes when an object's text may have: its publication or update time."""
    return getattr(obj, "last_published_at", None) or getattr(obj, "updated_at", None)


def _object_words_key(obj, title, content_type):
    return (type(obj)._meta.label, obj.pk, _version(obj), title, content_type.key)


# Reading a hit's text (rendering its blocks, folding it) was most of a search's time, and the
# same documents come back query after query: remembered in this process until the content
# changes, and by the object's own publication or update time.
@per_generation(key=_object_words_key, size=GenerationMemory.LARGE)
def object_words(obj, title, content_type):
    """(words of the title, words of the whole text) of a hit."""
    heading = f"{title} {content_type.label}"  # the type is shown above the title
    return WordSet(heading), WordSet(f"{heading} {indexed_text(obj)}")


def words_known(obj, title, content_type):
    """Whether a hit's words are remembered: its text need not be read to score it."""
    return object_words.knows(obj, title, content_type)


def words_found(variant_terms, obj, title, content_type):
    """Per variant: its words found in the title, and anywhere (the content type's name too:
    "clause type heures" is asked of clauses)."""
    title_words, all_words = object_words(obj, title, content_type)
    return [(title_words.found(terms), all_words.found(terms)) for terms in variant_terms]


@functools.lru_cache(maxsize=GenerationMemory.LARGE)
def heading_words(heading):
    """The words of a hit's title and type: the same titles come back query after query."""
    return WordSet(heading)


def words_found_by_backend(variant_terms, title, content_type, operator):
    """words_found without reading the text: the title's words, and in the text what the
    backend matched (every word of the query when all were required, else the title's)."""
    title_words = heading_words(f"{title} {content_type.label}")
    found = []
    for terms in variant_terms:
        in_title = title_words.found(terms)
        found.append((in_title, set(terms) if operator == "and" else in_title))
    return found


def _rarity_weights(results, variant_terms):
    """{term: weight} of the query's words: rare words (a year, a place) weigh more than words
    every hit holds."""
    count = len(results)
    document_frequency = {}
    for result in results:
        for term in set().union(*(in_text for _, in_text in result.found)):
            document_frequency[term] = document_frequency.get(term, 0) + 1
    return {
        term: math.log((count + 1) / (document_frequency.get(term, 0) + 1)) + 1
        for terms in variant_terms
        for term in terms
    }


def score_all(results, variant_terms, variant_weights):
    """Final scores, once every hit is known."""
    weights = _rarity_weights(results, variant_terms)
    # Each variant's words weigh the same for every hit: summed once.
    totals = [sum(weights[term] for term in terms) for terms in variant_terms]

    def share(found, total):
        return sum(weights[term] for term in found) / total if total else 0.0

    for result in results:
        best = 0.0
        for (in_title, in_text), total, factor in zip(
            result.found, totals, variant_weights, strict=True
        ):
            matched = TITLE_WEIGHT * share(in_title, total) + TEXT_WEIGHT * share(in_text, total)
            best = max(best, factor * matched)
        result.score = RANK_WEIGHT * result.score + best + result.prior


def step_back_defined_acronyms(results, query, definitions):
    """When the query says more than an acronym, the acronym's glossary entry (its definition is
    shown above the results) steps back for the pages about the rest of the query."""
    if len(query.split()) <= len(definitions):
        return
    defined = {definition["url"] for definition in definitions}
    for result in results:
        if result.address in defined:
            result.score -= DEFINED_ACRONYM_PENALTY

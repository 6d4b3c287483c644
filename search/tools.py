"""The site's tools and listing pages as search targets (registered by the apps, see
search.registry.tool): a few dozen entries, matched here in memory on their title, description
and keywords, with the same word forms as the hits of the index ("calcul" ~ "calculateur")."""

import functools

from django.utils.html import escape

from core.text import WordSet, fold

from . import ranking
from .registry import content_type, registry

# A tool's own content type. A query that names a tool ("calculateur", "carte des
# facilitateurs": most of its words in the tool's title or keywords) gets a small prior that puts
# the tool first; a tool only mentioned by the query ranks like a listing page, below the content
# that answers it ("calcul heures d'insertion marché de travaux" wants the guide's method).
TOOL = content_type(85, "outil", "Outil du site", prior=0.35)
NAMED_SHARE = 2 / 3
MENTIONED_PRIOR = -0.3
MIN_NAMING_WORD = 4  # "mon", "qui", "est" neither name nor miss a tool
# Between two tools a query names, the one whose title it says entirely: "marchés à venir" is
# the list, before "Données ouvertes des marchés à venir".
WHOLE_TITLE_BONUS = 0.1


def tool_url(tool):
    url = tool.url() if callable(tool.url) else tool.url
    return url or None


def _named_share(words_of_tool, variant_terms):
    """Share of the query's words (those long enough to mean something) the tool holds."""
    best = 0.0
    for terms in variant_terms:
        words = [term for term in terms if len(term) >= MIN_NAMING_WORD] or terms
        if words:
            best = max(best, len(words_of_tool.found(words)) / len(words))
    return best


def _title_said(tool, variant_terms):
    """Share of the tool title's words that the query holds."""
    title = [word for word in WordSet(tool.title).words if len(word) >= MIN_NAMING_WORD]
    if not title:
        return 0.0
    return max(len(WordSet(" ".join(terms)).found(title)) / len(title) for terms in variant_terms)


def _prior(tool, title_words, variant_terms):
    if _named_share(title_words, variant_terms) < NAMED_SHARE:
        return MENTIONED_PRIOR
    return TOOL.prior + WHOLE_TITLE_BONUS * _title_said(tool, variant_terms)


@functools.cache
def _tool_words(tool):
    """(words of the title and keywords, words of all its text): a tool's text does not change
    while the site runs, so it is read once, not on every search."""
    return (
        WordSet(f"{tool.title} {tool.keywords}"),
        WordSet(f"{tool.title} {tool.description} {tool.keywords}"),
    )


def tool_results(outcome, make_result):
    """Results for the tools whose words (title, description, keywords) hold most of the
    query's. `make_result(**fields)` builds a search.results.Result."""
    results = []
    for tool in registry.tools:
        title_words, text = _tool_words(tool)
        if _named_share(text, outcome.variant_terms) < NAMED_SHARE:
            continue  # a typo close to one word ("clauze") is no reason to offer a tool
        url = tool_url(tool)
        if url is None:
            continue
        found = [(title_words.found(terms), text.found(terms)) for terms in outcome.variant_terms]
        results.append(
            make_result(
                title=tool.title,
                address=url,
                content_type=TOOL,
                excerpt_source=lambda tool=tool: escape(tool.description),
                score=ranking.rank_score(0),
                found=found,
                prior=_prior(tool, title_words, outcome.variant_terms),
            )
        )
    return results


def tool_suggestions(query):
    """(title, url, content type) of the tools with a word starting like the query's last word
    and holding the others: "calcu" offers the calculator."""
    words = fold(query).split()
    if not words:
        return []
    found = []
    for tool in registry.tools:
        title_words = fold(f"{tool.title} {tool.keywords}").replace("'", " ").split()
        if all(any(word.startswith(typed) for word in title_words) for typed in words):
            url = tool_url(tool)
            if url:
                found.append((tool.title, url, TOOL))
    return found

"""The site's tools and listing pages as search targets (registered by the apps, see
search.registry.tool): a few dozen entries, matched here in memory on their title, description
and keywords, with the same word forms as the hits of the index ("calcul" ~ "calculateur")."""

from django.utils.html import escape

from core.text import WordSet, fold

from . import ranking
from .registry import content_type, registry

# A tool's own content type, with a small prior, so that a query naming a tool ("calculateur",
# "carte des facilitateurs") puts the tool first.
TOOL = content_type(85, "outil", "Outil du site", prior=0.35)


def tool_url(tool):
    url = tool.url() if callable(tool.url) else tool.url
    return url or None


def _holds(words, terms, operator):
    found = words.found(terms)
    return found == set(terms) if operator == "and" else bool(found)


def tool_results(outcome, make_result):
    """Results for the tools whose words hold the query (every word, or some when the search
    fell back to "or"). `make_result(**fields)` builds a search.results.Result."""
    results = []
    for tool in registry.tools:
        text = WordSet(f"{tool.title} {tool.description} {tool.keywords}")
        if not any(
            _holds(text, terms, outcome.operator) for terms in outcome.variant_terms if terms
        ):
            continue
        url = tool_url(tool)
        if url is None:
            continue
        title_words = WordSet(f"{tool.title} {tool.keywords}")
        found = [(title_words.found(terms), text.found(terms)) for terms in outcome.variant_terms]
        results.append(
            make_result(
                title=tool.title,
                url=url,
                content_type=TOOL,
                excerpt_source=lambda tool=tool: escape(tool.description),
                score=ranking.rank_score(0),
                found=found,
                prior=TOOL.prior,
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

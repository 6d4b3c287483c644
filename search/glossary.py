"""Definitions shown above the results when the query contains an acronym of the glossary."""

import logging

from core.text import fold

logger = logging.getLogger(__name__)
MAX_DEFINITIONS = 3


def definitions_for(query):
    """[{term, expansion, definition, url}] for each acronym the query contains, in query order."""
    words = [fold(word.strip(".,;:!?()\"'")) for word in query.split()]
    words = [word for word in words if word]
    if not words:
        return []
    try:
        from resources.models import GlossaryTerm

        acronyms = {fold(term.term): term for term in GlossaryTerm.objects.exclude(expansion="")}
    except Exception:  # no glossary means no definitions, not an error page
        logger.exception("Glossary unavailable for definitions")
        return []
    found = []
    for word in words:
        term = acronyms.pop(word, None)
        if term is None:
            continue
        found.append(
            {
                "term": term.term,
                "expansion": term.expansion,
                "definition": term.definition,
                "url": term.search_url(),
            }
        )
    return found[:MAX_DEFINITIONS]

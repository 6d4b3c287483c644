"""Definitions shown above the results when the query contains an acronym the apps define (the
glossary registers itself as a definition provider: see search.registry)."""

import logging

from core.text import fold

from .registry import registry

logger = logging.getLogger(__name__)
MAX_DEFINITIONS = 3


def definitions_for(query):
    """[{term, expansion, definition, url}] for each acronym the query contains, in query order."""
    words = [fold(word.strip(".,;:!?()\"'")) for word in query.split()]
    words = [word for word in words if word]
    if not words:
        return []
    found = []
    for provider in registry.definition_providers:
        try:
            found.extend(provider(words))
        except Exception:
            logger.exception("Definitions unavailable from %r", provider)
    return found[:MAX_DEFINITIONS]

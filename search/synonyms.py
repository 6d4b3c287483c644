"""Query expansion with the trade's vocabulary (acronyms and their meanings, both ways).

The glossary (library app) is the editable source; without it, queries are used as typed.
"""

import logging
import re

from .text import fold

logger = logging.getLogger(__name__)
MAX_VARIANTS = 4


def _synonym_table():
    try:
        from library.glossary import search_synonyms
    except ImportError:
        return {}
    try:
        return {fold(term): values for term, values in search_synonyms().items()}
    except Exception:  # noqa: BLE001 - a glossary problem must not break search
        logger.exception("Glossary synonyms unavailable")
        return {}


def expand_query(query):
    """The query, then variants where a known term is replaced by one of its synonyms."""
    variants = [query]
    folded = fold(query)
    for term, synonyms in _synonym_table().items():
        if not term or not re.search(rf"\b{re.escape(term)}\b", folded):
            continue
        for synonym in synonyms:
            variant = re.sub(rf"\b{re.escape(term)}\b", synonym, folded)
            if variant not in variants:
                variants.append(variant)
            if len(variants) >= MAX_VARIANTS:
                return variants
    return variants

"""Query expansion with the trade's vocabulary (acronyms and their meanings, both ways).

The glossary (library app) is the editable source; without it, queries are used as typed.
"""

import logging
import re

from .text import fold

logger = logging.getLogger(__name__)
MAX_VARIANTS = 5


def _singular(text):
    """'insertions' -> 'insertion', 'travaux' -> 'travail': the stemming SQLite's search lacks
    (PostgreSQL and Elasticsearch stem anyway: there the variant finds the same rows)."""
    words = []
    for word in text.split():
        lowered = word.lower()
        if lowered.endswith("travaux"):
            word = word[:-3] + "ail"
        elif len(lowered) > 4 and lowered.endswith("aux"):
            word = word[:-3] + "al"
        elif len(lowered) > 4 and lowered[-1] in "sx" and lowered[-2] not in "su":
            word = word[:-1]
        words.append(word)
    return " ".join(words)


def _normal(text):
    return _singular(fold(text))


def _synonym_table():
    try:
        from library.glossary import search_synonyms
    except ImportError:
        return {}
    try:
        table = {}
        for term, values in search_synonyms(both_ways=True).items():
            # "SIAE" and "Siae" meet on one key: keep the wordings of both.
            merged = table.setdefault(_normal(term), [])
            merged.extend(value for value in values if _normal(value) != _normal(term))
        return table
    except Exception:  # noqa: BLE001 - a glossary problem must not break search
        logger.exception("Glossary synonyms unavailable")
        return {}


def _ligature_variant(query):
    """'oeuvre' <-> 'œuvre': written both ways, and SQLite's tokenizer does not equate them."""
    lowered = query.lower()
    if "œ" in lowered:
        return lowered.replace("œ", "oe")
    if re.search(r"oe(?=u)", lowered):
        return re.sub(r"oe(?=u)", "œ", lowered)
    return None


def expand_query(query):
    """The query, then variants: singular, ligature, synonyms of the trade's terms."""
    variants = [query]
    for variant in (_singular(query), _ligature_variant(query)):
        if variant and variant not in variants:
            variants.append(variant)
    normal = _normal(query)
    for term, synonyms in _synonym_table().items():
        pattern = rf"\b{re.escape(term)}\b"
        if not term or not re.search(pattern, normal):
            continue
        for synonym in synonyms:
            variant = re.sub(pattern, synonym, normal)
            if variant not in variants:
                variants.append(variant)
            if len(variants) >= MAX_VARIANTS:
                return variants
    return variants

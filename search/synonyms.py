"""Query expansion with the trade's vocabulary (acronyms and their meanings, both ways).

The apps register their providers (the glossary, an editable source: see search.registry);
without any, queries are used as typed.
"""

import logging
import re

from core.memo import per_generation
from core.text import fold

from .registry import registry

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
        elif len(lowered) > 4 and lowered[-1] in "sx" and lowered[-2] in "abcdefghijklmnopqrtvwyz":
            word = word[:-1]
        words.append(word)
    return " ".join(words)


def _normal(text):
    return _singular(fold(text))


@per_generation  # the glossary is read and normalised once, not on every search
def _synonym_table():
    table = {}
    for provider in registry.synonym_providers:
        try:
            pairs = provider().items()
        except Exception:
            logger.exception("Synonyms unavailable from %r", provider)
            continue
        for term, values in pairs:
            # "SIAE" and "Siae" meet on one key: keep the wordings of both.
            merged = table.setdefault(_normal(term), [])
            merged.extend(value for value in values if _normal(value) != _normal(term))
    return table


def _ligature_variant(query):
    """'oeuvre' <-> 'œuvre': written both ways, and SQLite's tokenizer does not equate them."""
    lowered = query.lower()
    if "œ" in lowered:
        return lowered.replace("œ", "oe")
    if re.search(r"oe(?=u)", lowered):
        return re.sub(r"oe(?=u)", "œ", lowered)
    return None


# "L2113-12", "L. 2113-12", "article L 2113-12": the numbers are what every text shares.
ARTICLE_NUMBER = re.compile(r"\b(?:art(?:icle)?s?\.?\s*)?[LRD]\.?\s*(\d{3,4})-(\d+)\b", re.I)
# Abbreviations the sources use and visitors spell out (and the other way round).
ABBREVIATIONS = {"article": "art", "articles": "art"}


def _article_variant(query):
    if ARTICLE_NUMBER.search(query):
        return ARTICLE_NUMBER.sub(r"\1-\2", query)
    words = query.split()
    spelled = [ABBREVIATIONS.get(word.lower(), word) for word in words]
    return " ".join(spelled) if spelled != words else None


def _replace_words(words, normal_words, term_words, synonym):
    """Replace each run of `term_words` (compared in normal form) by the synonym."""
    size, out, i = len(term_words), [], 0
    while i < len(words):
        if normal_words[i : i + size] == term_words:
            out.append(synonym)
            i += size
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def base_forms(query):
    """The query and the same words written otherwise: singular, ligature, article numbers."""
    forms = [query]
    for form in (_singular(query), _ligature_variant(query), _article_variant(query)):
        if form and form not in forms:
            forms.append(form)
    return forms


def expand_query(query):
    """The query's base forms, then variants with the trade's synonyms."""
    variants = base_forms(query)
    if ARTICLE_NUMBER.search(query):
        # PostgreSQL indexes "L. 2113-12" as "2113" and "-12": the article's stem finds it, and
        # the scoring puts the exact article first.
        variants.append(ARTICLE_NUMBER.sub(r"\1", query))
    words = fold(query).split()
    normal_words = [_normal(word) for word in words]
    for term, synonyms in _synonym_table().items():
        term_words = term.split()
        if not term_words or not _contains(normal_words, term_words):
            continue
        for synonym in synonyms:
            if _contains(_normal(synonym).split(), term_words):
                continue  # "mutualisation des heures d'insertion" adds nothing to its own start
            variant = _replace_words(words, normal_words, term_words, synonym)
            if variant not in variants:
                variants.append(variant)
            if len(variants) >= MAX_VARIANTS:
                return variants
    return variants


def _contains(words, run):
    return any(words[i : i + len(run)] == run for i in range(len(words) - len(run) + 1))

"""'Did you mean…?' for queries with no result: close words from the site's own vocabulary.

The vocabulary is the words of page titles and of what the apps register (glossary terms, model
clause titles): short, and the words visitors aim at. Built once and cached (it changes with editors' publications).
"""

import difflib
import logging
import re

from django.core.cache import cache

from core.publication import visible_pages
from core.text import fold

from .registry import registry

logger = logging.getLogger(__name__)
CACHE_KEY = "search:vocabulary"
CACHE_SECONDS = 600
MIN_WORD_LENGTH = 4


def _titles():
    yield from visible_pages().values_list("title", flat=True)
    for provider in registry.vocabulary_providers:
        yield from provider()


def vocabulary():
    """{folded word: the word as written (accents kept, lowercase)}."""
    words = cache.get(CACHE_KEY)
    if words is None:
        words = {}
        for title in _titles():
            for word in re.findall(r"\w+", title.lower()):
                if len(word) >= MIN_WORD_LENGTH and not word.isdigit():
                    words.setdefault(fold(word), word)
        cache.set(CACHE_KEY, words, CACHE_SECONDS)
    return words


def did_you_mean(query):
    """The query with its unknown words replaced by the closest known ones, or ''."""
    try:
        known = vocabulary()
    except Exception:  # a suggestion is a nicety, never a reason to fail
        logger.exception("Search vocabulary unavailable")
        return ""
    corrected, changed = [], False
    for word in query.split():
        folded = fold(word)
        if len(folded) >= MIN_WORD_LENGTH and folded.isalpha() and folded not in known:
            close = difflib.get_close_matches(folded, list(known), n=1, cutoff=0.75)
            if close:
                word, changed = known[close[0]], True
        corrected.append(word)
    return " ".join(corrected) if changed else ""

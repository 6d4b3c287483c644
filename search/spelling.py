"""'Did you mean…?' for queries with no result: close words from the site's own vocabulary.

The vocabulary is the words of page titles and of what the apps register (glossary terms, model
clause titles): short, and the words visitors aim at. Built once per content generation: a title
unpublished or made private leaves the suggestions with the next search, as it leaves the
results.
"""

import difflib
import logging
import re

from core.memo import per_generation
from core.publication import visible_pages
from core.text import fold

from .registry import registry

logger = logging.getLogger(__name__)
MIN_WORD_LENGTH = 4


def _titles():
    yield from visible_pages().values_list("title", flat=True)
    for provider in registry.vocabulary_providers:
        yield from provider()


@per_generation
def vocabulary():
    """{folded word: the word as written (accents kept, lowercase)}."""
    words = {}
    for title in _titles():
        for word in re.findall(r"\w+", title.lower()):
            if len(word) >= MIN_WORD_LENGTH and not word.isdigit():
                words.setdefault(fold(word), word)
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

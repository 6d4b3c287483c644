"""Marks that apps add to rendered text without the page's own app knowing them.

The glossary (resources) registers the marking of the first use of each of its terms; the guide
wraps its body in `{% annotate %}…{% endannotate %}` (core_tags). Neither imports the other.
"""

import logging

from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)
_annotators = []


def register(annotator):
    """`annotator(html) -> html`: called on every annotated piece of a page, in order."""
    if annotator not in _annotators:
        _annotators.append(annotator)


def annotate(html):
    for annotator in _annotators:
        try:
            html = annotator(html)
        except Exception:
            # A broken glossary costs its links, never the page.
            logger.exception("Annotator %r failed", annotator)
    # The input is rendered template output and the annotators rebuild it from a parsed tree
    # (text escaped again), so the result is as safe as what came in.
    return mark_safe(html)  # noqa: S308

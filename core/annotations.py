"""Marks that apps add to rendered text without the page's own app knowing them.

The glossary (resources) registers the marking of the first use of each of its terms; the guide
wraps its body in `{% annotate %}…{% endannotate %}` (core_tags). Neither imports the other.

A part of the annotated HTML can be kept as it is (an editor switched the glossary off for one
paragraph): wrap it between the comments OFF and ON below. It is set aside before the annotators
run and put back afterwards, so its words neither get marks nor count as a "first use".
"""

import logging
import re

from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)
_annotators = []

OFF = "<!--annotations:off-->"
ON = "<!--annotations:on-->"
_HELD = re.compile(re.escape(OFF) + r"(.*?)" + re.escape(ON), re.DOTALL)
_HOLD = '<span data-annotations-held="{}"></span>'
_HOLD_PATTERN = re.compile(r'<span data-annotations-held="(\d+)"></span>')


def register(annotator):
    """`annotator(html) -> html`: called on every annotated piece of a page, in order."""
    if annotator not in _annotators:
        _annotators.append(annotator)


def _set_aside(html):
    held = []

    def hold(match):
        held.append(match.group(1))
        return _HOLD.format(len(held) - 1)

    return _HELD.sub(hold, html), held


def _put_back(html, held):
    return _HOLD_PATTERN.sub(lambda match: held[int(match.group(1))], html)


def annotate(html):
    html, held = _set_aside(str(html))
    for annotator in _annotators:
        try:
            html = annotator(html)
        except Exception:
            # A broken glossary costs its links, never the page.
            logger.exception("Annotator %r failed", annotator)
    # The input is rendered template output and the annotators rebuild it from a parsed tree
    # (text escaped again), so the result is as safe as what came in.
    return mark_safe(_put_back(html, held))  # noqa: S308

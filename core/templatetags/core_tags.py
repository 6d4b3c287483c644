from django import template

from core import dates
from core.annotations import annotate

register = template.Library()


@register.filter(expects_localtime=True)
def date_fr(value, style=""):
    """{{ day|date_fr }} « 1er novembre 2026 », {{ day|date_fr:"jour" }} with the weekday."""
    return dates.date_fr(value, style)


@register.filter(expects_localtime=True)
def time_fr(value):
    """{{ moment|time_fr }} « 9 h », « 14 h 30 »."""
    return dates.time_fr(value)


@register.filter(expects_localtime=True)
def span_fr(start, end=None):
    """{{ event.start|span_fr:event.end }} « mardi 1er décembre 2026, 9 h – 12 h »."""
    return dates.span_fr(start, end)


class AnnotateNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return annotate(self.nodelist.render(context))


@register.tag("annotate")
def do_annotate(parser, token):
    """{% annotate %}…{% endannotate %}: the enclosed HTML with the registered marks (glossary
    terms linked at their first use). Wrap one piece per page: "first use" counts inside it."""
    nodelist = parser.parse(("endannotate",))
    parser.delete_first_token()
    return AnnotateNode(nodelist)

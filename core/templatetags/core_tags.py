from django import template

from core.annotations import annotate

register = template.Library()


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

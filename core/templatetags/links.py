"""{{ path|absolute_url }}: the canonical absolute URL of a path of the site (core/links.py)."""

from django import template

from core import links

register = template.Library()


@register.filter
def absolute_url(path_or_url):
    return links.absolute_url(path_or_url)

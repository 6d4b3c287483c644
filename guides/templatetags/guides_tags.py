from django import template
from django.utils.dateformat import format as date_format

register = template.Library()


@register.filter
def date_fr(value):
    """« 1er janvier 2026 », « 18 décembre 2025 »: French long date with the ordinal first day."""
    if not value:
        return ""
    text = date_format(value, "j F Y")
    return "1er" + text[1:] if text.startswith("1 ") else text

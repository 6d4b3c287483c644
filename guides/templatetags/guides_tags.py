from django import template

from core import dates

register = template.Library()


@register.filter
def date_fr(value):
    """« 1er janvier 2026 »: the one French date of core/dates.py."""
    return dates.date_fr(value)

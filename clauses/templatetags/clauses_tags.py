from django import template

from clauses.hours import format_input
from core.numbers import format_number

register = template.Library()


@register.filter
def fr_number(value):
    """16 000 ; 12,5 (narrow no-break spaces between thousands)."""
    if value is None or value == "":
        return ""
    return format_number(value)


@register.filter
def fr_decimal(value, places):
    if value is None or value == "":
        return ""
    return format_number(value, int(places))


@register.filter
def fr_input(value):
    if value is None or value == "":
        return ""
    return format_input(value)

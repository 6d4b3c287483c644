"""French dates as people write them: « 1er novembre 2026 » (the first day of a month is an
ordinal), « mardi 1er décembre 2026 », « 9 h 30 ». One place for every template (the `date_fr`
and `time_fr` filters, built into every template) and for the Python code that writes text."""

import datetime

from django.utils import timezone
from django.utils.dateformat import format as date_format


def _local(value):
    """An aware date-time in the site's time zone (Europe/Paris); dates as they are."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _first_as_ordinal(text):
    return "1er" + text[1:] if text.startswith("1 ") else text


def date_fr(value, style=""):
    """`style`: "" → « 1er novembre 2026 » ; "jour" → « dimanche 1er novembre 2026 » ;
    "mois" → « novembre 2026 »."""
    if not value:
        return ""
    value = _local(value)
    if style == "mois":
        return date_format(value, "F Y")
    if style == "jour":
        weekday, rest = date_format(value, "l"), date_format(value, "j F Y")
        return f"{weekday} {_first_as_ordinal(rest)}"
    return _first_as_ordinal(date_format(value, "j F Y"))


def time_fr(value):
    """« 9 h », « 9 h 30 », « 14 h 05 » (French typography: no « 9 h 00 »)."""
    if value is None:
        return ""
    value = _local(value)
    return f"{value.hour} h" if value.minute == 0 else f"{value.hour} h {value.minute:02d}"


def span_fr(start, end=None):
    """When something happens, in words: « mardi 1er décembre 2026, 9 h – 12 h 30 » on one day,
    « du lundi 1er février 2027, 9 h, au mardi 2 février 2027, 12 h » over several days (a
    midnight time is left out: the event has a day, not an hour)."""
    if not start:
        return ""
    start, end = _local(start), _local(end) if end else None
    day = date_fr(start, "jour")
    start_time = _time_of(start)
    if end is None or end <= start:
        return f"{day}, {start_time}" if start_time else day
    end_time = _time_of(end)
    if end.date() == start.date():
        return f"{day}, {start_time} – {end_time}" if start_time else day
    first = f"{day}, {start_time}" if start_time else day
    last = f"{date_fr(end, 'jour')}, {end_time}" if end_time else date_fr(end, "jour")
    return f"du {first}, au {last}" if start_time or end_time else f"du {first} au {last}"


def _time_of(value):
    has_time = isinstance(value, datetime.datetime) and (value.hour, value.minute) != (0, 0)
    return time_fr(value) if has_time else ""

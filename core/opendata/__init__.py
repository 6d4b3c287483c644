"""Open data in one form for the whole site: CSV in one dialect (RFC 4180) described by Table
Schemas that declare it, JSON, and iCalendar. Absolute URLs come from core.links.

    from core.opendata import csv_response, json_response, table_schema, calendar_response
"""

from .calendars import CalendarEvent, calendar_bytes, calendar_response
from .documents import json_response, schema_response
from .tables import (
    DIALECT,
    FALSE,
    TRUE,
    SiteDialect,
    csv_line,
    csv_response,
    csv_text,
    csv_value,
    table_schema,
)

__all__ = [
    "DIALECT",
    "FALSE",
    "TRUE",
    "CalendarEvent",
    "SiteDialect",
    "calendar_bytes",
    "calendar_response",
    "csv_line",
    "csv_response",
    "csv_text",
    "csv_value",
    "json_response",
    "schema_response",
    "table_schema",
]

"""CSV in the site's one dialect, and the Table Schema that declares it.

RFC 4180: comma, double quotes (doubled inside a field), CRLF after every line, UTF-8 without a
byte order mark. Values: true/false for booleans, ISO 8601 for dates and times, a point for
decimals, an empty field for a missing value. Spreadsheets that guess another dialect are told
by the schema; scripts read the file with a plain csv reader.
"""

import csv
import datetime
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

TRUE = "true"
FALSE = "false"
CONTENT_TYPE = "text/csv; charset=utf-8; header=present"
TABLE_SCHEMA = "https://specs.frictionlessdata.io/schemas/table-schema.json"

# The dialect as a CSV Dialect / CSVW object, published next to each schema's fields.
DIALECT = {
    "delimiter": ",",
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
    "encoding": "utf-8",
}


class SiteDialect(csv.Dialect):
    delimiter = DIALECT["delimiter"]
    quotechar = DIALECT["quoteChar"]
    doublequote = DIALECT["doubleQuote"]
    lineterminator = DIALECT["lineTerminator"]
    quoting = csv.QUOTE_MINIMAL
    skipinitialspace = False


def _number(value):
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def csv_value(value):
    """The text of one field: true/false, ISO dates, point decimals, "" for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return TRUE if value else FALSE
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, float):
        return _number(Decimal(repr(value)))
    return str(value)


class _Line:
    """A file-like object whose write() hands the line back, for streaming."""

    def write(self, value):
        return value


_line_writer = csv.writer(_Line(), dialect=SiteDialect)


def csv_line(values):
    """One CSV line (with its CRLF) of these Python values."""
    return _line_writer.writerow([csv_value(value) for value in values])


def csv_text(header, rows):
    return "".join(_lines(header, rows))


def _lines(header, rows):
    yield csv_line(header)
    for row in rows:
        yield csv_line(row)


def csv_response(header, rows, filename, *, schema_url=None, stream=False):
    """A CSV download. stream=True for large exports: lines are written as the rows come (no
    Content-Length, no ETag); otherwise the whole text, which the conditional GET middleware
    gives an ETag."""
    if stream:
        response = StreamingHttpResponse(
            (line.encode() for line in _lines(header, rows)), content_type=CONTENT_TYPE
        )
    else:
        response = HttpResponse(csv_text(header, rows).encode(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if schema_url:
        response["Link"] = f'<{schema_url}>; rel="describedby"'
    return response


def _field(field):
    field = dict(field)
    if field.get("type") == "boolean":
        field.setdefault("trueValues", [TRUE])
        field.setdefault("falseValues", [FALSE])
    return field


def table_schema(fields, **properties):
    """A Table Schema (frictionless) of a CSV in the site's dialect: `fields` are dicts with at
    least name, type and description; booleans get their true/false spellings. Other properties
    (title, path, primaryKey…) come first, the dialect sits next to the fields."""
    return {
        "$schema": TABLE_SCHEMA,
        **properties,
        "dialect": dict(DIALECT),
        "missingValues": [""],
        "fields": [_field(field) for field in fields],
    }

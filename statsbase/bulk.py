"""Plain multi-row INSERTs for the statistics base's largest writes."""

from django.db import connection


def insert_rows(model, columns, rows):
    """Plain INSERTs of many rows (tuples in the order of `columns`): building ~75,000 model
    instances for bulk_create costs seconds of Python; the values here need no conversion."""
    quote = connection.ops.quote_name
    fields = ", ".join(quote(model._meta.get_field(name).column) for name in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({fields}) VALUES ({marks})"  # noqa: S608 - names from the model
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)

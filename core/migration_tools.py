"""Pieces shared by migrations."""

from django.db import migrations


def on_postgresql_only(create_sql, drop_sql):
    """A migration step that runs `create_sql` (and `drop_sql` backwards) on PostgreSQL and does
    nothing elsewhere: indexes, triggers and tables SQLite has no use for."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create_sql)

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop_sql)

    return migrations.RunPython(create, drop)

"""The browser tests' demo content: loaded once per test process, then copied back before each test.

pytest-django's live server needs a transactional database, emptied after every test. Loading
the demo again (`load_demo`) took 15 to 30 s a test; copying back a snapshot of the whole
database taken right after the first load takes a fraction of that:

- SQLite: the test database lives in memory; SQLite's backup API copies it, pages and all
  (sqlite_sequence included), into a second in-memory database and back.
- PostgreSQL: a template database cannot be copied while connections are open, so every table
  is copied once into the `demo_snapshot` schema, and put back with TRUNCATE and INSERT … SELECT
  (foreign keys and triggers off for the copy), sequences set back to their snapshot values.

What lives outside the database is then emptied as a fresh load leaves it: the caches, the
content-generation memos.
"""

import io
import sqlite3

from django.core.management import call_command
from django.db import connection, transaction

SCHEMA = "demo_snapshot"
DEMO_ARGUMENTS = {"sauf": ["statsbase"]}


def load_demo():
    """The demo content, but the statistics base's: its four years of returns cost about 9 s
    (tests/e2e/test_statistics.py loads them itself)."""
    call_command("load_demo", stdout=io.StringIO(), **DEMO_ARGUMENTS)


def empty_database():
    """The database as a transactional test starts: what migrations created, nothing more."""
    call_command(
        "flush", interactive=False, reset_sequences=False, inhibit_post_migrate=True, verbosity=0
    )
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        connection.creation.deserialize_db_from_string(contents)


def forget_what_lived_outside_the_database():
    """Caches and memos that could still describe the database as a previous test left it.

    The content-type cache stays: the snapshot's content types are the migrated ones, same ids.
    Emptying it would even break the next test's serialized rollback, whose signal handlers
    would then create missing content types before the serialized ones are inserted."""
    from django.core.cache import caches

    for cache in caches.all():
        # Pages, facets, the directory's word lookups, rate limits, Wagtail's site root paths,
        # and the content generation (core.memo's memos follow it).
        cache.clear()


class SqliteCopy:
    """The whole in-memory database, copied page by page by SQLite's backup API."""

    def __init__(self):
        self.copy = None

    def take(self):
        connection.ensure_connection()
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)

    def restore(self):
        connection.ensure_connection()
        self.copy.backup(connection.connection)

    def schema(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            return tuple(cursor.fetchall())

    def discard(self):
        if self.copy is not None:
            self.copy.close()
            self.copy = None


COLUMNS_SQL = """
    SELECT quote_ident(c.relname), array_agg(quote_ident(a.attname) ORDER BY a.attnum)
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0
      AND NOT a.attisdropped AND a.attgenerated = ''
    GROUP BY c.relname ORDER BY c.relname
"""
SEQUENCES_SQL = """
    SELECT quote_ident(sequencename), last_value FROM pg_sequences WHERE schemaname = 'public'
"""


class PostgresCopy:
    """Every public table copied into a schema of the same database; sequences remembered."""

    def __init__(self, schema=SCHEMA):
        self.schema_name = schema
        self.tables = ()
        self.sequences = ()

    def schema(self):
        with connection.cursor() as cursor:
            cursor.execute(COLUMNS_SQL)
            return tuple((table, tuple(columns)) for table, columns in cursor.fetchall())

    def take(self):
        self.tables = self.schema()
        statements = [
            f"DROP SCHEMA IF EXISTS {self.schema_name} CASCADE",
            f"CREATE SCHEMA {self.schema_name}",
        ]
        for table, columns in self.tables:
            listed = ", ".join(columns)
            # Names read from the catalog, quoted there by quote_ident.
            statements.append(
                f"CREATE TABLE {self.schema_name}.{table} AS SELECT {listed} FROM public.{table}"  # noqa: S608
            )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(";\n".join(statements))
            cursor.execute(SEQUENCES_SQL)
            self.sequences = tuple(cursor.fetchall())

    def restore(self):
        statements = ["SET LOCAL session_replication_role = replica"] if self._superuser() else []
        statements.append("TRUNCATE " + ", ".join(f"public.{t}" for t, _ in self.tables))
        for table, columns in self.tables:
            listed = ", ".join(columns)
            # Without a superuser, triggers still fire: inserting the organisations fills the
            # directory's word list (directory/migrations/0006) before its own rows come back.
            statements.append(
                f"INSERT INTO public.{table} ({listed}) SELECT {listed} FROM {self.schema_name}.{table} ON CONFLICT DO NOTHING"  # noqa: S608
            )
        for sequence, last_value in self.sequences:
            # A sequence never used yet gives its first value again.
            value, called = (last_value, "true") if last_value is not None else (1, "false")
            statements.append(f"SELECT setval('public.{sequence}', {value}, {called})")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(";\n".join(statements))

    def discard(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema_name} CASCADE")
        self.tables = ()

    @staticmethod
    def _superuser():
        """Only a superuser may turn foreign-key triggers off (CI's role is one); otherwise the
        deferred constraints are checked at commit, which the complete copy satisfies."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('is_superuser') = 'on'")
            return cursor.fetchone()[0]


def database_copy(schema=SCHEMA):
    """A copy for this database; `schema` names PostgreSQL's (SQLite's copy has no name)."""
    return SqliteCopy() if connection.vendor == "sqlite" else PostgresCopy(schema)


class DemoSnapshot:
    """The demo loaded by the first test of a process, copied back for each later one."""

    def __init__(self, copy=None):
        self.copy = copy or database_copy()
        self.taken_with_schema = None

    def put_back(self):
        """The database as a fresh `load_demo` after a flush leaves it."""
        if self.taken_with_schema is not None and self.copy.schema() == self.taken_with_schema:
            self.copy.restore()
        else:
            self.load_and_take()
        forget_what_lived_outside_the_database()

    def load_and_take(self):
        empty_database()
        load_demo()
        self.taken_with_schema = self.copy.schema()
        self.copy.take()

    def discard(self):
        self.copy.discard()
        self.taken_with_schema = None


class DemoReload:
    """Without a snapshot (a search engine is configured: its index follows each save, which a
    copied database would bypass), the demo is loaded again for every test."""

    def put_back(self):
        load_demo()

    def discard(self):
        pass

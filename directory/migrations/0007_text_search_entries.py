"""`directory_entry` (directory.models.Entry), the narrow table the directory's search counts on,
on PostgreSQL only: see the model's module for why. Kept by statement triggers (one statement,
one pass over the written rows: the importer's bulk writes of 100 000 rows too):

- organisations inserted or updated: their entries written again (upsert), with the sectors of
  their activities; deleted: their entries deleted; the table truncated: the entries too;
- activities inserted, updated or deleted: their employers' `sector_ids` read again.

The Django model is unmanaged, so the table is created here and SQLite never has it.
"""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models

from core.migration_tools import on_postgresql_only

SECTORS_OF = """coalesce((SELECT array_agg(DISTINCT a.sector_id ORDER BY a.sector_id)
    FROM directory_activity a WHERE a.employer_id = {row}.id), '{{}}')"""

ENTRY_COLUMNS = (
    "id, is_published, kind, subkind, name, department_id, commune_id, sector_ids, text_words"
)


def entry_rows(source, row):
    return (
        f"SELECT {row}.id, {row}.is_published, {row}.kind, {row}.subkind, {row}.name, "  # noqa: S608
        f"{row}.department_id, {row}.commune_id, {SECTORS_OF.format(row=row)}, {row}.text_words "
        f"FROM {source} {row}"
    )


# (trigger, table, event, transition tables, function): statement triggers, each reading the
# rows its statement wrote.
TRIGGERS = [
    ("directory_entry_inserted", "directory_organisation", "INSERT",
     "NEW TABLE AS written_rows", "directory_entry_write"),
    ("directory_entry_updated", "directory_organisation", "UPDATE",
     "NEW TABLE AS written_rows", "directory_entry_write"),
    ("directory_entry_deleted", "directory_organisation", "DELETE",
     "OLD TABLE AS gone_rows", "directory_entry_forget"),
    ("directory_entry_truncated", "directory_organisation", "TRUNCATE",
     "", "directory_entry_forget"),
    ("directory_entry_activity_inserted", "directory_activity", "INSERT",
     "NEW TABLE AS new_rows", "directory_entry_sectors"),
    ("directory_entry_activity_updated", "directory_activity", "UPDATE",
     "OLD TABLE AS old_rows NEW TABLE AS new_rows", "directory_entry_sectors"),
    ("directory_entry_activity_deleted", "directory_activity", "DELETE",
     "OLD TABLE AS old_rows", "directory_entry_sectors"),
    ("directory_entry_activity_truncated", "directory_activity", "TRUNCATE",
     "", "directory_entry_sectors"),
]  # fmt: skip
TRIGGERS_SQL = "".join(
    f"DROP TRIGGER IF EXISTS {name} ON {table};\n"
    f"CREATE TRIGGER {name} AFTER {event} ON {table}"
    + (f" REFERENCING {transitions}" if transitions else "")
    + f" FOR EACH STATEMENT EXECUTE FUNCTION {function}();\n"
    for name, table, event, transitions, function in TRIGGERS
)

CREATE = f"""
CREATE TABLE IF NOT EXISTS directory_entry (
    id bigint PRIMARY KEY,
    is_published boolean NOT NULL,
    kind varchar(20) NOT NULL,
    subkind varchar(20) NOT NULL,
    name varchar(255) NOT NULL,
    department_id bigint NOT NULL,
    commune_id bigint,
    sector_ids bigint[] NOT NULL DEFAULT '{{}}',
    text_words tsvector
);
CREATE INDEX IF NOT EXISTS directory_entry_words ON directory_entry USING gin (text_words);
CREATE INDEX IF NOT EXISTS directory_entry_name ON directory_entry (name, id);
CREATE INDEX IF NOT EXISTS directory_entry_department ON directory_entry (department_id);
CREATE INDEX IF NOT EXISTS directory_entry_commune ON directory_entry (commune_id);
CREATE INDEX IF NOT EXISTS directory_entry_kind ON directory_entry (kind, subkind);
CREATE INDEX IF NOT EXISTS directory_entry_subkind ON directory_entry (subkind);
INSERT INTO directory_entry ({ENTRY_COLUMNS}) {entry_rows("directory_organisation", "o")}
    ON CONFLICT (id) DO NOTHING;

CREATE OR REPLACE FUNCTION directory_entry_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO directory_entry ({ENTRY_COLUMNS}) {entry_rows("written_rows", "w")}
    ON CONFLICT (id) DO UPDATE SET
        is_published = EXCLUDED.is_published, kind = EXCLUDED.kind, subkind = EXCLUDED.subkind,
        name = EXCLUDED.name, department_id = EXCLUDED.department_id,
        commune_id = EXCLUDED.commune_id, sector_ids = EXCLUDED.sector_ids,
        text_words = EXCLUDED.text_words;
    RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION directory_entry_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        -- Not TRUNCATE: a statement that empties both tables at once (the tests' demo
        -- snapshot) holds this one, and TRUNCATE refuses a table in use.
        DELETE FROM directory_entry;
    ELSE
        DELETE FROM directory_entry WHERE id IN (SELECT id FROM gone_rows);
    END IF;
    RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION directory_entry_sectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Each branch reads only the transition tables its own trigger declares.
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE directory_entry SET sector_ids = '{{}}' WHERE sector_ids <> '{{}}';
    ELSIF TG_OP = 'INSERT' THEN
        UPDATE directory_entry e SET sector_ids = {SECTORS_OF.format(row="e")}
            WHERE e.id IN (SELECT employer_id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE directory_entry e SET sector_ids = {SECTORS_OF.format(row="e")}
            WHERE e.id IN (SELECT employer_id FROM old_rows);
    ELSE
        UPDATE directory_entry e SET sector_ids = {SECTORS_OF.format(row="e")}
            WHERE e.id IN (SELECT employer_id FROM new_rows UNION SELECT employer_id FROM old_rows);
    END IF;
    RETURN NULL;
END
$$;

{TRIGGERS_SQL}
"""  # noqa: S608 - table names written here

DROP = (
    "".join(f"DROP TRIGGER IF EXISTS {name} ON {table};\n" for name, table, *_rest in TRIGGERS)
    + """
DROP FUNCTION IF EXISTS directory_entry_write();
DROP FUNCTION IF EXISTS directory_entry_forget();
DROP FUNCTION IF EXISTS directory_entry_sectors();
DROP TABLE IF EXISTS directory_entry;
"""
)


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_text_search_words")]
    operations = [
        migrations.CreateModel(
            name="Entry",
            fields=[
                (
                    "organisation",
                    models.OneToOneField(
                        db_column="id",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="directory.organisation",
                    ),
                ),
                ("is_published", models.BooleanField()),
                ("kind", models.CharField(max_length=20)),
                ("subkind", models.CharField(max_length=20)),
                ("name", models.CharField(max_length=255)),
                (
                    "sector_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), default=list, size=None
                    ),
                ),
            ],
            options={"db_table": "directory_entry", "managed": False},
        ),
        on_postgresql_only(CREATE, DROP),
    ]

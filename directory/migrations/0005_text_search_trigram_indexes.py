"""Trigram indexes for the directory's text filter (`/annuaire/?q=`), on PostgreSQL only.

The filter looks for each word inside the name, the presentation and the commune's name,
whatever the accents and the case (`LIKE '%mot%'` on the folded text): without an index, each
search read every row (about a second at 100 000 entries). A GIN trigram index (pg_trgm) answers
such a `LIKE` from the index, then each candidate row is checked again: on a stored column
`text_folded` (the folded name and presentation, kept up to date by PostgreSQL itself as a
generated column, whatever writes the row: the admin, the importer's bulk writes) that check is
cheap, where folding each row again cost more than the index saved. The column is PostgreSQL's
only: the Django model does not know it, directory.filters reads it in SQL. Its expression must
be immutable, which `unaccent()` is not (it reads its dictionary through the search path):
`directory_fold()` names the dictionary. It folds as core.filters.Fold does (lower case, then
unaccent). SQLite has neither: nothing to do there.
"""

from django.db import migrations

from core.migration_tools import on_postgresql_only

CREATE = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE OR REPLACE FUNCTION directory_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, lower($1)) $$;
ALTER TABLE directory_organisation ADD COLUMN IF NOT EXISTS text_folded text
    GENERATED ALWAYS AS (directory_fold(name::text || ' ' || description)) STORED;
CREATE INDEX IF NOT EXISTS directory_organisation_text_trgm ON directory_organisation
    USING gin (text_folded gin_trgm_ops);
CREATE INDEX IF NOT EXISTS directory_commune_name_trgm ON directory_commune
    USING gin (directory_fold(name::text) gin_trgm_ops);
"""

DROP = """
DROP INDEX IF EXISTS directory_organisation_text_trgm;
ALTER TABLE directory_organisation DROP COLUMN IF EXISTS text_folded;
DROP INDEX IF EXISTS directory_commune_name_trgm;
DROP FUNCTION IF EXISTS directory_fold(text);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_departments_to_communes"),
        ("search", "0001_french_unaccent"),  # creates the unaccent extension first elsewhere
    ]
    operations = [on_postgresql_only(CREATE, DROP)]

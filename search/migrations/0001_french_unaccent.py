"""A French full-text configuration that also folds accents, on PostgreSQL only.

The built-in `french` configuration stems but keeps accents, so "reserve" would miss "réservé".
"""

from django.db import migrations

from core.migration_tools import on_postgresql_only

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION french_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""

DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;"


class Migration(migrations.Migration):
    dependencies = []
    operations = [on_postgresql_only(CREATE, DROP)]

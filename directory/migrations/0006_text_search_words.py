"""Whole-word index for the directory's text filter (`/annuaire/?q=`), on PostgreSQL only.

Migration 0005 answers `LIKE '%mot%'` from a trigram index, but every candidate row is checked
again against its text: for a word found in half of the entries ("insertion", "ea") that check
alone cost about 200 ms at 100 000 entries. Here the same question is answered without reading
any text:

- `text_words`, a stored tsvector of the folded name and presentation (computed as
  `text_folded` is: a generated column cannot read another one), cut into runs of letters and
  digits (every other character becomes a space, so the parser sees plain words only), without
  positions (a third smaller: the facets read the matching rows), with a GIN index: a row has
  word W when `text_words @@ 'W'`, straight from the index, no recheck;
- `directory_word`, every word ever seen there, kept by a statement trigger on the
  organisations (the admin, the importer's bulk writes: whatever writes the rows), with a
  trigram index. A word is never removed: one that no longer appears finds nothing.

A query word made of letters and digits is inside an entry's text exactly when it is inside
one of its words; directory.filters looks up those words (`LIKE '%mot%'` on the short word
list) and asks the GIN index for rows holding any of them. Other query words ("d'insertion")
keep the trigram path of 0005. SQLite has neither: nothing to do there.
"""

from django.db import migrations

from core.migration_tools import on_postgresql_only

CREATE = """
ALTER TABLE directory_organisation ADD COLUMN IF NOT EXISTS text_words tsvector
    GENERATED ALWAYS AS (
        strip(to_tsvector(
            'simple'::regconfig,
            regexp_replace(directory_fold(name::text || ' ' || description), '[^[:alnum:]]+', ' ', 'g')
        ))
    ) STORED;
CREATE INDEX IF NOT EXISTS directory_organisation_text_words ON directory_organisation
    USING gin (text_words);
CREATE TABLE IF NOT EXISTS directory_word (word text PRIMARY KEY);
CREATE INDEX IF NOT EXISTS directory_word_trgm ON directory_word USING gin (word gin_trgm_ops);
INSERT INTO directory_word (word)
    SELECT DISTINCT unnest(tsvector_to_array(text_words)) FROM directory_organisation
    ON CONFLICT DO NOTHING;
CREATE OR REPLACE FUNCTION directory_remember_words() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO directory_word (word)
        SELECT DISTINCT unnest(tsvector_to_array(text_words)) FROM written_rows
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS directory_words_inserted ON directory_organisation;
CREATE TRIGGER directory_words_inserted AFTER INSERT ON directory_organisation
    REFERENCING NEW TABLE AS written_rows
    FOR EACH STATEMENT EXECUTE FUNCTION directory_remember_words();
DROP TRIGGER IF EXISTS directory_words_updated ON directory_organisation;
CREATE TRIGGER directory_words_updated AFTER UPDATE ON directory_organisation
    REFERENCING NEW TABLE AS written_rows
    FOR EACH STATEMENT EXECUTE FUNCTION directory_remember_words();
"""

DROP = """
DROP TRIGGER IF EXISTS directory_words_inserted ON directory_organisation;
DROP TRIGGER IF EXISTS directory_words_updated ON directory_organisation;
DROP FUNCTION IF EXISTS directory_remember_words();
DROP TABLE IF EXISTS directory_word;
DROP INDEX IF EXISTS directory_organisation_text_words;
ALTER TABLE directory_organisation DROP COLUMN IF EXISTS text_words;
"""


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_text_search_trigram_indexes")]
    operations = [on_postgresql_only(CREATE, DROP)]

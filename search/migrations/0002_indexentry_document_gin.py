"""GIN indexes on what search.postgres matches index entries on, on PostgreSQL only.

Wagtail's database backend (modelsearch) indexes `title` and `body` separately but matches the
query against their concatenation, which neither index serves: every search read the whole
wagtailsearch_indexentry table. search.postgres filters on these exact expressions:
- `title || body`, the whole entry;
- `title || ts_filter(body, '{a,b,c}')`, its heading: the title and the boosted fields (weights
  A to C; unboosted fields get D), whose matches are ranked first when there are many matches.
"""

from django.db import migrations

from core.migration_tools import on_postgresql_only

DOCUMENT_INDEX = "search_indexentry_document_gin"
HEADING_INDEX = "search_indexentry_heading_gin"
CREATE = f"""
CREATE INDEX IF NOT EXISTS {DOCUMENT_INDEX}
    ON wagtailsearch_indexentry USING gin ((title || body));
CREATE INDEX IF NOT EXISTS {HEADING_INDEX}
    ON wagtailsearch_indexentry USING gin ((title || ts_filter(body, '{{a,b,c}}'::"char"[])));
ANALYZE wagtailsearch_indexentry;
"""
DROP = f"""
DROP INDEX IF EXISTS {HEADING_INDEX};
DROP INDEX IF EXISTS {DOCUMENT_INDEX};
"""


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_french_unaccent"),
        # 0005 creates the table; 0006 gives it its PostgreSQL tsvector columns title and body.
        ("wagtailsearch", "0006_customise_indexentry"),
    ]
    operations = [on_postgresql_only(CREATE, DROP)]

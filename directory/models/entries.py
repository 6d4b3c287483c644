"""`Entry`: a narrow copy of each organisation that the directory's search counts on PostgreSQL.

A word found in 30 000 entries made PostgreSQL read 30 000 rows of the organisation table (its
name, presentation and their folded forms and words: more than 100 MB at 100 000 entries) to
count the facets, and join the activities again for the sector facet. `directory_entry` holds
per organisation only what the search filters and counts on (type, category, place, publication,
the name for the order, the sector ids of its activities, its whole words with their own GIN
index): 50 MB at 100 000 entries, against 113 MB.

PostgreSQL keeps the table itself with statement triggers on the organisations and the
activities (migrations/0007), whatever writes them: the admin, the importer's bulk writes, a
snapshot copied back. The model is unmanaged: SQLite has no such table and searches the
organisations directly (directory.filters).
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models

from .organisations import Organisation
from .places import Commune, Department


class Entry(models.Model):
    organisation = models.OneToOneField(
        Organisation,
        primary_key=True,
        db_column="id",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    is_published = models.BooleanField()
    kind = models.CharField(max_length=20)
    subkind = models.CharField(max_length=20)
    name = models.CharField(max_length=255)
    department = models.ForeignKey(
        Department, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    commune = models.ForeignKey(
        Commune, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    # The distinct sectors of an employer's activities, in order (empty for a facilitator).
    sector_ids = ArrayField(models.BigIntegerField(), default=list)

    class Meta:
        managed = False
        db_table = "directory_entry"

    def __str__(self):
        return self.name

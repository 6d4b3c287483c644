"""Remove the change notes that a prepared edition copied from the previous one.

Preparing edition N+1 used to copy N's revisions, notes included; publishing N+1 then recorded
those notes again, dated that day. A note is such a copy when the page at the same place in
another edition (same path, the year aside) already had the same note, of the same kind,
earlier. The earliest one, which belongs to the publication that wrote it, is kept.
"""

from django.db import migrations


def place_in_edition(url_path):
    """/home/guide/2026/calcul-heures/ -> /home/guide/*/calcul-heures/"""
    parts = url_path.strip("/").split("/")
    return "/".join("*" if part.isdigit() and len(part) == 4 else part for part in parts)


def remove_copies(apps, schema_editor):
    ChangeNote = apps.get_model("guides", "ChangeNote")
    first_page = {}
    copies = []
    notes = ChangeNote.objects.select_related("page").order_by("published_at", "pk")
    for note in notes.iterator():
        key = (place_in_edition(note.page.url_path), note.kind, note.note.strip())
        if first_page.setdefault(key, note.page_id) != note.page_id:
            copies.append(note.pk)
    ChangeNote.objects.filter(pk__in=copies).delete()


class Migration(migrations.Migration):
    dependencies = [("guides", "0004_edition_publication")]

    operations = [migrations.RunPython(remove_copies, migrations.RunPython.noop)]

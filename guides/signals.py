"""Publication hooks: change notes and PDF regeneration."""

from wagtail.signals import page_published, page_unpublished

from .models import ChangeNote, GuidePageMixin
from .pdf import schedule_regeneration


def record_change_note(page, revision):
    """Record the page's note, unless it repeats the previous one (an untouched field)."""
    note = (page.change_note or "").strip()
    if not note:
        return None
    previous = ChangeNote.objects.filter(page_id=page.pk).first()
    if previous and previous.note == note and previous.kind == page.change_kind:
        return None
    return ChangeNote.objects.create(page=page, revision=revision, kind=page.change_kind, note=note)


def on_published(sender, instance, revision=None, **kwargs):
    page = instance.specific if hasattr(instance, "specific") else instance
    if not isinstance(page, GuidePageMixin):
        return
    record_change_note(page, revision)
    edition = page.get_edition()
    if edition is not None:
        schedule_regeneration(edition.pk)


def on_unpublished(sender, instance, **kwargs):
    page = instance.specific if hasattr(instance, "specific") else instance
    if not isinstance(page, GuidePageMixin):
        return
    edition = page.get_edition()
    if edition is not None:
        schedule_regeneration(edition.pk)


def connect():
    page_published.connect(on_published, dispatch_uid="guides_page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="guides_page_unpublished")

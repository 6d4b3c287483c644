"""PDF of an edition or a chapter, through the site's one renderer (core.pdf).

Files are cached under MEDIA_ROOT/guides/pdf/, named after a hash of the published revisions they
were built from: a new publication changes the name, so a stale PDF is never served. On publish,
the edition's PDF is rebuilt at once (after the transaction commits) unless regeneration is
suspended (demo loading, bulk imports).
"""

import contextlib
import hashlib
import threading
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from core.links import site_url
from core.pdf import render_pdf

from . import content

TEMPLATE_VERSION = "4"
_state = threading.local()


@contextlib.contextmanager
def suspend_regeneration():
    previous = getattr(_state, "suspended", False)
    _state.suspended = True
    try:
        yield
    finally:
        _state.suspended = previous


def pdf_dir():
    return Path(settings.MEDIA_ROOT) / "guides" / "pdf"


def cache_key(edition, chapter=None):
    """Name of the cached file: edition, scope and the live revisions of every page in it."""
    pages = (
        Page.objects.descendant_of(edition, inclusive=True)
        .live()
        .public()
        .order_by("path")
        .values_list("pk", "live_revision_id", "path")
    )
    # The PDF prints absolute URLs: another SITE_URL makes another file.
    digest = hashlib.sha256(f"{TEMPLATE_VERSION}:{site_url()}".encode())
    for pk, revision_id, page_path in pages:
        digest.update(f"{pk}:{revision_id}:{page_path};".encode())
    scope = f"chapitre-{chapter.pk}" if chapter is not None else "edition"
    return f"guide-{edition.year}-{scope}-{digest.hexdigest()[:20]}"


def pdf_path(edition, chapter=None):
    return pdf_dir() / f"{cache_key(edition, chapter)}.pdf"


def render(edition, chapter=None, progress=None):
    """PDF bytes of a whole edition, or of one chapter (with its sections)."""
    outline = content.edition_outline(edition)
    if chapter is not None:
        outline = [node for node in outline if node.page.pk == chapter.pk]
    chapters = []
    for position, node in enumerate(outline, start=1):
        if progress:
            progress(position, len(outline), node.page.title)
        pages = [(node.page, node.number)] + [(c.page, c.number) for c in node.children]
        chapters.append(
            {
                "node": node,
                "parts": [
                    {
                        "page": page,
                        "number": number,
                        "units": content.block_units(page, number, node.page),
                        "body": _body(page, number, node.page),
                    }
                    for page, number in pages
                ],
            }
        )
    return render_pdf(
        "guides/pdf/edition.html",
        {
            "edition": edition,
            "chapter": chapter,
            "chapters": chapters,
            "status": content.edition_status(edition),
            "generated_at": timezone.localtime(),
        },
    )


def _body(page, number, chapter):
    units = {u.pid: u for u in content.block_units(page, number, chapter)}
    return [
        (child, units.get(child.value.get("pid")) if hasattr(child.value, "get") else None)
        for child in page.body
    ]


def get_pdf(edition, chapter=None):
    """Cached PDF bytes (rendered and stored on the first request after a publication)."""
    path = pdf_path(edition, chapter)
    if path.exists():
        return path.read_bytes()
    data = render(edition, chapter)
    _store(path, data)
    return data


def _store(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def remove_stale(edition):
    """Delete this edition's cached files that no longer match its published revisions."""
    keep = {pdf_path(edition).name}
    for node in content.edition_outline(edition):
        keep.add(pdf_path(edition, node.page).name)
    folder = pdf_dir()
    if not folder.exists():
        return
    for file in folder.glob(f"guide-{edition.year}-*.pdf"):
        if file.name not in keep:
            file.unlink(missing_ok=True)


def regenerate(edition, progress=None, force=False):
    """Build the edition's PDF and each chapter's PDF if missing (or always, with force)."""
    targets = [None] + [node.page for node in content.edition_outline(edition)]
    built = []
    for chapter in targets:
        path = pdf_path(edition, chapter)
        if force or not path.exists():
            _store(path, render(edition, chapter, progress=progress if chapter is None else None))
            built.append(path)
    remove_stale(edition)
    return built


def schedule_regeneration(edition_id):
    """Called when a page of an edition is published or unpublished."""
    if getattr(_state, "suspended", False) or not getattr(settings, "GUIDES_PDF_ON_PUBLISH", True):
        return

    def run():
        from .models import GuideEditionPage

        edition = GuideEditionPage.objects.live().public().filter(pk=edition_id).first()
        if edition is not None:
            regenerate(edition)

    transaction.on_commit(run)

"""Helpers shared by the demo-content loaders of every app (idempotent page creation)."""

import json

from wagtail.models import Site


def rich(*paragraphs):
    """Rich-text HTML from plain paragraphs (each may already hold inline HTML)."""
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def stream(*blocks):
    """A StreamField value (JSON string) from (block_type, value) pairs."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def home_page():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None


def ensure_child_page(parent, model, slug, **fields):
    """Return the live child page of `parent` with this slug, creating it if missing.

    Existing pages are left as editors made them: running the loader twice changes nothing.
    Returns (page, created).
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def is_editorial_page(page):
    """Whether a page is the site's plain editorial page type, which the site's own demo uses as a
    placeholder for sections that apps fill later. The page type says so itself
    (`is_editorial_page = True`), so apps need not import the site package."""
    return getattr(page.specific_class, "is_editorial_page", False)

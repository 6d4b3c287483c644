"""Which pages visitors reach: live, public, and below no page that is not live.

Wagtail serves a live page whose parent is a draft or only scheduled: a chapter published ahead
of its edition, say. None of it is published for the site until that parent is: the page and its
routes answer 404 (wagtail_hooks.py), and the sitemap and the site search leave it out.
"""

from django.db import models
from django.db.models import Q
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page

from .links import CanonicalSitemapMixin


def below_unpublished():
    """Q of the pages below a page that is not live (an empty Q when there are none)."""
    condition = Q()
    for path in Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


def visible_pages(queryset=None):
    """Live public pages, less those below a page that is not live."""
    queryset = (Page.objects.all() if queryset is None else queryset).live().public()
    condition = below_unpublished()
    return queryset.exclude(condition) if condition else queryset


def has_unpublished_ancestor(page):
    return Page.objects.ancestor_of(page).filter(live=False).exists()


class PageSitemap(CanonicalSitemapMixin, Sitemap):
    """Wagtail's page sitemap, less the pages below a page that is not live; every <loc> from
    SITE_URL rather than from the Wagtail Site record."""

    def items(self):
        condition = below_unpublished()
        items = super().items()
        return items.exclude(condition) if condition else items


class PublishedQuerySet(models.QuerySet):
    """For snippets with drafts (DraftStateMixin): the row holds the published text and a draft
    lives in its revision, so visitors read the rows that are live."""

    def public(self):
        return self.filter(live=True)

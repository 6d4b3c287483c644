"""Which pages visitors reach: live, public, and below no page that is not live.

Wagtail serves a live page whose parent is a draft or only scheduled: a chapter published ahead
of its edition, say. None of it is published for the site until that parent is: the page and its
routes answer 404 (wagtail_hooks.py), and the sitemap and the site search leave it out.
"""

from django.db import models
from django.db.models import Q
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page, PageViewRestriction

from .links import CanonicalSitemapMixin
from .memo import per_generation


# Read once per content generation (core.cache: a save of a page or of a view restriction moves
# it on), not on every search: the site search asks for the visible pages of several sources.
@per_generation
def _unpublished_parent_paths():
    return list(Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True))


@per_generation
def _private_section_paths():
    """Tree paths of the pages under a view restriction (password, login, groups)."""
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _below_any(paths):
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def below_unpublished():
    """Q of the pages below a page that is not live (an empty Q when there are none)."""
    return _below_any(_unpublished_parent_paths())


def visible_pages(queryset=None):
    """Live public pages (as Wagtail's `public()`: no view restriction on them or above), less
    those below a page that is not live."""
    queryset = (Page.objects.all() if queryset is None else queryset).live()
    condition = _below_any(_private_section_paths()) | below_unpublished()
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

"""Sitemap entries for this app's Django views (they are not Wagtail pages).

To be combined with Wagtail's page sitemap in centre/urls.py (see the report of issue 4)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core.links import CanonicalSitemapMixin

from .models import LabourShareRow, ModelClause


class ClausesSitemap(CanonicalSitemapMixin, Sitemap):
    changefreq = "monthly"

    def items(self):
        entries = [
            ("fixed", reverse(name))
            for name in (
                "clauses:clause_list",
                "clauses:labour_share",
                "clauses:calculator",
            )
        ]
        years = sorted(set(LabourShareRow.objects.published().values_list("year", flat=True)))
        entries += [
            ("fixed", reverse("clauses:labour_share_year", args=[year])) for year in years[:-1]
        ]
        entries += [
            ("clause", clause) for clause in ModelClause.objects.public().order_by("sort_order")
        ]
        return entries

    def location(self, item):
        kind, value = item
        return value.get_absolute_url() if kind == "clause" else value

    def lastmod(self, item):
        kind, value = item
        return value.last_published_at if kind == "clause" else None

"""Sitemap of the upcoming contracts' pages (live ones only), for centre/urls.py to combine with
Wagtail's page sitemap."""

from django.contrib.sitemaps import Sitemap

from core.links import CanonicalSitemapMixin

from .models import UpcomingContract


class UpcomingContractSitemap(CanonicalSitemapMixin, Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return UpcomingContract.objects.public().order_by("pk").only("slug", "last_published_at")

    def location(self, contract):
        return contract.get_absolute_url()

    def lastmod(self, contract):
        return contract.last_published_at

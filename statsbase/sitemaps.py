"""Sitemap entries of the statistics base: the return format and each region's panorama (Django
views, not Wagtail pages), for centre/urls.py to combine with the others."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core.links import CanonicalSitemapMixin

from .panorama import region_key


class StatisticsSitemap(CanonicalSitemapMixin, Sitemap):
    changefreq = "yearly"

    def items(self):
        from directory.models import Region

        paths = [reverse("statsbase_format")]
        paths += [
            reverse("statsbase_region", args=[region_key(region)])
            for region in Region.objects.order_by("code")
        ]
        return paths

    def location(self, path):
        return path

"""The site's URLs with the sitemap combination proposed for centre/urls.py (see the report)."""

from django.urls import path
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap

from centre.urls import urlpatterns as site_urlpatterns
from contracts.sitemaps import UpcomingContractSitemap

urlpatterns = [
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PageSitemap, "marches-a-venir": UpcomingContractSitemap}},
        name="sitemap",
    ),
    *site_urlpatterns,
]

"""The site's URLs with the sitemap combination proposed for centre/urls.py (issue 4 report)."""

from django.urls import path
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap

from centre.urls import urlpatterns as site_urlpatterns
from resources.sitemaps import ResourcesSitemap

urlpatterns = [
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PageSitemap, "ressources": ResourcesSitemap}},
        name="sitemap",
    ),
    *site_urlpatterns,
]

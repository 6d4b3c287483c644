"""Absolute URLs of the site, all from one canonical base: settings.SITE_URL.

Every URL that leaves the site (sitemap, PDFs, feeds, iCalendar, CSV, JSON, e-mails) is built
here, never from the request's host nor from the Wagtail Site record, so that a citation or a
calendar subscription made anywhere points to the same public address.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def site_url():
    """The canonical base, without a trailing slash (e.g. "https://clauses.example.gouv.fr")."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path_or_url):
    """The canonical absolute URL of a path of this site ("/guide/2026/") or of a URL of this
    site built from another base ("http://localhost/guide/2026/": only its path, query and
    fragment are kept). Never pass it a URL of another site."""
    parts = urlsplit(path_or_url or "/")
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    return site_url() + urlunsplit(("", "", path, parts.query, parts.fragment))


class CanonicalSitemapMixin:
    """For a Django or Wagtail sitemap class: every <loc> starts with SITE_URL, whatever the
    request's host or the Wagtail Site record say."""

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["location"] = absolute_url(url["location"])
        return urls

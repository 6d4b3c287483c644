"""Absolute URLs of the site, all from one canonical base: the root URL of the default Wagtail
Site (hostname and port; port 443 means https).

Every URL that leaves the site (sitemap, PDFs, feeds, iCalendar, CSV, JSON, e-mails, the
canonical link of each page) is built here, never from the request's host, so that a citation or
a calendar subscription made anywhere points to the same public address. Wagtail's own
`page.full_url` reads the same record.

The record follows `settings.SITE_URL`: after every `migrate` (production sets SITE_URL; the
container migrates at start-up), when the demo content creates the site, and with
`manage.py set_site_url` (`make run` gives it the address it serves, port included). An https
address on a port other than 443 cannot be told apart by Wagtail: use 443 behind the proxy.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import DatabaseError

from .memo import per_generation


def forget_site_url(**kwargs):
    """Forget the remembered site records: SITE_URL changed, or a test changed a record
    without saving it."""
    from .sites import site_for_host

    _site_root.forget()
    site_for_host.forget()


def site_url():
    """The canonical base, without a trailing slash (e.g. "https://clauses.example.gouv.fr")."""
    return _site_root() or settings.SITE_URL.rstrip("/")


# Remembered until content changes (saving a Site moves the content generation: core.cache):
# exports call absolute_url() once per row, and every page names its canonical address.
@per_generation
def _site_root():
    """The default Site's root URL; "" without a usable database (SITE_URL stands in)."""
    from wagtail.models import Site

    try:
        site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    except (DatabaseError, RuntimeError):  # RuntimeError: database access blocked (tests)
        return ""
    return site.root_url.rstrip("/") if site is not None else ""


def host_and_port(base_url):
    """(hostname, port) of the Wagtail Site that serves at `base_url`."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"Adresse du site invalide : « {base_url} » (ex. : https://exemple.fr).")
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname, parts.port or default_port


def set_site_url(base_url):
    """Point the default Wagtail Site at `base_url` ("http://127.0.0.1:8080"). Returns the
    root URL it now has, or "" when there is no default site yet."""
    from wagtail.models import Site

    hostname, port = host_and_port(base_url)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    forget_site_url()
    return site.root_url


def absolute_url(path_or_url):
    """The canonical absolute URL of a path of this site ("/guide/2026/") or of a URL of this
    site built from another base ("http://localhost/guide/2026/": only its path, query and
    fragment are kept). Never pass it a URL of another site."""
    parts = urlsplit(path_or_url or "/")
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    return site_url() + urlunsplit(("", "", path, parts.query, parts.fragment))


class CanonicalSitemapMixin:
    """For a Django or Wagtail sitemap class: every <loc> starts with the canonical base,
    whatever the request's host says."""

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["location"] = absolute_url(url["location"])
        return urls

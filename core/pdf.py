"""The one PDF renderer of the site (WeasyPrint), for the guide, the clauses and exports.

Resources come from the site's own static files only: a PDF never reaches the network.
Every PDF is tagged for assistive technologies (PDF/UA-1: structure tree, reading order, the
document language taken from the template's <html lang="fr">, the title shown by readers).
"""

from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, path2url

STATIC_PREFIX = "/static/"


class LocalURLFetcher(URLFetcher):
    """Maps /static/… to the files the static finders know; refuses every other remote URL."""

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"})

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        # file: URLs written in content are refused too: only static files may be read.
        path = urlsplit(url).path if not url.startswith("file:") else ""
        local = path.startswith(STATIC_PREFIX) and finders.find(path[len(STATIC_PREFIX) :])
        if not local:
            raise ValueError(f"Ressource refusée dans un PDF : {url}")
        return super().fetch(path2url(local), headers)


PDF_VARIANT = "pdf/ua-1"


def _base_url(base_url):
    # Relative links of the content ("/glossaire/#terme-siae") become the site's own addresses.
    if base_url is None:
        from core.links import site_url

        return site_url() + "/"
    return base_url


def html_to_pdf(html, base_url=None):
    """PDF bytes from an HTML string (relative links resolved against the site's base URL)."""
    document = HTML(string=html, base_url=_base_url(base_url), url_fetcher=LocalURLFetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(template_name, context, base_url=None):
    """PDF bytes from a Django template."""
    return html_to_pdf(render_to_string(template_name, context), base_url=base_url)

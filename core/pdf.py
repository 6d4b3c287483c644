"""The one PDF renderer of the site (WeasyPrint), for the guide, the clauses and exports.

Resources come from the site's own static files only: a PDF never reaches the network.
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


def html_to_pdf(html, base_url="http://localhost/"):
    """PDF bytes from an HTML string."""
    return HTML(string=html, base_url=base_url, url_fetcher=LocalURLFetcher()).write_pdf()


def render_pdf(template_name, context, base_url="http://localhost/"):
    """PDF bytes from a Django template."""
    return html_to_pdf(render_to_string(template_name, context), base_url=base_url)

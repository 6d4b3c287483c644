"""The one PDF renderer of the site (WeasyPrint), for the guide, the clauses and exports.

Resources are fetched from the site's own static files only: a PDF never reaches the network.
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML, default_url_fetcher

STATIC_PREFIX = "/static/"


def _local_url_fetcher(url, *args, **kwargs):
    """Serve /static/… from the finders; refuse every other remote URL."""
    path = url.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else path
    if path.startswith(STATIC_PREFIX):
        local = finders.find(path[len(STATIC_PREFIX) :])
        if local:
            return default_url_fetcher(f"file://{local}", *args, **kwargs)
    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"Ressource externe refusée dans un PDF : {url}")


def html_to_pdf(html, base_url="http://localhost/"):
    """PDF bytes from an HTML string."""
    return HTML(string=html, base_url=base_url, url_fetcher=_local_url_fetcher).write_pdf()


def render_pdf(template_name, context, base_url="http://localhost/"):
    """PDF bytes from a Django template."""
    return html_to_pdf(render_to_string(template_name, context), base_url=base_url)

"""One canonical base (issue 16.2): every absolute URL of every channel (sitemap, robots.txt,
feeds, iCalendar, CSV, JSON/OCDS, PDF, e-mails, canonical link, Wagtail's own full URLs) starts
with the default Wagtail Site's root URL, which follows SITE_URL and `set_site_url`."""

import io
import re
import subprocess
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import Page, Site

from core.links import absolute_url, forget_site_url, site_url
from guides.models import GuideChapterPage

pytestmark = pytest.mark.django_db

SERVED_AT = "http://127.0.0.1:8123"  # what `PORT=8123 make run` serves
CHANNELS = [
    "/sitemap.xml",
    "/robots.txt",
    "/guide/flux.atom",
    "/marches-a-venir/flux.atom?statut=tous",
    "/marches-a-venir/calendrier.ics?statut=tous",
    "/ressources/formations/calendrier.ics",
    "/marches-a-venir/export.csv?statut=tous",
    "/marches-a-venir/export.json?statut=tous",
    "/marches-a-venir/schema.json",
    "/annuaire/export.csv",
    "/annuaire/export.json",
    "/annuaire/schema.json",
]
PAGES = ["/", "/guide/", "/marches-a-venir/", "/annuaire/", "/ressources/formations/"]
URL = re.compile(r"https?://[^\s\"'<>|,\\]+")
# Addresses this site may have been reached at: any URL at one of them is a link to the site.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "testserver", "[::1]", "0.0.0.0"}  # noqa: S104


def _text(response):
    data = b"".join(response) if response.streaming else response.content
    return data.decode().replace("\r\n ", "")  # unfold iCalendar lines


def _bases(text):
    """The scheme://host:port of every URL pointing at this site in `text`."""
    bases = set()
    for url in URL.findall(text):
        parts = urlsplit(url)
        if parts.hostname in LOCAL_HOSTS:
            bases.add(f"{parts.scheme}://{parts.netloc}")
    return bases


def _pdf_text(data, tmp_path):
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_set_site_url_moves_every_channel_to_one_base(client, tmp_path):
    call_command("set_site_url", SERVED_AT, stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).root_url == SERVED_AT
    found = {}
    for path in CHANNELS + PAGES:
        response = client.get(path, HTTP_HOST="localhost")  # whatever host the request names
        assert response.status_code == 200, path
        found[path] = _bases(_text(response))
    for path in PAGES:
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', _text(client.get(path)))
        assert canonical.group(1) == SERVED_AT + path
    # A PDF (a guide chapter prints its online address) and an e-mail (alert confirmation).
    chapter = GuideChapterPage.objects.live().public().filter(url_path__contains="/2026/").first()
    pdf = b"".join(client.get(chapter.url + "pdf/"))
    found["PDF du guide"] = _bases(_pdf_text(pdf, tmp_path).replace("\n", " "))
    assert found["PDF du guide"], "le PDF cite son adresse en ligne"
    client.post("/marches-a-venir/alertes/", {"email": "personne@example.org", "site_web": ""})
    found["courriel"] = _bases(mail.outbox[-1].body)

    every_base = set().union(*found.values())
    assert every_base == {SERVED_AT}, {path: bases for path, bases in found.items() if bases}
    assert all(found[path] for path in CHANNELS if path != "/annuaire/schema.json")


def test_wagtail_full_urls_and_ours_agree(client):
    call_command("set_site_url", "https://clauses.example.gouv.fr", stdout=io.StringIO())
    page = Page.objects.live().public().filter(depth__gt=2).specific().first()
    assert page.full_url == absolute_url(page.url)
    assert page.full_url.startswith("https://clauses.example.gouv.fr/")


def test_production_sets_the_site_from_site_url_when_migrating(settings):
    settings.SITE_URL = "https://clauses.example.gouv.fr"
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    forget_site_url()
    assert site_url() == "http://localhost"
    call_command("migrate", verbosity=0)  # what the production container runs at start-up
    assert site_url() == "https://clauses.example.gouv.fr"
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("clauses.example.gouv.fr", 443)


def test_a_bad_address_is_refused_in_french():
    with pytest.raises(Exception, match="Adresse du site invalide"):
        call_command("set_site_url", "clauses.example.gouv.fr", stdout=io.StringIO())

"""Glossary links beyond the guide's pages (clause notes, the PDF), the editors' switch per
paragraph, the cached term list, and PDFs tagged for assistive technologies in French."""

import re
import shutil
import subprocess
import zlib

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.annotations import annotate
from guides.models import GuideChapterPage

REDACTION = "/guide/2026/redaction/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def pdf_objects(data):
    """The PDF's bytes with every compressed stream inflated (object streams included)."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_switching_the_glossary_off_for_a_paragraph(client, demo):
    first = soup_of(client, REDACTION).select_one("#p-contenu-ccap")
    assert first.select("a.lib-glossary-link"), "the demo paragraph names CCAP"
    chapter = GuideChapterPage.objects.get(slug="redaction", url_path__contains="/2026/")
    for child in chapter.body:
        if child.value.get("pid") == "contenu-ccap":
            child.value["glossary"] = False
    chapter.save_revision().publish()

    soup = soup_of(client, REDACTION)
    assert soup.select("#p-contenu-ccap a.lib-glossary-link") == []
    assert "CCAP" in soup.select_one("#p-contenu-ccap").get_text()
    # The other paragraphs keep their links; the switch leaves no trace in the page.
    assert soup.select(".guide-article a.lib-glossary-link")
    assert "annotations:" not in str(soup)


def test_clause_notes_link_glossary_terms(client, demo):
    soup = soup_of(client, "/clauses/lot-reserve-siae-avis/")
    notes = soup.select_one(".rs-notes")
    links = notes.select("a.lib-glossary-link")
    assert links and all(a["href"].startswith("/glossaire/#terme-") for a in links)
    assert soup.select("h1 a.lib-glossary-link, h2 a.lib-glossary-link") == []


def test_the_term_list_is_read_once_per_content_generation(demo):
    annotate("<p>Une SIAE et un GEIQ.</p>")
    with CaptureQueriesContext(connection) as queries:
        html = annotate("<p>Une SIAE et un GEIQ.</p>")
    assert "lib-glossary-link" in html
    assert not [q for q in queries.captured_queries if "glossaryterm" in q["sql"].lower()]


def test_edition_pdf_is_tagged_in_french_with_glossary_links(client, demo, media, settings):
    settings.SITE_URL = "https://clauses.example.gouv.fr"
    data = b"".join(client.get("/guide/2026/pdf/"))
    objects = pdf_objects(data)
    assert b"/StructTreeRoot" in objects
    assert re.search(rb"/Lang\s*\(fr\)", objects)
    assert b"https://clauses.example.gouv.fr/glossaire/#terme-" in objects
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True).stdout
        assert re.search(rb"Tagged:\s+yes", info)


def test_clause_pdf_is_tagged_too(client, demo):
    data = b"".join(client.get("/clauses/lot-reserve-siae-avis/pdf/"))
    objects = pdf_objects(data)
    assert b"/StructTreeRoot" in objects and re.search(rb"/Lang\s*\(fr\)", objects)

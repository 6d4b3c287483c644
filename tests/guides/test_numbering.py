"""Citations of the guide are unambiguous: sections are numbered 4.1, paragraphs § 4-2 (chapter)
or § 4.1-2 (section), the same in HTML and in the PDF; tables of contents carry each number once;
each paragraph of the current edition leads to its earlier versions."""

import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from guides import content

CHAPTER = "/guide/2026/leviers-juridiques/"
SECTION = "/guide/2026/leviers-juridiques/condition-execution/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def paragraph_numbers(soup):
    return [
        " ".join(a.get_text().split()).split("§")[-1].strip()
        for a in soup.select(".guide-article .guide-unit__anchor")
    ]


def test_paragraph_numbers_never_look_like_section_numbers(client, demo):
    chapter = soup_of(client, CHAPTER)
    numbers = paragraph_numbers(chapter)
    assert numbers[:2] == ["4-1", "4-2"]
    sections = [
        a.get_text(" ", strip=True).split(" ")[0].rstrip(".")
        for a in chapter.select(".guide-article .guide-toc a")
    ]
    assert sections[0] == "4.1"
    assert not set(numbers) & set(sections)
    section_numbers = paragraph_numbers(soup_of(client, SECTION))
    assert section_numbers[0] == "4.1-1"
    assert all(re.fullmatch(r"4\.1-\d+", n) for n in section_numbers)


def test_tables_of_contents_write_each_number_once(client, demo):
    for url in ("/guide/", "/guide/2026/", CHAPTER):
        soup = soup_of(client, url)
        for toc in soup.select(".guide-toc, .guide-outline__list"):
            # The number is in the text; the list says it is a list without drawing markers.
            assert toc.get("role") == "list"
            for link in toc.select("a"):
                text = " ".join(link.get_text().split())
                assert not re.match(r"^\d+(\.\d+)*\. \d+(\.\d+)*\. ", text), text


def test_the_guide_explains_how_to_cite_it(client, demo):
    soup = soup_of(client, CHAPTER)
    help_text = soup.select_one(".guide-citation-help").get_text(" ")
    assert "§\u00a04.1-2" in help_text and "section 4.1" in help_text


def test_pdf_numbers_agree_with_the_html(client, demo, media, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext absent : sudo apt-get install -y poppler-utils")
    response = client.get(CHAPTER + "pdf/")
    path = tmp_path / "chapitre.pdf"
    path.write_bytes(b"".join(response))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    html_numbers = paragraph_numbers(soup_of(client, CHAPTER))
    html_numbers += paragraph_numbers(soup_of(client, SECTION))
    for number in html_numbers:
        assert f"§ {number}" in text, number
    assert "4.1. La condition d'exécution" in " ".join(text.split())


def test_a_paragraph_of_the_current_edition_links_to_its_earlier_versions(client, demo):
    units = content.edition_units(content.edition_in_force())
    changed = next(
        version
        for unit in units
        for version in content.paragraph_history(unit.pid)[:1]
        if version.changed
    )
    page = soup_of(client, changed.unit.page.url)
    link = page.select_one(f"#p-{changed.unit.pid} .guide-unit__history")
    assert link["href"] == f"/guide/paragraphe/{changed.unit.pid}/"

    history = soup_of(client, link["href"])
    editions = [h.get_text(" ", strip=True) for h in history.select(".guide-history__title")]
    assert editions[0].startswith("Édition 2026") and editions[1].startswith("Édition 2025")
    comparison = history.select_one(".guide-history__change a")["href"]
    assert comparison == f"/guide/2026/comparer/2025/#changement-{changed.unit.pid}"
    assert history.select_one(".guide-history__text del, .guide-history__text ins")
    compare = soup_of(client, comparison.split("#")[0])
    assert compare.select_one(f"#changement-{changed.unit.pid}")


def test_superseded_pages_do_not_offer_the_history_link(client, demo):
    assert soup_of(client, "/guide/2025/calcul-heures/").select(".guide-unit__history") == []


@pytest.mark.parametrize("pid", ["inconnu-zz", "%00", "A" * 80])
def test_unknown_paragraph_history_is_a_french_404(client, demo, pid):
    response = client.get(f"/guide/paragraphe/{pid}/")
    assert response.status_code == 404
    assert "Aucune édition publiée du guide ne contient ce paragraphe" in response.content.decode()


def test_guide_root_announces_its_atom_feed(client, demo):
    soup = soup_of(client, "/guide/")
    link = soup.select_one('head link[rel="alternate"][type="application/atom+xml"]')
    assert link["href"].endswith("/guide/flux.atom")
    assert link["href"].startswith("http")
    assert client.get("/guide/flux.atom").status_code == 200

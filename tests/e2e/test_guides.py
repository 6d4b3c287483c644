"""The yearly guide in a browser: reading, copying a paragraph link, following it from a
superseded edition, comparing editions, downloading the PDF, accessibility of every page type."""

import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from .conftest import run_axe, screenshot

GUIDE_PAGE_TYPES = {
    "guide-racine": "/guide/",
    "guide-edition": "/guide/2026/",
    "guide-chapitre": "/guide/2026/calcul-heures/",
    "guide-section": "/guide/2026/leviers-juridiques/condition-execution/",
    "guide-edition-remplacee": "/guide/2025/calcul-heures/#p-taux-5",
    "guide-paragraphe-retire": "/guide/2025/paragraphe/transition-ordonnance/",
    "guide-comparaison": "/guide/2026/comparer/2025/",
    "guide-comparaison-impossible": "/guide/2026/comparer/2026/",
    "guide-mises-a-jour": "/guide/mises-a-jour/",
    "guide-etapes": "/guide/etapes/",
    "guide-versions-paragraphe": "/guide/paragraphe/taux-5/",
    "bases-juridiques": "/bases-juridiques/",
    "base-juridique": "/bases-juridiques/condition-execution/",
}


def test_guide_page_types_have_no_serious_accessibility_violation(page, axe_source):
    failures = []
    for name, path in GUIDE_PAGE_TYPES.items():
        page.goto(page.base_url + path)
        assert page.locator("html").get_attribute("lang") == "fr"
        violations = run_axe(page, axe_source)
        if violations:
            failures.append(f"{path}: " + "\n".join(violations))
        screenshot(page, name)
    assert failures == [], "\n".join(failures)

    # No horizontal scrolling at 375 px (RGAA 10.11) on any of them.
    page.set_viewport_size({"width": 375, "height": 812})
    for path in GUIDE_PAGE_TYPES.values():
        page.goto(page.base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path


def test_reader_follows_a_link_from_the_old_edition_to_the_edition_in_force(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page.base_url + "/guide/")
    page.get_by_role("link", name="5. Calculer le nombre d'heures d'insertion").first.click()
    page.wait_for_url("**/guide/2026/calcul-heures/")
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .endswith("Calculer le nombre d'heures d'insertion")
    )

    # Copy the link of § 5-5 with the progressive-enhancement button.
    page.get_by_role("button", name="Copier le lien du § 5-5").click()
    status = page.locator("#guide-copy-status")
    expect(status).to_contain_text("copié")
    copied = re.search(r"(https?://\S+)", status.inner_text()).group(1)
    assert copied.endswith("/guide/2026/calcul-heures/#p-taux-5")
    screenshot(page, "guide-lien-copie")

    # The same paragraph in the superseded 2025 edition: banner and notice lead back to 2026.
    page.goto(copied.replace("/2026/", "/2025/"))
    expect(page.locator("#bandeau-edition")).to_be_visible()
    notice = page.locator("#p-taux-5 .guide-unit__successor")
    expect(notice).to_be_visible()
    banner_link = page.locator("#bandeau-edition .guide-banner__link")
    assert banner_link.get_attribute("href").endswith("/guide/2026/calcul-heures/#p-taux-5")
    screenshot(page, "guide-edition-remplacee-bandeau")
    banner_link.click()
    page.wait_for_url("**/guide/2026/calcul-heures/#p-taux-5")
    assert page.locator("#bandeau-edition").count() == 0
    assert page.evaluate("location.hash") == "#p-taux-5"


def test_removed_paragraph_is_announced_in_the_old_edition(page):
    page.goto(page.base_url + "/guide/2025/comprendre/#p-transition-ordonnance")
    notice = page.locator("#p-transition-ordonnance .guide-unit__successor")
    expect(notice).to_be_visible()
    assert "retiré de l'édition 2026" in notice.inner_text()


def test_comparison_and_pdf_download(page, tmp_path):
    page.goto(page.base_url + "/guide/2026/")
    page.get_by_role("link", name="Comparer avec l'édition 2025").click()
    page.wait_for_url("**/guide/2026/comparer/2025/")
    summary = page.locator(".guide-diff-summary").inner_text()
    assert "ajouté" in summary and "supprimé" in summary and "modifié" in summary
    assert page.locator("ins").count() > 0 and page.locator("del").count() > 0
    screenshot(page, "guide-comparaison-2026-2025")

    page.goto(page.base_url + "/guide/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le PDF de l'édition 2026").click()
    path = tmp_path / "guide-2026.pdf"
    download_info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext absent : sudo apt-get install -y poppler-utils")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "Sommaire" in text
    assert re.search(r"5\. Calculer le nombre d'heures d'insertion \.+ ?\d+", flat)
    assert "1 200 000 € HT" in flat and "800 heures d'insertion" in flat


def test_guide_works_without_javascript(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_server.url + "/guide/2025/calcul-heures/#p-taux-5")
    # The anchor is a visible link; no dead "copy" button; the targeted notice shows (CSS).
    expect(tab.locator("#p-taux-5 .guide-unit__anchor")).to_be_visible()
    assert tab.get_by_role("button", name=re.compile("Copier le lien")).count() == 0
    expect(tab.locator("#p-taux-5 .guide-unit__successor")).to_be_visible()
    context.close()


def test_on_a_phone_a_chapter_shows_its_text_before_the_outline(page):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(page.base_url + "/guide/2026/leviers-juridiques/")
    screenshot(page, "guide-chapitre-mobile")
    intro = page.locator(".guide-article .fr-lead").bounding_box()
    first_paragraph = page.locator(".guide-article .guide-unit").first.bounding_box()
    outline = page.locator("#sommaire-edition").bounding_box()
    assert intro["y"] + intro["height"] < 812, "the chapter's text starts on the first screen"
    assert outline["y"] > first_paragraph["y"] + 1000, "the outline comes after the text"
    page.get_by_role("link", name="Aller au sommaire de l'édition").click()
    assert page.evaluate("location.hash") == "#sommaire-edition"

    # On a wide screen the outline stays in the left column, beside the text.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + "/guide/2026/leviers-juridiques/")
    outline = page.locator("#sommaire-edition").bounding_box()
    article = page.locator(".guide-article").bounding_box()
    assert outline["x"] < article["x"] and abs(outline["y"] - article["y"]) < 50
    assert not page.get_by_role("link", name="Aller au sommaire de l'édition").is_visible()


def test_tables_of_contents_show_each_number_once(page):
    for path in ("/guide/", "/guide/2026/", "/guide/2026/leviers-juridiques/"):
        page.goto(page.base_url + path)
        markers = page.evaluate(
            """() => [...document.querySelectorAll('.guide-toc li, .guide-outline li')]
                .map(li => getComputedStyle(li).listStyleType)"""
        )
        assert markers and set(markers) == {"none"}, path
    toc_entry = page.locator(".guide-article .guide-toc a").first.inner_text()
    assert toc_entry.startswith("4.1. ") and not toc_entry.startswith("4.1. 4.1")
    assert page.locator(".guide-article .guide-unit__anchor").first.inner_text().endswith("4-1")


def test_glossary_link_explains_an_acronym_on_keyboard_focus(page):
    page.goto(page.base_url + "/guide/2026/leviers-juridiques/")
    link = page.locator(".guide-article a.lib-glossary-link:has(abbr)").first
    expansion = link.locator("abbr").get_attribute("title")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    shown = link.locator("abbr").evaluate("el => getComputedStyle(el, '::after').content")
    assert expansion and expansion in shown
    screenshot(page, "guide-glossaire-infobulle")
    link.click()
    page.wait_for_url("**/glossaire/#terme-*")


def test_reader_goes_from_a_paragraph_to_its_earlier_versions(page):
    page.goto(page.base_url + "/guide/")
    feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert feed.get_attribute("href").endswith("/guide/flux.atom")
    page.goto(page.base_url + "/guide/2026/marches-concernes/")
    paragraph = page.locator("#p-duree-contrats")
    number = paragraph.locator(".guide-unit__anchor").inner_text().split("§")[-1].strip()
    paragraph.get_by_role("link", name=re.compile("^Versions")).click()
    page.wait_for_url("**/guide/paragraphe/duree-contrats/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"§\u00a0{number}")
    assert page.locator(".guide-history__title").count() == 2
    expect(page.locator(".guide-history__item").first.locator("ins").first).to_be_visible()
    screenshot(page, "guide-versions-paragraphe")
    page.get_by_role("link", name="voir la comparaison des éditions").click()
    page.wait_for_url("**/guide/2026/comparer/2025/#changement-duree-contrats")
    expect(page.locator("#changement-duree-contrats")).to_be_in_viewport()

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

"""The directory in a browser: search, facilitator lookup, map by keyboard, export, corrections."""

import csv
import io
import os

import pytest
from playwright.sync_api import expect

from .conftest import run_axe, screenshot

# The browser fixture loads the demo before every test: the small directory demo keeps it fast.
os.environ.setdefault("DIRECTORY_DEMO_SIZE", "small")

PUBLIC_PAGE_TYPES = {
    "annuaire": "/annuaire/",
    "annuaire-filtre": "/annuaire/?type=employeur&departement=33&tri=departement",
    "annuaire-vide": "/annuaire/?q=zzzzzz",
    "facilitateur-code-postal": "/annuaire/facilitateur/?code_postal=69003",
    "facilitateur-non-couvert": "/annuaire/facilitateur/?departement=03",
    "facilitateur-erreur": "/annuaire/facilitateur/?code_postal=abc",
    "carte": "/annuaire/carte/",
    "levier": "/annuaire/levier/",
}


@pytest.mark.parametrize("name,path", PUBLIC_PAGE_TYPES.items(), ids=PUBLIC_PAGE_TYPES.keys())
def test_directory_pages_have_no_serious_accessibility_violation(page, axe_source, name, path):
    page.goto(page.base_url + path)
    violations = run_axe(page, axe_source)
    screenshot(page, f"annuaire-{name}")
    assert violations == [], "\n".join(violations)


def test_detail_and_lever_results_have_no_serious_accessibility_violation(page, axe_source):
    page.goto(page.base_url + "/annuaire/?type=employeur&departement=33")
    page.locator(".dir-card a").first.click()
    expect(page.get_by_text("Donnée fictive de démonstration").first).to_be_visible()
    assert run_axe(page, axe_source) == []
    screenshot(page, "annuaire-fiche-employeur")
    page.goto(page.base_url + "/annuaire/?type=facilitateur&departement=33")
    page.locator(".dir-card a").first.click()
    expect(page.get_by_role("heading", name="Territoire couvert")).to_be_visible()
    assert run_axe(page, axe_source) == []
    page.goto(page.base_url + "/annuaire/levier/")
    page.get_by_label("Secteur d'activité").select_option(label="Propreté et nettoyage")
    page.get_by_label("Département d'exécution").select_option("33")
    page.get_by_label("Montant estimé (€ HT)").fill("150000")
    page.get_by_role("button", name="Voir les leviers").click()
    expect(page.locator("#levier-resultat")).to_be_visible()
    assert run_axe(page, axe_source) == []
    screenshot(page, "annuaire-levier-resultat")


def test_filter_the_directory_without_javascript_form(page):
    page.goto(page.base_url + "/annuaire/")
    page.get_by_label("Type d'organisation").select_option("employeur")
    page.get_by_label("Département").select_option("13")
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url("**/annuaire/?*departement=13*")
    title = page.locator("#dir-results-title").inner_text()
    assert "résultat" in title and not title.startswith("0 ")
    for card in page.locator(".dir-card").all():
        assert "Bouches-du-Rhône" in card.inner_text()
        assert "Employeur inclusif" in card.inner_text()
    # The selected values stay selected, with their counts.
    assert "(" in page.locator("#dir-departement option:checked").inner_text()


def test_find_the_facilitator_of_a_postal_code(page):
    page.goto(page.base_url + "/annuaire/facilitateur/")
    page.get_by_label("Commune, code postal ou code INSEE").fill("33 000")
    page.get_by_role("button", name="Chercher", exact=True).first.click()
    expect(page.get_by_role("heading", name="Bordeaux (Gironde, 33)")).to_be_visible()
    assert page.locator(".dir-answer .dir-card").count() >= 1
    page.get_by_label("Commune, code postal ou code INSEE").fill("20000")
    page.get_by_role("button", name="Chercher", exact=True).first.click()
    expect(page.get_by_text("Aucun facilitateur ne couvre cette commune").first).to_be_visible()
    screenshot(page, "annuaire-facilitateur-corse")


def test_reach_a_departments_entries_from_the_map_with_the_keyboard(page):
    page.goto(page.base_url + "/annuaire/carte/")
    page.get_by_role("link", name="tableau sous la carte").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused.startswith("Ain (01)")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith(
        "Aisne (02)"
    )
    assert page.locator("#dir-map-details").inner_text().startswith("Aisne (02)")
    screenshot(page, "annuaire-carte-focus")
    page.keyboard.press("Enter")
    page.wait_for_url("**/annuaire/facilitateur/?departement=02")
    expect(page.get_by_role("heading", name="Aisne (02)")).to_be_visible()


def test_export_a_filtered_csv(page):
    page.goto(page.base_url + "/annuaire/?type=facilitateur&region=11")
    shown = page.locator(".dir-card").count()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    path = download_info.value.path()
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == shown > 0
    assert {row["type"] for row in rows} == {"facilitateur"}
    assert {row["region_code"] for row in rows} == {"11"}


def test_submit_a_correction_and_accept_it_in_the_admin(page):
    from django.contrib.auth.models import User

    User.objects.create_superuser("gestionnaire", "g@exemple.fr", "mot-de-passe-de-test")
    page.goto(page.base_url + "/annuaire/?type=facilitateur&departement=69")
    page.locator(".dir-card a").first.click()
    detail_url = page.url
    page.get_by_label("Information à modifier").select_option("phone")
    page.get_by_label("Nouvelle valeur (obligatoire)").fill("04 72 00 00 00")
    page.get_by_role("button", name="Envoyer le signalement").click()
    page.get_by_role("heading", name="Merci pour votre signalement").wait_for()
    page.goto(detail_url)
    assert "04 72 00 00 00" not in page.content()

    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", "gestionnaire")
    page.fill("#id_password", "mot-de-passe-de-test")
    page.locator("form button[type=submit]").first.click()
    page.goto(page.base_url + "/admin/annuaire/signalements/")
    expect(page.get_by_text("04 72 00 00 00")).to_be_visible()
    screenshot(page, "annuaire-admin-signalements")
    page.get_by_role("button", name="Accepter").first.click()
    page.get_by_text("Aucun signalement en attente.").wait_for()
    page.goto(detail_url)
    assert "04 72 00 00 00" in page.content()

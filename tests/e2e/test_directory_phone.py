"""The directory on a phone (320 and 375 px wide), the commune lookup by name with its
suggestions, and the lever's count against the list it links to."""

import os

import pytest
from playwright.sync_api import expect

from .conftest import screenshot

os.environ.setdefault("DIRECTORY_DEMO_SIZE", "small")

WIDTHS = [320, 375]


def _fiche(kind):
    from directory.models import Organisation

    return Organisation.objects.filter(kind=kind, is_published=True).first().get_absolute_url()


PAGES = {
    "annuaire": lambda: "/annuaire/",
    "annuaire-filtre": lambda: "/annuaire/?type=employeur&departement=33&tri=departement",
    "levier": lambda: "/annuaire/levier/",
    "levier-resultat": lambda: (
        "/annuaire/levier/?secteur=batiment-et-travaux-publics&departement=59&montant=150000"
    ),
    "fiche-employeur": lambda: _fiche("employeur"),
    "fiche-facilitateur": lambda: _fiche("facilitateur"),
    "carte": lambda: "/annuaire/carte/",
    "facilitateur": lambda: "/annuaire/facilitateur/",
    "facilitateur-commune": lambda: "/annuaire/facilitateur/?commune=Roubaix",
    "facilitateur-proches": lambda: "/annuaire/facilitateur/?commune=Marseile",
    "facilitateur-non-couvert": lambda: "/annuaire/facilitateur/?departement=03",
}


@pytest.fixture
def phone(browser, site_server):
    contexts = []

    def open_at(width):
        context = browser.new_context(
            locale="fr-FR", viewport={"width": width, "height": 740}, is_mobile=True
        )
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        tab.base_url = site_server.url
        return tab

    yield open_at
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_directory_page_fits_a_phone(phone, width):
    tab = phone(width)
    too_wide = {}
    for name, path in PAGES.items():
        tab.goto(tab.base_url + path())
        scroll_width = tab.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide[name] = scroll_width
        screenshot(tab, f"annuaire-{width}-{name}")
    assert too_wide == {}


def test_on_a_phone_results_come_first_and_filters_fold(phone):
    tab = phone(375)
    tab.goto(tab.base_url + "/annuaire/")
    form = tab.get_by_role("form", name="Filtrer l'annuaire")
    expect(form).to_be_hidden()
    results = tab.locator("#dir-results-title")
    toggle = tab.locator("summary", has_text="Filtrer")
    # Right under the folded filters: the number of results, then the results.
    assert 0 < results.bounding_box()["y"] - toggle.bounding_box()["y"] < 150
    toggle.click()
    expect(form).to_be_visible()
    tab.get_by_label("Type d'organisation").select_option("facilitateur")
    tab.get_by_role("button", name="Appliquer les filtres").click()
    tab.wait_for_url("**/annuaire/?*type=facilitateur*")


def test_the_coverage_table_scrolls_inside_its_own_region(phone):
    tab = phone(320)
    tab.goto(tab.base_url + "/annuaire/carte/")
    region = tab.get_by_role("region", name="Structures de facilitateurs et part couverte")
    expect(region).to_be_visible()
    widths = region.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert widths[0] >= widths[1]
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320


def test_find_the_facilitator_of_a_commune_by_its_name(page):
    page.goto(page.base_url + "/annuaire/facilitateur/")
    field = page.get_by_label("Commune, code postal ou code INSEE")
    field.press_sequentially("roub", delay=50)
    expect(page.locator("#commune-suggestions option").first).to_have_attribute(
        "value", "Roubaix (59)"
    )
    field.fill("Roubaix (59)")
    page.get_by_role("button", name="Chercher", exact=True).first.click()
    expect(page.get_by_role("heading", name="Roubaix (Nord, 59)")).to_be_visible()
    assert page.locator(".dir-answer .dir-card").count() >= 1
    screenshot(page, "annuaire-facilitateur-roubaix")
    field = page.get_by_label("Commune, code postal ou code INSEE")
    field.fill("st denis")
    page.get_by_role("button", name="Chercher", exact=True).first.click()
    expect(page.get_by_role("heading", name="Saint-Denis (La Réunion, 974)")).to_be_visible()


def test_the_lever_count_matches_the_list_it_links_to(page):
    page.goto(page.base_url + "/annuaire/levier/")
    page.get_by_label("Secteur d'activité").select_option(label="Bâtiment et travaux publics")
    page.get_by_label("Département d'exécution").select_option("59")
    page.get_by_label("Montant estimé (€ HT)").fill("150000")
    page.get_by_role("button", name="Voir les leviers").click()
    heading = page.locator("#levier-resultat").inner_text()
    count = int(heading.split()[0])
    assert page.locator(".dir-levers > li").count() == 6
    expect(page.get_by_text("Fondement juridique").first).to_be_visible()
    screenshot(page, "annuaire-levier-six")
    page.get_by_role("link", name="dans l'annuaire").click()
    listed = page.locator("#dir-results-title").inner_text()
    assert listed.startswith(f"{count} résultat")

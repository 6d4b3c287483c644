"""The site as a visitor's browser sees it: layout, menu, search, accessibility."""

import pytest
from playwright.sync_api import expect

from .conftest import run_axe, screenshot

PUBLIC_PAGE_TYPES = {
    "accueil": "/",
    "page-editoriale": "/accessibilite/",
    "rubrique": "/guide/",
    "recherche": "/recherche/?q=insertion",
    "recherche-vide": "/recherche/?q=zzzzzz",
    "erreur-404": "/page-inexistante/",
}


@pytest.mark.parametrize("name,path", PUBLIC_PAGE_TYPES.items(), ids=PUBLIC_PAGE_TYPES.keys())
def test_public_page_types_have_no_serious_accessibility_violation(page, axe_source, name, path):
    page.goto(page.base_url + path)
    assert page.locator("html").get_attribute("lang") == "fr"
    violations = run_axe(page, axe_source)
    assert violations == [], "\n".join(violations)


def test_home_page_desktop_and_mobile(page):
    page.goto(page.base_url + "/")
    cards = page.locator(".fr-entry-points .fr-card")
    assert cards.count() == 4
    expect(page.locator("#menu-principal")).to_be_visible()
    assert page.locator(".fr-btn--menu").is_hidden()
    screenshot(page, "accueil-bureau")

    page.set_viewport_size({"width": 375, "height": 812})
    page.reload()
    menu_button = page.get_by_role("button", name="Menu")
    expect(menu_button).to_be_visible()
    assert page.locator("#menu-principal").is_hidden()
    menu_button.click()
    assert menu_button.get_attribute("aria-expanded") == "true"
    expect(page.get_by_role("link", name="Marchés à venir", exact=True)).to_be_visible()
    # No horizontal scrolling at 375 px (RGAA 10.11).
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "accueil-mobile")


def test_skip_link_is_first_and_moves_focus_to_content(page):
    page.goto(page.base_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Contenu"
    expect(page.locator(":focus")).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_search_from_header_lands_on_results_keeping_the_query(page):
    page.goto(page.base_url + "/")
    page.get_by_label("Rechercher sur le site").fill("clause")
    page.get_by_role("button", name="Rechercher").first.click()
    page.wait_for_url("**/recherche/?q=clause")
    assert page.locator("#recherche-page").input_value() == "clause"
    assert "résultat" in page.locator(".fr-search-count").inner_text()


def test_pages_work_without_javascript(browser, site_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    tab = context.new_page()
    tab.goto(site_server.url + "/")
    # Without the script the menu stays open: nothing is hidden behind a dead button.
    expect(tab.locator("#menu-principal")).to_be_visible()
    assert tab.locator(".fr-btn--menu").is_hidden()
    context.close()


def test_search_results_come_first_on_a_phone_and_facets_fold(page):
    """About thirty facet links used to push the first result 2,700 px down on a phone: they
    now fold behind "Filtrer les résultats"; on a wide screen they stay beside the results."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(page.base_url + "/recherche/?q=insertion")
    toggle = page.locator("summary", has_text="Filtrer les résultats")
    expect(toggle).to_be_visible()
    facets = page.locator(".search-facets nav a")
    assert facets.count() >= 5
    expect(facets.first).to_be_hidden()
    first_result = page.locator(".fr-search-result").first
    assert first_result.bounding_box()["y"] < 812  # on the first screen
    screenshot(page, "recherche-375")
    toggle.click()
    expect(facets.first).to_be_visible()
    page.locator(".search-facets nav").first.locator("a").nth(1).click()
    page.wait_for_url("**type=*")
    expect(page.locator("summary", has_text="1 filtre actif")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + "/recherche/?q=insertion")
    expect(page.locator(".search-facets nav a").first).to_be_visible()
    expect(page.locator("summary", has_text="Filtrer les résultats")).to_be_hidden()


def test_one_base_url_across_channels(page):
    """The canonical base is the Wagtail Site's root URL, set to the address the site is
    served at (as `make run` does): the canonical link, the sitemap, feeds, iCalendar, CSV and
    JSON all give absolute URLs at that base and no other local one."""
    import io
    import re
    from urllib.parse import urlsplit

    from django.core.management import call_command

    base = page.base_url.rstrip("/")
    call_command("set_site_url", base, stdout=io.StringIO())
    page.goto(base + "/guide/")
    assert page.locator('link[rel="canonical"]').get_attribute("href") == base + "/guide/"
    channels = [
        "/sitemap.xml",
        "/robots.txt",
        "/guide/flux.atom",
        "/marches-a-venir/flux.atom",
        "/marches-a-venir/calendrier.ics",
        "/ressources/formations/calendrier.ics",
        "/marches-a-venir/export.csv",
        "/marches-a-venir/export.json",
        "/annuaire/export.json",
    ]
    local = {"localhost", "127.0.0.1", "testserver", "[::1]"}
    bases = {}
    for path in channels:
        response = page.request.get(base + path)
        assert response.ok, path
        text = response.text().replace("\r\n ", "")
        for url in re.findall(r"https?://[^\s\"'<>|,\\]+", text):
            parts = urlsplit(url)
            if parts.hostname in local:
                bases.setdefault(f"{parts.scheme}://{parts.netloc}", set()).add(path)
    assert set(bases) == {base}, bases

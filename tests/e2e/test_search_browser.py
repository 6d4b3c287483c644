"""Search as a visitor uses it: facets, and the autocomplete with the keyboard only."""

from playwright.sync_api import expect

from .conftest import run_axe, screenshot


def test_query_without_accents_leads_to_the_guide_paragraph(page, axe_source):
    page.goto(page.base_url + "/")
    page.get_by_label("Rechercher sur le site").fill("marches reserves")
    page.get_by_role("button", name="Rechercher").first.click()
    page.wait_for_url("**/recherche/?q=*")
    expect(page.locator(".fr-search-count")).to_contain_text("résultat")
    assert run_axe(page, axe_source) == []
    screenshot(page, "recherche-sans-accents")
    guide_hit = page.locator(".fr-search-result", has_text="édition 2026").first
    link = guide_hit.locator(".fr-search-result__title a")
    href = link.get_attribute("href")
    assert "#p-" in href
    link.click()
    page.wait_for_url("**/guide/2026/**")
    paragraph = page.locator(":target")
    expect(paragraph).to_be_visible()
    assert paragraph.get_attribute("id") == href.split("#")[1]
    assert "réserv" in paragraph.inner_text().lower() or "insertion" in paragraph.inner_text()
    screenshot(page, "recherche-paragraphe-du-guide")


def test_refine_by_département_and_read_an_acronym(page, axe_source):
    page.goto(page.base_url + "/recherche/?q=nettoyage")
    departments = page.get_by_role("navigation", name="Affiner par département")
    option = departments.locator("li a").nth(1)  # the first département after "Tous"
    label = option.inner_text()
    option.click()
    page.wait_for_url("**departement=**")
    expect(departments.locator("[aria-current]")).to_have_text(label)
    assert page.locator(".fr-search-result").count() >= 1
    assert run_axe(page, axe_source) == []
    screenshot(page, "recherche-facette-departement")
    page.goto(page.base_url + "/recherche/?q=ETTI")
    definitions = page.get_by_role("region", name="Définition")
    expect(definitions).to_contain_text("entreprise de travail temporaire d'insertion")
    assert run_axe(page, axe_source) == []
    screenshot(page, "recherche-definition-sigle")


def test_refine_results_by_content_type(page, axe_source):
    page.goto(page.base_url + "/recherche/?q=clauses")
    facets = page.get_by_role("navigation", name="Affiner par type de contenu")
    all_count = page.locator(".fr-search-result").count()
    facets.get_by_role("link", name="Page du site").click()
    page.wait_for_url("**type=page**")
    types = page.locator(".fr-search-result__type").all_text_contents()
    assert types and set(types) == {"Page du site"}
    assert page.locator(".fr-search-result").count() <= max(all_count, 10)
    assert (
        facets.locator("ul").first.locator("[aria-current]").inner_text().startswith("Page du site")
    )
    assert run_axe(page, axe_source) == []
    screenshot(page, "recherche-facette")


def test_autocomplete_with_keyboard_only(page):
    page.goto(page.base_url + "/recherche/")
    field = page.locator("#recherche-page")
    field.focus()
    page.keyboard.type("mentio")
    listbox = page.locator("#" + field.get_attribute("aria-controls"))
    listbox.get_by_role("option", name="Mentions légales").wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    active = field.get_attribute("aria-activedescendant")
    assert page.locator("#" + active).inner_text() == "Mentions légales"
    page.keyboard.press("Enter")
    page.wait_for_url("**/mentions-legales/")
    assert page.locator("h1").inner_text() == "Mentions légales"


def test_edition_facet_switches_guide_hits(page, axe_source):
    page.goto(page.base_url + "/recherche/?q=marchés+réservés&type=guide")
    editions = page.get_by_role("navigation", name="Édition du guide")
    assert all(
        "édition 2026" in text
        for text in page.locator(".fr-search-result__type").all_text_contents()
    )
    editions.get_by_role("link", name="Édition 2025").click()
    page.wait_for_url("**edition=2025**")
    types = page.locator(".fr-search-result__type").all_text_contents()
    assert types and all("édition 2025" in text for text in types)
    assert run_axe(page, axe_source) == []
    screenshot(page, "recherche-edition-2025")

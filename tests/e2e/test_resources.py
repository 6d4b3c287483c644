"""The library as a visitor's browser sees it: filters without JavaScript, charts, feeds, axe."""

import csv
import io

import pytest
from playwright.sync_api import expect

from .conftest import run_axe, screenshot


@pytest.fixture
def library_server(site_server):
    """The live server with the demo content, copied back from the session's snapshot."""
    return site_server


@pytest.fixture
def tab(browser, library_server):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = library_server.url
    yield page
    context.close()


@pytest.fixture
def tab_without_js(browser, library_server):
    context = browser.new_context(
        locale="fr-FR", java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = library_server.url
    yield page
    context.close()


LIBRARY_PAGES = {
    "glossaire": "/glossaire/",
    "publications": "/ressources/publications/",
    "publications-filtrees": "/ressources/publications/?type=statistiques&annee=2014",
    "statistiques": "/ressources/statistiques/",
    "formations": "/ressources/formations/",
    "formation": "/ressources/formations/formation-acheteurs-clause-execution/",
    "bonnes-pratiques": "/ressources/bonnes-pratiques/?secteur=btp",
    "bonne-pratique": "/ressources/bonnes-pratiques/marche-reserve-siae-espaces-verts/",
    "boites-a-outils": "/ressources/boites-a-outils/",
    "boite-a-outils": "/ressources/boites-a-outils/acheteurs/",
    "ressources": "/ressources/",
}


@pytest.mark.parametrize("name,path", LIBRARY_PAGES.items(), ids=LIBRARY_PAGES.keys())
def test_library_pages_have_no_serious_accessibility_violation(tab, axe_source, name, path):
    response = tab.goto(tab.base_url + path)
    assert response.status == 200
    violations = run_axe(tab, axe_source)
    assert violations == [], "\n".join(violations)
    screenshot(tab, f"bibliotheque-page-{name}")


def _result_count(page):
    return int(page.locator(".lib-count").inner_text().split()[0])


def test_publication_filters_work_without_javascript(tab_without_js):
    page = tab_without_js
    page.goto(page.base_url + "/ressources/publications/")
    assert _result_count(page) == 49
    page.get_by_label("Type de document").select_option("statistiques")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**type=statistiques**")
    statistics = _result_count(page)
    assert 0 < statistics < 49
    assert page.locator(".lib-item").count() == statistics
    # The year options now count statistics publications only.
    option = page.locator('#filtre-annee option[value="2014"]').inner_text()
    expected = int(option.rsplit("(", 1)[1].rstrip(")"))
    page.get_by_label("Année").select_option("2014")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**annee=2014**")
    assert _result_count(page) == expected
    assert page.get_by_label("Type de document").input_value() == "statistiques"
    page.get_by_role("link", name="Effacer les filtres").click()
    assert _result_count(page) == 49


def test_replaced_edition_links_to_its_successor(tab):
    tab.goto(tab.base_url + "/ressources/publications/?editeur=Alliance+Ville+Emploi")
    link = tab.locator("#pub-17 .lib-replaced a")
    assert "2014" in link.inner_text()
    link.click()
    assert tab.url.endswith("#pub-16")


def test_glossary_anchor_leads_to_the_definition(tab):
    tab.goto(tab.base_url + "/glossaire/#terme-siae")
    entry = tab.locator("#terme-siae")
    expect(entry).to_be_visible()
    assert "structure d'insertion" in entry.inner_text().lower()
    assert tab.locator("#terme-siae abbr").get_attribute("title").startswith("structure")


def test_statistics_charts_have_titles_tables_and_csv(tab):
    tab.goto(tab.base_url + "/ressources/statistiques/")
    charts = tab.locator("svg.lib-chart")
    assert charts.count() >= 15
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.get_attribute("role") == "img"
        assert chart.locator("title").text_content().strip()
        article = tab.locator("article.lib-series").nth(index)
        assert article.locator("table caption").text_content().strip()
    # The table alternative opens without script (a <details> element).
    block = tab.locator("#serie-heures-insertion")
    block.locator("summary").click()
    expect(block.locator("table")).to_be_visible()
    assert "9 166 788" in block.locator("table").inner_text().replace("\u202f", " ").replace(
        "\xa0", " "
    )
    with tab.expect_download() as download_info:
        block.get_by_role("link", name="Télécharger les données").click()
    download = download_info.value
    assert download.suggested_filename == "heures-insertion.csv"
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8-sig"))))
    assert rows[-1]["annee"] == "2017"
    path = screenshot(tab, "bibliotheque-statistiques")
    assert path.exists()


def test_event_filters_without_javascript_and_ical_feed(tab_without_js, library_server):
    from icalendar import Calendar

    page = tab_without_js
    page.goto(page.base_url + "/ressources/formations/")
    assert page.locator("#a-venir ~ ul .lib-item").count() >= 4
    assert page.locator("#passes ~ ul .lib-item").count() >= 1
    page.get_by_label("Public").select_option("facilitateurs")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**public=facilitateurs**")
    titles = page.locator("#a-venir ~ ul .lib-item__title").all_inner_texts()
    assert titles and all("SIAE" not in t for t in titles)
    link = page.get_by_role("link", name="Ajouter ces événements à votre agenda")
    href = link.get_attribute("href")
    assert href.startswith("/ressources/formations/calendrier.ics?")
    response = page.request.get(page.base_url + href)
    calendar = Calendar.from_ical(response.body())
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert sorted(set(titles) - set(summaries)) == []
    page.locator("#a-venir ~ ul .lib-item__title a").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == titles[0]


def test_good_practice_filters_and_tags_without_javascript(tab_without_js):
    page = tab_without_js
    page.goto(page.base_url + "/ressources/bonnes-pratiques/")
    total = _result_count(page)
    assert total >= 15
    page.get_by_label("Levier juridique").select_option("reserve_siae")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**levier=reserve_siae**")
    assert _result_count(page) == 1
    page.get_by_role("link", name="Effacer les filtres").click()
    page.get_by_role("link", name="RSA", exact=True).first.click()
    page.wait_for_url("**etiquette=rsa**")
    assert 0 < _result_count(page) < total
    assert page.get_by_label("Étiquette").input_value() == "rsa"


def test_toolbox_lists_tools_in_order_desktop_and_mobile(tab):
    tab.goto(tab.base_url + "/ressources/boites-a-outils/")
    tab.get_by_role("link", name="Boîte à outils de l'acheteur public").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "Boîte à outils de l'acheteur public"
    steps = tab.locator(".lib-step h2").all_inner_texts()
    assert steps[0] == "Comprendre et choisir le levier"
    assert tab.locator(".lib-tool__title a").first.get_attribute("href") == "/guide/"
    screenshot(tab, "bibliotheque-boite-a-outils")
    tab.set_viewport_size({"width": 375, "height": 812})
    tab.reload()
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(tab, "bibliotheque-boite-a-outils-mobile")

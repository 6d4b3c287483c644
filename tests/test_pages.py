import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, PageViewRestriction

from centre.models import StandardPage
from core.demo_tools import ensure_child_page


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_offers_one_entry_per_user(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == "fr"
    entries = html.select(".fr-entry-points .fr-card")
    titles = [card.select_one(".fr-card__title").get_text(strip=True) for card in entries]
    assert titles == [
        "Rédiger une clause",
        "Trouver des marchés à venir",
        "Consulter la doctrine",
        "Publier et mettre à jour",
    ]
    links = [card.select_one("a")["href"] for card in entries]
    assert links == ["/clauses/", "/marches-a-venir/", "/guide/", "/admin/"]


def test_layout_has_skip_links_landmarks_and_navigation(client, home):
    html = soup(client.get("/guide/"))
    skip_targets = [a["href"] for a in html.select(".fr-skiplinks a")]
    assert skip_targets == ["#contenu", "#menu-principal", "#recherche-site", "#pied-de-page"]
    for target in skip_targets:
        assert html.select_one(target) is not None, target
    assert html.select_one("header[role=banner]") and html.select_one("footer[role=contentinfo]")
    assert html.select_one("main#contenu")
    nav = [a.get_text(strip=True) for a in html.select("#menu-principal a")]
    assert nav == [
        "Guide",
        "Clauses types",
        "Main-d'œuvre & calculateur",
        "Annuaire",
        "Marchés à venir",
        "Ressources",
        "Recherche",
    ]
    current = html.select("#menu-principal a[aria-current=page]")
    assert [a["href"] for a in current] == ["/guide/"]


def test_every_navigation_target_and_footer_link_answers(client, home):
    html = soup(client.get("/"))
    hrefs = {a["href"] for a in html.select("#menu-principal a, .fr-footer__bottom-list a")}
    for href in hrefs - {"/admin/"}:
        assert client.get(href).status_code == 200, href


def test_demo_notice_says_examples_are_fictitious(client, home):
    text = soup(client.get("/")).select_one(".fr-notice--demo").get_text()
    assert "fictifs" in text


def test_page_titles_and_dates_are_french(client, home):
    html = soup(client.get("/accessibilite/"))
    assert html.title.get_text().startswith("Déclaration d'accessibilité")
    date_text = html.select_one(".fr-page-date").get_text()
    months = (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    )
    assert any(month in date_text for month in months), date_text


def test_accessibility_statement_and_legal_notice(client, home):
    statement = soup(client.get("/accessibilite/")).get_text()
    assert "partiellement conforme" in statement and "Défenseur des droits" in statement
    assert client.get("/mentions-legales/").status_code == 200


def test_unknown_path_gets_french_404_page(client, home):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = soup(response)
    assert html.h1.get_text() == "Page introuvable"
    assert html.select_one("form[role=search]") is not None


@override_settings(DEBUG=False)
def test_server_error_page_renders_without_database_context(client):
    from centre.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Erreur inattendue" in response.content.decode()


def test_robots_txt_points_at_sitemap_and_hides_admin(client, home, settings):
    settings.SITE_URL = "https://clauses.example.gouv.fr"
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: https://clauses.example.gouv.fr/sitemap.xml" in body


def test_sitemap_lists_public_pages_only(client, home):
    draft = StandardPage(title="Brouillon secret", slug="brouillon-secret")
    home.add_child(instance=draft)
    draft.unpublish()
    private, _ = ensure_child_page(home, StandardPage, "reserve-interne", title="Espace interne")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    body = client.get("/sitemap.xml").content.decode()
    assert "/guide/</loc>" in body
    # Pages that apps serve with their own views are listed too.
    assert "/clauses/</loc>" in body
    assert "/marches-a-venir/" in body
    assert "brouillon-secret" not in body
    assert "reserve-interne" not in body


def test_demo_loader_is_idempotent(home):
    count = Page.objects.count()
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert Page.objects.count() == count
    assert "0 page(s) créée(s)" in output.getvalue()


@pytest.mark.parametrize(
    "url",
    ["/", "/annuaire/", "/clauses/condition-execution-heures/", "/guide/2026/comprendre/"],
)
def test_pages_describe_themselves_and_link_only_with_addresses(client, home, url):
    """Search engines show the meta description; a link without an address cannot be followed
    (Lighthouse « crawlable-anchors »): the breadcrumb's current item is plain text."""
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None and len(description["content"].strip()) > 40, url
    assert not [a for a in soup.find_all("a") if not a.get("href")], url


def test_a_clause_is_described_by_its_summary(client, home):
    from clauses.models import ModelClause

    clause = ModelClause.objects.public().get(slug="condition-execution-heures")
    soup = BeautifulSoup(client.get(clause.get_absolute_url()).content, "html.parser")
    expected = clause.summary or clause.title
    assert soup.find("meta", attrs={"name": "description"})["content"] == expected

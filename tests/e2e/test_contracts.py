"""Upcoming contracts in a real browser: filter, subscribe, confirm, digest, unsubscribe,
feeds, accessibility of every public page type, and the list without JavaScript."""

import io
import re

import feedparser
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar
from playwright.sync_api import expect

from .conftest import run_axe, screenshot

SECTOR = "proprete-et-nettoyage"


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def find_link(message, kind):
    return path_of(
        re.search(rf"https?://\S+/marches-a-venir/alertes/{kind}/[^\s/]+/", message.body).group(0)
    )


def publish_matching_contract(title):
    import datetime

    from django.utils import timezone

    from contracts.models import UpcomingContract
    from core.models import Sector
    from directory.models import PublicBuyer

    buyer = PublicBuyer.objects.filter(department__isnull=False).order_by("name").first()
    contract = UpcomingContract(
        title=title,
        slug="nettoyage-des-gymnases-essai",
        buyer=buyer,
        kind="services",
        expected_notice_date=timezone.localdate() + datetime.timedelta(days=45),
    )
    contract.sectors = [Sector.objects.get(slug=SECTOR)]
    contract.departments = [buyer.department]
    contract.live = False
    contract.save()
    contract.save_revision().publish()
    return contract


def test_filter_subscribe_confirm_digest_unsubscribe(page):
    base = page.base_url
    page.goto(base + "/marches-a-venir/")
    assert page.locator(".ctr-card").count() == 20
    page.get_by_label("Secteur d'activité").select_option(SECTOR)
    page.get_by_role("button", name="Filtrer", exact=True).click()
    page.wait_for_url(f"**/marches-a-venir/?secteur={SECTOR}")
    cards = page.locator(".ctr-card")
    assert cards.count() >= 1
    assert "marché" in page.locator("#ctr-results-title").inner_text()
    screenshot(page, "marches-a-venir-liste-filtree")

    # Subscribe to this filtered search.
    page.get_by_role("link", name="Recevoir une alerte pour cette recherche").click()
    page.wait_for_url(f"**/marches-a-venir/alertes/?secteur={SECTOR}")
    assert "Propreté et nettoyage" in page.locator("main").inner_text()
    page.get_by_label("Votre adresse électronique").fill("structure@example.org")
    page.get_by_role("button", name="M'abonner à cette recherche").click()
    page.wait_for_url("**/marches-a-venir/alertes/envoye/")
    expect(page.get_by_role("heading", name="Vérifiez votre messagerie")).to_be_visible()
    assert "structure@example.org" not in page.content()

    # Confirm through the link received by email.
    assert len(mail.outbox) == 1
    page.goto(base + find_link(mail.outbox[0], "confirmer"))
    page.get_by_role("button", name="Confirmer mon alerte").click()
    expect(page.get_by_role("heading", name="Votre alerte est confirmée")).to_be_visible()
    screenshot(page, "marches-a-venir-alerte-confirmee")

    # A new matching contract is published; the daily command sends the digest.
    publish_matching_contract("Nettoyage des gymnases municipaux")
    out = io.StringIO()
    call_command("send_contract_alerts", stdout=out)
    assert "1 message(s) envoyé(s)" in out.getvalue()
    digest = mail.outbox[-1]
    assert digest.to == ["structure@example.org"]
    assert "Nettoyage des gymnases municipaux" in digest.body
    assert "List-Unsubscribe" in digest.extra_headers

    # The contract's page, reached from the digest.
    contract_path = path_of(
        re.search(r"https?://\S+/marches-a-venir/nettoyage-[^\s]+/", digest.body).group(0)
    )
    page.goto(base + contract_path)
    expect(page.get_by_role("heading", name="Nettoyage des gymnases municipaux")).to_be_visible()

    # Unsubscribe in one click.
    page.goto(base + find_link(digest, "desabonnement"))
    expect(page.get_by_role("heading", name="Vous êtes désabonné")).to_be_visible()
    page.goto(base + find_link(digest, "desabonnement"))
    expect(page.get_by_role("heading", name="Vous êtes déjà désabonné")).to_be_visible()


def test_feeds_are_valid(page):
    base = page.base_url
    feed = feedparser.parse(
        page.request.get(f"{base}/marches-a-venir/flux.atom?secteur={SECTOR}").body()
    )
    assert not feed.bozo and feed.version == "atom10"
    assert feed.entries
    calendar = Calendar.from_ical(
        page.request.get(f"{base}/marches-a-venir/calendrier.ics?secteur={SECTOR}").body()
    )
    assert calendar.walk("VEVENT")
    package = page.request.get(f"{base}/marches-a-venir/export.json?reserve=1").json()
    assert package["releases"]


def test_public_page_types_have_no_serious_accessibility_violation(page, axe_source):
    from contracts.models import UpcomingContract

    contract = UpcomingContract.objects.filter(live=True, lots__isnull=False).first()
    past_due = next(
        c for c in UpcomingContract.objects.filter(live=True, status="prevu") if c.is_past_due
    )
    paths = {
        "liste": "/marches-a-venir/",
        "liste-filtree": f"/marches-a-venir/?secteur={SECTOR}&reserve=1&statut=tous&page=2",
        "liste-erreurs": "/marches-a-venir/?departement=999&avis_du=2026-13-45",
        "fiche": contract.get_absolute_url(),
        "fiche-a-confirmer": past_due.get_absolute_url(),
        "alertes": f"/marches-a-venir/alertes/?secteur={SECTOR}",
        "alertes-envoye": "/marches-a-venir/alertes/envoye/",
        "lien-invalide": "/marches-a-venir/alertes/confirmer/faux/",
        "desabonnement": "/marches-a-venir/alertes/desabonnement/faux/",
        "donnees-ouvertes": "/marches-a-venir/donnees-ouvertes/",
    }
    failures = []
    for name, path in paths.items():
        page.goto(page.base_url + path)
        assert page.locator("html").get_attribute("lang") == "fr"
        violations = run_axe(page, axe_source)
        if violations:
            failures.append(f"{name} ({path}): " + " | ".join(violations))
        if name in ("liste", "fiche", "alertes", "donnees-ouvertes"):
            screenshot(page, f"marches-a-venir-{name}")
    # The subscription form with an error message.
    page.goto(page.base_url + "/marches-a-venir/alertes/")
    page.get_by_label("Votre adresse électronique").fill("pas-une-adresse")
    page.get_by_role("button", name="M'abonner à cette recherche").click()
    expect(page.locator("main")).to_contain_text("n'est pas valide")
    violations = run_axe(page, axe_source)
    if violations:
        failures.append("alertes-erreur: " + " | ".join(violations))
    assert failures == [], "\n".join(failures)


def test_list_filters_without_javascript_and_on_mobile(browser, site_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    tab = context.new_page()
    tab.goto(site_server.url + "/marches-a-venir/")
    # Folded behind its summary (results first); without JavaScript it opens with a click.
    tab.locator("summary", has_text="Filtrer les marchés").click()
    tab.get_by_label("Nature du marché").select_option("travaux")
    tab.get_by_label("Lots réservés").select_option("1")
    tab.get_by_role("button", name="Filtrer", exact=True).click()
    tab.wait_for_url("**/marches-a-venir/?type=travaux&reserve=1")
    assert "reserve=1" in tab.url
    assert tab.locator(".ctr-card").count() >= 1
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(tab, "marches-a-venir-mobile-sans-js")
    context.close()


def test_keyword_filter_on_a_phone_finds_object_buyer_and_cpv_label(browser, site_server):
    """A supplier on a phone: the results come first, the filters open from "Filtrer les
    marchés", a keyword found only in a CPV label finds the contract, which shows that label,
    and the past deadlines wait in their own list."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 812})
    tab = context.new_page()
    tab.goto(site_server.url + "/marches-a-venir/")
    summary = tab.locator("summary", has_text="Filtrer les marchés")
    expect(summary).to_be_visible()
    expect(tab.get_by_label("Mots-clés")).to_be_hidden()
    first_card = tab.locator(".ctr-card").first
    assert first_card.bounding_box()["y"] < 1600  # the results, not 12 form fields, come first
    summary.click()
    tab.get_by_label("Mots-clés").fill("NETTOYAGE")
    tab.get_by_role("button", name="Filtrer", exact=True).click()
    tab.wait_for_url("**/marches-a-venir/?q=NETTOYAGE")
    cards = tab.locator(".ctr-card")
    assert cards.count() >= 1
    for text in cards.all_inner_texts():
        assert "nettoyage" in text.lower(), text
    # Some are found by their CPV label, which the card shows next to the code.
    titles = tab.locator(".ctr-card .fr-card__title").all_inner_texts()
    assert any("nettoyage" not in title.lower() for title in titles), titles
    expect(tab.locator(".ctr-cpv", has_text="nettoyage").first).to_be_visible()
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(tab, "marches-a-venir-mot-cle-375")
    # Past deadlines: not in the list, one link away.
    tab.goto(site_server.url + "/marches-a-venir/")
    tab.get_by_role("link", name="Voir ces marchés à la date passée").click()
    tab.wait_for_url("**echeance=passee")
    expect(tab.locator("#ctr-results-title")).to_contain_text("attendu avant aujourd'hui")
    context.close()

"""The yearly edition through the admin, as editors work: a rédacteur prepares N+1, edits a
paragraph and submits it; the public sees nothing; a valideur compares the draft with the edition
in force, approves, schedules the whole edition; at the date, the edition switches and its
change note is listed once."""

import datetime
import html
import io
import re
from unittest import mock

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from core.roles import EDITORS, VALIDATORS

from .conftest import screenshot

NEW_TEXT = "Pour 2027, le calcul retient aussi les heures de formation."
NOTE = "Calcul des heures : les heures de formation comptent."
PASSWORD = "mot-de-passe-e2e-2027"


def _user(username, group):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD, first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def _log_in(browser, base_url, username):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.goto(base_url + "/admin/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator("button[type=submit]").click()
    tab.wait_for_url(re.compile(r".*/admin/$"))
    return tab


def _public_text(tab, url):
    response = tab.request.get(url)
    return response.status, html.unescape(response.text())


def _prepare_edit_and_submit(browser, base_url):
    from guides.models import GuideChapterPage, GuideEditionPage

    tab = _log_in(browser, base_url, "redactrice")
    edition_2026 = GuideEditionPage.objects.get(year=2026)
    tab.goto(f"{base_url}/admin/pages/{edition_2026.pk}/")
    # Offered in the page's "Actions" menu.
    tab.get_by_role("button", name="Actions").first.click()
    tab.get_by_role("link", name="Préparer l'édition 2027").click()
    assert tab.locator("input[name=in_force_from]").input_value() == "2027-01-01"
    screenshot(tab, "admin-preparer-edition")
    tab.get_by_role("button", name="Créer le brouillon de l'édition").click()
    expect(tab.get_by_text("Brouillon de l'édition 2027 créé")).to_be_visible()
    screenshot(tab, "admin-edition-2027-brouillon")

    chapter = GuideChapterPage.objects.get(url_path__contains="/2027/calcul-heures/")
    tab.goto(f"{base_url}/admin/pages/{chapter.pk}/edit/")
    editor = tab.locator("[data-contentpath=body] [contenteditable=true]").first
    editor.click()
    tab.keyboard.press("Control+End")
    tab.keyboard.type(" " + NEW_TEXT)
    tab.fill("textarea[name=change_note], input[name=change_note]", NOTE)
    tab.select_option("select[name=change_kind]", "majeure")
    screenshot(tab, "admin-chapitre-2027-modifie")
    tab.locator("footer [data-w-dropdown-target=toggle]").first.click()
    tab.get_by_role("button", name=re.compile("Soumettre")).click()
    expect(tab.get_by_text(re.compile("soumise|envoyée", re.I)).first).to_be_visible()
    tab.context.close()
    return chapter


def _the_public_sees_nothing(tab, base_url):
    assert _public_text(tab, base_url + "/guide/2027/")[0] == 404
    assert _public_text(tab, base_url + "/guide/2027/calcul-heures/")[0] == 404
    for url in (
        "/guide/2026/calcul-heures/",
        "/guide/mises-a-jour/",
        "/guide/flux.atom",
        "/recherche/?q=heures+de+formation+comptent",
        "/sitemap.xml",
    ):
        status, text = _public_text(tab, base_url + url)
        assert NEW_TEXT not in text and NOTE not in text, url


def _review_approve_and_schedule(browser, base_url, chapter, when):
    from guides.models import GuideChapterPage, GuideEditionPage

    tab = _log_in(browser, base_url, "valideuse")
    expect(tab.get_by_text("Guide : éditions en préparation")).to_be_visible()
    expect(tab.get_by_text("1 page en relecture")).to_be_visible()
    screenshot(tab, "admin-tableau-de-bord")
    tab.get_by_role("link", name="Comparer avec l'édition en vigueur").first.click()
    tab.wait_for_url("**/guide/relire-edition/**")
    assert any("formation" in text for text in tab.locator("ins").all_inner_texts())
    expect(tab.get_by_text("en relecture").first).to_be_visible()
    screenshot(tab, "admin-relire-edition-2027")

    tab.goto(f"{base_url}/admin/pages/{chapter.pk}/edit/")
    tab.locator("footer [data-w-dropdown-target=toggle]").first.click()
    screenshot(tab, "admin-chapitre-2027-relecture")
    with tab.expect_navigation():
        tab.get_by_role("button", name=re.compile(r"^Approuver$", re.I)).click()
    tab.wait_for_load_state()
    assert not GuideChapterPage.objects.get(pk=chapter.pk).workflow_in_progress

    edition = GuideEditionPage.objects.get(year=2027)
    tab.goto(f"{base_url}/admin/guide/publier-edition/{edition.pk}/")
    screenshot(tab, "admin-publier-edition")
    tab.fill("input[name=go_live_at]", timezone.localtime(when).strftime("%Y-%m-%dT%H:%M"))
    tab.get_by_role("button", name="Publier l'édition").click()
    tab.wait_for_url("**/guide/publication/**")
    expect(tab.get_by_text("Programmée", exact=True)).to_be_visible()
    screenshot(tab, "admin-publication-programmee")
    tab.context.close()


def test_editors_prepare_review_and_schedule_the_next_edition(browser, site_server):
    from guides.models import ChangeNote, GuideChapterPage

    _user("redactrice", EDITORS)
    _user("valideuse", VALIDATORS)
    base_url = site_server.url

    chapter = _prepare_edit_and_submit(browser, base_url)
    assert not GuideChapterPage.objects.get(pk=chapter.pk).live

    public = browser.new_context(locale="fr-FR").new_page()
    _the_public_sees_nothing(public, base_url)

    when = timezone.now() + datetime.timedelta(days=3)
    _review_approve_and_schedule(browser, base_url, chapter, when)
    assert not GuideChapterPage.objects.get(pk=chapter.pk).live  # approved, waits for 2027
    _the_public_sees_nothing(public, base_url)

    later = when + datetime.timedelta(minutes=5)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("guides.content.today", return_value=datetime.date(2027, 1, 1)),
    ):
        call_command("publish_scheduled", stdout=io.StringIO())
        status, index = _public_text(public, base_url + "/guide/")
        assert "Édition en vigueur : 2027" in index
        public.goto(base_url + "/guide/2027/calcul-heures/")
        expect(public.get_by_text(NEW_TEXT)).to_be_visible()
        _, updates = _public_text(public, base_url + "/guide/mises-a-jour/")
        assert updates.count(NOTE) == 1
        _, feed = _public_text(public, base_url + "/guide/flux.atom")
        assert sum(NOTE in entry for entry in feed.split("<entry>")[1:]) == 1
        for note in ChangeNote.objects.filter(page__url_path__contains="/2026/"):
            assert updates.count(note.note) <= 1, note.note
        public.goto(base_url + "/guide/2027/comparer/2026/")
        expect(public.locator("ins", has_text="formation").first).to_be_visible()
        screenshot(public, "guide-2027-comparaison-apres-bascule")
        public.goto(base_url + "/guide/2026/calcul-heures/")
        screenshot(public, "guide-2026-remplacee-apres-bascule")
    public.context.close()

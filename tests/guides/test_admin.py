"""Editors: prepare the next edition from the admin, change notes on publication."""

import datetime
import html

from guides import content
from guides.models import ChangeNote, GuideChapterPage, GuideEditionPage


def test_prepare_next_edition_copies_a_draft_keeping_identifiers(admin_client, edition_2026):
    explore = admin_client.get(f"/admin/pages/{edition_2026.pk}/")
    assert "Préparer l'édition 2027" in html.unescape(explore.content.decode())
    url = f"/admin/guide/preparer-edition/{edition_2026.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"year": 2027, "in_force_from": "2027-01-01"})
    assert response.status_code == 302

    draft = GuideEditionPage.objects.get(year=2027)
    assert not draft.live and draft.slug == "2027"
    chapters = GuideChapterPage.objects.child_of(draft)
    assert chapters.count() == 10 and not chapters.filter(live=True).exists()
    old_pids = [u.pid for u in content.edition_units(edition_2026)]
    copied = []
    for page in draft.get_descendants().specific():
        copied += [c.value["pid"] for c in page.body if "pid" in getattr(c.value, "keys", dict)()]
    assert sorted(old_pids) == sorted(copied)


def test_draft_next_edition_is_not_public(client, admin_client, edition_2026):
    admin_client.post(
        f"/admin/guide/preparer-edition/{edition_2026.pk}/",
        {"year": 2027, "in_force_from": "2027-01-01"},
    )
    assert client.get("/guide/2027/").status_code == 404
    assert client.get("/guide/2027/calcul-heures/").status_code == 404
    assert client.get("/guide/2027/pdf/").status_code == 404
    assert "2027" not in client.get("/guide/").content.decode()


def test_prepare_refuses_an_existing_year(admin_client, edition_2025, edition_2026):
    response = admin_client.post(
        f"/admin/guide/preparer-edition/{edition_2025.pk}/",
        {"year": 2026, "in_force_from": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "existe déjà" in html.unescape(response.content.decode())


def test_prepare_requires_permission(client, django_user_model, edition_2026):
    user = django_user_model.objects.create_user("lecteur", password="x")
    client.force_login(user)
    response = client.get(f"/admin/guide/preparer-edition/{edition_2026.pk}/")
    assert response.status_code in (302, 403)


def test_publication_records_a_change_note_once(client, edition_2026):
    chapter = GuideChapterPage.objects.get(slug="analyse-offres", url_path__contains="/2026/")
    chapter.change_kind = "majeure"
    chapter.change_note = "Nouvelle grille de notation du mémoire d'insertion."
    chapter.save_revision().publish()
    chapter.save_revision().publish()  # republished without a new note
    notes = ChangeNote.objects.filter(page=chapter)
    assert notes.count() == 1
    page_text = html.unescape(client.get("/guide/2026/analyse-offres/").content.decode())
    assert "Dernière mise à jour" in page_text
    assert "Nouvelle grille de notation" in page_text
    assert "Voir toutes les mises à jour" in page_text
    assert "Nouvelle grille de notation" in html.unescape(
        client.get("/guide/flux.atom").content.decode()
    )


def test_minor_notes_are_listed_but_not_in_the_feed(client, edition_2026):
    updates = html.unescape(client.get("/guide/mises-a-jour/").content.decode())
    assert "Durée d'éligibilité : elle doit être prévue dans le CCAP." in updates
    assert "Modification mineure" in updates
    feed = client.get("/guide/flux.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Durée d'éligibilité" not in html.unescape(feed.content.decode())
    assert "Mutualisation des heures" in html.unescape(feed.content.decode())
    majors = html.unescape(client.get("/guide/mises-a-jour/?nature=majeure").content.decode())
    assert "Durée d'éligibilité : elle doit" not in majors


def test_stage_view_groups_sections_by_purchase_stage(client, guide):
    text = html.unescape(client.get("/guide/etapes/").content.decode())
    for stage in (
        "Définir le besoin",
        "Choisir le levier juridique",
        "Rédiger",
        "Analyser les offres",
        "Suivre l'exécution",
        "Évaluer",
    ):
        assert stage in text
    assert "/guide/2026/leviers-juridiques/condition-execution/" in text
    assert "/guide/2025/" not in text


def test_search_finds_guide_paragraph_with_anchor(guide):
    from wagtail.models import Page

    results = list(Page.objects.live().public().search("mutualisation").results()) or []
    guide_hits = [page.specific for page in results if "/guide/2026/" in page.url]
    assert guide_hits
    anchor = guide_hits[0].anchor_for_query("mutualisation")
    assert "#p-" in anchor


def test_dates_are_written_in_french(client, guide):
    text = html.unescape(client.get("/guide/").content.decode())
    assert "1er janvier 2026" in text
    assert datetime.date(2026, 1, 1).year == 2026


def test_whole_edition_can_be_scheduled_and_goes_live_on_its_date(
    client, admin_client, edition_2026
):
    import io
    from unittest import mock

    from django.core.management import call_command
    from django.utils import timezone

    admin_client.post(
        f"/admin/guide/preparer-edition/{edition_2026.pk}/",
        {"year": 2027, "in_force_from": "2027-01-01"},
    )
    draft = GuideEditionPage.objects.get(year=2027)
    when = timezone.localtime() + datetime.timedelta(days=3)
    response = admin_client.post(
        f"/admin/guide/publier-edition/{draft.pk}/",
        {"go_live_at": when.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    assert client.get("/guide/2027/").status_code == 404
    assert client.get("/guide/2027/calcul-heures/").status_code == 404

    later = when + datetime.timedelta(minutes=5)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("guides.content.today", return_value=datetime.date(2027, 1, 1)),
    ):
        call_command("publish_scheduled", stdout=io.StringIO())
        assert client.get("/guide/2027/calcul-heures/").status_code == 200
        assert "Édition en vigueur : 2027" in html.unescape(client.get("/guide/").content.decode())


def test_editors_can_open_every_guide_page_form(admin_client, edition_2026):
    chapter = GuideChapterPage.objects.child_of(edition_2026).first()
    section = chapter.get_children().first() or GuideChapterPage.objects.first()
    for page in (edition_2026.get_parent(), edition_2026, chapter, section):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
    text = html.unescape(admin_client.get(f"/admin/pages/{chapter.pk}/edit/").content.decode())
    assert "Identifiant stable" in text and "Étapes de l'achat concernées" in text
    add = admin_client.get(f"/admin/pages/add/guides/guidechapterpage/{edition_2026.pk}/")
    assert add.status_code == 200
    assert admin_client.get("/admin/snippets/guides/legalbasis/add/").status_code == 200


def test_guide_pages_give_the_search_a_plain_excerpt(edition_2026):
    chapter = GuideChapterPage.objects.get(slug="calcul-heures", url_path__contains="/2026/")
    text = chapter.search_excerpt()
    assert "800 heures d'insertion" in text and "<" not in text

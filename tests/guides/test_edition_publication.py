"""Editions and moderation: preparing N+1, reviewing it, publishing it whole (a background job,
all or nothing, only reviewed content), change notes listed once."""

import datetime
import html
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.roles import EDITORS, VALIDATORS
from guides import publishing
from guides.admin_views import copy_edition
from guides.models import (
    ChangeNote,
    EditionPublication,
    GuideChapterPage,
    GuideEditionPage,
    PublicationStatus,
)


def _text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def redacteur(django_user_model):
    user = django_user_model.objects.create_user(
        "redactrice", email="redactrice@example.org", password="x", first_name="Victor"
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def valideur(django_user_model):
    user = django_user_model.objects.create_user(
        "valideuse", email="valideuse@example.org", password="x", first_name="Victor"
    )
    user.groups.add(Group.objects.get(name=VALIDATORS))
    return user


@pytest.fixture
def draft_2027(edition_2026):
    return copy_edition(edition_2026, 2027, datetime.date(2027, 1, 1))


def _chapter(edition, slug="calcul-heures"):
    return GuideChapterPage.objects.descendant_of(edition).get(slug=slug)


def _edit_first_paragraph(chapter, text, user, note=""):
    draft = chapter.get_latest_revision_as_object()
    data = [dict(item) for item in draft.body.raw_data]
    data[0] = {**data[0], "value": {**data[0]["value"], "text": f"<p>{text}</p>"}}
    draft.body = data
    if note:
        draft.change_kind, draft.change_note = "majeure", note
    return draft.save_revision(user=user)


def _submit(chapter, user):
    chapter = GuideChapterPage.objects.get(pk=chapter.pk)
    return chapter.get_workflow().start(chapter, user)


def _publish_now(client, edition):
    response = client.post(f"/admin/guide/publier-edition/{edition.pk}/", {"go_live_at": ""})
    call_command("run_edition_jobs", stdout=io.StringIO())
    return response


# ---------------------------------------------------------------------------- preparing N+1


def test_prepare_form_shows_the_date_and_offers_n_plus_1_only_once(admin_client, edition_2025):
    form = _text(admin_client.get(f"/admin/guide/preparer-edition/{edition_2025.pk}/"))
    assert 'value="2026-01-01"' in form  # ISO, as the browser's date input wants
    # 2026 exists: the 2025 page no longer offers to prepare it; the 2026 page offers 2027.
    assert "Préparer l'édition 2026" not in _text(
        admin_client.get(f"/admin/pages/{edition_2025.pk}/")
    )
    edition_2026 = GuideEditionPage.objects.get(year=2026)
    assert "Préparer l'édition 2027" in _text(admin_client.get(f"/admin/pages/{edition_2026.pk}/"))


def test_prepared_edition_starts_clean_and_in_reading_order(admin_client, edition_2026, draft_2027):
    assert edition_2026.validated_by and not draft_2027.validated_by
    for page in draft_2027.get_descendants(inclusive=True).specific():
        latest = page.get_latest_revision_as_object()
        assert latest.change_note == "", page.title
    explorer = _text(admin_client.get(f"/admin/pages/{draft_2027.pk}/"))
    titles = [c.title for c in GuideChapterPage.objects.child_of(edition_2026).order_by("path")]
    positions = [explorer.index(f"{title} — édition 2027") for title in titles]
    assert positions == sorted(positions)


# ---------------------------------------------------------------------------- change notes


def test_publishing_n_plus_1_lists_each_change_note_once(client, admin_client, draft_2027):
    notes_before = ChangeNote.objects.count()
    chapter = _chapter(draft_2027)
    _edit_first_paragraph(chapter, "Nouvelle formule de calcul.", None, note="Formule revue.")
    _publish_now(admin_client, draft_2027)
    assert GuideEditionPage.objects.get(pk=draft_2027.pk).live
    assert ChangeNote.objects.count() == notes_before + 1  # only the note written for 2027

    updates = _text(client.get("/guide/mises-a-jour/"))
    assert updates.count("Durée d'éligibilité : elle doit être prévue dans le CCAP.") == 1
    assert updates.count("Formule revue.") == 1
    feed = _text(client.get("/guide/flux.atom"))
    entries = feed.split("<entry>")[1:]
    assert sum("Mutualisation des heures" in entry for entry in entries) == 1


def test_a_note_copied_before_the_fix_is_listed_once(client, edition_2026, draft_2027):
    """Data left by the old copy: the same note on the same chapter of the next edition."""
    from django.apps import apps

    from guides.migrations import __name__ as package

    old = ChangeNote.objects.filter(page__url_path__contains="/2026/").first()
    copy_page = draft_2027.get_descendants().get(slug=old.page.slug)
    draft_2027.save_revision().publish()
    for page in draft_2027.get_descendants().specific():
        page.save_revision().publish()
    ChangeNote.objects.create(page=copy_page, kind=old.kind, note=old.note)
    assert _text(client.get("/guide/mises-a-jour/")).count(old.note) == 1

    migration = __import__(f"{package}.0005_remove_copied_change_notes", fromlist=["x"])
    migration.remove_copies(apps, None)
    assert ChangeNote.objects.filter(note=old.note).count() == 1
    assert ChangeNote.objects.get(note=old.note).page_id == old.page_id


# ---------------------------------------------------------------------------- moderation


def test_a_page_in_review_blocks_the_edition_and_nothing_is_published(
    client, redacteur, valideur, draft_2027
):
    chapter = _chapter(draft_2027)
    _edit_first_paragraph(chapter, "Texte jamais validé.", redacteur)
    _submit(chapter, redacteur)
    client.force_login(valideur)
    page = _text(client.get(f"/admin/guide/publier-edition/{draft_2027.pk}/"))
    assert "Publication impossible" in page
    assert "Édition 2027 — Calculer le nombre d'heures d'insertion</a> — en relecture" in page
    assert "Publier l'édition</button>" not in page
    client.post(f"/admin/guide/publier-edition/{draft_2027.pk}/", {"go_live_at": ""})
    assert not EditionPublication.objects.exists()
    assert not GuideEditionPage.objects.get(pk=draft_2027.pk).live
    # The pending review is still there, not cancelled.
    assert GuideChapterPage.objects.get(pk=chapter.pk).workflow_in_progress


def test_approving_a_chapter_of_a_draft_edition_waits_for_the_edition(
    client, redacteur, valideur, draft_2027
):
    chapter = _chapter(draft_2027)
    revision = _edit_first_paragraph(chapter, "Texte validé pour 2027.", redacteur)
    state = _submit(chapter, redacteur)
    mail.outbox.clear()
    state.current_task_state.approve(user=valideur)
    chapter.refresh_from_db()
    assert not chapter.live  # approved, not published alone
    approved = [m for m in mail.outbox if "redactrice@example.org" in m.to]
    assert "mise en ligne avec l'édition entière" in approved[0].body
    assert "/guide/2027/" not in approved[0].body  # no link to a page nobody can see yet

    client.force_login(valideur)
    _publish_now(client, draft_2027)
    chapter.refresh_from_db()
    assert chapter.live and chapter.live_revision_id == revision.pk
    assert "Texte validé pour 2027." in _text(client.get("/guide/2027/calcul-heures/"))


def test_an_approval_joins_the_scheduled_publication(admin_client, redacteur, valideur, draft_2027):
    when = timezone.now() + datetime.timedelta(days=2)
    admin_client.post(
        f"/admin/guide/publier-edition/{draft_2027.pk}/",
        {"go_live_at": timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")},
    )
    job = EditionPublication.objects.get()
    assert job.status == PublicationStatus.SCHEDULED
    chapter = _chapter(draft_2027)
    revision = _edit_first_paragraph(chapter, "Ajout après programmation.", redacteur)
    _submit(chapter, redacteur).current_task_state.approve(user=valideur)
    job.refresh_from_db()
    assert job.revisions[str(chapter.pk)] == revision.pk
    assert not GuideChapterPage.objects.get(pk=chapter.pk).live


def test_the_edition_goes_live_all_or_nothing(admin_client, draft_2027):
    last = GuideChapterPage.objects.child_of(draft_2027).order_by("path").last()
    admin_client.post(f"/admin/guide/publier-edition/{draft_2027.pk}/", {"go_live_at": ""})
    job = EditionPublication.objects.get()
    # The approved version of the last chapter disappears before the job runs.
    last.revisions.filter(pk=job.revisions[str(last.pk)]).delete()
    call_command("run_edition_jobs", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == PublicationStatus.FAILED and "Rien n'a été publié" in job.message
    assert not draft_2027.get_descendants(inclusive=True).filter(live=True).exists()
    status = _text(admin_client.get(f"/admin/guide/publication/{job.pk}/"))
    assert "Échouée" in status and "Relancer la publication" in status


def test_progress_page_follows_the_job(admin_client, draft_2027):
    response = admin_client.post(
        f"/admin/guide/publier-edition/{draft_2027.pk}/", {"go_live_at": ""}
    )
    job = EditionPublication.objects.get()
    assert response["Location"] == f"/admin/guide/publication/{job.pk}/"
    pending = _text(admin_client.get(response["Location"]))
    assert "En attente" in pending and 'http-equiv="refresh"' in pending
    call_command("publish_scheduled", stdout=io.StringIO())  # the scheduler picks it up too
    done = _text(admin_client.get(response["Location"]))
    assert "Terminée" in done and f"{job.total} sur {job.total}" in done
    assert 'http-equiv="refresh"' not in done
    assert publishing.run_job(job.pk) is None  # never twice


# ---------------------------------------------------------------------------- reviewer's view


def test_reviewers_see_the_draft_against_the_edition_in_force(
    client, redacteur, valideur, draft_2027
):
    chapter = _chapter(draft_2027)
    _edit_first_paragraph(chapter, "Une formule toute neuve.", redacteur)
    url = f"/admin/guide/relire-edition/{draft_2027.pk}/"
    client.force_login(valideur)
    page = _text(client.get(url))
    assert "comparé à l'édition en vigueur, 2026" in page
    assert "neuve" in page and "<ins>" in page
    assert "<strong>1</strong> modifié" in page
    explorer = _text(client.get(f"/admin/pages/{chapter.pk}/edit/"))
    assert "Comparer avec l'édition en vigueur" in explorer
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    assert "toute neuve" not in _text(client.get("/guide/2026/calcul-heures/"))


def test_review_e_mail_names_edition_and_chapter_with_the_site_url(
    settings, redacteur, valideur, draft_2027
):
    settings.SITE_URL = "https://clauses.example.gouv.fr"
    settings.WAGTAILADMIN_BASE_URL = settings.SITE_URL
    chapter = _chapter(draft_2027)
    _edit_first_paragraph(chapter, "À relire.", redacteur)
    mail.outbox.clear()
    _submit(chapter, redacteur)
    to_valideur = [m for m in mail.outbox if "valideuse@example.org" in m.to]
    assert to_valideur
    message = to_valideur[0]
    assert "Calculer le nombre d'heures d'insertion — édition 2027" in message.subject
    assert message.body.startswith("Bonjour,") and "Salut" not in message.body
    assert f"https://clauses.example.gouv.fr/admin/guide/relire-edition/{draft_2027.pk}/" in (
        message.body
    )
    assert "127.0.0.1" not in message.body


def test_dashboard_shows_the_edition_in_preparation(admin_client, redacteur, draft_2027):
    _submit(_chapter(draft_2027), redacteur)
    home = _text(admin_client.get("/admin/"))
    assert "Guide : éditions en préparation" in home
    assert "Édition 2027 (brouillon)" in home
    assert "1 page en relecture" in home


def test_dashboard_lists_corrections_and_imports(admin_client, guide):
    from directory.models import Correction, Department, FacilitatorStructure, Region

    region, _ = Region.objects.get_or_create(code="75", defaults={"name": "Nouvelle-Aquitaine"})
    department, _ = Department.objects.get_or_create(
        code="33", defaults={"name": "Gironde", "region": region}
    )
    organisation = FacilitatorStructure.objects.create(
        name="PLIE fictif de Bordeaux", subkind="plie", department=department
    )
    Correction.objects.create(
        organisation=organisation, field="phone", proposed_value="01 02 03 04 05"
    )
    home = _text(admin_client.get("/admin/"))
    assert "Annuaire : signalements à traiter" in home
    assert "<strong>1</strong> signalement en attente de décision" in home
    assert "PLIE fictif de Bordeaux — téléphone du standard" in home
    assert "Derniers imports" in home and "Importer le référentiel" in home

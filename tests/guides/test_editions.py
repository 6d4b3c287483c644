"""Editions, chapters and stable paragraph identifiers, as a visitor sees them."""

import datetime
import html as htmllib
import io
import re
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

from guides import content
from guides.models import GuideChapterPage, GuideEditionPage


def test_guide_root_shows_the_edition_in_force(client, guide):
    response = client.get("/guide/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Édition en vigueur : 2026" in html
    assert 'href="/guide/2026/"' in html
    assert "Remplacée" in html  # 2025 is listed as superseded


def test_each_demo_edition_has_eight_chapters_and_eighty_paragraphs(guide):
    for edition in GuideEditionPage.objects.all():
        outline = content.edition_outline(edition)
        assert len(outline) >= 8
        assert len(content.edition_units(edition)) >= 80


def test_chapter_page_shows_numbered_anchors(client, edition_2026):
    response = client.get("/guide/2026/calcul-heures/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="p-formule"' in html
    assert 'href="/guide/2026/calcul-heures/#p-formule"' in html
    # The no-break space may come as an entity or as the character (glossary annotation).
    assert "§\u00a05-1" in html.replace("&nbsp;", "\u00a0")
    assert "800 heures d'insertion" in html


def test_paragraph_identifiers_are_shared_between_editions(edition_2025, edition_2026):
    old = {u.pid for u in content.edition_units(edition_2025)}
    new = {u.pid for u in content.edition_units(edition_2026)}
    assert len(old & new) >= 80
    assert "transition-ordonnance" in old - new
    assert "document-suivi" in new - old


def test_identifier_survives_an_edit_and_new_paragraphs_get_one(edition_2026):
    chapter = GuideChapterPage.objects.get(slug="calcul-heures", url_path__contains="/2026/")
    data = [dict(item) for item in chapter.body.raw_data]
    first = data[0]
    first["value"] = {**first["value"], "text": "<p>Texte corrigé par un rédacteur.</p>"}
    duplicate = {"type": "paragraph", "value": {**first["value"], "text": "<p>Copie.</p>"}}
    fresh = {
        "type": "paragraph",
        "value": {"pid": "", "text": "<p>Nouveau.</p>", "legal_bases": []},
    }
    chapter.body = [first, *data[1:], duplicate, fresh]
    chapter.save_revision().publish()
    chapter.refresh_from_db()
    pids = [child.value["pid"] for child in chapter.body if child.block_type == "paragraph"]
    assert pids[0] == "formule"
    assert len(pids) == len(set(pids))
    assert all(re.fullmatch(r"[a-z0-9-]+", pid) for pid in pids)


def test_unknown_year_is_a_french_404(client, guide):
    response = client.get("/guide/1999/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def _new_edition(guide, year, in_force_from, publish=True, go_live_at=None):
    edition = GuideEditionPage(
        title=f"Guide des clauses sociales — édition {year}",
        slug=str(year),
        year=year,
        in_force_from=in_force_from,
        change_kind="majeure",
        change_note=f"Édition {year} secrète",
        live=False,
        go_live_at=go_live_at,
    )
    guide.add_child(instance=edition)
    revision = edition.save_revision()
    if publish:
        revision.publish()
    edition.refresh_from_db()
    return edition


def test_draft_edition_is_invisible_everywhere(client, guide):
    _new_edition(guide, 2027, datetime.date(2027, 1, 1), publish=False)
    assert client.get("/guide/2027/").status_code == 404
    assert client.get("/guide/2027/pdf/").status_code == 404
    assert client.get("/guide/2027/comparer/2026/").status_code == 404
    compare = client.get("/guide/2026/comparer/2027/")
    assert compare.status_code == 404
    assert "Il n'existe pas d'édition 2027" in htmllib.unescape(compare.content.decode())
    assert "2027" not in client.get("/sitemap.xml").content.decode()
    assert "2027" not in client.get("/guide/").content.decode()
    assert "secrète" not in client.get("/guide/flux.atom").content.decode()
    assert "secrète" not in client.get("/guide/mises-a-jour/").content.decode()


def test_scheduled_edition_becomes_in_force_on_its_date(client, guide):
    go_live = timezone.now() + datetime.timedelta(days=30)
    scheduled = _new_edition(guide, 2027, go_live.date(), publish=True, go_live_at=go_live)
    assert not scheduled.live
    assert client.get("/guide/2027/").status_code == 404
    assert "Édition en vigueur : 2026" in client.get("/guide/").content.decode()

    later = go_live + datetime.timedelta(hours=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled", stdout=io.StringIO())
        html = client.get("/guide/").content.decode()
        assert "Édition en vigueur : 2027" in html
        edition_2026 = GuideEditionPage.objects.get(year=2026)
        assert edition_2026.status() == "remplacee"


def test_published_edition_with_future_date_is_upcoming_until_that_day(client, guide, settings):
    settings.PAGE_CACHE_SECONDS = 0  # only the guide's clock is moved below, not the cache's
    future = timezone.localdate() + datetime.timedelta(days=10)
    _new_edition(guide, 2027, future)
    html = client.get("/guide/").content.decode()
    assert "Édition en vigueur : 2026" in html
    assert "entrera en vigueur" in html
    with mock.patch("guides.content.today", return_value=future):
        assert "Édition en vigueur : 2027" in client.get("/guide/").content.decode()
        assert GuideEditionPage.objects.get(year=2026).status() == "remplacee"


def test_private_edition_is_not_listed(client, guide, edition_2025):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=edition_2025, restriction_type="password", password="x")
    html = client.get("/guide/").content.decode()
    assert "/guide/2025/" not in html
    assert client.get("/guide/2026/comparer/2025/").status_code == 404


def test_block_pasted_from_another_chapter_gets_a_new_identifier(edition_2026):
    chapter = GuideChapterPage.objects.get(slug="publics", url_path__contains="/2026/")
    chapter.body = [
        *[dict(item) for item in chapter.body.raw_data],
        {"type": "paragraph", "value": {"pid": "formule", "text": "<p>Collé.</p>"}},
    ]
    chapter.full_clean()
    pids = [c.value["pid"] for c in chapter.body if c.block_type == "paragraph"]
    assert "formule" not in pids
    assert "publics-prioritaires" in pids


def test_unpublished_revision_of_a_live_chapter_stays_private(client, edition_2026):
    chapter = GuideChapterPage.objects.get(slug="evaluation", url_path__contains="/2026/")
    draft = chapter.get_latest_revision_as_object()
    draft.intro = "Brouillon confidentiel du rédacteur."
    draft.save_revision()
    page_html = client.get("/guide/2026/evaluation/").content.decode()
    assert "Brouillon confidentiel" not in page_html
    assert "Brouillon confidentiel" not in client.get("/guide/2026/").content.decode()
    assert "Brouillon confidentiel" not in client.get("/guide/2026/comparer/2025/").content.decode()

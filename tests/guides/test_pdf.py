"""PDF of an edition and of a chapter: content, cache per published revision, command."""

import io
import shutil
import subprocess

import pytest
from django.core.management import call_command

from guides import pdf
from guides.models import GuideChapterPage


def _pdf_text(data, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext absent : sudo apt-get install -y poppler-utils")
    path = tmp_path / "guide.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def _flat(text):
    return " ".join(text.split())


def test_edition_pdf_has_cover_toc_numbers_and_running_header(client, edition_2026, tmp_path):
    response = client.get("/guide/2026/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(b"".join(response), tmp_path)
    assert "Sommaire" in text
    assert "Guide des clauses sociales — Édition 2026" in text  # running header
    assert "§ 5-1" in text
    assert "800 heures d'insertion" in _flat(text)
    assert "Page 2 sur" in text
    # The table of contents carries page numbers (dot leaders then a number).
    assert any(
        line.startswith("5. Calculer") and line.rstrip()[-1].isdigit() for line in text.splitlines()
    )


def test_chapter_pdf_contains_only_that_chapter(client, edition_2026, tmp_path):
    response = client.get("/guide/2026/calcul-heures/pdf/")
    assert response.status_code == 200
    text = _pdf_text(b"".join(response), tmp_path)
    assert "Calculer le nombre d'heures d'insertion" in text
    assert "Les publics bénéficiaires" not in text


def test_pdf_is_cached_and_a_publication_changes_it(client, edition_2026, settings):
    first = client.get("/guide/2026/pdf/")
    path = pdf.pdf_path(edition_2026)
    assert path.exists()
    assert b"".join(client.get("/guide/2026/pdf/")) == b"".join(first)

    chapter = GuideChapterPage.objects.get(slug="calcul-heures", url_path__contains="/2026/")
    chapter.intro = "Une méthode simple, revue pour 2026."
    with pdf.suspend_regeneration():
        chapter.save_revision().publish()
    assert not pdf.pdf_path(edition_2026).exists()  # new revision, new name: stale file unused
    assert client.get("/guide/2026/pdf/").status_code == 200
    assert pdf.pdf_path(edition_2026).exists()


def test_publishing_regenerates_the_pdf(edition_2026, django_capture_on_commit_callbacks):
    chapter = GuideChapterPage.objects.get(slug="publics", url_path__contains="/2026/")
    chapter.change_note = "Précision sur les publics."
    with django_capture_on_commit_callbacks(execute=True):
        chapter.save_revision().publish()
    assert pdf.pdf_path(edition_2026).exists()
    assert pdf.pdf_path(edition_2026, chapter).exists()


def test_command_reports_progress(edition_2026):
    out = io.StringIO()
    call_command("guide_pdf", "--annee", "2026", stdout=out)
    output = out.getvalue()
    assert "  Chapitres mis en page : 1 / 10 (10\u202f%)" in output
    assert "  Chapitres mis en page : 10 / 10 (100\u202f%)" in output
    assert "fichier(s) PDF généré(s) en " in output
    assert pdf.pdf_path(edition_2026).exists()
    out = io.StringIO()
    call_command("guide_pdf", "--annee", "2026", stdout=out)
    assert "Déjà à jour" in out.getvalue()


def test_draft_chapter_stays_out_of_the_pdf(client, edition_2026, tmp_path):
    chapter = GuideChapterPage.objects.get(slug="evaluation", url_path__contains="/2026/")
    chapter.title = "Chapitre en préparation secrète"
    chapter.save_revision()  # draft only
    text = _pdf_text(b"".join(client.get("/guide/2026/pdf/")), tmp_path)
    assert "préparation secrète" not in text
    assert "Évaluer et rendre compte" in text


def test_pdf_cites_the_online_version_at_the_canonical_address(edition_2026, settings, tmp_path):
    settings.SITE_URL = "https://clauses.example.gouv.fr"
    text = _flat(_pdf_text(pdf.render(edition_2026), tmp_path))
    # The PDF may break the line inside the address: compare without spaces.
    assert "Versionenligne:https://clauses.example.gouv.fr/guide/2026/" in text.replace(" ", "")
    assert "localhost" not in text

"""Every import attempt is recorded — who, when, which file, the outcome, the line count — and the
editors' dashboard lists the last ones, refused files included (issue 15, the dashboard's
« last imports with their outcome »)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from core import roles
from core.models import ImportEvent, ImportOutcome

LABOUR = "/admin/referentiel-main-d-oeuvre/import/"
IMPORT_SCREENS = [LABOUR, "/admin/annuaire/importer/", "/admin/statistiques/bilans/importer/"]


@pytest.fixture
def admin_client(demo, client):
    user = get_user_model().objects.create_superuser("chef", "chef@example.org", "x")
    client.force_login(user)
    return client


def upload(name, text, encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


@pytest.mark.parametrize("url", IMPORT_SCREENS)
def test_a_refused_file_leaves_a_trace_on_every_import_screen(url, admin_client):
    response = admin_client.post(url, {"file": upload("mauvais.csv", "colonne\nun\ndeux\n")})
    assert response.status_code == 200  # the page lists the errors
    event = ImportEvent.objects.get()
    assert event.outcome == ImportOutcome.REFUSED
    assert event.filename == "mauvais.csv"
    assert event.user.username == "chef"
    assert event.line_count == 2
    assert "colonne(s) absente(s)" in event.summary

    dashboard = admin_client.get("/admin/").content.decode()
    assert "mauvais.csv" in dashboard and "Refusé" in dashboard


def test_an_accepted_file_is_recorded_with_its_line_count_and_summary(admin_client):
    example = admin_client.get(LABOUR, {"exemple": "1"}).content.decode("utf-8-sig")
    response = admin_client.post(LABOUR, {"file": upload("referentiel.csv", example, "cp1252")})
    assert response.status_code == 302
    event = ImportEvent.objects.get()
    assert event.outcome == ImportOutcome.ACCEPTED
    assert event.line_count == 3
    assert "Windows-1252" in event.summary
    assert event.label == "Importer le référentiel de main-d'œuvre"

    dashboard = admin_client.get("/admin/").content.decode()
    assert "referentiel.csv" in dashboard and "Accepté" in dashboard


def test_a_command_records_its_attempt_too(demo, tmp_path):
    bad = tmp_path / "employeurs.csv"
    bad.write_text("nom\nSans siret\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_directory", str(bad), verbosity=0)
    event = ImportEvent.objects.get()
    assert (event.channel, event.outcome, event.user) == ("commande", ImportOutcome.REFUSED, None)
    assert event.label == "manage.py import_directory"


def test_a_facilitator_account_sees_only_its_own_imports(demo, client):
    ImportEvent.objects.create(
        label="Importer des employeurs inclusifs",
        channel="commande",
        filename="national.csv",
        outcome=ImportOutcome.ACCEPTED,
    )
    user = get_user_model().objects.create_user(username="facilitatrice", password="x")
    user.groups.add(Group.objects.get(name=roles.DIRECTORY_MANAGERS))
    client.force_login(user)
    assert "national.csv" not in client.get("/admin/").content.decode()

    editor = get_user_model().objects.create_user(username="redactrice", password="x")
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    client.force_login(editor)
    assert "national.csv" in client.get("/admin/").content.decode()

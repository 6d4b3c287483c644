"""Import screens: a title, Wagtail's form layout, an example file, and CSV files read in UTF-8
or as Excel saves them (Windows-1252) (issue 15, point 12)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from clauses.models import LabourShareRow
from core import roles
from core.importing import ImportRefused, decode_with_encoding

URL = "/admin/referentiel-main-d-oeuvre/import/"
MAX = 1024 * 1024


@pytest.mark.parametrize(
    ("content", "text", "encoding"),
    [
        ("année;notes\n".encode(), "année;notes\n", "UTF-8"),
        ("\ufeffannée\n".encode(), "année\n", "UTF-8"),
        ("année;coût « moyen »\n".encode("cp1252"), "année;coût « moyen »\n", "Windows-1252"),
        ("année œuvre\n".encode("utf-16"), "année œuvre\n", "UTF-16"),
    ],
)
def test_the_encoding_is_detected(content, text, encoding):
    assert decode_with_encoding(content, MAX) == (text, encoding)


def test_an_unreadable_file_says_how_to_save_it_from_excel():
    with pytest.raises(ImportRefused) as refused:
        decode_with_encoding(b"annee\n\x81\x8d\n", MAX)
    assert "CSV UTF-8" in str(refused.value)


@pytest.fixture
def validator_client(demo, client):
    user = get_user_model().objects.create_user(username="valideur", password="x")
    user.groups.add(Group.objects.get(name=roles.VALIDATORS))
    client.force_login(user)
    return client


def test_the_page_has_a_title_and_an_example_file(validator_client):
    html = validator_client.get(URL).content.decode()
    assert "<title>Importer le référentiel de main-d&#x27;œuvre" in html
    assert "<h1" in html and "Importer le référentiel" in html
    assert 'href="?exemple=1"' in html
    assert "w-field" in html  # Wagtail's field layout, not a bare form.as_p

    example = validator_client.get(URL, {"exemple": "1"})
    assert example["Content-Type"].startswith("text/csv")
    assert "attachment" in example["Content-Disposition"]
    lines = example.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("annee")
    assert len(lines) == 4  # the header and three rows of the current référentiel


def test_a_windows_1252_csv_is_accepted_and_said_so(validator_client):
    example = validator_client.get(URL, {"exemple": "1"}).content.decode("utf-8-sig")
    header, first, *_ = example.splitlines()
    row = LabourShareRow.objects.order_by("-year", "category", "work_type").first()
    edited = first.replace(row.work_type, "Entretien d'espaces verts très spécifique")
    content = f"{header}\r\n{edited}\r\n".encode("cp1252")

    response = validator_client.post(
        URL, {"file": _upload("referentiel.csv", content)}, follow=True
    )

    html = response.content.decode()
    assert "Import terminé" in html
    assert "Fichier lu en Windows-1252" in html
    assert LabourShareRow.objects.filter(
        work_type="Entretien d'espaces verts très spécifique"
    ).exists()


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")

"""The all-or-nothing import (core/importing.py): what a manager sees when a file is refused or
accepted, from a command or the admin."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from stdnum import luhn

from core.importing import Importer, ImportRefused, ImportReport, read_csv, separator_of
from core.models import Sector
from directory.models import InclusiveEmployer

pytestmark = pytest.mark.django_db


class SectorImporter(Importer):
    """A small importer of directory sectors (name, slug), to exercise the base alone."""

    required_columns = ["nom", "code"]

    def check(self, line, record):
        problems = []
        if not record["nom"]:
            problems.append("nom manquant")
        if not record["code"].isidentifier():
            problems.append(f"code invalide « {record['code']} »")
        return (None, problems) if problems else (record, [])

    def write(self, rows, progress):
        report = ImportReport()
        for done, (_, record) in enumerate(rows, start=1):
            _, created = Sector.objects.update_or_create(
                slug=record["code"], defaults={"name": record["nom"]}
            )
            report.created += created
            report.updated += not created
            progress(done, len(rows))
        return report


def test_three_bad_lines_refuse_the_whole_file_and_name_every_line():
    before = Sector.objects.count()
    text = "nom;code\nPeinture;peinture\n;vide\nMaçonnerie;ma çonnerie\nBois;bois\n;\u00a0x y\n"
    with pytest.raises(ImportRefused) as refused:
        SectorImporter().run(text.encode())
    assert [line for line, _ in refused.value.errors] == [3, 4, 6, 6]
    assert "ligne 4 : code invalide « ma çonnerie »" in str(refused.value)
    assert refused.value.summary() == "4 erreur(s) sur 3 ligne(s)"
    assert Sector.objects.count() == before  # "Peinture" and "Bois" were not written either


def test_a_good_file_is_written_whole_with_a_summary_and_progress():
    calls = []
    text = "\ufeffnom,code\nPeinture,peinture\n\nBois,bois\n"  # BOM, comma, blank line
    report = SectorImporter().run(text.encode(), progress=lambda done, total: calls.append(done))
    assert str(report) == "2 créé(s), 0 mis à jour, 0 inchangé(s)"
    assert calls == [1, 2]
    assert Sector.objects.get(slug="bois").name == "Bois"


@pytest.mark.parametrize(
    "content, message",
    [
        # Neither UTF-8 nor Windows-1252 (0x81 and 0x8D are unassigned there).
        (b"nom;code\n\x81\x8d;x\n", "fichier : le fichier n'est ni en UTF-8 ni en Windows-1252"),
        (b"nom;autre\nA;b\n", "ligne 1 : colonne(s) absente(s) de l'en-tête : code"),
        (b"nom;code\n", "fichier : le fichier ne contient aucune ligne de données"),
        (b"nom;code\nA;b;c\n", "ligne 2 : trop de colonnes sur cette ligne"),
        (b"nom;code\n" + b"A;b\n" * 30_000, "fichier : fichier trop volumineux (0 Mo au plus)"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(content, message):
    importer = SectorImporter()
    importer.max_bytes = 100_000
    with pytest.raises(ImportRefused) as refused:
        importer.run(content)
    assert refused.value.lines()[0].startswith(message)


def test_separator_is_read_off_the_header_and_lines_are_capped():
    assert separator_of('nom;code;"a,b"\n') == ";"
    assert separator_of("nom\tcode\n") == "\t"
    assert separator_of("nom\n") == ","
    with pytest.raises(ImportRefused) as refused:
        read_csv("nom\na\nb\nc\n", max_lines=2)
    assert refused.value.errors == [(4, "fichier trop long (au plus 2 lignes)")]


def test_a_lone_carriage_return_is_refused_at_its_line_in_french():
    text = "nom;code\r\nBTP;btp\r\nEspaces\rverts;verts\r\nPropreté;proprete\r\n"
    with pytest.raises(ImportRefused) as refused:
        SectorImporter().run(text.encode())
    [line] = refused.value.lines()
    assert line.startswith("ligne 3 : retour chariot isolé")
    assert not Sector.objects.filter(slug="btp").exists()


def test_a_file_with_old_mac_line_ends_is_read_line_by_line():
    assert read_csv("nom,code\rBTP,btp\r\rVerts,verts\r") == [
        (2, {"nom": "BTP", "code": "btp"}),
        (4, {"nom": "Verts", "code": "verts"}),
    ]


def test_a_carriage_return_inside_quotes_stays_in_the_value():
    assert read_csv('nom,code\n"Espaces\rverts",verts\n') == [
        (2, {"nom": "Espaces\rverts", "code": "verts"})
    ]


def siret(number):
    siren = f"{number:08d}"
    siren += luhn.calc_check_digit(siren)
    return siren + "0001" + luhn.calc_check_digit(siren + "0001")


def employers_csv(bad_lines=()):
    lines = ["siret;nom;categorie;departement;effectif"]
    lines += [f"{siret(77_000_000 + n)};Atelier {n};EI;2A;10-49" for n in range(6)]
    for index, text in bad_lines:
        lines[index] = text
    return ("\n".join(lines) + "\n").encode()


def test_admin_refuses_a_file_with_three_bad_lines_and_lists_them(admin_client):
    before = InclusiveEmployer.objects.count()
    content = employers_csv(
        [(2, "123;Sans SIRET;EI;2A;10-49"), (4, f"{siret(1)};;EI;2A;10-49"), (6, "x;y;ZZ;2A;")]
    )
    upload = SimpleUploadedFile("employeurs.csv", content)
    response = admin_client.post("/admin/annuaire/importer/", {"file": upload})
    assert response.status_code == 200
    text = response.content.decode().replace("&#x27;", "'")
    assert "Fichier refusé, rien n'a été importé" in text
    for line in ("ligne 3 : SIRET invalide", "ligne 5 : nom manquant", "ligne 7 : catégorie"):
        assert line in text
    assert InclusiveEmployer.objects.count() == before


def test_admin_accepts_a_good_file_and_says_what_changed(admin_client):
    upload = SimpleUploadedFile("employeurs.csv", employers_csv())
    response = admin_client.post("/admin/annuaire/importer/", {"file": upload}, follow=True)
    assert "Import terminé : 6 créé(s), 0 mis à jour, 0 inchangé(s)." in response.content.decode()
    sirets = [siret(77_000_000 + n) for n in range(6)]
    assert InclusiveEmployer.objects.filter(siret__in=sirets).count() == 6


def test_admin_import_needs_the_permission(client, django_user_model):
    user = django_user_model.objects.create_user("lecteur", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/annuaire/importer/")
    assert response.status_code in (302, 403)  # Wagtail sends editors back to the dashboard
    assert "Fichier CSV ou JSON" not in response.content.decode()


def test_command_lists_every_bad_line_and_exits_in_error(tmp_path):
    path = tmp_path / "employeurs.csv"
    path.write_bytes(employers_csv([(1, "1;A;EI;2A;10-49"), (3, "2;B;EI;2A;10-49")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 erreur\\(s\\) sur 2 ligne\\(s\\). Rien n'a été"):
        call_command("import_directory", str(path), stdout=io.StringIO(), stderr=err)
    assert "  ligne 2 : SIRET invalide « 1 »" in err.getvalue()
    assert "  ligne 4 : SIRET invalide « 2 »" in err.getvalue()


def test_command_prints_progress_then_the_summary(tmp_path):
    path = tmp_path / "employeurs.csv"
    path.write_bytes(employers_csv())
    out = io.StringIO()
    call_command("import_directory", str(path), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Vérification de employeurs.csv…"
    assert "  Employeurs : 6 / 6 (100\u202f%)" in lines
    assert lines[-1] == "Import terminé : 6 créé(s), 0 mis à jour, 0 inchangé(s)."

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from stdnum import luhn

from core.importing import ImportRefused
from core.models import Sector
from directory.importer import import_employers
from directory.models import Activity, InclusiveEmployer, Organisation
from statsbase.models import AnnualReturn

HEADER = [
    "siret",
    "nom",
    "categorie",
    "departement",
    "commune_code_insee",
    "adresse",
    "courriel",
    "site_internet",
    "effectif",
    "secteurs",
    "territoire",
]


def siret(number):
    siren = f"{number:08d}"
    siren += luhn.calc_check_digit(siren)
    nic = "0001"
    return siren + nic + luhn.calc_check_digit(siren + nic)


def make_csv(count, bad=()):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    kinds = ["EI", "ACI", "EA", "ESAT", "GEIQ"]
    territories = ["", "pays", "rayon:60", "regions:94", "departements:2A|2B", "communes:2A004"]
    for number in range(count):
        row = [
            siret(10_000_000 + number),
            f"Structure {number}",
            kinds[number % len(kinds)],
            "2A",
            "2A004" if number % 2 else "",
            f"{number} cours Napoléon",
            f"contact{number}@exemple.fr",
            "https://exemple.fr/",
            "10-49",
            "Propreté et nettoyage|bâtiment et travaux publics"
            if number % 3
            else "propreté-et-nettoyage",
            territories[number % len(territories)],
        ]
        writer.writerow(row)
    lines = out.getvalue().splitlines()
    for index, replace in bad:
        lines[index] = replace
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def sectors(geography):
    # Start from an empty directory (the session's demo content is rolled back after the test);
    # the demo's statistical returns protect their structures, so they go first.
    AnnualReturn.objects.all().delete()
    Organisation.objects.all().delete()
    Sector.objects.get_or_create(name="Propreté et nettoyage", slug="proprete-et-nettoyage")
    Sector.objects.get_or_create(
        name="Bâtiment et travaux publics", slug="batiment-et-travaux-publics"
    )


def test_good_file_then_same_file_again_changes_nothing(sectors):
    content = make_csv(60)
    report = import_employers(content, "f.csv")
    assert (report.created, report.updated, report.unchanged) == (60, 0, 0)
    employer = InclusiveEmployer.objects.get(siret=siret(10_000_001))
    assert employer.commune.name == "Ajaccio" and employer.department.code == "2A"
    assert employer.raw_record["nom"] == "Structure 1"
    assert employer.activities.count() == 2
    regional = InclusiveEmployer.objects.get(name="Structure 3").activities.first()
    assert {d.code for d in regional.served_departments.all()} == {"2A", "2B"}  # région Corse
    snapshot = list(InclusiveEmployer.objects.order_by("pk").values())
    activities = Activity.objects.count()

    report = import_employers(content, "f.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 60)
    assert list(InclusiveEmployer.objects.order_by("pk").values()) == snapshot
    assert Activity.objects.count() == activities


def test_matching_by_siret_updates_instead_of_duplicating(sectors):
    import_employers(make_csv(5), "f.csv")
    changed = make_csv(5).decode().replace("Structure 2;", "Structure deux;").encode()
    report = import_employers(changed, "f.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 4)
    assert InclusiveEmployer.objects.count() == 5
    assert InclusiveEmployer.objects.filter(name="Structure deux").exists()


def test_three_bad_lines_out_of_1000_refuse_the_whole_file(sectors):
    good = make_csv(1000).decode().splitlines()
    bad_siret = good[10].replace(siret(10_000_009), "12345678901234")
    unknown_department = good[500].replace(";2A;", ";99;", 1)
    fields = good[900].split(";")
    fields[1] = ""
    missing_name = ";".join(fields)
    content = make_csv(1000, bad=[(10, bad_siret), (500, unknown_department), (900, missing_name)])
    with pytest.raises(ImportRefused) as refused:
        import_employers(content, "f.csv")
    assert [line for line, _ in refused.value.errors] == [11, 501, 901]
    reasons = " ".join(reason for _, reason in refused.value.errors)
    assert (
        "SIRET invalide" in reasons
        and "département inconnu" in reasons
        and "nom manquant" in reasons
    )
    assert Organisation.objects.count() == 0
    assert Activity.objects.count() == 0


def test_command_prints_summary_and_refuses_bad_file(sectors, tmp_path):
    path = tmp_path / "employeurs.csv"
    path.write_bytes(make_csv(3))
    out = io.StringIO()
    call_command("import_directory", str(path), stdout=out)
    assert "Import terminé : 3 créé(s), 0 mis à jour, 0 inchangé(s)." in out.getvalue()
    path.write_bytes(make_csv(3, bad=[(2, "00000000000000;X;ZZ;2A")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Rien n'a été importé"):
        call_command("import_directory", str(path), stdout=io.StringIO(), stderr=err)
    assert "ligne 3" in err.getvalue()


def test_data_inclusion_structure_json(sectors):
    record = {
        "id": "abc",
        "siret": siret(42),
        "nom": "Régie de quartier du Centre",
        "typologie": "RQ",
        "code_insee": "2A004",
        "code_postal": "20000",
        "adresse": "1 place du Marché",
        "courriel": "accueil@exemple.fr",
        "site_web": "https://exemple.fr/",
        "presentation_resume": "Entretien des espaces communs",
        "source": "emplois-de-linclusion",
        "labels_nationaux": [],
    }
    report = import_employers(json.dumps([record]).encode(), "structures.json")
    assert report.created == 1
    employer = InclusiveEmployer.objects.get()
    assert employer.subkind == "RQ" and employer.department.code == "2A"
    assert employer.raw_record == record
    assert employer.source == "emplois-de-linclusion"


def test_unreadable_files_are_refused_with_a_reason(sectors):
    for content in (b"\xff\xfe\x00", b"nom;categorie\nA;EI\n", b"[{"):
        with pytest.raises(ImportRefused):
            import_employers(content, "x.csv")

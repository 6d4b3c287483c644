"""The labour-share référentiel: yearly pages, change markers, open data, all-or-nothing import."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command

from clauses.models import LabourShareRow
from clauses.referential import export_csv, import_csv
from core.importing import ImportRefused

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def row_of(soup, work_type):
    for th in soup.select("tbody th"):
        if work_type in th.get_text():
            return " ".join(th.parent.get_text(" ").split()).replace("\u202f", " ")
    raise AssertionError(f"{work_type} absent")


def test_current_year_page_shows_rows_illustrative_and_changes(client, referential):
    soup = soup_of(client.get("/main-d-oeuvre/"))
    assert "2026" in soup.h1.get_text()
    cleaning = row_of(soup, "Nettoyage de locaux")
    assert "illustratif" in cleaning
    assert "modifié depuis l'an dernier" in cleaning
    assert "2025 : 25,00 €/h" in cleaning
    assert "nouveau" in row_of(soup, "Rénovation énergétique")
    works = row_of(soup, "Ensemble des travaux")
    assert "40 %" in works and "30,00 €/h" in works
    assert "modifié" not in works and "illustratif" not in works


def test_previous_year_page_and_unknown_year(client, referential):
    soup = soup_of(client.get("/main-d-oeuvre/2025/"))
    assert "2025" in soup.h1.get_text()
    assert "remplacé" in soup.get_text()
    assert "Rénovation énergétique" not in soup.get_text()
    assert client.get("/main-d-oeuvre/2019/").status_code == 404


def test_unpublished_rows_never_leak(client, referential):
    LabourShareRow.objects.filter(work_type="Collecte des déchets").update(is_published=False)
    assert "Collecte des déchets" not in client.get("/main-d-oeuvre/").content.decode()
    assert "Collecte des déchets" not in client.get("/main-d-oeuvre/export.csv").content.decode()
    assert "Collecte des déchets" not in client.get("/main-d-oeuvre/export.json").content.decode()


def test_csv_export_round_trips_through_the_import(client, referential):
    response = client.get("/main-d-oeuvre/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(text)))
    assert len(records) == LabourShareRow.objects.count()
    summary = import_csv(text)
    assert (summary.created, summary.updated) == (0, 0)
    assert summary.unchanged == len(records)


def test_json_export(client, referential):
    data = json.loads(client.get("/main-d-oeuvre/export.json").content)
    works = [
        r
        for r in data["lignes"]
        if r["annee"] == 2026 and r["type_prestation"].startswith("Ensemble des travaux")
    ][0]
    assert works["part_main_oeuvre_min"] == 40.0 and works["cout_horaire_moyen"] == 30.0
    assert works["illustratif"] is False
    assert client.get("/main-d-oeuvre/export.json?annee=2025").json()["lignes"][0]["annee"] == 2025


HEADER = "annee;categorie;type_prestation;part_main_oeuvre_min;part_main_oeuvre_max;cout_horaire_moyen;taux_insertion_usuel;source;illustratif;notes\n"


def test_a_good_file_is_imported_with_french_figures(db):
    text = HEADER + (
        "2027;travaux;Gros œuvre;35;45;32,50;5 %;Fédération régionale;non;\n"
        "2027;services;Nettoyage;80;;26;5;;oui;estimation\n"
    )
    summary = import_csv(text)
    assert summary.created == 2
    row = LabourShareRow.objects.get(year=2027, work_type="Gros œuvre")
    assert str(row.hourly_cost) == "32.50" and row.share_high == 45


def snapshot():
    return list(LabourShareRow.objects.order_by("pk").values_list())


def test_a_file_with_one_bad_line_is_refused_whole_with_line_numbers(db):
    before = snapshot()
    text = HEADER + (
        "2027;travaux;Gros œuvre;35;45;32;5;Fédération;non;\n"
        "2027;bâtiment;Charpente;35;;32;5;Fédération;non;\n"
        "2027;services;Nettoyage;-80;;26;5;Fédération;non;\n"
        "2027;services;Accueil;60;50;abc;5;Fédération;non;\n"
        "2027;travaux;Gros Œuvre;35;45;32;5;Fédération;non;\n"
    )
    with pytest.raises(ImportRefused) as refused:
        import_csv(text)
    lines = dict(refused.value.errors)
    assert set(lines) == {3, 4, 5, 6}
    assert "catégorie" in lines[3]
    assert "positif" in lines[4]
    assert "borne haute" in lines[5] and "coût horaire" in lines[5]
    assert "doublon de la ligne 2" in lines[6]
    assert snapshot() == before


def test_missing_columns_are_refused(db):
    with pytest.raises(ImportRefused) as refused:
        import_csv("annee,categorie\n2026,travaux\n")
    assert refused.value.errors[0][0] == 1
    assert "cout_horaire_moyen" in refused.value.errors[0][1]


def test_command_prints_progress_and_summary(tmp_path, referential):
    path = tmp_path / "ref.csv"
    rows = LabourShareRow.objects.filter(year=2026)
    text = export_csv(rows).replace("Nettoyage de locaux,80,90,26", "Nettoyage de locaux,80,90,27")
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_main_doeuvre", str(path), stdout=out)
    output = out.getvalue()
    total = rows.count()
    assert f"Lignes du référentiel écrites : {total} / {total} (100\u202f%)" in output
    assert "Import terminé : 0 créé(s), 1 mis à jour, " in output and "année(s) : 2026" in output
    assert LabourShareRow.objects.get(year=2026, work_type="Nettoyage de locaux").hourly_cost == 27


def test_command_refuses_a_bad_file_and_writes_nothing(tmp_path, referential):
    before = list(LabourShareRow.objects.values_list("pk", "hourly_cost"))
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER + "2026;travaux;Gros œuvre;35;45;99;5;x;non;\n2026;travaux;VRD;35;45;0;5;x;non;\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_main_doeuvre", str(path), stdout=io.StringIO(), stderr=err)
    assert "ligne 3" in err.getvalue() and "rien n'a été écrit" in err.getvalue()
    assert list(LabourShareRow.objects.values_list("pk", "hourly_cost")) == before


def test_admin_import_refuses_then_accepts(admin_client, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = snapshot()
    bad = SimpleUploadedFile("r.csv", (HEADER + "2027;travaux;X;35;;0;5;s;non;\n").encode())
    response = admin_client.post("/admin/referentiel-main-d-oeuvre/import/", {"file": bad})
    assert response.status_code == 200
    assert "ligne 2 : coût horaire" in response.content.decode()
    assert snapshot() == before
    good = SimpleUploadedFile("r.csv", (HEADER + "2027;travaux;X;35;;30;5;s;non;\n").encode())
    response = admin_client.post("/admin/referentiel-main-d-oeuvre/import/", {"file": good})
    assert response.status_code == 302
    assert LabourShareRow.objects.filter(year=2027).count() == 1


def test_calculator_uses_a_chosen_referential_row(client, referential):
    row = LabourShareRow.objects.get(year=2026, work_type="Nettoyage de locaux")
    soup = soup_of(client.get(f"/calculateur/?montant=100000&ligne={row.pk}"))
    result = " ".join(soup.select_one(".rs-result").get_text(" ").split()).replace("\u202f", " ")
    # 100 000 × 85 % ÷ 26 = 3 269,23 h; × 5 % = 163 h
    assert "163 heures d'insertion" in result
    assert "référentiel 2026 : Nettoyage de locaux" in result

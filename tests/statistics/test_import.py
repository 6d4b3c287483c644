"""Import of a yearly return: all or nothing, French line errors, replacement with history,
limits of a structure's own accounts, the command, the year-on-year warning, the fuzz."""

import io
import random

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.importing import ImportRefused
from statsbase.importer import ReturnImporter
from statsbase.models import Aggregate, AnnualReturn, ReturnStatus

from .conftest import return_csv, return_rows

pytestmark = pytest.mark.django_db
IMPORT_URL = "/admin/statistiques/bilans/importer/"


def current(structure, year):
    return AnnualReturn.objects.filter(structure=structure, year=year, status=ReturnStatus.CURRENT)


def national_hours(year):
    return Aggregate.objects.get(
        level="national", year=year, dimension="heures_total", category="total"
    ).value


def refused_lines(text, user=None):
    with pytest.raises(ImportRefused) as refused:
        ReturnImporter(user=user).run(text.encode(), "bilan.csv")
    return refused.value.lines()


def set_value(rows, dimension, category, value):
    for row in rows:
        if row[2] == dimension and row[3] == category:
            row[4] = value
    return rows


def test_a_good_return_replaces_the_demo_one_and_the_national_figures_follow(structure):
    before = national_hours(2024)
    old = current(structure, 2024).get()
    old_hours = old.figures.get(dimension="heures_total").value
    rows = return_rows(structure.slug, 2024)
    report = ReturnImporter().run(return_csv(rows).encode(), "bilan-2024.csv")
    assert report.updated == 1 and "remplace le bilan" in str(report)
    new = current(structure, 2024).get()
    assert new.filename == "bilan-2024.csv"
    assert AnnualReturn.objects.get(pk=old.pk).status == ReturnStatus.REPLACED  # history kept
    hours = next(r[4] for r in rows if r[2] == "heures_total")
    assert national_hours(2024) == before - old_hours + hours


def test_windows_1252_with_semicolons_is_read(structure):
    text = return_csv(return_rows(structure.slug, 2023), ";")
    text = "# ligne ignorée ?\n" * 0 + text
    report = ReturnImporter().run(("\ufeff" * 0 + text).encode("cp1252"), "bilan.csv")
    assert report.changed == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda rows: set_value(rows, "heures_secteur", "btp", -5), "valeur négative"),
        (lambda rows: set_value(rows, "heures_secteur", "btp", "12,5"), "valeur non entière"),
        (
            lambda rows: rows + [[rows[0][0], 2024, "heures_secteur", "peinture", 1]],
            "catégorie inconnue « peinture »",
        ),
        (
            lambda rows: rows + [[rows[0][0], 2024, "heures_magiques", "total", 1]],
            "dimension inconnue",
        ),
        (lambda rows: rows + [rows[3]], "doublon"),
        (
            lambda rows: [[r[0], 2099, *r[2:]] for r in rows],
            "l'année 2099 n'est pas encore commencée",
        ),
        (
            lambda rows: [
                [r[0], 2024, *r[2:]] if i else [r[0], 2023, *r[2:]] for i, r in enumerate(rows)
            ],
            "d'une structure et d'une année",
        ),
        (lambda rows: set_value(rows, "heures_total", "total", 1), "la somme"),
        (lambda rows: [r for r in rows if r[2] != "beneficiaires_total"], "personnes en insertion"),
        (
            lambda rows: [
                [r[0], r[1], r[2], r[3], r[4] + 1] if r[3] == "femme+moins-26" else r for r in rows
            ],
            "« Femmes » totalise",
        ),
    ],
)
def test_bad_files_are_refused_whole_with_french_line_errors(structure, change, message):
    before = AnnualReturn.objects.count()
    lines = refused_lines(return_csv(change(return_rows(structure.slug, 2024))))
    assert any(message in line for line in lines), lines
    assert all(line.startswith(("ligne ", "fichier :")) for line in lines)
    assert AnnualReturn.objects.count() == before


def test_unknown_structure_and_malformed_file(structure):
    rows = return_rows("structure-qui-n-existe-pas", 2024)
    assert any("structure inconnue" in line for line in refused_lines(return_csv(rows)))
    assert any("colonne(s) absente(s)" in line for line in refused_lines("a,b\n1,2\n"))
    assert refused_lines("structure,annee,dimension,categorie,valeur\n")  # no data line
    with pytest.raises(ImportRefused):
        ReturnImporter().run(b"\x81\x8d\x8f\x90\x9d", "x.csv")


def test_a_facilitator_imports_for_its_structure_only(client, structure, facilitator):
    from directory.models import FacilitatorStructure

    client.force_login(facilitator)
    other = FacilitatorStructure.objects.filter(is_demo=True).exclude(pk=structure.pk).first()
    upload = io.BytesIO(return_csv(return_rows(other.slug, 2024)).encode())
    upload.name = "autre.csv"
    page = client.post(IMPORT_URL, {"file": upload}).content.decode()
    assert "Fichier refusé" in page and "seulement celui de votre structure" in page
    assert not current(other, 2024).filter(imported_by=facilitator).exists()

    upload = io.BytesIO(return_csv(return_rows(structure.slug, 2024)).encode())
    upload.name = "le-mien.csv"
    response = client.post(IMPORT_URL, {"file": upload}, follow=True)
    assert "Import terminé" in response.content.decode()
    assert current(structure, 2024).get().imported_by == facilitator
    history = client.get("/admin/statistiques/bilans/").content.decode()
    assert "le-mien.csv" in history and other.name not in history


def test_an_account_without_the_right_gets_403(client, django_user_model, demo):
    user = django_user_model.objects.create_user("curieux", password="x-mot-de-passe-1")
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code in (302, 403)


def test_a_strong_change_is_pointed_out_but_accepted(structure):
    rows = return_rows(structure.slug, 2025, size=40.0)
    report = ReturnImporter().run(return_csv(rows).encode(), "bilan.csv")
    assert any("à vérifier : heures d'insertion réalisées 2025" in w for w in report.warnings)
    assert "contre" in current(structure, 2025).get().warnings


def test_withdrawal_recomputes_the_figures(client, admin_user, structure):
    annual = current(structure, 2023).get()
    hours = annual.figures.get(dimension="heures_total").value
    before = national_hours(2023)
    client.force_login(admin_user)
    client.post(f"/admin/statistiques/bilans/{annual.pk}/retirer/")
    assert AnnualReturn.objects.get(pk=annual.pk).status == ReturnStatus.WITHDRAWN
    assert national_hours(2023) == before - hours


def test_the_command_prints_progress_and_a_summary(tmp_path, structure):
    path = tmp_path / "bilan.csv"
    path.write_text(return_csv(return_rows(structure.slug, 2022)), encoding="utf-8")
    out = io.StringIO()
    call_command("import_statistics_return", str(path), stdout=out)
    assert "Chiffres du bilan" in out.getvalue() and "Import terminé" in out.getvalue()
    path.write_text(
        return_csv(set_value(return_rows(structure.slug, 2022), "heures_total", "total", 3))
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_statistics_return", str(path), stdout=io.StringIO(), stderr=err)
    assert "la somme" in err.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_fuzz_any_bytes_are_imported_or_refused_cleanly(data, demo):
    try:
        ReturnImporter().run(b"structure,annee,dimension,categorie,valeur\n" + data, "f.csv")
    except ImportRefused as refused:
        assert refused.lines()


def test_fuzz_mutated_good_files_are_refused_cleanly(structure):
    rng = random.Random(7)
    text = return_csv(return_rows(structure.slug, 2024))
    for _ in range(60):
        chars = list(text)
        for _ in range(rng.randint(1, 6)):
            chars[rng.randrange(len(chars))] = rng.choice(';,"\n-x9é\x00 ')
        try:
            ReturnImporter().run("".join(chars).encode(), "f.csv")
        except ImportRefused as refused:
            assert refused.lines()


def test_figures_kept_up_to_date_on_import_equal_a_full_recount(structure):
    from statsbase.consolidation import consolidate_everything

    ReturnImporter().run(return_csv(return_rows(structure.slug, 2024, seed=9)).encode(), "a.csv")
    current(structure, 2022).update(status=ReturnStatus.WITHDRAWN)  # then withdrawn by hand…
    annual = AnnualReturn.objects.get(structure=structure, year=2022, status="retire")
    from statsbase.consolidation import shift

    shift(annual.department, 2022, annual.figure_values(), -1)  # …as the admin view does

    def snapshot():
        return set(
            Aggregate.objects.values_list(
                "level",
                "code",
                "year",
                "dimension",
                "category",
                "value",
                "structures",
                "suppressed",
            )
        )

    kept = snapshot()
    consolidate_everything()
    assert snapshot() == kept


def test_a_lone_carriage_return_is_refused_at_its_line(structure):
    lines = return_csv(return_rows(structure.slug, 2024)).split("\r\n")
    lines[3] = lines[3].replace(",", "\r,", 1)
    errors = refused_lines("\r\n".join(lines))
    assert len(errors) == 1 and errors[0].startswith("ligne 4 : retour chariot isolé")

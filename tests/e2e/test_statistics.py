"""The national statistics base in a real browser: a facilitator imports its yearly return (a
good file, then a bad one refused whole), the regional and national panoramas show the figures
with their hidden cells, at 1280 and 375 px, and their CSV downloads match their schema."""

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.statistics.conftest import return_csv, return_rows

from .conftest import run_axe, screenshot

REGION = "/ressources/statistiques/nouvelle-aquitaine/"


@pytest.fixture(autouse=True)
def statistics_demo(site_server):
    """The demo returns, which the shared live server leaves out (they take a while to load)."""
    from statsbase import demo

    demo.load(io.StringIO())


def facilitator_account():
    from django.contrib.auth.models import Group, User

    from contracts.models import FacilitatorMembership
    from directory.models import FacilitatorStructure
    from statsbase.roles import FACILITATORS

    structure = FacilitatorStructure.objects.filter(is_demo=True, department__code="33").first()
    user = User.objects.create_user("facilitatrice", "f@exemple.fr", "mot-de-passe-de-test")
    user.groups.add(Group.objects.get(name=FACILITATORS))
    FacilitatorMembership.objects.create(user=user, structure=structure)
    return structure


def log_in(page):
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", "facilitatrice")
    page.fill("#id_password", "mot-de-passe-de-test")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")


def test_a_facilitator_imports_its_return_then_a_bad_file_is_refused_whole(page, tmp_path):
    from statsbase.models import AnnualReturn

    structure = facilitator_account()
    good = tmp_path / "bilan-2025.csv"
    good.write_bytes(return_csv(return_rows(structure.slug, 2025), ";").encode("cp1252"))
    rows = return_rows(structure.slug, 2025, seed=2)
    rows = [[*r[:4], r[4] + 7] if r[2] == "heures_secteur" and r[3] == "btp" else r for r in rows]
    bad = tmp_path / "bilan-faux.csv"
    bad.write_text(return_csv(rows), encoding="utf-8")

    log_in(page)
    page.goto(page.base_url + "/admin/statistiques/bilans/importer/")
    expect(page.get_by_text(structure.slug)).to_be_visible()
    page.get_by_label("Bilan annuel (CSV)").set_input_files(str(good))
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_text("Import terminé")).to_be_visible()
    expect(page.get_by_role("cell", name="bilan-2025.csv")).to_be_visible()
    count = AnnualReturn.objects.count()

    page.goto(page.base_url + "/admin/statistiques/bilans/importer/")
    page.get_by_label("Bilan annuel (CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Importer").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Fichier refusé, rien n'a été importé")
    expect(alert).to_contain_text("heures par secteur : la somme")
    expect(alert).to_contain_text("ligne ")
    screenshot(page, "statistiques-import-refuse")
    assert AnnualReturn.objects.count() == count
    current = AnnualReturn.objects.get(structure=structure, year=2025, status="en_vigueur")
    assert current.filename == "bilan-2025.csv"


def test_regional_panorama_at_1280_and_375_px(page, axe_source):
    page.goto(page.base_url + REGION)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nouvelle-Aquitaine")
    assert page.locator("svg.lib-chart[role=img]").count() >= 20
    expect(page.get_by_text("Secret statistique :").first).to_be_visible()
    assert page.locator("abbr[title='secret statistique']").count() > 0
    hours = page.locator("#chiffre-heures-total")
    hours.get_by_text("Voir les données en tableau").click()
    expect(hours.locator("tbody tr")).to_have_count(4)
    assert run_axe(page, axe_source) == []
    screenshot(page, "statistiques-region-1280")

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base_url + REGION)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, width
    # Chart text: its font size times the drawing's scale on screen, in CSS pixels.
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.lib-chart text')].map(t =>
            parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a))"""
    )
    assert smallest >= 12, smallest
    screenshot(page, "statistiques-region-375")


def test_national_panorama_and_csv_downloads_valid_against_their_schema(page, axe_source):
    page.goto(page.base_url + "/ressources/statistiques/")
    national = page.locator("#panorama-national")
    expect(national.get_by_role("heading", level=2)).to_contain_text("Panorama national")
    expect(national.locator("#chiffre-heures-total figcaption")).to_contain_text(
        "Alliance Villes Emploi"
    )
    assert run_axe(page, axe_source) == []
    schema = page.request.get(
        page.base_url + "/ressources/statistiques/panorama.schema.json"
    ).json()
    names = [field["name"] for field in schema["fields"]]

    page.goto(page.base_url + REGION)
    with_hidden = page.locator("article.stb-figure:has(abbr[title='secret statistique'])")
    figures = [with_hidden.first.get_attribute("id").removeprefix("chiffre-"), "heures-secteur"]
    for number, figure in enumerate(figures):
        link = page.locator(f"#chiffre-{figure} a.lib-download")
        with page.expect_download() as info:
            link.click()
        rows = list(csv.reader(io.StringIO(info.value.path().read_text(encoding="utf-8"))))
        assert rows[0] == names
        for row in rows[1:]:
            record = dict(zip(names, row, strict=True))
            assert record["secret"] in ("true", "false")
            assert (record["valeur"] == "") == (record["secret"] == "true")
            assert record["code_territoire"] == "75"
            assert int(record["annee"]) >= 2022
        if number == 0:  # the figure shown with hidden cells has them hidden in its CSV too
            assert any(row[names.index("secret")] == "true" for row in rows[1:])

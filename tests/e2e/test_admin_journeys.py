"""Editors' journeys through the admin (issue 15): a rédacteur searches a listing and sees the
live preview, a facilitator account picks a buyer of its territory only, a valideur imports
the référentiel saved by Excel (Windows-1252)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

PASSWORD = "mot-de-passe-de-test"


def sign_in(page, username):
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")


def member(username, group_name):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, f"{username}@exemple.fr", PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_editor_searches_clauses_and_sees_the_live_preview(page):
    from centre.models import StandardPage
    from core.roles import EDITORS

    member("redactrice", EDITORS)
    sign_in(page, "redactrice")

    page.goto(page.base_url + "/admin/snippets/clauses/modelclause/?q=insertion")
    rows = page.locator("table.listing tbody tr")
    expect(rows.first).to_be_visible()
    assert "insertion" in rows.first.inner_text().lower()
    screenshot(page, "admin-recherche-clauses-types")

    legal = StandardPage.objects.get(slug="mentions-legales")
    page.goto(page.base_url + f"/admin/pages/{legal.pk}/edit/")
    page.locator('[data-side-panel-toggle="preview"]').click()
    frame = page.frame_locator("#w-preview-iframe")  # Wagtail swaps in the loaded frame
    expect(frame.locator("h1")).to_contain_text("Mentions légales", timeout=15_000)
    screenshot(page, "admin-apercu-en-direct")


@pytest.fixture
def territory():
    """A facilitator structure of the demo, a buyer inside its territory and one outside."""
    from directory.models import FacilitatorStructure, PublicBuyer

    for structure in FacilitatorStructure.objects.prefetch_related("covered_departments"):
        covered = {department.pk for department in structure.covered_departments.all()}
        inside = PublicBuyer.objects.filter(department_id__in=covered).order_by("name").first()
        outside = PublicBuyer.objects.exclude(department_id__in=covered).order_by("name").first()
        if covered and inside and outside:
            return structure, inside, outside
    pytest.fail("la démo n'a pas de structure couvrant un département avec un acheteur")


def test_facilitator_picks_only_a_buyer_of_its_territory(page, territory):
    from contracts.models import FacilitatorMembership
    from contracts.roles import FACILITATORS

    structure, inside, outside = territory
    user = member("facilitatrice", FACILITATORS)
    FacilitatorMembership.objects.create(user=user, structure=structure)
    sign_in(page, "facilitatrice")

    page.goto(page.base_url + "/admin/snippets/contracts/upcomingcontract/add/")
    page.get_by_role("button", name="Choisir un acheteur").click()
    modal = page.locator(".modal-content")
    expect(modal.get_by_text(inside.name).first).to_be_visible()
    expect(modal.get_by_text(outside.name)).to_have_count(0)
    screenshot(page, "admin-choix-acheteur-territoire")

    modal.get_by_label("Rechercher un acheteur").fill(outside.name)
    expect(modal.get_by_text("Aucun")).to_be_visible()
    modal.get_by_label("Rechercher un acheteur").fill(inside.name[:6])
    modal.get_by_role("link", name=inside.name).first.click()
    expect(page.locator("[data-chooser-title]").first).to_have_text(inside.name)

    department = inside.department
    page.get_by_label("Filtrer la liste").scroll_into_view_if_needed()
    page.get_by_label("Filtrer la liste").fill(department.name)
    checklist = page.locator(".filtered-checkboxes__list label:visible")
    expect(checklist.filter(has_text=department.name).first).to_be_visible()
    assert checklist.count() < 10
    screenshot(page, "admin-marche-departements-filtres")


def test_validator_imports_the_referential_saved_by_excel(page, tmp_path):
    from clauses.models import LabourShareRow
    from core.roles import VALIDATORS

    member("valideur", VALIDATORS)
    sign_in(page, "valideur")
    page.goto(page.base_url + "/admin/referentiel-main-d-oeuvre/import/")
    expect(
        page.get_by_role("heading", name="Importer le référentiel de main-d'œuvre")
    ).to_be_visible()
    screenshot(page, "admin-import-referentiel")

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger un fichier d'exemple").click()
    header, first, *_ = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    row = LabourShareRow.objects.order_by("-year", "category", "work_type").first()
    excel_file = tmp_path / "referentiel-excel.csv"
    edited = first.replace(row.work_type, "Élagage et débroussaillage spécifiques")
    excel_file.write_bytes(f"{header}\r\n{edited}\r\n".encode("cp1252"))

    page.set_input_files("input[type=file]", str(excel_file))
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_text("Fichier lu en Windows-1252")).to_be_visible()
    screenshot(page, "admin-import-windows-1252")  # the success message at the top
    assert LabourShareRow.objects.filter(
        work_type="Élagage et débroussaillage spécifiques"
    ).exists()

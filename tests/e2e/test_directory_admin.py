"""The directory's admin in a browser: a facilitator's territory entered with the autocomplete
(a département, a commune found by its name), saved as communes; the admin search."""

import os

from playwright.sync_api import expect

from .conftest import screenshot

os.environ.setdefault("DIRECTORY_DEMO_SIZE", "small")


def _log_in(page):
    from django.contrib.auth.models import User

    User.objects.create_superuser("territoires", "t@exemple.fr", "mot-de-passe-de-test")
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", "territoires")
    page.fill("#id_password", "mot-de-passe-de-test")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")


def _choose(page, field_label, typed, label):
    search = page.get_by_label(field_label)
    search.press_sequentially(typed, delay=40)
    suggestions = page.locator(f"#{search.get_attribute('list')} option[value='{label}']")
    expect(suggestions).to_have_count(1)
    search.fill(label)
    expect(page.get_by_role("button", name=f"Retirer {label}")).to_be_visible()


def test_enter_a_facilitators_territory_with_the_autocomplete(page):
    from directory.models import FacilitatorStructure

    structure = FacilitatorStructure.objects.filter(covered_departments__code="35").first()
    _log_in(page)
    page.goto(
        page.base_url + f"/admin/snippets/directory/facilitatorstructure/edit/{structure.pk}/"
    )
    # The whole département is shown as one entry, not as its communes.
    page.get_by_role("button", name="Retirer Ille-et-Vilaine (35)").click()
    _choose(page, "Départements entiers", "giron", "Gironde (33)")
    _choose(page, "Autres communes couvertes", "roub", "Roubaix (59)")
    screenshot(page, "annuaire-admin-territoire")
    page.get_by_role("button", name="Enregistrer").first.click()
    expect(page.locator(".messages")).to_contain_text("modification enregistrée")
    codes = set(structure.covered_departments.values_list("code", flat=True))
    assert codes == {"33", "59"}
    assert structure.covered_communes.filter(department__code="59").count() == 1

    page.goto(page.base_url + "/admin/snippets/directory/facilitatorstructure/?q=gironde")
    expect(page.locator("table.listing")).to_contain_text("Gironde")

"""A rédacteur edits a legal basis and a glossary term and submits them: no « Publier » for her,
visitors still read the published text; a valideur approves and publishes, and only then does the
public page change (issue 15, « can edit but not publish »)."""

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_admin_journeys import member, sign_in

NEW_TITLE = "Clause d'exécution sociale, intitulé revu"
NEW_DEFINITION = "Définition revue par la rédaction, en attente de validation."


def open_more_actions(page):
    page.get_by_role("button", name="Plus d'actions").click()


def submit_for_review(page):
    open_more_actions(page)
    page.get_by_role("button", name="Soumettre à Validation éditoriale").click()
    expect(page.locator(".messages")).to_contain_text("soumission à validation enregistrée")


def approve_and_publish(page):
    approve = page.locator(
        'footer button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    )
    if not approve.is_visible():
        open_more_actions(page)
    expect(approve).to_have_text("Approuver et publier")
    screenshot(page, "admin-valideur-approuver-et-publier")
    approve.click()
    page.wait_for_load_state("networkidle")


def public_text(browser, base_url, path):
    visitor = browser.new_context(locale="fr-FR")
    tab = visitor.new_page()
    tab.goto(base_url + path)
    text = tab.locator("main").inner_text()
    visitor.close()
    return text


def test_a_rédacteur_submits_only_a_valideur_publishes(page, browser):
    from core.roles import EDITORS, VALIDATORS
    from guides.models import LegalBasis
    from resources.models.glossary import GlossaryTerm

    basis = LegalBasis.objects.public().order_by("sort_order").first()
    term = GlossaryTerm.objects.public().exclude(expansion="").order_by("term").first()
    basis_edit = f"/admin/snippets/guides/legalbasis/edit/{basis.pk}/"
    term_edit = f"/admin/snippets/resources/glossaryterm/edit/{term.pk}/"
    member("redactrice", EDITORS)
    member("valideuse", VALIDATORS)

    # The rédacteur edits and submits; nothing lets her publish.
    sign_in(page, "redactrice")
    page.goto(page.base_url + basis_edit)
    page.fill("#id_title", NEW_TITLE)
    expect(page.locator('button[name="action-publish"]')).to_have_count(0)
    open_more_actions(page)
    screenshot(page, "admin-redactrice-base-juridique-actions")
    page.keyboard.press("Escape")
    submit_for_review(page)

    page.goto(page.base_url + term_edit)
    page.fill("#id_definition", NEW_DEFINITION)
    expect(page.locator('button[name="action-publish"]')).to_have_count(0)
    submit_for_review(page)
    screenshot(page, "admin-redactrice-glossaire-soumis")

    assert NEW_TITLE not in public_text(browser, page.base_url, basis.get_absolute_url())
    assert NEW_DEFINITION not in public_text(browser, page.base_url, "/glossaire/")

    # The valideur approves: now the public pages change.
    reviewer = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    tab = reviewer.new_page()
    tab.base_url = page.base_url
    sign_in(tab, "valideuse")
    screenshot(tab, "admin-valideuse-tableau-de-bord")
    tab.goto(tab.base_url + basis_edit)
    approve_and_publish(tab)
    tab.goto(tab.base_url + term_edit)
    approve_and_publish(tab)
    reviewer.close()

    assert NEW_TITLE in public_text(browser, page.base_url, basis.get_absolute_url())
    assert NEW_DEFINITION in public_text(browser, page.base_url, "/glossaire/")


def test_a_refused_import_shows_on_the_dashboard(page, tmp_path):
    from core.roles import VALIDATORS

    member("valideuse", VALIDATORS)
    sign_in(page, "valideuse")
    page.goto(page.base_url + "/admin/referentiel-main-d-oeuvre/import/")
    wrong = tmp_path / "referentiel-sans-en-tete.csv"
    wrong.write_text("metier;part\nMaçonnerie;40\n", encoding="utf-8")
    page.set_input_files("input[type=file]", str(wrong))
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_text("colonne(s) absente(s)").first).to_be_visible()

    page.goto(page.base_url + "/admin/")
    panel = page.locator("#last-imports-section")
    expect(panel).to_contain_text("referentiel-sans-en-tete.csv")
    expect(panel).to_contain_text("Refusé")
    expect(panel).to_contain_text("valideuse, écran d'import")
    panel.scroll_into_view_if_needed()
    screenshot(page, "admin-tableau-de-bord-derniers-imports")

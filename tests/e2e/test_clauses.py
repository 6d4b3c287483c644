"""Clauses, calculator and référentiel in a real browser: filters, fill-in from the calculator,
downloads checked with pdftotext and python-docx, and axe on every public page type."""

import io
import subprocess

from docx import Document
from playwright.sync_api import expect

from .conftest import run_axe, screenshot

FILLED = (
    "?acheteur=Ville+de+Lille&objet=R%C3%A9novation&montant=1200000&part=40&cout_horaire=30&taux=5"
)

PAGE_TYPES = {
    "clauses-liste": "/clauses/",
    "clauses-liste-filtree": "/clauses/?levier=reserve_siae&marche=services",
    "clause-detail": "/clauses/condition-execution-heures/",
    "clause-remplie": "/clauses/condition-execution-heures/" + FILLED,
    "clause-erreurs": "/clauses/condition-execution-heures/?montant=-5&heures=abc",
    "clause-lot-reserve": "/clauses/lot-reserve-siae-avis/?lot_numero=x",
    "clause-fiche-caracterisation": "/clauses/fiche-caracterisation-marche/",
    "calculateur": "/calculateur/",
    "calculateur-resultat": "/calculateur/?montant=1200000&part=40&cout_horaire=30&taux=5",
    "calculateur-erreurs": "/calculateur/?montant=-12&part=abc&taux=500",
    "referentiel": "/main-d-oeuvre/",
    "referentiel-2025": "/main-d-oeuvre/2025/",
}


def flat(text):
    return " ".join(text.split()).replace("\u202f", " ")


def test_public_resource_pages_have_no_serious_accessibility_violation(page, axe_source):
    failures = []
    for name, path in PAGE_TYPES.items():
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        violations = run_axe(page, axe_source)
        if violations:
            failures.append(f"{name}: " + " | ".join(violations))
        screenshot(page, f"ressources-{name}")
    assert failures == [], "\n".join(failures)


def test_filter_clauses_without_javascript_semantics(page):
    page.goto(page.base_url + "/clauses/")
    total = page.locator(".rs-clause-list > li").count()
    assert total >= 12
    page.get_by_label("Levier juridique").select_option(label="Marché ou lot réservé aux SIAE")
    page.get_by_label("Type de marché").select_option(label="Services")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**/clauses/?*levier=reserve_siae*")
    assert "marche=services" in page.url
    filtered = page.locator(".rs-clause-list > li")
    assert 0 < filtered.count() < total
    for i in range(filtered.count()):
        assert "Marché ou lot réservé aux SIAE" in filtered.nth(i).inner_text()
    page.get_by_role("link", name="Retirer les filtres").click()
    expect(page.locator(".rs-clause-list > li")).to_have_count(total)


def test_calculator_live_and_to_a_filled_clause_then_downloads(page, tmp_path):
    page.goto(page.base_url + "/calculateur/")
    page.get_by_label("Montant estimé du marché").fill("1 200 000")
    page.get_by_label("Part de main-d'œuvre").fill("40")
    page.get_by_label("Coût horaire de la main-d'œuvre").fill("30")
    page.get_by_label("Taux d'insertion").fill("5")
    # Live result (small JS), without submitting the form.
    result = page.locator(".rs-result__hours")
    result.wait_for()
    assert flat(result.inner_text()) == "800 heures d'insertion"
    assert "montant=" in page.url
    # A French error appears next to the field, live too.
    page.get_by_label("Taux d'insertion").fill("cinq")
    page.locator("#erreur-taux").wait_for()
    assert "Saisissez un nombre" in page.locator("#erreur-taux").inner_text()
    assert page.locator(".rs-result").count() == 0
    page.get_by_label("Taux d'insertion").fill("5")
    page.locator(".rs-result__hours").wait_for()
    screenshot(page, "ressources-calculateur-live")

    page.get_by_role("link", name="Condition d'exécution : heures d'insertion").click()
    page.wait_for_url("**/clauses/condition-execution-heures/?*")
    page.get_by_label("Nom de l'acheteur").fill("Métropole de Lille")
    page.get_by_label("Objet du marché").fill("Rénovation du groupe scolaire Pasteur")
    page.get_by_role("button", name="Compléter la clause").click()
    page.wait_for_url("**acheteur=*")
    text = flat(page.locator("#texte-clause").inner_text())
    assert "Métropole de Lille" in text and "au moins 800 heures" in text
    screenshot(page, "ressources-clause-remplie-depuis-calculateur")

    with page.expect_download() as pdf_info:
        page.get_by_role("link", name="Télécharger en PDF").click()
    pdf_path = tmp_path / "clause.pdf"
    pdf_info.value.save_as(pdf_path)
    pdf_text = flat(
        subprocess.run(
            ["pdftotext", str(pdf_path), "-"], capture_output=True, check=True
        ).stdout.decode()
    )
    assert "Métropole de Lille" in pdf_text
    assert "Rénovation du groupe scolaire Pasteur" in pdf_text
    assert "800 heures" in pdf_text

    with page.expect_download() as docx_info:
        page.get_by_role("link", name="Télécharger en Word (DOCX)").click()
    docx_path = tmp_path / "clause.docx"
    docx_info.value.save_as(docx_path)
    document = Document(io.BytesIO(docx_path.read_bytes()))
    docx_text = flat(" ".join(p.text for p in document.paragraphs))
    assert "Métropole de Lille" in docx_text and "au moins 800 heures" in docx_text


def test_copy_button_copies_the_filled_text(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page.base_url + "/clauses/condition-execution-heures/?acheteur=Ville+de+Roubaix")
    page.get_by_role("button", name="Copier le texte").click()
    page.get_by_text("Texte copié").wait_for()
    # Our Permissions-Policy forbids reading the clipboard from script: paste it by keyboard,
    # as a buyer would, into a text field (the search box keeps the newlines' words).
    search_box = page.locator("#recherche-site input[type=search]").first
    search_box.click()
    page.keyboard.press("Control+V")
    copied = search_box.input_value()
    assert "Ville de Roubaix" in copied and "[à compléter" in copied


def test_referential_marks_changes_and_links_to_the_calculator(page):
    page.goto(page.base_url + "/main-d-oeuvre/")
    row = page.locator("tr", has_text="Nettoyage de locaux")
    assert "modifié depuis l'an dernier" in row.text_content()
    assert "illustratif" in row.text_content()
    row.get_by_role("link", name="Calculer").click()
    page.get_by_label("Montant estimé du marché").fill("100 000")
    page.get_by_role("button", name="Calculer").click()
    assert "163 heures d'insertion" in flat(page.locator(".rs-result__hours").inner_text())


def test_resource_pages_do_not_scroll_sideways_on_a_phone(page):
    page.set_viewport_size({"width": 375, "height": 812})
    for path in (
        "/clauses/",
        "/clauses/condition-execution-heures/",
        "/calculateur/?montant=1e",
        "/main-d-oeuvre/",
    ):
        page.goto(page.base_url + path)
        # RGAA 10.11: no horizontal scrolling at 320 CSS px wide content (here 375 px).
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    screenshot(page, "ressources-referentiel-mobile")


def test_fill_a_lot_reserved_clause_then_download_it(page, tmp_path):
    page.goto(page.base_url + "/clauses/lot-reserve-siae-avis/")
    form = page.locator("form.rs-form")
    # The form asks for this clause's blanks only: the lot and the object, no labour share.
    assert form.get_by_label("Part de main-d'œuvre").count() == 0
    assert form.get_by_label("Nombre d'heures d'insertion").count() == 0
    lot = form.get_by_role("group", name="Lot concerné (numéro et intitulé)")
    lot.get_by_label("Numéro du lot").fill("3")
    lot.get_by_label("Intitulé du lot").fill("Nettoyage des locaux")
    form.get_by_label("Objet du marché").fill("Entretien des bâtiments communaux")
    page.get_by_role("button", name="Compléter la clause").click()
    page.wait_for_url("**lot_numero=3*")
    text = flat(page.locator("#texte-clause").inner_text())
    assert text.startswith("Le lot n° 3 « Nettoyage des locaux » du marché « Entretien des")
    assert "à compléter" not in text
    screenshot(page, "clause-lot-reserve-remplie")

    with page.expect_download() as docx_info:
        page.get_by_role("link", name="Télécharger en Word (DOCX)").click()
    docx_path = tmp_path / "lot.docx"
    docx_info.value.save_as(docx_path)
    document = Document(io.BytesIO(docx_path.read_bytes()))
    assert "Le lot n° 3 « Nettoyage des locaux »" in flat(
        " ".join(p.text for p in document.paragraphs)
    )
    assert round(document.sections[0].page_width.mm) == 210

    with page.expect_download() as pdf_info:
        page.get_by_role("link", name="Télécharger en PDF").click()
    pdf_path = tmp_path / "lot.pdf"
    pdf_info.value.save_as(pdf_path)
    pdf_text = flat(
        subprocess.run(
            ["pdftotext", str(pdf_path), "-"], capture_output=True, check=True
        ).stdout.decode()
    )
    assert "Le lot n° 3 « Nettoyage des locaux »" in pdf_text


def test_every_blank_of_the_execution_clause_is_filled_in_the_browser(page):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(page.base_url + "/clauses/condition-execution-heures/")
    page.get_by_label("Nom de l'acheteur").fill("Ville de Roubaix")
    page.get_by_label("Objet du marché").fill("Voirie")
    page.get_by_label("Nombre d'heures d'insertion").fill("1 200")
    page.get_by_label("Durée du marché").fill("24")
    page.get_by_label("Publics visés").fill("jeunes sans qualification, bénéficiaires du RSA")
    page.get_by_label("Structure chargée du suivi").fill("PLIE de Roubaix")
    page.get_by_label("Modalités du compte rendu").fill("un état trimestriel")
    page.get_by_label("Pénalité par heure manquante").fill("25")
    page.get_by_role("button", name="Compléter la clause").click()
    page.wait_for_url("**penalite=25*")
    text = flat(page.locator("#texte-clause").inner_text())
    assert "à compléter" not in text
    assert "PLIE de Roubaix" in text and "pénalité de 25 euros" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "clause-execution-remplie-mobile")

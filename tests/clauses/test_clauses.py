"""Model clauses: list and filters without JavaScript, detail, fill-in form, downloads, drafts."""

import io
import subprocess

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from docx import Document

from clauses.models import ModelClause, ProcurementDocument
from core.vocabulary import LegalMechanism

pytestmark = pytest.mark.django_db

FILLED = (
    "?acheteur=Ville+de+Lille&objet=R%C3%A9habilitation+de+l%27%C3%A9cole+Jules-Ferry"
    "&montant=1+200+000&part=40&cout_horaire=30&taux=5&duree=18"
)


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def flat(node):
    return " ".join(node.get_text().split()).replace("\u202f", " ")


def titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".rs-clause-list .fr-card__link")]


def test_demo_covers_every_mechanism_and_document(clauses):
    live = ModelClause.objects.public()
    assert live.count() >= 12
    mechanisms = set(live.values_list("mechanism", flat=True))
    assert mechanisms >= set(LegalMechanism.values) - {LegalMechanism.OTHER}
    assert set(live.values_list("document", flat=True)) == set(ProcurementDocument.values)


def test_filters_work_without_javascript(client, clauses):
    everything = titles(soup_of(client.get("/clauses/")))
    assert len(everything) == ModelClause.objects.public().count()
    soup = soup_of(client.get("/clauses/?levier=reserve_siae"))
    reserved = titles(soup)
    assert reserved and all("SIAE" in t or "insertion" in t for t in reserved)
    assert soup.find("select", attrs={"name": "levier"}).find("option", selected=True)["value"] == (
        "reserve_siae"
    )
    ccap_works = titles(soup_of(client.get("/clauses/?piece=ccap&marche=travaux")))
    expected = ModelClause.objects.public().filter(document="ccap", for_works=True).count()
    assert len(ccap_works) == expected > 0
    assert titles(soup_of(client.get("/clauses/?piece=ccap&marche=fournitures"))) == []
    # Unknown values are ignored rather than breaking the page.
    assert len(titles(soup_of(client.get("/clauses/?levier=%00zz&marche=x")))) == len(everything)


def test_filter_by_legal_basis(client, clauses):
    from guides.models import LegalBasis

    basis = LegalBasis.objects.create(slug="art-test", title="Test", current_articles="L. 1")
    ModelClause.objects.filter(slug="lot-reserve-siae-avis").update(legal_basis=basis)
    soup = soup_of(client.get("/clauses/?base=art-test"))
    assert titles(soup) == ["Avis de marché : lot réservé aux structures d'insertion"]


def test_detail_shows_blanks_notes_and_guide_links(client, clauses):
    soup = soup_of(client.get("/clauses/condition-execution-heures/"))
    text = soup.select_one("#texte-clause")
    blanks = [m.get_text() for m in text.select("mark.rs-blank")]
    assert "[à compléter : nom de l'acheteur]" in blanks
    assert "[à compléter : nombre d'heures d'insertion]" in blanks
    assert "Notes de rédaction" in soup.get_text()
    assert soup.find("a", href=lambda h: h and h.startswith("/guide/2026/"))
    assert soup.find("a", href="/clauses/condition-execution-heures/pdf/")
    assert soup.find("button", string="Copier le texte")


def test_filled_clause_uses_the_buyers_values_and_computed_hours(client, clauses):
    soup = soup_of(client.get("/clauses/condition-execution-heures/" + FILLED))
    clause_text = flat(soup.select_one("#texte-clause"))
    assert "Ville de Lille" in clause_text
    assert "Réhabilitation de l'école Jules-Ferry" in clause_text
    assert "au moins 800 heures" in clause_text
    assert "(18 mois)" in clause_text
    assert "[à compléter : publics visés]" in clause_text
    pdf_link = soup.find("a", href=lambda h: h and "/pdf/?" in h)["href"]
    assert "acheteur=Ville+de+Lille" in pdf_link and "montant=1+200+000" in pdf_link


def test_given_hours_win_over_the_computed_ones(client, clauses):
    soup = soup_of(client.get("/clauses/condition-execution-heures/" + FILLED + "&heures=1+000"))
    assert "au moins 1 000 heures" in flat(soup.select_one("#texte-clause"))
    assert "Vous avez saisi 1 000 heures" in flat(soup)


def test_bad_fill_values_are_explained_and_not_used(client, clauses):
    soup = soup_of(
        client.get("/clauses/condition-execution-heures/?acheteur=Ville&montant=-3&heures=abc")
    )
    for name in ("montant", "heures"):
        field = soup.find("input", attrs={"name": name})
        assert field["aria-invalid"] == "true"
        assert f"erreur-{name}" in field["aria-describedby"]
    assert "[à compléter : nombre d'heures d'insertion]" in flat(soup.select_one("#texte-clause"))
    pdf_link = soup.find("a", href=lambda h: h and "/pdf/" in h)["href"]
    assert "montant" not in pdf_link and "acheteur=Ville" in pdf_link


def test_list_carries_the_fill_values_to_the_clauses(client, clauses):
    soup = soup_of(client.get("/clauses/?levier=condition_execution&heures=800&acheteur=Ville"))
    link = soup.select_one(".rs-clause-list .fr-card__link")["href"]
    assert "heures=800" in link and "acheteur=Ville" in link
    assert soup.find("input", attrs={"type": "hidden", "name": "heures"})["value"] == "800"


def test_pdf_contains_the_buyer_values_and_hours(client, clauses):
    response = client.get("/clauses/condition-execution-heures/pdf/" + FILLED)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    flat_text = " ".join(text.split()).replace("\u202f", " ")
    assert "Ville de Lille" in flat_text
    assert "800 heures" in flat_text
    assert "[à compléter : publics visés]" in flat_text


def test_docx_contains_the_buyer_values_and_marked_blanks(client, clauses):
    response = client.get("/clauses/condition-execution-heures/docx/" + FILLED)
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = " ".join(p.text for p in document.paragraphs).replace("\u202f", " ")
    assert "Ville de Lille" in text and "au moins 800 heures" in text
    blank_runs = [r for p in document.paragraphs for r in p.runs if "[à compléter" in r.text]
    assert blank_runs and all(r.font.highlight_color is not None for r in blank_runs)


def test_drafts_never_leak(client, clauses):
    clause = ModelClause.objects.get(slug="mutualisation-heures")
    clause.unpublish()
    draft = ModelClause(
        slug="brouillon-secret",
        title="Brouillon secret",
        mechanism=LegalMechanism.EXECUTION_CONDITION,
        document="ccap",
        text="Texte {heures}",
        version_year=2026,
        live=False,
    )
    draft.save()
    draft.save_revision()
    listing = client.get("/clauses/").content.decode()
    assert "Brouillon secret" not in listing and "Mutualisation des heures" not in listing
    for slug in ("brouillon-secret", "mutualisation-heures"):
        for suffix in ("", "pdf/", "docx/"):
            assert client.get(f"/clauses/{slug}/{suffix}").status_code == 404
    assert "Brouillon secret" not in client.get("/calculateur/?montant=1000000").content.decode()


def test_a_published_clause_shows_its_published_text_not_a_later_draft(client, clauses):
    clause = ModelClause.objects.get(slug="avis-clause-insertion")
    clause.text = "Texte en cours de révision {heures}"
    clause.save_revision()  # draft revision only
    page = client.get("/clauses/avis-clause-insertion/").content.decode()
    assert "Texte en cours de révision" not in page


def test_unknown_placeholders_are_refused(clauses):
    clause = ModelClause.objects.get(slug="avis-clause-insertion")
    clause.text = "Pour {acheteur}, {inconnu} heures"
    with pytest.raises(ValidationError) as error:
        clause.full_clean()
    assert "{inconnu}" in str(error.value)


def test_sitemap_lists_public_clauses_and_sections(clauses, referential):
    from clauses.sitemaps import ClausesSitemap

    locations = [ClausesSitemap().location(item) for item in ClausesSitemap().items()]
    assert "/clauses/" in locations and "/calculateur/" in locations
    assert "/clauses/condition-execution-heures/" in locations
    assert "/main-d-oeuvre/2025/" in locations
    ModelClause.objects.get(slug="mutualisation-heures").unpublish()
    locations = [ClausesSitemap().location(item) for item in ClausesSitemap().items()]
    assert "/clauses/mutualisation-heures/" not in locations


def test_sitemap_serves_the_clauses(client, clauses, referential):
    content = client.get("/sitemap.xml").content.decode()
    assert "/clauses/condition-execution-heures/</loc>" in content
    assert "/main-d-oeuvre/</loc>" in content

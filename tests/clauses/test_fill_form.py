"""The fill-in form of a clause is built from the clause's own blanks: every blank can be filled,
figures, dates and lots have fields of their kind, and the Word file is ready for a French buyer."""

import io
import re
import zipfile

import pytest
from bs4 import BeautifulSoup
from docx import Document

from clauses.models import ModelClause
from clauses.placeholders import PATTERN

pytestmark = pytest.mark.django_db

LOT_CLAUSE = "/clauses/lot-reserve-siae-avis/"
EXECUTION_CLAUSE = "/clauses/condition-execution-heures/"


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def form_inputs(soup):
    form = soup.select_one("form.rs-form")
    return [field["name"] for field in form.select("input[name], textarea[name]")]


def clause_text(soup):
    return " ".join(soup.select_one("#texte-clause").get_text().split())


def test_every_blank_of_every_clause_has_a_field(client, clauses):
    for clause in ModelClause.objects.public():
        names = form_inputs(soup_of(client.get(clause.get_absolute_url())))
        for blank in set(PATTERN.findall(clause.text)):
            expected = ["lot_numero", "lot_intitule"] if blank == "lot" else [blank]
            assert set(expected) <= set(names), (clause.slug, blank, names)


def test_a_lot_reserved_clause_asks_for_the_lot_not_for_labour_share(client, clauses):
    soup = soup_of(client.get(LOT_CLAUSE))
    names = form_inputs(soup)
    assert names == ["lot_numero", "lot_intitule", "objet"]
    legend = soup.select_one(".rs-fieldset--lot legend").get_text()
    assert "numéro et intitulé" in legend


def test_a_filled_lot_appears_in_the_clause_text(client, clauses):
    soup = soup_of(
        client.get(LOT_CLAUSE + "?lot_numero=3&lot_intitule=Nettoyage+des+locaux&objet=Entretien")
    )
    text = clause_text(soup)
    assert "Le lot n° 3 « Nettoyage des locaux » du marché « Entretien »" in text
    assert "à compléter" not in text
    docx = client.get(
        "/clauses/lot-reserve-siae-avis/docx/?lot_numero=3&lot_intitule=Nettoyage+des+locaux"
    )
    body = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Le lot n° 3 « Nettoyage des locaux »" in body


def test_a_wrong_lot_number_gets_a_french_message(client, clauses):
    soup = soup_of(client.get(LOT_CLAUSE + "?lot_numero=trois"))
    assert "numéro du lot en chiffres" in soup.select_one("#erreur-lot_numero").get_text()
    assert soup.select_one("#champ-lot_numero")["aria-invalid"] == "true"


def test_all_blanks_of_the_execution_clause_can_be_filled(client, clauses):
    query = (
        "?acheteur=Ville+de+Lille&objet=Voirie&heures=1+200&duree=18"
        "&publics=demandeurs+d%27emploi+de+longue+dur%C3%A9e&facilitateur=PLIE+de+Lille"
        "&suivi=un+%C3%A9tat+mensuel&penalite=30"
    )
    text = clause_text(soup_of(client.get(EXECUTION_CLAUSE + query)))
    assert "à compléter" not in text
    for shown in ("demandeurs d'emploi de longue durée", "PLIE de Lille", "un état mensuel"):
        assert shown in text
    assert "pénalité de 30 euros" in text
    assert "au moins 1 200 heures" in text  # (narrow no-break space folded by split)


def test_the_form_uses_typed_fields(client, clauses):
    soup = soup_of(client.get("/clauses/fiche-caracterisation-marche/"))
    assert soup.select_one("#champ-date_debut")["type"] == "date"
    assert soup.select_one("#champ-duree")["inputmode"] == "numeric"
    assert soup.select_one("#champ-montant")["inputmode"] == "decimal"
    assert soup.select_one("#champ-publics").name == "textarea"
    # A clause about hours also offers the calculator's figures.
    assert soup.select_one("#champ-part") and soup.select_one("#champ-cout_horaire")


def test_a_date_is_written_in_french(client, clauses):
    soup = soup_of(client.get("/clauses/fiche-caracterisation-marche/?date_debut=2027-03-01"))
    assert "Début prévisionnel : 1er mars 2027" in clause_text(soup)
    assert soup.select_one("#champ-date_debut")["value"] == "2027-03-01"
    typed = soup_of(client.get("/clauses/fiche-caracterisation-marche/?date_debut=15/09/2026"))
    assert "15 septembre 2026" in clause_text(typed)
    wrong = soup_of(client.get("/clauses/fiche-caracterisation-marche/?date_debut=32/13/2026"))
    assert "date valide" in wrong.select_one("#erreur-date_debut").get_text()


def test_the_word_file_is_a4_and_french(client, clauses):
    response = client.get(EXECUTION_CLAUSE + "docx/?acheteur=Ville+de+Lille")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    document = archive.read("word/document.xml").decode()
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', document)
    assert (int(size.group(1)), int(size.group(2))) == (11906, 16838)  # A4 in twentieths of pt
    styles = archive.read("word/styles.xml").decode()
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
    assert 'w:lang w:val="fr-FR"' in defaults
    assert "en-US" not in styles
    settings = archive.read("word/settings.xml").decode()
    assert re.search(r'<w:themeFontLang w:val="fr-FR"', settings)
    # Plain black headings, no theme colour that would follow a paste into another document.
    heading = re.search(r'w:styleId="Heading1".*?</w:style>', styles, re.S).group(0)
    assert 'w:color w:val="000000"' in heading
    assert "asciiTheme" not in heading

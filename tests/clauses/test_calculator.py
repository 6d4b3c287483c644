"""The calculator page as a buyer uses it, without JavaScript."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def get(client, query=""):
    response = client.get("/calculateur/" + query)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(soup):
    return " ".join(soup.get_text(" ").split()).replace("\u202f", " ")


def test_empty_calculator_shows_the_form_without_errors(client):
    soup = get(client)
    assert soup.find("input", attrs={"name": "montant"})
    assert not soup.select(".rs-error")
    assert "heures d'insertion" in text(soup)
    assert not soup.select(".rs-result")


def test_igas_example_gives_800_insertion_hours_with_every_step(client):
    soup = get(client, "?montant=1200000&part=40&cout_horaire=30&taux=5")
    result = text(soup.select_one(".rs-result"))
    assert "800 heures d'insertion" in result
    assert "480 000,00 € de main-d'œuvre" in result
    assert "16 000 heures de travail" in result
    assert "1 607 heures par an" in result
    assert "0,50 équivalent temps plein" in result


def test_french_typing_is_understood(client):
    soup = get(
        client,
        "?montant=1%C2%A0200%C2%A0000,00+%E2%82%AC&part=40+%25&cout_horaire=30,00&taux=5%25",
    )
    assert "800 heures d'insertion" in text(soup.select_one(".rs-result"))


def test_missing_parameters_use_labelled_examples(client):
    soup = get(client, "?montant=1200000")
    result = text(soup.select_one(".rs-result"))
    assert "800 heures d'insertion" in result
    assert "valeur d'exemple du rapport IGAS" in result


@pytest.mark.parametrize(
    "query,field,message",
    [
        ("?montant=-5&part=40&cout_horaire=30&taux=5", "montant", "positif"),
        ("?montant=0", "montant", "supérieur à zéro"),
        ("?montant=beaucoup", "montant", "Saisissez un nombre"),
        ("?montant=1e30", "montant", "Saisissez un nombre"),
        ("?montant=99999999999999", "montant", "maximale"),
        ("?montant=1200000&part=140", "part", "maximale"),
        ("?montant=1200000&taux=%00", "taux", "Saisissez un nombre"),
        ("?part=40", "montant", "Indiquez le montant"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_computed(
    client, query, field, message
):
    soup = get(client, query)
    field_input = soup.find("input", attrs={"name": field})
    assert field_input["aria-invalid"] == "true"
    error_id = f"erreur-{field}"
    assert error_id in field_input["aria-describedby"].split()
    assert message in soup.find(id=error_id).get_text()
    assert not soup.select(".rs-result")
    assert soup.find(attrs={"role": "alert"})


def test_an_unknown_referential_row_is_an_error_not_a_silent_default(client):
    soup = get(client, "?montant=1200000&ligne=999999")
    assert soup.find(id="erreur-ligne")
    assert not soup.select(".rs-result")


def test_result_links_to_the_clause_list_with_the_values(client):
    soup = get(client, "?montant=1200000&part=40&cout_horaire=30&taux=5")
    link = soup.find("a", string=lambda s: s and "Toutes les clauses" in s)
    assert "montant=1+200+000" in link["href"] and "taux=5" in link["href"]


def test_small_contract_warns_below_a_pathway(client):
    soup = get(client, "?montant=100000&part=40&cout_horaire=30&taux=5")
    assert "8 semaines" in text(soup)


def test_arriving_with_a_referential_row_only_shows_no_error(client, referential):
    from clauses.models import LabourShareRow

    row = LabourShareRow.objects.get(year=2026, work_type="Nettoyage de locaux")
    soup = get(client, f"?ligne={row.pk}")
    assert not soup.select(".rs-error") and not soup.select(".rs-result")
    assert soup.find("option", selected=True)["value"] == str(row.pk)

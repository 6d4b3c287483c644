"""The public list and detail pages: filters, sorting, flags, bad input, drafts."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from contracts.models import ContractStatus, UpcomingContract

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r'class="fr-card__link" href="[^"]+">([^<]+)</a>', response.content.decode())


def test_list_sorted_by_expected_notice_date(client, make_contract):
    today = timezone.localdate()
    make_contract(title="Tardif", expected_notice_date=today + datetime.timedelta(days=90))
    make_contract(title="Proche", expected_notice_date=today + datetime.timedelta(days=5))
    response = client.get("/marches-a-venir/")
    assert response.status_code == 200
    assert titles(response) == ["Proche", "Tardif"]
    assert "2 marchés à venir" in response.content.decode()


def test_filters_by_sector_department_region_kind(client, make_contract, geo, buyers):
    make_contract(title="Voirie Paris", sectors=[geo["btp"]])
    make_contract(
        title="Ménage Gironde", sectors=[geo["clean"]], buyer=buyers["gironde"], kind="services"
    )
    assert titles(client.get("/marches-a-venir/?secteur=proprete-et-nettoyage")) == [
        "Ménage Gironde"
    ]
    assert titles(client.get("/marches-a-venir/?departement=75")) == ["Voirie Paris"]
    assert titles(client.get("/marches-a-venir/?region=75")) == ["Ménage Gironde"]
    assert titles(client.get("/marches-a-venir/?type=services")) == ["Ménage Gironde"]


def test_reserved_lots_and_legal_mechanism_filters(client, make_contract):
    make_contract(title="Avec lot SIAE", lots=["", "siae"])
    make_contract(title="Réservé EA", legal_mechanism="reserve_handicap")
    make_contract(title="Sans réservation", lots=["", ""])
    assert titles(client.get("/marches-a-venir/?reserve=1")) == ["Avec lot SIAE", "Réservé EA"]
    assert titles(client.get("/marches-a-venir/?reserve=siae")) == ["Avec lot SIAE"]
    assert titles(client.get("/marches-a-venir/?reserve=handicap")) == ["Réservé EA"]
    assert titles(client.get("/marches-a-venir/?fondement=reserve_handicap")) == ["Réservé EA"]


def test_expected_notice_window(client, make_contract):
    make_contract(title="Janvier", expected_notice_date=datetime.date(2031, 1, 15))
    make_contract(title="Mars", expected_notice_date=datetime.date(2031, 3, 15))
    response = client.get("/marches-a-venir/?avis_du=2031-02-01&avis_au=2031-12-31")
    assert titles(response) == ["Mars"]


def test_past_due_contract_is_flagged_to_confirm(client, make_contract):
    contract = make_contract(
        title="En retard", expected_notice_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    # Listed apart from the upcoming ones (issue 16.9), flagged there.
    assert "À confirmer" in client.get("/marches-a-venir/?echeance=passee").content.decode()
    detail = html.unescape(client.get(contract.get_absolute_url()).content.decode())
    assert "la date reste à confirmer" in detail


def test_closed_contracts_leave_default_list_but_stay_reachable(client, make_contract):
    make_contract(title="Ouvert")
    closed = make_contract(title="Annulé", status=ContractStatus.CANCELLED)
    make_contract(title="Attribué", status=ContractStatus.AWARDED, notice_url="https://x.example/a")
    assert titles(client.get("/marches-a-venir/")) == ["Ouvert"]
    assert sorted(titles(client.get("/marches-a-venir/?statut=tous"))) == [
        "Annulé",
        "Attribué",
        "Ouvert",
    ]
    assert titles(client.get("/marches-a-venir/?statut=annule")) == ["Annulé"]
    response = client.get(closed.get_absolute_url())
    assert response.status_code == 200
    assert "n'apparaît plus dans la liste par défaut" in html.unescape(response.content.decode())


@pytest.mark.parametrize(
    "query,message",
    [
        ("secteur=inexistant", "Secteur inconnu"),
        ("departement=999", "Département inconnu"),
        ("region=xx", "Région inconnue"),
        ("type=autre", "Nature de marché inconnue"),
        ("avis_du=2026-13-45", "n'est pas une date valide"),
        ("avis_au=demain", "n'est pas une date valide"),
        ("statut=%00%01", ""),
        ("page=1000000000", "La page 1000000000 n'existe pas"),
        ("page=abc", ""),
    ],
)
def test_bad_filters_give_a_french_message_never_an_error(client, make_contract, query, message):
    make_contract(title="Seul")
    response = client.get(f"/marches-a-venir/?{query}")
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert titles(response) == ["Seul"]


def test_detail_page_shows_the_contract(client, make_contract, geo):
    contract = make_contract(
        title="Construction d'une école",
        cpv_code="45214200-2",
        amount_min=1_200_000,
        calc_amount=1_200_000,
        calc_share=40,
        calc_hourly_cost=30,
        calc_rate=5,
        insertion_hours=800,
        lots=["", "siae"],
    )
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "Construction d&#x27;une école" in page
    assert "45214200-2" in page
    assert "/calculateur/?montant=1200000&amp;part=40&amp;cout_horaire=30&amp;taux=5" in page
    assert "Réservé aux SIAE" in page
    assert re.search(r"1\s200\s000 € HT", page)


def test_drafts_never_show(client, make_contract):
    draft = make_contract(title="Brouillon secret", publish=False)
    assert "Brouillon secret" not in client.get("/marches-a-venir/?statut=tous").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_unpublished_changes_stay_private(client, make_contract):
    contract = make_contract(title="Version publiée")
    contract.title = "Version en brouillon"
    contract.save_revision()
    page = client.get("/marches-a-venir/").content.decode()
    assert "Version publiée" in page
    assert "Version en brouillon" not in page
    assert UpcomingContract.objects.get(pk=contract.pk).has_unpublished_changes


def test_unknown_contract_is_404(client, db):
    assert client.get("/marches-a-venir/nexiste-pas/").status_code == 404


def test_form_submission_with_empty_fields_redirects_to_a_short_address(client, geo):
    response = client.get(
        "/marches-a-venir/?secteur=proprete-et-nettoyage&region=&departement=&type=&statut="
    )
    assert response.status_code == 302
    assert response["Location"] == "/marches-a-venir/?secteur=proprete-et-nettoyage"
    assert client.get("/marches-a-venir/?secteur=&type=")["Location"] == "/marches-a-venir/"


def test_keyword_searches_title_description_and_buyer_without_accents(
    client, make_contract, buyers
):
    make_contract(title="Nettoyage des écoles", description="Locaux scolaires")
    make_contract(title="Entretien des locaux", description="Propreté des bâtiments")
    make_contract(title="Voirie", buyer=buyers["gironde"])
    assert titles(client.get("/marches-a-venir/?q=nettoyage")) == ["Nettoyage des écoles"]
    assert titles(client.get("/marches-a-venir/?q=NETTOYAGE+ecoles")) == ["Nettoyage des écoles"]
    assert titles(client.get("/marches-a-venir/?q=proprete")) == ["Entretien des locaux"]
    assert titles(client.get("/marches-a-venir/?q=HOSPITALIER+gironde")) == ["Voirie"]
    assert titles(client.get("/marches-a-venir/?q=locaux")) == [
        "Entretien des locaux",
        "Nettoyage des écoles",
    ]
    response = client.get("/marches-a-venir/?q=nettoyage")
    assert "mots « nettoyage »" in html.unescape(response.content.decode())
    assert 'name="q" value="nettoyage"' in response.content.decode()


def test_keyword_is_kept_by_the_short_address_feeds_and_saved_searches(client, make_contract):
    from contracts.filters import ContractFilter, filter_from_saved, snapshots

    make_contract(title="Nettoyage des écoles")
    other = make_contract(title="Voirie")
    response = client.get("/marches-a-venir/?q=nettoyage&secteur=&region=")
    assert response.status_code == 302 and response["Location"] == "/marches-a-venir/?q=nettoyage"
    assert "Voirie" not in client.get("/marches-a-venir/flux.atom?q=nettoyage").content.decode()
    contract_filter, _errors = ContractFilter.from_params({"q": "Nettoyage"})
    saved = filter_from_saved(contract_filter.to_params())
    matched = [s.pk for s in snapshots(UpcomingContract.objects.all()) if saved.matches(s)]
    assert other.pk not in matched and len(matched) == 1

"""A facilitator account picks its buyers in a chooser limited to its territory, gets a French
message naming the territory otherwise, and never sees another territory's contract in a bulk
deletion (issue 15, point 7)."""

import pytest
from django.contrib.auth.models import Group
from django.utils.html import escape

from contracts.models import FacilitatorMembership, UpcomingContract
from contracts.roles import FACILITATORS
from tests.contracts.test_permissions import BASE, form_data

pytestmark = pytest.mark.django_db
CHOOSER = "/admin/acheteurs-du-territoire/"


@pytest.fixture
def facilitator_client(client, facilitator_paris, django_user_model):
    user = django_user_model.objects.create_user("plie-paris", "plie@example.org", "pw")
    user.groups.add(Group.objects.get(name=FACILITATORS))
    FacilitatorMembership.objects.create(user=user, structure=facilitator_paris)
    client.force_login(user)
    return client


def test_the_form_offers_a_chooser_not_a_list_of_every_buyer(facilitator_client, buyers):
    page = facilitator_client.get(f"{BASE}add/").content.decode()
    assert "Choisir un acheteur" in page
    assert CHOOSER in page
    assert escape(buyers["gironde"].name) not in page  # no option listing every buyer


def test_the_chooser_lists_only_the_territorys_buyers(facilitator_client, buyers):
    response = facilitator_client.get(CHOOSER)
    assert response.status_code == 200
    listing = response.json()["html"]
    assert escape(buyers["paris"].name) in listing
    assert escape(buyers["gironde"].name) not in listing

    searched = facilitator_client.get(f"{CHOOSER}results/", {"q": "Gironde"}).content.decode()
    assert escape(buyers["gironde"].name) not in searched


def test_the_chooser_searches_by_name_and_departement_for_editors(
    client, buyers, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("su", "su@example.fr", "x"))
    by_code = client.get(f"{CHOOSER}results/", {"q": "33"}).content.decode()
    assert escape(buyers["gironde"].name) in by_code
    assert escape(buyers["paris"].name) not in by_code
    by_name = client.get(f"{CHOOSER}results/", {"q": "ville de par"}).content.decode()
    assert escape(buyers["paris"].name) in by_name


def test_another_territorys_buyer_is_refused_with_the_territory_named(
    facilitator_client, buyers, geo
):
    response = facilitator_client.post(f"{BASE}add/", form_data(buyers["gironde"], geo))
    assert response.status_code == 200
    page = response.content.decode()
    assert "n&#x27;est pas un acheteur de votre territoire (Paris (75))" in page
    assert "Sélectionnez un choix valide" not in page
    assert not UpcomingContract.objects.filter(slug="nouveau-marche").exists()


def test_bulk_delete_confirmation_shows_only_the_accounts_contracts(
    facilitator_client, make_contract, buyers
):
    own = make_contract(title="Marché parisien", slug="marche-parisien", buyer=buyers["paris"])
    other = make_contract(title="Marché girondin", slug="marche-girondin", buyer=buyers["gironde"])
    url = f"/admin/bulk/contracts/upcomingcontract/delete/?id={own.pk}&id={other.pk}"
    page = facilitator_client.get(url).content.decode()
    assert "Marché parisien" in page
    assert "Marché girondin" not in page

    only_other = f"/admin/bulk/contracts/upcomingcontract/delete/?id={other.pk}"
    assert facilitator_client.get(only_other).status_code == 404
    facilitator_client.post(only_other)
    assert UpcomingContract.objects.filter(pk=other.pk).exists()


def test_departements_are_a_filterable_checklist(facilitator_client):
    page = facilitator_client.get(f"{BASE}add/").content.decode()
    assert "data-filtered-checkboxes" in page
    assert 'type="checkbox" name="departments"' in page
    assert "contracts/js/filtered-checkboxes.js" in page

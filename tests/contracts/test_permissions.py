"""Facilitator accounts publish upcoming contracts for the buyers of their territory only."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from contracts.models import FacilitatorMembership, UpcomingContract
from contracts.roles import FACILITATORS

pytestmark = pytest.mark.django_db
BASE = "/admin/snippets/contracts/upcomingcontract/"


@pytest.fixture
def facilitator_client(client, facilitator_paris):
    user = get_user_model().objects.create_user("plie-paris", "plie@example.org", "pw")
    user.groups.add(Group.objects.get(name=FACILITATORS))
    FacilitatorMembership.objects.create(user=user, structure=facilitator_paris)
    client.force_login(user)
    return client


def form_data(buyer, geo, title="Nouveau marché", slug="nouveau-marche", **extra):
    data = {
        "title": title,
        "slug": slug,
        "buyer": buyer.pk,
        "description": "",
        "kind": "travaux",
        "cpv_code": "",
        "amount_min": "",
        "amount_max": "",
        "lots": inline_formset([]),
        "legal_mechanism": "condition_execution",
        "legal_basis": "",
        "insertion_hours": "",
        "calc_amount": "",
        "calc_share": "",
        "calc_hourly_cost": "",
        "calc_rate": "",
        "expected_notice_date": "2031-05-01",
        "expected_start_date": "",
        "duration_months": "",
        "facilitator": "",
        "status": "prevu",
        "notice_url": "",
    }
    data.update(extra)
    flat = nested_form_data(data)
    flat["sectors"] = [geo["btp"].pk]
    flat["departments"] = [buyer.department.pk]
    return flat


def test_facilitator_sees_only_contracts_of_its_territory(
    facilitator_client, make_contract, buyers
):
    make_contract(title="Marché parisien")
    make_contract(title="Marché girondin", buyer=buyers["gironde"])
    listing = facilitator_client.get(BASE).content.decode()
    assert "Marché parisien" in listing
    assert "Marché girondin" not in listing


def test_facilitator_cannot_edit_another_territorys_contract(
    facilitator_client, make_contract, buyers, geo
):
    other = make_contract(title="Marché girondin", buyer=buyers["gironde"])
    assert facilitator_client.get(f"{BASE}edit/{other.pk}/").status_code in (302, 403)
    response = facilitator_client.post(
        f"{BASE}edit/{other.pk}/",
        form_data(
            buyers["gironde"], geo, title="Piraté", slug=other.slug, **{"action-publish": "1"}
        ),
    )
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert f"edit/{other.pk}" not in response["Location"]
    other.refresh_from_db()
    assert other.title == "Marché girondin"
    assert not other.has_unpublished_changes
    for view in ("delete", "history", "unpublish", "lock"):
        assert facilitator_client.get(f"{BASE}{view}/{other.pk}/").status_code in (302, 403, 405)
    assert UpcomingContract.objects.filter(pk=other.pk, live=True).exists()


def test_facilitator_cannot_create_a_contract_for_a_buyer_outside_its_territory(
    facilitator_client, buyers, geo
):
    response = facilitator_client.post(
        f"{BASE}add/", form_data(buyers["gironde"], geo, **{"action-publish": "1"})
    )
    assert response.status_code == 200  # the form again, with the error
    assert not UpcomingContract.objects.filter(slug="nouveau-marche").exists()


def test_facilitator_publishes_for_a_buyer_of_its_territory(
    facilitator_client, buyers, geo, client
):
    response = facilitator_client.post(
        f"{BASE}add/", form_data(buyers["paris"], geo, **{"action-publish": "action-publish"})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    contract = UpcomingContract.objects.get(slug="nouveau-marche")
    assert contract.live
    assert contract.expected_notice_date == datetime.date(2031, 5, 1)
    assert list(contract.sectors.all()) == [geo["btp"]]
    edit = facilitator_client.get(f"{BASE}edit/{contract.pk}/")
    assert edit.status_code == 200


def test_facilitator_draft_goes_to_moderation_not_public(facilitator_client, buyers, geo, client):
    facilitator_client.post(f"{BASE}add/", form_data(buyers["paris"], geo))
    contract = UpcomingContract.objects.get(slug="nouveau-marche")
    assert not contract.live
    assert client.get("/marches-a-venir/nouveau-marche/").status_code == 404


def test_account_without_membership_sees_nothing(client, make_contract):
    user = get_user_model().objects.create_user("sans-structure", "s@example.org", "pw")
    user.groups.add(Group.objects.get(name=FACILITATORS))
    client.force_login(user)
    contract = make_contract(title="Marché parisien")
    assert "Marché parisien" not in client.get(BASE).content.decode()
    assert client.get(f"{BASE}edit/{contract.pk}/").status_code in (302, 403)


def test_editors_and_validators_manage_every_territory(client, make_contract, buyers):
    user = get_user_model().objects.create_user("valideur", "v@example.org", "pw")
    user.groups.add(Group.objects.get(name="Valideurs"))
    client.force_login(user)
    other = make_contract(title="Marché girondin", buyer=buyers["gironde"])
    assert client.get(f"{BASE}edit/{other.pk}/").status_code == 200

"""The directory in the admin: search on every listing, light edit pages."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

LISTINGS = [
    "/admin/snippets/directory/facilitatorstructure/",
    "/admin/snippets/directory/inclusiveemployer/",
]


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("chef", "chef@example.org", "x")


@pytest.fixture
def facilitator_account(db):
    from contracts.models import FacilitatorMembership
    from contracts.roles import FACILITATORS
    from core.roles import DIRECTORY_MANAGERS
    from directory.models import FacilitatorStructure

    user = get_user_model().objects.create_user("plie", "plie@example.org", "x")
    user.groups.add(
        Group.objects.get(name=FACILITATORS), Group.objects.get(name=DIRECTORY_MANAGERS)
    )
    structure = FacilitatorStructure.objects.filter(covered_departments__isnull=False).first()
    FacilitatorMembership.objects.create(user=user, structure=structure)
    return user


@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize("query", ["insertion", "Gironde", "33", "é'\"%_"])
def test_admin_search_answers_for_the_superuser(client, superuser, url, query):
    client.force_login(superuser)
    response = client.get(url, {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("url", LISTINGS)
def test_admin_search_answers_for_a_facilitator_account(client, facilitator_account, url):
    client.force_login(facilitator_account)
    response = client.get(url, {"q": "insertion"})
    assert response.status_code == 200


def _edit_url(model, pk):
    return f"/admin/snippets/directory/{model}/edit/{pk}/"


def test_an_employers_edit_page_is_light(client, superuser, django_assert_max_num_queries):
    from directory.models import InclusiveEmployer

    employer = InclusiveEmployer.objects.filter(commune__isnull=False).first()
    client.force_login(superuser)
    with django_assert_max_num_queries(40):
        response = client.get(_edit_url("inclusiveemployer", employer.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 500_000
    # The commune is an autocomplete holding the chosen commune only, not a list of them all.
    assert employer.commune.name in html
    assert html.count("<option") < 150  # the départements' select (104) and small choices
    assert 'data-autocomplete-url="/admin/annuaire/suggestions/communes/"' in html


def test_a_facilitators_edit_page_is_light(client, superuser, django_assert_max_num_queries):
    from directory.models import FacilitatorStructure

    structure = FacilitatorStructure.objects.filter(covered_departments__code="59").first()
    client.force_login(superuser)
    with django_assert_max_num_queries(40):
        response = client.get(_edit_url("facilitatorstructure", structure.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 500_000
    assert html.count("<option") < 150
    assert "Départements entiers" in html

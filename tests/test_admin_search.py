"""Every admin listing answers a search, for every role that can open it (issue 15, point 1)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import get_resolver, reverse
from django.utils.html import escape
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from contracts.models import FacilitatorMembership
from contracts.roles import FACILITATORS
from core import roles
from directory.models import FacilitatorStructure


def listing_urls():
    """The index URL of every model listing of the admin (snippets and model viewsets)."""
    get_resolver().resolve("/admin/")  # the admin registers its viewsets as its URLs load
    urls = set()
    for viewset in viewsets.viewsets:
        if isinstance(viewset, ModelViewSet):
            view_name = "list" if isinstance(viewset, SnippetViewSet) else "index"
            urls.add(reverse(viewset.get_url_name(view_name)))
    return sorted(urls)


def account(name, group_name=None, **extra):
    user = get_user_model().objects.create_user(username=name, password="x", **extra)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def accounts(demo):
    facilitator = account("facilitateur", FACILITATORS)
    structure = FacilitatorStructure.objects.filter(covered_departments__isnull=False).first()
    FacilitatorMembership.objects.create(user=facilitator, structure=structure)
    return {
        "superutilisateur": account("admin", is_superuser=True, is_staff=True),
        "rédacteur": account("redacteur", roles.EDITORS),
        "valideur": account("valideur", roles.VALIDATORS),
        "facilitateur": facilitator,
    }


def test_the_listings_include_the_ones_editors_reported():
    urls = listing_urls()
    for path in (
        "/admin/snippets/contracts/upcomingcontract/",
        "/admin/snippets/clauses/modelclause/",
        "/admin/snippets/guides/legalbasis/",
    ):
        assert path in urls


# The directory's listings are fixed by the directory's own work (issue 15, point 1).
@pytest.mark.parametrize("url", listing_urls())
def test_listing_answers_a_search_for_every_role(url, accounts, client):
    client.raise_request_exception = False
    failures = []
    for role, user in accounts.items():
        client.force_login(user)
        status = client.get(url, {"q": "insertion"}).status_code
        # 302: the role may not open this listing at all (sent to the dashboard).
        if status not in (200, 302):
            failures.append(f"{role} : {status}")
    assert failures == []


def test_search_finds_a_clause_by_a_word_of_its_text(accounts, client):
    from clauses.models import ModelClause

    clause = ModelClause.objects.exclude(text="").first()
    word = max(clause.text.split(), key=len).strip(".,;:()«»")
    client.force_login(accounts["rédacteur"])
    response = client.get("/admin/snippets/clauses/modelclause/", {"q": word})
    assert response.status_code == 200
    assert escape(clause.title) in response.content.decode()

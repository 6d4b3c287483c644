"""The admin speaks correct French: no "planifié(e)" for a submission, no True/False, no
"un(e)" (issue 15, point 11)."""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from clauses.models import ModelClause
from core import roles

CLAUSES = "/admin/snippets/clauses/modelclause/"


@pytest.fixture
def editor_client(demo, client):
    user = get_user_model().objects.create_user(username="redactrice", password="x")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    client.force_login(user)
    return client


def cells(html):
    return [
        re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)
    ]


def test_listing_says_oui_non_and_ajouter_une_clause_type(editor_client):
    html = editor_client.get(CLAUSES, {"live": "true"}).content.decode()
    assert "Ajouter une clause type" in html
    assert "un(e)" not in html
    assert "True" not in cells(html) and "oui" in cells(html)
    chip = re.search(r"Publiée\s*:\s*</span>\s*<b[^>]*>(\w+)</b>", html)
    assert chip and chip.group(1) == "oui"


def test_submitting_a_clause_says_it_awaits_validation(editor_client):
    clause = ModelClause.objects.exclude(legal_basis=None).first()
    form = {
        name: getattr(clause, name)
        for name in ("title", "slug", "summary", "mechanism", "document", "text", "guidance")
        + ("version_year", "guide_links", "sort_order")
    }
    form |= {"legal_basis": clause.legal_basis_id, "action-submit": "1"}
    response = editor_client.post(f"{CLAUSES}edit/{clause.pk}/", form, follow=True)
    html = response.content.decode()
    assert "soumission à validation enregistrée" in html
    assert "planifié" not in html


@pytest.mark.parametrize(
    "listing",
    ["clauses/modelclause", "contracts/upcomingcontract", "guides/legalbasis"],
)
def test_a_new_objects_slug_follows_its_title_but_a_saved_one_keeps_it(listing, demo, client):
    client.force_login(get_user_model().objects.create_superuser("su", "su@example.fr", "x"))
    new = client.get(f"/admin/snippets/{listing}/add/").content.decode()
    title = re.search(r'<input[^>]*name="title"[^>]*>', new).group(0)
    assert 'data-w-sync-target-value="#id_slug"' in title
    assert "w-sync#apply" in title
    assert 'data-controller="w-slug"' in re.search(r'<input[^>]*name="slug"[^>]*>', new).group(0)

    saved = apps.get_model(*listing.split("/")).objects.first()
    edit = client.get(f"/admin/snippets/{listing}/edit/{saved.pk}/").content.decode()
    assert "w-sync#apply" not in re.search(r'<input[^>]*name="title"[^>]*>', edit).group(0)

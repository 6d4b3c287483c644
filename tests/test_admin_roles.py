"""The editorial groups can do what the README says in the admin, and see only what they can use
(issue 15, points 6 and 11)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Task, Workflow

from core import roles
from guides.models import LegalBasis
from resources.models.glossary import GlossaryTerm
from resources.models.publications import Publication
from resources.models.statistics import DataSeries

IMPORT_URL = "/admin/referentiel-main-d-oeuvre/import/"


@pytest.mark.parametrize("role", ["editor", "validator"])
@pytest.mark.parametrize(
    "listing",
    [
        "guides/legalbasis",
        "resources/glossaryterm",
        "resources/publication",
        "resources/dataseries",
        "resources/audience",
    ],
)
def test_both_groups_open_the_editorial_snippets(role, listing, request, client, demo):
    # `demo` is named here, not only reached through getfixturevalue(role): pytest-django orders
    # tests by the fixtures they name, and one naming no database fixture runs after the browser
    # tests, whose teardown empties the database (no groups left to join).
    client.force_login(request.getfixturevalue(role))
    assert client.get(f"/admin/snippets/{listing}/").status_code == 200
    assert client.get(f"/admin/snippets/{listing}/add/").status_code == 200


def test_editor_edits_a_legal_basis(editor, client):
    basis = LegalBasis.objects.first()
    client.force_login(editor)
    form = {
        name: getattr(basis, name)
        for name in ("slug", "mechanism", "current_articles", "former_articles", "official_url")
        + ("summary", "review_status", "sort_order")
    }
    response = client.post(
        f"/admin/snippets/guides/legalbasis/edit/{basis.pk}/", form | {"title": "Intitulé revu"}
    )
    assert response.status_code == 302
    # A draft: the revision has it, the published row waits for a valideur (test_snippet_drafts).
    basis.refresh_from_db()
    assert basis.latest_revision.as_object().title == "Intitulé revu"


def test_editor_edits_a_glossary_term(editor, client):
    term = GlossaryTerm.objects.first()
    client.force_login(editor)
    form = {"term": term.term, "expansion": term.expansion, "variants": term.variants}
    form |= {"definition": "Définition revue.", "slug": term.slug, "annotate": "on"}
    response = client.post(f"/admin/snippets/resources/glossaryterm/edit/{term.pk}/", form)
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.latest_revision.as_object().definition == "Définition revue."


@pytest.mark.parametrize("model", [Publication, DataSeries, LegalBasis, GlossaryTerm])
def test_editor_drafts_but_only_the_validator_publishes(model, editor, validator, client):
    instance = model.objects.first()
    app, label = model._meta.app_label, model._meta.model_name
    edit_url = f"/admin/snippets/{app}/{label}/edit/{instance.pk}/"
    client.force_login(editor)
    page = client.get(edit_url).content.decode()
    assert client.get(edit_url).status_code == 200
    assert 'name="action-publish"' not in page
    assert editor.has_perm(f"{app}.change_{label}")
    assert not editor.has_perm(f"{app}.publish_{label}")
    assert not editor.has_perm(f"{app}.delete_{label}")

    client.force_login(validator)
    assert 'name="action-publish"' in client.get(edit_url).content.decode()


def test_the_import_menu_entry_shows_only_to_those_allowed_to_import(editor, validator, client):
    client.force_login(editor)
    assert IMPORT_URL not in client.get("/admin/").content.decode()
    assert client.get(IMPORT_URL).status_code == 302  # refused: sent back to the dashboard

    client.force_login(validator)
    assert IMPORT_URL in client.get("/admin/").content.decode()
    assert client.get(IMPORT_URL).status_code == 200


def test_no_english_default_left(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert not names & {"Editors", "Moderators"}
    assert not Workflow.objects.filter(name__icontains="moderators").exists()
    assert not Task.objects.filter(name__icontains="moderators").exists()
    assert Page.get_first_root_node().title == roles.ROOT_TITLE


def test_a_default_group_with_members_is_renamed_not_deleted(db):
    group = Group.objects.create(name="Moderators")
    member = get_user_model().objects.create_user(username="ancien", password="x")
    member.groups.add(group)
    roles.ensure_roles()
    group.refresh_from_db()
    assert group.name == roles.WAGTAIL_DEFAULT_GROUPS["Moderators"]


def test_roles_stay_idempotent(db):
    roles.ensure_roles()
    before = sorted(Group.objects.values_list("name", "permissions__codename"))
    roles.ensure_roles()
    assert sorted(Group.objects.values_list("name", "permissions__codename")) == before

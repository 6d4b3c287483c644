"""Editors can open and save the library's records in the admin."""

import pytest

from resources.models import DataSeries, EventPage, GlossaryTerm, Publication, ToolboxPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin-lib", "a@example.org", "x")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", [Publication, DataSeries, GlossaryTerm])
def test_snippet_edit_forms_open(editor_client, demo, model):
    obj = model.objects.first()
    app, name = model._meta.app_label, model._meta.model_name
    response = editor_client.get(f"/admin/snippets/{app}/{name}/edit/{obj.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("model", [EventPage, ToolboxPage])
def test_page_edit_forms_open(editor_client, demo, model):
    page = model.objects.first()
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200


def test_series_points_are_editable_and_a_draft_stays_private(editor_client, client, demo):
    series = DataSeries.objects.get(slug="heures-insertion")
    series.title = "Titre en brouillon"
    revision = series.save_revision()
    assert revision is not None
    # The draft revision does not change what visitors see until it is published.
    assert "Titre en brouillon" not in client.get("/ressources/statistiques/").content.decode()
    revision.publish()
    assert "Titre en brouillon" in client.get("/ressources/statistiques/").content.decode()

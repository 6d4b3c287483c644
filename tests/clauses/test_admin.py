"""Editors' side: clauses are moderated snippets with revisions, preview and the shared workflow."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import WorkflowContentType

from clauses.models import ModelClause
from core.roles import EDITORS, VALIDATORS, WORKFLOW_NAME

pytestmark = pytest.mark.django_db


def test_clauses_go_through_the_editorial_workflow():
    link = WorkflowContentType.objects.get(
        content_type=ContentType.objects.get_for_model(ModelClause)
    )
    assert link.workflow.name == WORKFLOW_NAME
    editors = Group.objects.get(name=EDITORS)
    validators = Group.objects.get(name=VALIDATORS)
    assert not editors.permissions.filter(codename="publish_modelclause").exists()
    assert validators.permissions.filter(codename="publish_modelclause").exists()
    assert editors.permissions.filter(codename="change_modelclause").exists()


def test_admin_lists_edits_and_previews_a_clause(admin_client, clauses):
    clause = ModelClause.objects.get(slug="condition-execution-heures")
    listing = admin_client.get("/admin/snippets/clauses/modelclause/")
    assert listing.status_code == 200
    assert "Condition d" in listing.content.decode()
    edit = admin_client.get(f"/admin/snippets/clauses/modelclause/edit/{clause.pk}/")
    assert edit.status_code == 200
    assert admin_client.get("/admin/snippets/clauses/laboursharerow/").status_code == 200
    assert admin_client.get("/admin/referentiel-main-d-oeuvre/import/").status_code == 200
    assert clause.revisions.count() >= 1


def test_preview_renders_the_clause_page(rf, admin_user, clauses):
    clause = ModelClause.objects.get(slug="condition-execution-heures")
    clause.title = "Titre en cours de relecture"
    request = rf.get("/")
    request.user = admin_user
    response = clause.serve_preview(request, clause.default_preview_mode)
    response.render()
    assert "Titre en cours de relecture" in response.content.decode()

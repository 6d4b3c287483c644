"""The admin's preview panel may frame previews; public pages still refuse every frame."""

import pytest
from django.contrib.auth import get_user_model

from centre.models import StandardPage
from clauses.models import ModelClause


def frame_ancestors(response):
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    return directives["frame-ancestors"]


@pytest.fixture
def admin_client(demo, client):
    client.force_login(get_user_model().objects.create_superuser("su", "su@example.fr", "x"))
    return client


def test_page_preview_may_be_framed_by_the_admin(admin_client):
    page = StandardPage.objects.get(slug="mentions-legales")
    url = f"/admin/pages/{page.pk}/edit/preview/"
    form = {"title": "Aperçu des mentions", "slug": page.slug, "intro": page.intro}
    assert admin_client.post(url, form | {"body-count": "0"}).json()["is_valid"]

    response = admin_client.get(url, {"in_preview_panel": "true"})

    assert response.status_code == 200
    assert "Aperçu des mentions" in response.content.decode()
    assert frame_ancestors(response) == "'self'"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_public_page_still_refuses_every_frame(client, demo):
    page = StandardPage.objects.get(slug="mentions-legales")
    response = client.get(page.url)
    assert frame_ancestors(response) == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_snippet_preview_may_be_framed_by_the_admin(admin_client):
    clause = ModelClause.objects.exclude(legal_basis=None).first()
    url = f"/admin/snippets/clauses/modelclause/preview/{clause.pk}/"
    form = {
        name: getattr(clause, name)
        for name in ("slug", "summary", "mechanism", "document", "text", "guidance")
        + ("version_year", "guide_links", "sort_order")
    }
    form |= {"title": "Clause en aperçu", "legal_basis": clause.legal_basis_id}
    assert admin_client.post(url, form).json()["is_valid"]

    response = admin_client.get(url, {"in_preview_panel": "true"})

    assert response.status_code == 200
    assert "Clause en aperçu" in response.content.decode()
    assert frame_ancestors(response) == "'self'"

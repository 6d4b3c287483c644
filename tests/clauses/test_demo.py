"""The demo loader: placeholder section pages replaced by our views, idempotent."""

import io

import pytest

pytestmark = pytest.mark.django_db


def test_demo_replaces_placeholder_pages_and_is_idempotent(home, client):
    from wagtail.models import Page

    from clauses import demo
    from clauses.models import LabourShareRow, ModelClause

    assert not Page.objects.filter(slug__in=["clauses", "main-d-oeuvre"]).exists()
    counts = (ModelClause.objects.count(), LabourShareRow.objects.count())
    assert "0 ligne(s) de référentiel et 0 clause(s)" in demo.load(io.StringIO())
    assert (ModelClause.objects.count(), LabourShareRow.objects.count()) == counts
    assert client.get("/clauses/").status_code == 200
    assert client.get("/main-d-oeuvre/").status_code == 200
    assert b"/clauses/condition-execution-heures/" in client.get("/clauses/").content

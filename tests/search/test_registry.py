"""The search finds what the apps register (each app's search_sources.py), without importing them."""

import pytest

from search import registry
from search.engine import search_site
from search.sources import model_sources, page_content_type


def test_every_app_registered_its_content_types_in_facet_order():
    keys = [content_type.key for content_type in registry.all_types()]
    assert keys == [
        "guide",
        "base-juridique",
        "clause",
        "main-d-oeuvre",
        "annuaire",
        "marche",
        "ressource",
        "glossaire",
        "outil",
        "page",
    ]


def test_registered_models_are_the_searched_sources():
    labels = {model._meta.label for model, _content_type in model_sources()}
    assert labels == {
        "guides.LegalBasis",
        "clauses.ModelClause",
        "clauses.LabourShareRow",
        "directory.Organisation",
        "contracts.UpcomingContract",
        "resources.GlossaryTerm",
        "resources.Publication",
        "resources.DataSeries",
    }


def test_pages_of_an_app_that_registered_nothing_are_site_pages():
    from centre.models import StandardPage
    from guides.models import GuideChapterPage

    assert page_content_type(GuideChapterPage).key == "guide"
    assert page_content_type(StandardPage) is registry.PAGE


def test_a_content_type_declared_twice_differently_is_refused():
    assert registry.content_type(10, "guide", "Guide", prior=0.15).label == "Guide"
    with pytest.raises(ValueError, match="guide"):
        registry.content_type(10, "guide", "Le guide")


@pytest.mark.django_db
def test_a_provider_that_fails_does_not_break_the_search(monkeypatch):
    """A broken synonym or definition provider costs its help, never the results page."""

    def broken(*_args):
        raise RuntimeError("glossaire indisponible")

    monkeypatch.setattr(registry.registry, "synonym_providers", [broken])
    monkeypatch.setattr(registry.registry, "definition_providers", [broken])
    outcome = search_site("SIAE insertion")
    assert outcome.definitions == []
    assert outcome.query == "SIAE insertion"


@pytest.mark.django_db
def test_glossary_definitions_come_through_the_registry(client):
    from resources.models import GlossaryTerm

    GlossaryTerm.objects.create(
        term="ZQPV",
        slug="zqpv",
        expansion="Zone de quartier prioritaire de la ville (sigle inventé pour le test)",
        definition="Un sigle inventé dont seule la définition du glossaire parle.",
    )
    body = client.get("/recherche/", {"q": "zqpv"}).content.decode()
    assert "Zone de quartier prioritaire de la ville (sigle inventé pour le test)" in body

"""The anonymous page cache: shared pages come from the cache, and any publish or content change
is visible on the very next request. Conditional GETs answer 304 on pages, PDFs and exports."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import http_date
from wagtail.documents import get_document_model

from centre.models import SiteIdentity, StandardPage
from core.demo_tools import ensure_child_page
from guides.models import LegalBasis

pytestmark = pytest.mark.django_db


def _get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, response.content.decode("utf-8", "replace")


def test_second_anonymous_request_is_served_from_the_cache(client, home):
    first, first_body = _get(client, "/bases-juridiques/")
    second, second_body = _get(client, "/bases-juridiques/")
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert first_body == second_body
    # Headers set below the cache (the security policy) are served with the cached copy.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "public" in second["Cache-Control"]


def test_a_publish_is_visible_on_the_next_request(client, home):
    page, _ = ensure_child_page(home, StandardPage, "page-cachee", title="Avant publication")
    _get(client, page.url)
    assert _get(client, page.url)[0]["X-Cache"] == "hit"

    page.title = "Après publication"
    page.save_revision().publish()

    response, body = _get(client, page.url)
    assert response["X-Cache"] == "miss"
    assert "Après publication" in body and "Avant publication" not in body


def test_a_saved_draft_is_not_shown_and_the_live_page_stays(client, home):
    page, _ = ensure_child_page(home, StandardPage, "page-brouillon", title="Version en ligne")
    _get(client, page.url)
    page.title = "Version brouillon"
    page.save_revision()  # not published

    body = _get(client, page.url)[1]
    assert "Version en ligne" in body and "Version brouillon" not in body


def test_an_unpublished_page_disappears_on_the_next_request(client, home):
    page, _ = ensure_child_page(home, StandardPage, "page-retiree", title="Bientôt retirée")
    assert _get(client, page.url)[0].status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_snippet_change_is_visible_on_the_next_request(client, home):
    basis = LegalBasis.objects.order_by("pk").first()
    assert escape(basis.title) in _get(client, "/bases-juridiques/")[1]
    basis.title = "Fondement renommé pour l'essai du cache"
    basis.save()
    assert escape(basis.title) in _get(client, "/bases-juridiques/")[1]


def test_a_setting_change_is_visible_on_every_page(client, home):
    _get(client, "/")
    _get(client, "/clauses/")
    identity = SiteIdentity.load()
    identity.tagline = "Devise changée par un éditeur"
    identity.save()
    for url in ("/", "/clauses/"):
        assert "Devise changée par un éditeur" in _get(client, url)[1], url


def test_a_document_change_is_visible_on_the_page_that_lists_it(client, home):
    from resources.models import Publication

    publication = Publication.objects.public().order_by("pk").first()
    page_url = "/ressources/publications/"
    assert escape(publication.title) in _get(client, page_url)[1]
    document = get_document_model().objects.create(title="Guide joint")
    document.file.save("guide-joint.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    publication.document = document
    publication.save()
    body = _get(client, page_url)[1]
    assert document.url in body


def test_signed_in_editors_never_get_or_fill_the_shared_copy(client, admin_client, home):
    page, _ = ensure_child_page(home, StandardPage, "page-editeur", title="Page partagée")
    admin_response = admin_client.get(page.url)
    assert "X-Cache" not in admin_response
    anonymous, _ = _get(client, page.url)
    assert anonymous["X-Cache"] == "miss"  # the editor's view was not stored
    assert "X-Cache" not in admin_client.get(page.url)  # nor is the shared copy served to them


def test_pages_with_a_form_token_are_not_shared(client, home):
    """A page that hands out a CSRF token sets a cookie: one visitor's token must not be
    served to the next visitor."""
    first = client.get("/marches-a-venir/alertes/")
    assert first.status_code == 200 and "csrfmiddlewaretoken" in first.content.decode()
    assert first.get("X-Cache") is None
    assert client.get("/marches-a-venir/alertes/").get("X-Cache") is None


def test_query_strings_are_cached_separately(client, home):
    first = _get(client, "/calculateur/?montant=100000&part=40&cout_horaire=30&taux=5")[1]
    second = _get(client, "/calculateur/?montant=200000&part=40&cout_horaire=30&taux=5")[1]
    assert first != second


def test_page_cache_can_be_switched_off(client, home, settings):
    settings.PAGE_CACHE_SECONDS = 0
    _get(client, "/")
    assert "X-Cache" not in _get(client, "/")[0]


# -------------------------------------------------------------------- conditional GET


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/guide/",
        "/bases-juridiques/",
        "/main-d-oeuvre/export.csv",
        "/main-d-oeuvre/export.json",
        "/marches-a-venir/export.json",
        "/marches-a-venir/calendrier.ics",
        "/guide/flux.atom",
    ],
)
def test_conditional_get_answers_not_modified(client, home, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200
    etag, last_modified = response["ETag"], response["Last-Modified"]

    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    # An older copy is answered in full.
    assert client.get(url, headers={"If-None-Match": '"autre"'}).status_code == 200
    assert client.get(url, headers={"If-Modified-Since": http_date(0)}).status_code == 200


@pytest.mark.parametrize("url", ["/annuaire/export.csv", "/annuaire/export.json?type=siae"])
def test_directory_exports_answer_not_modified_until_an_organisation_changes(client, home, url):
    from directory.models import Organisation

    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    # An edit a few seconds later (HTTP dates count whole seconds).
    organisation = Organisation.objects.order_by("pk").first()
    organisation.save()
    later = timezone.now() + timedelta(seconds=5)
    Organisation.objects.filter(pk=organisation.pk).update(updated_at=later)
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 200


def test_conditional_get_on_a_guide_pdf(client, home):
    from guides import content

    edition = content.edition_in_force()
    url = f"/guide/{edition.year}/pdf/"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    not_modified = client.get(url, headers={"If-None-Match": response["ETag"]})
    assert not_modified.status_code == 304 and not_modified.content == b""


def test_a_publish_changes_the_etag(client, home):
    page, _ = ensure_child_page(home, StandardPage, "page-etag", title="Première version")
    etag = client.get(page.url)["ETag"]
    page.title = "Seconde version"
    page.save_revision().publish()
    response = client.get(page.url, headers={"If-None-Match": etag})
    assert response.status_code == 200 and "Seconde version" in response.content.decode()


def test_a_search_reads_the_content_generation_once(client, home, monkeypatch):
    """Each memo of a search asks for the generation; in production every read of the shared
    cache is a database query, so a request reads it once."""
    from core import cache as page_cache_module

    page_cache_module.content_generation()  # the shared generation exists, as on a live site
    reads = []
    original = page_cache_module.cache.get

    def counting_get(key, *args, **kwargs):
        if key == page_cache_module.GENERATION_KEY:
            reads.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(page_cache_module.cache, "get", counting_get)
    response = client.get("/recherche/", {"q": "clause sociale insertion"})
    assert response.status_code == 200 and "résultat" in response.content.decode()
    assert len(reads) == 1

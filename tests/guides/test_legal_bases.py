"""Legal bases: public list and detail pages, what cites them, the admin snippet."""

import html

from guides.models import LegalBasis


def _text(response):
    return html.unescape(response.content.decode())


def test_list_shows_old_and_new_numbers_and_review_status(client, guide):
    response = client.get("/bases-juridiques/")
    text = _text(response)
    assert response.status_code == 200
    assert "L. 2112-2" in text
    assert "Code des marchés publics 2006, art. 14" in text
    assert "à vérifier par le juriste" in text
    assert LegalBasis.objects.count() >= 10
    assert not LegalBasis.objects.exclude(review_status="a_verifier").exists()


def test_detail_lists_paragraphs_of_each_edition_citing_it(client, guide):
    response = client.get("/bases-juridiques/condition-execution/")
    text = _text(response)
    assert response.status_code == 200
    assert "Ordonnance n° 2015-899 du 23 juillet 2015, art. 38" in text
    assert "Édition 2026" in text and "Édition 2025" in text
    assert "/guide/2026/leviers-juridiques/condition-execution/#p-condition-principe" in text


def test_verified_basis_loses_the_warning(client, guide):
    LegalBasis.objects.filter(slug="allotissement").update(review_status="verifie")
    text = _text(client.get("/bases-juridiques/allotissement/"))
    assert "Vérifié par le juriste" in text
    assert "à vérifier par le juriste" not in text


def test_unknown_basis_is_a_french_404(client, guide):
    response = client.get("/bases-juridiques/article-imaginaire/")
    assert response.status_code == 404
    assert "Page introuvable" in _text(response)


def test_unpublished_edition_citations_are_hidden(client, guide, edition_2025):
    edition_2025.get_descendants(inclusive=True).update(live=False)
    text = _text(client.get("/bases-juridiques/condition-execution/"))
    assert "Édition 2025" not in text


def test_snippet_is_registered_in_admin(admin_client, guide):
    response = admin_client.get("/admin/snippets/guides/legalbasis/")
    assert response.status_code == 200
    assert "Condition d'exécution à caractère social" in _text(response)

"""A link into a superseded edition leads to the same paragraph of the edition in force."""

import html


def _text(response):
    return html.unescape(response.content.decode())


def test_superseded_page_shows_banner_and_paragraph_notices(client, guide):
    text = _text(client.get("/guide/2025/calcul-heures/"))
    assert "Vous consultez l'édition 2025, qui n'est plus en vigueur." in text
    assert 'href="/guide/2026/calcul-heures/"' in text
    # Each paragraph carries its own way to the edition in force (shown when targeted).
    assert 'href="/guide/2026/calcul-heures/#p-taux-5"' in text


def test_removed_paragraph_says_so(client, guide):
    text = _text(client.get("/guide/2025/comprendre/"))
    assert "Il a été retiré de l'édition 2026 en vigueur." in text


def test_paragraph_follow_route_redirects_or_explains(client, guide):
    response = client.get("/guide/2025/paragraphe/formule/")
    assert response.status_code == 302
    assert response["Location"] == "/guide/2026/calcul-heures/#p-formule"
    removed = client.get("/guide/2025/paragraphe/transition-ordonnance/")
    assert removed.status_code == 200
    assert "ne figure plus dans l'édition en vigueur" in _text(removed)
    assert client.get("/guide/2025/paragraphe/inconnu/").status_code == 404


def test_edition_in_force_has_no_banner_and_copy_controls_degrade(client, guide):
    text = _text(client.get("/guide/2026/calcul-heures/"))
    assert "n'est plus en vigueur" not in text
    assert 'data-copy-url="/guide/2026/calcul-heures/#p-formule"' in text
    assert "guides/js/guide.js" in text

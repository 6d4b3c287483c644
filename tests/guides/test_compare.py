"""Comparison of two editions: counts, chapter by chapter, accessible word-level marks."""

import html
import re

from guides.compare import word_diff


def _text(response):
    return html.unescape(response.content.decode())


def test_comparison_lists_added_removed_changed_with_counts(client, guide):
    response = client.get("/guide/2026/comparer/2025/")
    text = _text(response)
    assert response.status_code == 200
    assert "Ce qui change entre les éditions 2025 et 2026" in text
    # Added: referent, suivi document, the new section (3 units); removed: transition paragraph.
    plain = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    assert "5 paragraphes ajoutés" in plain
    assert "1 paragraphe supprimé" in plain
    assert re.search(r"[4-9] paragraphes modifiés", plain)
    assert "Les anciennes références à l'ordonnance" in text
    assert "<ins>" in response.content.decode() and "<del>" in response.content.decode()
    assert "ajout : " in text and "suppression : " in text
    assert text.index("Comprendre la clause sociale") < text.index("Suivre l'exécution")


def test_comparison_works_in_both_directions(client, guide):
    response = client.get("/guide/2025/comparer/2026/")
    assert response.status_code == 200
    assert "Ce qui change entre les éditions 2025 et 2026" in _text(response)


def test_comparison_with_itself_or_missing_edition_is_a_french_message(client, guide):
    itself = client.get("/guide/2026/comparer/2026/")
    assert itself.status_code == 404
    assert "ne peut pas être comparée avec elle-même" in _text(itself)
    missing = client.get("/guide/2026/comparer/2031/")
    assert missing.status_code == 404
    assert "Il n'existe pas d'édition 2031" in _text(missing)
    assert client.get("/guide/2026/comparer/abc/").status_code == 404


def test_word_diff_marks_words_with_text_labels():
    result = word_diff("Le marché exige 800 heures.", "Le marché exige 900 heures.")
    assert "<del>" in result and "<ins>" in result
    assert "suppression : </span>800" in result
    assert "ajout : </span>900" in result
    assert word_diff("<b>x</b>", "<b>y</b>").count("&lt;b&gt;") >= 1

"""Word matching of the search ranking (core.text.WordSet): the forms of one word meet, two
different words sharing their first letters do not."""

import pytest

from core.text import WordSet, fold, words_of_markup


def holds(text, term):
    return WordSet(text).holds(fold(term))


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Pénalités de retard", "pénalité"),
        ("Pénalité de retard", "pénalités"),
        ("Marchés réservés", "réservé"),
        ("Marché réservé", "réservés"),
        ("Une part réservée", "réservés"),
        ("Parts réservées", "réservé"),
        ("Clauses sociales", "sociaux"),
        ("La facilitatrice", "facilitateurs"),
        ("Employeurs inclusifs", "inclusive"),
        ("Insertion professionnelle", "professionnels"),
        ("Marchés de travaux", "travail"),
        ("La commande publique", "public"),
        ("Calculer le nombre d'heures", "calcul"),
    ],
)
def test_plural_and_feminine_forms_of_a_word_are_found(text, term):
    assert holds(text, term)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("La sous-traitance", "trait"),
        ("Un trait d'union", "traitance"),
        ("Un acheteur public", "achat"),
        ("Un employeur", "emploi"),
        ("La marchandise", "marché"),
        ("Insérer une clause", "insertion"),
    ],
)
def test_different_words_sharing_their_first_letters_are_not_found(text, term):
    assert not holds(text, term)


@pytest.mark.parametrize(
    "markup,words",
    [
        ("<p>Marché</p><p>réservé</p>", ["marche", "reserve"]),  # tags part words
        ("<b>clause</b> d&#x27;insertion &amp; SIAE", ["clause", "d", "insertion", "siae"]),
        ("montant < 90 000 € et > 40", ["montant", "90", "000", "et", "40"]),  # not tags
        ('<a href="/guide/">Guide</a><!-- note -->', ["guide"]),
        ("", []),
    ],
)
def test_words_of_markup_are_the_words_a_reader_sees(markup, words):
    assert WordSet(words_of_markup(markup)).words == sorted(words)

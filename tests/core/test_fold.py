"""Accent folding, which search highlighting relies on: positions found in the folded text must
fall on the same letters of the original."""

import pytest

from core.text import fold, fold_for_match


@pytest.mark.parametrize(
    "text,folded",
    [
        ("Marché RÉSERVÉ", "marche reserve"),
        ("Main-d'Œuvre", "main-d'œuvre"),
        ("plain ASCII", "plain ascii"),
        ("e\u0301cole", "e cole"),  # a combining accent alone becomes a space: same length
        ("", ""),
        (None, ""),
    ],
)
def test_fold_removes_accents_and_case_one_character_for_one(text, folded):
    assert fold(text) == folded
    assert len(fold(text)) == len(text or "")


def test_a_highlight_found_in_the_folded_text_falls_on_the_original_word():
    text = "Pénalités : l'ÉCOLE réservée"
    start = fold(text).index("ecole")
    assert text[start : start + 5] == "ÉCOLE"


def test_ligatures_are_spelled_out_for_matching_as_the_database_does():
    assert fold_for_match("Main-d'Œuvre") == "main-d'oeuvre"

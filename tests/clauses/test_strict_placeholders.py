"""Only the exact names of blanks are accepted in a clause; a near miss is refused with the name
the editor probably meant, so that no literal brace reaches a buyer's document."""

import pytest
from django.core.exceptions import ValidationError

from clauses.demo import CLAUSES
from clauses.models import ModelClause
from clauses.placeholders import template_problems

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("written", ["{pénalité}", "{Penalite}", "{ penalite }", "{{penalite}}"])
def test_near_misses_are_refused_with_the_right_name(clauses, written):
    clause = ModelClause.objects.get(slug="condition-execution-heures")
    clause.text = f"Une pénalité de {written} euros par heure manquante."
    with pytest.raises(ValidationError) as error:
        clause.full_clean()
    message = " ".join(error.value.message_dict["text"])
    assert f"« {written} »" in message
    assert "vouliez-vous dire {penalite} ?" in message


def test_a_stray_brace_and_an_unknown_name_are_refused():
    assert any("isolée" in p for p in template_problems("Pour {acheteur, au plus tard"))
    assert template_problems("Le {fournisseur} s'engage") == [
        "« {fournisseur} » n'est pas un champ connu."
    ]


def test_exact_names_pass_and_every_demo_clause_is_clean():
    assert template_problems("{acheteur}{objet} {lot} le {date_debut}") == []
    for clause in CLAUSES:
        assert template_problems(clause[7]) == [], clause[0]

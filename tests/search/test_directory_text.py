"""The directory's `?q=` (issue 14): accent-insensitive, and matching what a structure's type
says ("insertion" finds the entreprises d'insertion whose name and description do not)."""

import os

import pytest

os.environ.setdefault("DIRECTORY_DEMO_SIZE", "small")

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory_demo(db):
    from directory import demo

    demo.load(None)


def _names(_client, query):
    from directory.filters import DirectoryQuery, results

    found = results(DirectoryQuery.from_params({"q": query}))
    return set(found.values_list("name", flat=True))


def test_a_word_of_the_type_label_finds_the_structures_of_that_type(directory_demo, client):
    from directory.models import Organisation

    employers = Organisation.objects.public().filter(subkind="AI")
    assert employers.exists()
    found = _names(client, "intermédiaire")
    assert set(employers.values_list("name", flat=True)) <= found
    page = client.get("/annuaire/", {"q": "association intermediaire"})
    assert page.status_code == 200
    html = page.content.decode()
    # The first page of results lists associations intermédiaires (the list is paginated).
    assert any(name in html for name in employers.values_list("name", flat=True))


def test_type_words_and_accents_are_both_ignored_as_typed(directory_demo, client):
    assert _names(client, "Régie de quartier") == _names(client, "regie de QUARTIER")
    assert _names(client, "regie de quartier")

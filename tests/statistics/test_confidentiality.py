"""Statistical confidentiality: small cells and cells from few structures are hidden, with a
second cell of every sum so that subtraction cannot give them back."""

import pytest

from statsbase.confidentiality import RULE_TEXT, relations, suppressed_cells
from statsbase.models import Aggregate

pytestmark = pytest.mark.django_db


def cells_with(**changes):
    """People by sex and age: 3 structures everywhere, values as given."""
    cells = {
        ("beneficiaires_total", "total"): (100, 3),
        ("beneficiaires_sexe", "femme"): (30, 3),
        ("beneficiaires_sexe", "homme"): (70, 3),
        ("beneficiaires_age", "moins-26"): (20, 3),
        ("beneficiaires_age", "26-49"): (60, 3),
        ("beneficiaires_age", "50-plus"): (20, 3),
    }
    for key, value in changes.items():
        dimension, category = key.split("__")
        cells[(dimension, category)] = value
    return cells


def assert_no_lone_hidden_cell(cells, hidden):
    for relation in relations({d for d, _ in cells}):
        keys = [k for k in relation if k in cells]
        assert sum(k in hidden for k in keys) != 1, relation


def test_a_small_count_of_people_and_its_complement_are_hidden():
    cells = cells_with(
        **{"beneficiaires_age__50-plus": (3, 3), "beneficiaires_age__26-49": (77, 3)}
    )
    hidden = suppressed_cells(cells, reporting=5)
    assert ("beneficiaires_age", "50-plus") in hidden  # primary: 3 people
    assert ("beneficiaires_age", "moins-26") in hidden  # secondary: the smallest other part
    assert ("beneficiaires_age", "26-49") not in hidden
    assert_no_lone_hidden_cell(cells, hidden)


def test_a_cell_from_two_structures_is_hidden_and_few_reporters_hide_everything():
    cells = cells_with(**{"beneficiaires_sexe__femme": (30, 2)})
    hidden = suppressed_cells(cells, reporting=5)
    assert {("beneficiaires_sexe", "femme"), ("beneficiaires_sexe", "homme")} <= hidden
    assert_no_lone_hidden_cell(cells, hidden)
    assert suppressed_cells(cells, reporting=2) == set(cells)


def test_cross_tabulations_are_protected_along_rows_and_columns():
    cells = cells_with()
    counts = {"femme": (10, 15, 5), "homme": (10, 45, 15)}
    for sex, values in counts.items():
        for age, value in zip(["moins-26", "26-49", "50-plus"], values, strict=True):
            cells[("beneficiaires_sexe_age", f"{sex}+{age}")] = (value, 3)
    cells[("beneficiaires_sexe_age", "femme+50-plus")] = (4, 3)
    cells[("beneficiaires_sexe_age", "femme+26-49")] = (16, 3)
    hidden = suppressed_cells(cells, reporting=4)
    assert ("beneficiaires_sexe_age", "femme+50-plus") in hidden
    assert_no_lone_hidden_cell(cells, hidden)


def test_published_aggregates_keep_every_sum_safe(demo):
    """In the demo consolidation, no published sum has exactly one hidden cell."""
    for level, code in [("region", "84"), ("region", "75"), ("national", "FR")]:
        rows = Aggregate.objects.filter(level=level, code=code, year=2025)
        cells = {(a.dimension, a.category): (a.value, a.structures) for a in rows}
        hidden = {(a.dimension, a.category) for a in rows if a.suppressed}
        assert_no_lone_hidden_cell(cells, hidden)


def test_the_regional_page_hides_small_cells_and_states_the_rule(client, demo):
    html = client.get("/ressources/statistiques/nouvelle-aquitaine/").content.decode()
    assert RULE_TEXT.split(" : ")[1][:40] in html
    assert '<abbr title="secret statistique">s</abbr>' in html
    hidden = Aggregate.objects.filter(level="region", code="75", year=2025, suppressed=True).first()
    assert hidden is not None
    csv_text = client.get(
        f"/ressources/statistiques/75/{hidden.dimension.replace('_', '-')}.csv"
    ).content.decode()
    line = next(
        line
        for line in csv_text.splitlines()
        if f",2025,{hidden.dimension},{hidden.category}," in line
    )
    assert line.split(",")[-3:-1] == ["", "true"]

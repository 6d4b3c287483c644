"""The full recount of every territory (consolidate_everything), checked by hand on a small
year: four returns in three départements of two régions."""

import pytest

from statsbase.consolidation import consolidate_everything
from statsbase.models import Aggregate, AnnualReturn, Coverage, ReturnFigure, ReturnStatus

pytestmark = pytest.mark.django_db
YEAR = 2019  # no demo return that year


def add_return(structure, figures, status=ReturnStatus.CURRENT):
    annual = AnnualReturn.objects.create(
        structure=structure, year=YEAR, department=structure.department, status=status
    )
    ReturnFigure.objects.bulk_create(
        ReturnFigure(annual_return=annual, dimension=d, category=c, value=v)
        for (d, c), v in figures.items()
    )


@pytest.fixture
def small_year(demo):
    from directory.models import FacilitatorStructure

    structures = FacilitatorStructure.objects.filter(is_demo=True).order_by("slug")
    gironde = list(structures.filter(department__code="33"))
    pyrenees = structures.get(department__code="64")
    paris = structures.filter(department__code="75").first()
    add_return(
        gironde[0],
        {
            ("heures_total", "total"): 1000,
            ("heures_acheteur", "etat"): 600,
            ("heures_acheteur", "collectivite"): 400,
        },
    )
    add_return(gironde[1], {("heures_total", "total"): 0})
    add_return(pyrenees, {("heures_total", "total"): 500})
    add_return(paris, {("heures_total", "total"): 200})
    add_return(paris, {("heures_total", "total"): 9999}, ReturnStatus.WITHDRAWN)


def cell(level, code, dimension="heures_total", category="total"):
    """(value, structures with a non-zero value, hidden) of one consolidated cell."""
    return Aggregate.objects.values_list("value", "structures", "suppressed").get(
        level=level, code=code, year=YEAR, dimension=dimension, category=category
    )


def reporting(level, code):
    return Coverage.objects.get(level=level, code=code, year=YEAR).structures


def test_every_territory_adds_up_the_current_returns_it_contains(small_year):
    consolidate_everything()
    # France: 1000 + 0 + 500 + 200 (the withdrawn return is left out), three non-zero values.
    assert cell("national", "FR")[:2] == (1700, 3)
    assert reporting("national", "FR") == 4
    # Nouvelle-Aquitaine: both Gironde returns and the Pyrénées-Atlantiques one.
    assert cell("region", "75") == (1500, 2, True)  # from two structures only: hidden
    assert reporting("region", "75") == 3
    assert cell("departement", "33")[:2] == (1000, 1)
    assert reporting("departement", "33") == 2
    assert cell("departement", "64")[:2] == (500, 1)
    assert cell("region", "11")[:2] == cell("departement", "75")[:2] == (200, 1)
    territories = Coverage.objects.filter(year=YEAR).values_list("level", "code")
    assert sorted(territories) == [
        ("departement", "33"),
        ("departement", "64"),
        ("departement", "75"),
        ("national", "FR"),
        ("region", "11"),
        ("region", "75"),
    ]


def test_the_categories_nobody_reported_are_published_as_zeros(small_year):
    consolidate_everything()
    assert cell("national", "FR", "heures_acheteur", "etat")[:2] == (600, 1)
    assert cell("national", "FR", "heures_acheteur", "collectivite")[:2] == (400, 1)
    assert cell("national", "FR", "heures_acheteur", "hopital")[:2] == (0, 0)
    # No return of Paris has hours by buyer: no such cells there.
    assert not Aggregate.objects.filter(
        level="departement", code="75", year=YEAR, dimension="heures_acheteur"
    ).exists()


def test_a_second_recount_changes_nothing(small_year):
    def snapshot():
        return sorted(
            Aggregate.objects.values_list(
                "level",
                "code",
                "year",
                "dimension",
                "category",
                "value",
                "structures",
                "suppressed",
            )
        )

    consolidate_everything()
    first = snapshot()
    consolidate_everything()
    assert snapshot() == first

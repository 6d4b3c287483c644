import random

import pytest

from core.opendata import csv_text
from statsbase.demo import demo_cells_with_zeros
from statsbase.importer import COLUMNS


def return_rows(slug, year, seed=1, size=3.0):
    """The lines of a consistent return (figures drawn as the demo draws them)."""
    cells = demo_cells_with_zeros(random.Random(seed), size, 1.0)
    return [[slug, year, d, c, v] for (d, c), v in sorted(cells.items()) if c != "ensemble"]


def return_csv(rows, separator=","):
    text = csv_text(COLUMNS, rows)
    return text.replace(",", separator) if separator != "," else text


@pytest.fixture
def structure(demo):
    from directory.models import FacilitatorStructure

    return FacilitatorStructure.objects.filter(is_demo=True, department__code="33").first()


@pytest.fixture
def facilitator(structure, django_user_model):
    """An account of `structure` in the statistics facilitators' group."""
    from django.contrib.auth.models import Group

    from contracts.models import FacilitatorMembership
    from statsbase.roles import FACILITATORS

    user = django_user_model.objects.create_user("facilitatrice", password="mot-de-passe-1234")
    user.groups.add(Group.objects.get(name=FACILITATORS))
    FacilitatorMembership.objects.create(user=user, structure=structure)
    return user

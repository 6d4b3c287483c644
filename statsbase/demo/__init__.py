"""Fictitious yearly returns 2022–2025 for the demo facilitator structures (marked is_demo), so
that every region that has a structure has a panorama. Figures are drawn from simulated people
and contracts, so that every total and cross-tabulation adds up as a real return must."""

import functools
import itertools
import random
from collections import Counter

from ..bulk import insert_rows
from ..consolidation import consolidate_everything
from ..importer import add_cohort_totals
from ..models import AnnualReturn, ReturnFigure
from ..vocabulary import CROSS, DIMENSIONS, HORIZONS

YEARS = [2022, 2023, 2024, 2025]
PEOPLE_DIMENSIONS = [
    "categorie",
    "sexe",
    "age",
    "origine",
    "qualification",
    "prescripteur",
    "metier",
]
WEIGHTS = {
    "heures_acheteur": [30, 35, 10, 15, 8, 2],
    "heures_secteur": [55, 10, 12, 5, 4, 8, 4, 2],
    "heures_base_juridique": [78, 8, 6, 2, 5, 1],
    "heures_taille_entreprise": [20, 35, 20, 15, 10],
    "marches_montant": [10, 20, 35, 25, 10],
    "marches_base_juridique": [70, 10, 8, 3, 7, 2],
    "marches_taille_entreprise": [25, 40, 15, 10, 10],
    "beneficiaires_categorie": [35, 25, 20, 8, 7, 5],
    "beneficiaires_sexe": [22, 78],
    "beneficiaires_age": [30, 52, 18],
    "beneficiaires_origine": [40, 10, 50],
    "beneficiaires_qualification": [45, 35, 15, 5],
    "beneficiaires_prescripteur": [40, 25, 5, 15, 8, 4, 3],
    "beneficiaires_metier": [35, 15, 12, 15, 10, 5, 3, 5],
    "sorties": [25, 30, 10, 12, 15, 8],
}


def split(total, weights, rng):
    """`total` shared out at random along `weights`, in whole numbers adding up to it."""
    noisy = [w * rng.uniform(0.6, 1.4) for w in weights]
    parts = [int(total * w / sum(noisy)) for w in noisy]
    parts[0] += total - sum(parts)
    return parts


@functools.cache
def _choices(code):
    """(categories, cumulative weights) of a drawn dimension: choices() with cum_weights draws
    exactly as with weights, without adding them up again for each of ~400,000 draws."""
    source = DIMENSIONS["sorties_6_mois"] if code == "sorties" else DIMENSIONS[code]
    return [c for c, _ in source.categories], list(itertools.accumulate(WEIGHTS[code]))


def draw(rng, code):
    categories, cum_weights = _choices(code)
    return rng.choices(categories, cum_weights=cum_weights)[0]


def demo_cells(rng, size, growth):
    """{(dimension, category): value} of one consistent return."""
    cells = Counter()
    hours = int(size * growth * rng.uniform(9000, 16000))
    cells[("heures_total", "total")] = hours
    for code in [
        "heures_acheteur",
        "heures_secteur",
        "heures_base_juridique",
        "heures_taille_entreprise",
    ]:
        categories = [c for c, _ in DIMENSIONS[code].categories]
        for category, value in zip(categories, split(hours, WEIGHTS[code], rng), strict=True):
            cells[(code, category)] = value
    contracts = max(3, int(hours / rng.uniform(900, 1500)))
    cells[("marches_total", "total")] = contracts
    for _ in range(contracts):
        basis, company = draw(rng, "marches_base_juridique"), draw(rng, "marches_taille_entreprise")
        cells[("marches_montant", draw(rng, "marches_montant"))] += 1
        cells[("marches_base_juridique", basis)] += 1
        cells[("marches_taille_entreprise", company)] += 1
        cells[("marches_base_juridique_taille", f"{basis}{CROSS}{company}")] += 1
    _people(cells, rng, max(4, int(hours / rng.uniform(300, 450))))
    return {key: value for key, value in cells.items()}


def _people(cells, rng, count):
    cells[("beneficiaires_total", "total")] = count
    for _ in range(count):
        person = {name: draw(rng, f"beneficiaires_{name}") for name in PEOPLE_DIMENSIONS}
        for name, category in person.items():
            cells[(f"beneficiaires_{name}", category)] += 1
        for rows, columns in [("sexe", "age"), ("categorie", "sexe"), ("qualification", "age")]:
            cells[
                (f"beneficiaires_{rows}_{columns}", f"{person[rows]}{CROSS}{person[columns]}")
            ] += 1
        for months in HORIZONS:
            if rng.random() < 1 - months / 40:  # fewer people followed at longer horizons
                cells[(f"sorties_{months}_mois", draw(rng, "sorties"))] += 1


def demo_cells_with_zeros(rng, size, growth):
    cells = demo_cells(rng, size, growth)
    for code, dimension in DIMENSIONS.items():
        for category in dimension.category_codes():
            cells.setdefault((code, category), 0)
    add_cohort_totals(cells)
    return cells


def load(stdout):
    from directory.models import FacilitatorStructure

    if AnnualReturn.objects.filter(is_demo=True).exists():
        return "bilans statistiques de démonstration déjà présents"
    rng = random.Random(2019)
    structures = FacilitatorStructure.objects.filter(is_demo=True).select_related("department")
    figures, returns = [], 0
    for structure in structures.order_by("slug"):
        size, growth = float(structure.facilitators_fte), 1.0
        for year in YEARS:
            growth *= rng.uniform(0.95, 1.15)
            annual = AnnualReturn.objects.create(
                structure=structure,
                year=year,
                department=structure.department,
                filename=f"bilan-fictif-{structure.slug}-{year}.csv",
                is_demo=True,
            )
            returns += 1
            figures += [
                (annual.pk, d, c, v)
                for (d, c), v in demo_cells_with_zeros(rng, size, growth).items()
            ]
    insert_rows(ReturnFigure, ["annual_return", "dimension", "category", "value"], figures)
    territories = consolidate_everything()
    return f"{returns} bilans statistiques fictifs ({territories} consolidations)"

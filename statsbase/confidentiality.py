"""Statistical confidentiality of the published cells.

Primary rule: a non-zero cell is hidden when it comes from fewer than MIN_STRUCTURES structures,
or, for a count of people, when it is below MIN_PEOPLE. When the territory itself has fewer
than MIN_STRUCTURES reporting structures, every cell is hidden.

Secondary rule: in every published sum (a total and its parts; a cross-tabulation's row or
column and its margin), a lone hidden cell could be recomputed by subtraction, so a second cell
of that sum is hidden too: the smallest non-zero part, else the total. Repeated until no sum has
exactly one hidden cell.
"""

from .vocabulary import CROSS, DIMENSIONS, ENSEMBLE

MIN_PEOPLE = 5
MIN_STRUCTURES = 3

RULE_TEXT = (
    f"Secret statistique : un chiffre qui compte moins de {MIN_PEOPLE} personnes, ou qui "
    f"provient de moins de {MIN_STRUCTURES} structures, n'est pas publié (« s »). Pour qu'il "
    "ne puisse pas être retrouvé par soustraction à partir d'un total, un second chiffre de la "
    "même somme est alors masqué lui aussi."
)


def primary(cells, reporting):
    """Keys of the cells hidden by the primary rule. cells: {(dimension, category): (value,
    structures)}."""
    if reporting < MIN_STRUCTURES:
        return set(cells)
    hidden = set()
    for key, (value, structures) in cells.items():
        if value == 0:
            continue
        people = DIMENSIONS[key[0]].people
        if structures < MIN_STRUCTURES or (people and value < MIN_PEOPLE):
            hidden.add(key)
    return hidden


def relations(dimensions):
    """Every published sum, as a list of keys: total first, then its parts."""
    found = []
    for code in dimensions:
        dimension = DIMENSIONS[code]
        if dimension.is_cross:
            found += _cross_relations(dimension)
        elif dimension.is_cohort:
            parts = [(code, c) for c, _ in dimension.categories]
            found.append([(code, ENSEMBLE), *parts])
        elif dimension.total:
            parts = [(code, c) for c, _ in dimension.categories]
            found.append([(dimension.total, "total"), *parts])
    return found


def _cross_relations(dimension):
    rows, columns = (DIMENSIONS[code] for code in dimension.crosses)
    found = []
    for row, _ in rows.categories:
        cells = [(dimension.code, f"{row}{CROSS}{column}") for column, _ in columns.categories]
        found.append([(rows.code, row), *cells])
    for column, _ in columns.categories:
        cells = [(dimension.code, f"{row}{CROSS}{column}") for row, _ in rows.categories]
        found.append([(columns.code, column), *cells])
    return found


def suppressed_cells(cells, reporting):
    """Keys of every hidden cell, primary and secondary."""
    hidden = primary(cells, reporting)
    sums = [
        [key for key in relation if key in cells]
        for relation in relations(sorted({d for d, _ in cells}))
    ]
    changed = True
    while changed:
        changed = False
        for keys in sums:
            if sum(key in hidden for key in keys) != 1:
                continue
            shown = [key for key in keys if key not in hidden]
            if shown:
                # Parts before the total (index 0), non-zero before zero, smallest first.
                hidden.add(
                    min(shown, key=lambda k: (k == keys[0], cells[k][0] == 0, cells[k][0], k))
                )
                changed = True
    return hidden

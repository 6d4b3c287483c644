"""Which edition of a versioned publication (the yearly guide) a page belongs to.

The guide registers how to know its editions (search.registry.editions); without it, no page
has an edition and nothing is filtered by edition."""

from django.utils.timezone import localdate

from core.memo import per_generation

from .registry import registry

ALL_EDITIONS = "toutes"


@per_generation
def public_edition_paths():
    """{tree path of a live public edition: its year}."""
    return registry.editions.public_years() if registry.editions else {}


def edition_in_force_year():
    return _in_force_year(localdate())


@per_generation  # the edition in force changes with the content and with the date
def _in_force_year(today):
    return registry.editions.in_force_year() if registry.editions else None


def edition_of(page, editions):
    for path, year in editions.items():
        if page.path.startswith(path):
            return year
    return None


def keep_edition(results, edition, in_force):
    """Guide hits of one edition: `edition` (a year), else the edition in force;
    ALL_EDITIONS keeps every edition. Hits without an edition are always kept."""
    if edition == ALL_EDITIONS:
        return results
    return [result for result in results if result.edition in (None, edition, in_force)]


def only_edition(results, year):
    """Hits without an edition, and guide hits of that edition only."""
    return [result for result in results if result.edition in (None, year)]


def count_by_edition(results):
    counts = {}
    for result in results:
        if result.edition is not None:
            counts[result.edition] = counts.get(result.edition, 0) + 1
    return counts

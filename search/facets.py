"""The search's facets: content type, département and sector, counted over the ranked hits
(each facet counted with the other facets' filters applied, as on every list of the site)."""

TYPE, DEPARTMENT, SECTOR = "type", "departement", "secteur"
FACETS = (TYPE, DEPARTMENT, SECTOR)


def matches(result, filters, skip=None):
    return all(
        result.facet_values(facet) & {value}
        for facet, value in filters.items()
        if value and facet != skip
    )


def count(results, filters):
    """{facet: {value: count}}."""
    counts = {}
    for facet in FACETS:
        facet_counts = counts.setdefault(facet, {})
        for result in results:
            if matches(result, filters, skip=facet):
                for value in result.facet_values(facet):
                    facet_counts[value] = facet_counts.get(value, 0) + 1
    return counts


def selected(filters):
    return {facet: value for facet, value in (filters or {}).items() if facet in FACETS}

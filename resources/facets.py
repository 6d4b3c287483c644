"""One filter/facet helper for the library's list pages (GET forms that work without JavaScript).

Each facet reads one query parameter. Counts of a facet are computed with every *other* selected
filter applied, so each option says how many results choosing it would give.
"""

from dataclasses import dataclass, field

from django.db.models import Count


@dataclass
class Facet:
    name: str  # query parameter
    label: str  # visible label of the <select>
    lookup: str  # ORM lookup used to filter and count
    choices: list = field(default_factory=list)  # [(value, label)], value as a string
    all_label: str = "Tous"


@dataclass
class FacetView:
    name: str
    label: str
    all_label: str
    selected: str
    options: list  # [{"value", "label", "count", "selected"}]

    @property
    def selected_label(self):
        return next((o["label"] for o in self.options if o["selected"]), "")


def _selected(facet, params):
    value = (params.get(facet.name) or "").strip()
    return value if value in {str(v) for v, _ in facet.choices} else ""


def apply_facets(queryset, facets, params):
    """Return (filtered queryset, [FacetView], {name: selected value})."""
    selected = {facet.name: _selected(facet, params) for facet in facets}

    def filtered(skip=None):
        qs = queryset
        for facet in facets:
            if facet.name != skip and selected[facet.name]:
                qs = qs.filter(**{facet.lookup: selected[facet.name]})
        return qs

    views = []
    for facet in facets:
        counts = {
            str(row[facet.lookup]): row["n"]
            for row in filtered(skip=facet.name)
            .order_by()
            .values(facet.lookup)
            .annotate(n=Count("pk", distinct=True))
        }
        options = [
            {
                "value": str(value),
                "label": label,
                "count": counts.get(str(value), 0),
                "selected": str(value) == selected[facet.name],
            }
            for value, label in facet.choices
        ]
        options = [o for o in options if o["count"] or o["selected"]]
        views.append(
            FacetView(facet.name, facet.label, facet.all_label, selected[facet.name], options)
        )
    return filtered().distinct(), views, {k: v for k, v in selected.items() if v}

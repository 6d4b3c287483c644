"""Good-practice sheets: the filtered list behind /ressources/bonnes-pratiques/."""

from taggit.models import Tag

from core.filters import Facet, Filters
from core.models import Sector
from core.vocabulary import BuyerKind, LegalMechanism

from .models import GoodPracticePage


def filter_practices(params, index=None):
    queryset = GoodPracticePage.objects.live().public()
    if index is not None:
        queryset = queryset.descendant_of(index)
    tags = Tag.objects.filter(resources_goodpracticetag_items__content_object__in=queryset)
    tag_choices = sorted({(t.slug, t.name) for t in tags}, key=lambda c: c[1].lower())
    facets = [
        Facet(
            "secteur", "Secteur", "sectors__slug", list(Sector.objects.values_list("slug", "name"))
        ),
        Facet("levier", "Levier juridique", "mechanism", list(LegalMechanism.choices)),
        Facet("acheteur", "Type d'acheteur", "buyer_kind", list(BuyerKind.choices)),
        Facet("etiquette", "Étiquette", "tags__slug", tag_choices, all_label="Toutes"),
    ]
    filters = Filters(params, facets)
    results = list(
        filters.apply(queryset).distinct().order_by("title").prefetch_related("tags", "sectors")
    )
    return {
        "practices": results,
        "facets": filters.facet_views(queryset),
        "selected": filters.selected,
        "result_count": len(results),
    }

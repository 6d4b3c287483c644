from django.apps import apps
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from core.memo import per_generation
from core.ratelimits import limit
from core.text import clean_query

from .engine import (
    ALL_EDITIONS,
    DEPARTMENT,
    FACETS,
    SECTOR,
    TYPE,
    edition_in_force_year,
    search_site,
    suggest,
)
from .registry import types_by_key
from .results import prepare_shown
from .spelling import did_you_mean

RESULTS_PER_PAGE = 10
API_MAX_RESULTS = 50
FACET_TITLES = {
    TYPE: "Type de contenu",
    DEPARTMENT: "Département",
    SECTOR: "Secteur d'activité",
}
ALL_LABELS = {TYPE: "Tous les contenus", DEPARTMENT: "Tous les départements", SECTOR: "Tous"}
MAX_FACET_OPTIONS = 12  # the most frequent values; a selected value is always shown


def _edition_param(request):
    """A year, 'toutes', or None (the edition in force); anything else is ignored."""
    value = request.GET.get("edition", "")
    if value == ALL_EDITIONS:
        return ALL_EDITIONS
    return int(value) if value.isdigit() and len(value) == 4 else None


def _filters(request):
    """The facet values asked for; values of unknown shape are dropped, not errors."""
    filters = {facet: clean_query(request.GET.get(facet, ""))[:60] for facet in FACETS}
    if filters[TYPE] not in types_by_key():
        filters[TYPE] = ""
    return {facet: value for facet, value in filters.items() if value}


@per_generation  # a hundred départements and a few dozen sectors, shown by every search
def _place_and_sector_labels():
    departments = apps.get_model("directory.Department").objects.values_list("code", "name")
    sectors = apps.get_model("core.Sector").objects.values_list("slug", "name")
    return {
        DEPARTMENT: {code: f"{name} ({code})" for code, name in departments},
        SECTOR: dict(sectors),
    }


def _labels(facet, values):
    if facet == TYPE:
        return {key: types_by_key()[key].label for key in values}
    labels = _place_and_sector_labels()[facet]
    return {value: labels[value] for value in values if value in labels}


class SearchState:
    """The current query, facets and edition; builds the links that change one of them."""

    def __init__(self, query, filters, edition):
        self.query, self.filters, self.edition = query, filters, edition

    def url(self, **changes):
        params = {"q": self.query, **self.filters}
        if self.edition:
            params["edition"] = str(self.edition)
        params.update(changes)
        return "?" + urlencode({key: value for key, value in params.items() if value})


def _facet_groups(outcome, state):
    groups = []
    for facet in FACETS:
        counts = outcome.facet_counts.get(facet, {})
        selected = state.filters.get(facet, "")
        if not counts and not selected:
            continue
        labels = _labels(facet, set(counts) | {selected} - {""})
        ranked = sorted(counts, key=lambda value: (-counts[value], labels.get(value, value)))
        shown = ranked[:MAX_FACET_OPTIONS]
        if selected and selected not in shown:
            shown.append(selected)
        if facet != TYPE and len(shown) < 2 and not selected:
            continue  # a single value refines nothing
        groups.append(
            {
                "key": facet,
                "title": FACET_TITLES[facet],
                "all": {
                    "label": ALL_LABELS[facet],
                    "url": state.url(**{facet: "", "page": ""}),
                    "selected": not selected,
                },
                "options": [
                    {
                        "label": labels.get(value, value),
                        "count": counts.get(value, 0),
                        "url": state.url(**{facet: value}),
                        "selected": value == selected,
                    }
                    for value in shown
                ],
            }
        )
    return groups


def _edition_options(outcome, state):
    if len(outcome.edition_counts) < 2:
        return []
    in_force = edition_in_force_year()
    options = [
        {
            "label": f"Édition {year}" + (" (en vigueur)" if year == in_force else ""),
            "count": count,
            "url": state.url(edition=str(year)),
            "selected": year == outcome.edition,
        }
        for year, count in sorted(outcome.edition_counts.items(), reverse=True)
    ]
    options.append(
        {
            "label": "Toutes les éditions",
            "count": sum(outcome.edition_counts.values()),
            "url": state.url(edition=ALL_EDITIONS),
            "selected": outcome.edition is None,
        }
    )
    return options


@require_GET
@limit("search")
def search(request):
    query = clean_query(request.GET.get("q", ""))
    filters = _filters(request)
    edition = _edition_param(request)
    outcome = search_site(query, filters=filters, request=request, edition=edition)
    state = SearchState(query, filters, edition)
    page = Paginator(outcome.results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    prepare_shown(page.object_list)
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "filters": filters,
            "results_page": page,
            "result_count": len(outcome.results),
            "total_count": outcome.unfiltered_count,
            "facet_groups": _facet_groups(outcome, state),
            "edition_facets": _edition_options(outcome, state),
            "previous_url": state.url(page=page.previous_page_number())
            if page.has_previous()
            else "",
            "next_url": state.url(page=page.next_page_number()) if page.has_next() else "",
            "clear_url": state.url(**dict.fromkeys(FACETS, "")),
            "promotions": outcome.promotions,
            "definitions": outcome.definitions,
            "partial": outcome.partial,
            "did_you_mean": did_you_mean(query) if query and not outcome.results else "",
        },
    )


@require_GET
@limit("search-api")
def search_api(request):
    query = clean_query(request.GET.get("q", ""))
    outcome = search_site(
        query, filters=_filters(request), request=request, edition=_edition_param(request)
    )
    shown = outcome.results[:API_MAX_RESULTS]
    prepare_shown(shown)
    return JsonResponse(
        {
            "query": query,
            "count": len(outcome.results),
            "facets": {**outcome.facet_counts, "edition": outcome.edition_counts},
            "edition": outcome.edition,
            "partial": outcome.partial,
            "promotions": outcome.promotions,
            "definitions": outcome.definitions,
            "results": [result.as_json() for result in shown],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
@limit("suggestions")
def suggestions_api(request):
    query = clean_query(request.GET.get("q", ""))
    return JsonResponse(
        {"query": query, "suggestions": suggest(query)}, json_dumps_params={"ensure_ascii": False}
    )

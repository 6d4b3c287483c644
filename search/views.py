from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import sources
from .engine import ALL_EDITIONS, clean_query, edition_in_force_year, search_site, suggest

RESULTS_PER_PAGE = 10
API_MAX_RESULTS = 50


def _facet_options(outcome, selected):
    return [
        {
            "key": content_type.key,
            "label": content_type.label,
            "count": outcome.type_counts[content_type.key],
            "selected": content_type.key == selected,
        }
        for content_type in sources.ALL_TYPES
        if outcome.type_counts.get(content_type.key)
    ]


def _edition_param(request):
    """A year, 'toutes', or None (the edition in force); anything else is ignored."""
    value = request.GET.get("edition", "")
    if value == ALL_EDITIONS:
        return ALL_EDITIONS
    return int(value) if value.isdigit() and len(value) == 4 else None


def _edition_options(outcome):
    in_force = edition_in_force_year()
    options = [
        {
            "value": str(year),
            "label": f"Édition {year}" + (" (en vigueur)" if year == in_force else ""),
            "count": count,
            "selected": year == outcome.edition,
        }
        for year, count in sorted(outcome.edition_counts.items(), reverse=True)
    ]
    options.append(
        {
            "value": ALL_EDITIONS,
            "label": "Toutes les éditions",
            "count": sum(outcome.edition_counts.values()),
            "selected": outcome.edition is None,
        }
    )
    return options if len(outcome.edition_counts) > 1 else []


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    selected_type = request.GET.get("type", "")
    if selected_type not in sources.TYPES_BY_KEY:
        selected_type = ""
    outcome = search_site(
        query,
        content_type=selected_type or None,
        request=request,
        edition=_edition_param(request),
    )
    page = Paginator(outcome.results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "selected_type": selected_type,
            "results_page": page,
            "result_count": len(outcome.results),
            "total_count": sum(outcome.type_counts.values()),
            "type_facets": _facet_options(outcome, selected_type),
            "edition_facets": _edition_options(outcome),
            # Kept in the other facets' and the pagination's links.
            "edition_param": str(_edition_param(request) or ""),
            "promotions": outcome.promotions,
        },
    )


@require_GET
def search_api(request):
    query = clean_query(request.GET.get("q", ""))
    selected_type = request.GET.get("type", "")
    outcome = search_site(
        query,
        content_type=selected_type if selected_type in sources.TYPES_BY_KEY else None,
        request=request,
        edition=_edition_param(request),
    )
    return JsonResponse(
        {
            "query": query,
            "count": len(outcome.results),
            "facets": {"type": outcome.type_counts, "edition": outcome.edition_counts},
            "edition": outcome.edition,
            "promotions": outcome.promotions,
            "results": [result.as_json() for result in outcome.results[:API_MAX_RESULTS]],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def suggestions_api(request):
    query = clean_query(request.GET.get("q", ""))
    return JsonResponse(
        {"query": query, "suggestions": suggest(query)}, json_dumps_params={"ensure_ascii": False}
    )

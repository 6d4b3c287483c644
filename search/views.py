from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import sources
from .engine import clean_query, search_site, suggest

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


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    selected_type = request.GET.get("type", "")
    if selected_type not in sources.TYPES_BY_KEY:
        selected_type = ""
    outcome = search_site(query, content_type=selected_type or None, request=request)
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
    )
    return JsonResponse(
        {
            "query": query,
            "count": len(outcome.results),
            "facets": {"type": outcome.type_counts},
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

from django.core.paginator import Paginator
from django.shortcuts import render

from .engine import clean_query, search_pages

RESULTS_PER_PAGE = 10


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = search_pages(query) if query else []
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {"query": query, "results_page": page, "result_count": len(results)},
    )

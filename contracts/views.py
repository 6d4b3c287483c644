"""Public pages of the upcoming contracts: the filterable list and one page per contract."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode

from .queries import filtered, form_choices, public_contracts

PER_PAGE = 20


def _page_number(raw):
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def contract_list(request):
    contract_filter, errors, queryset = filtered(request.GET)
    if not errors and any(value == "" for value in request.GET.values()):
        # The filter form (without JavaScript) sends every field, empty ones included: answer
        # with the short address people can paste into their documents.
        params = contract_filter.to_params()
        if _page_number(request.GET.get("page")) > 1:
            params["page"] = _page_number(request.GET.get("page"))
        return redirect("/marches-a-venir/" + (f"?{urlencode(params)}" if params else ""))
    paginator = Paginator(
        queryset.prefetch_related("sectors", "departments", "lots"),
        PER_PAGE,
        allow_empty_first_page=True,
    )
    requested = _page_number(request.GET.get("page"))
    out_of_range = requested > paginator.num_pages
    page_obj = paginator.page(min(requested, paginator.num_pages))
    params = contract_filter.to_params()
    query_string = urlencode(params)
    return render(
        request,
        "contracts/list.html",
        {
            "filter": contract_filter,
            "selected": params,
            "errors": errors,
            "paginator": paginator,
            "page_obj": page_obj,
            "out_of_range": out_of_range,
            "requested_page": requested,
            "query_string": query_string,
            "facets": form_choices(),
        },
    )


def contract_detail(request, slug):
    contract = (
        public_contracts()
        .prefetch_related("sectors", "departments__region", "lots")
        .filter(slug=slug)
        .first()
    )
    if contract is None:
        raise Http404("Ce marché n'existe pas ou n'est plus publié.")
    return render(request, "contracts/detail.html", {"contract": contract})


def open_data(request):
    from .exports import open_data_context

    return render(request, "contracts/open_data.html", open_data_context())

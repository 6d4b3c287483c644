"""Public pages of the upcoming contracts: the filterable list and one page per contract."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode

from .queries import filtered, form_choices, public_contracts, split_by_notice_date

PER_PAGE = 20
# ?echeance=passee lists the contracts whose expected notice date has passed, kept apart so
# that the list opens on what is still to come.
PAST = "passee"


def _page_number(raw):
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def _short_address(contract_filter, request, show_past):
    params = contract_filter.to_params()
    if show_past:
        params["echeance"] = PAST
    if _page_number(request.GET.get("page")) > 1:
        params["page"] = _page_number(request.GET.get("page"))
    return "/marches-a-venir/" + (f"?{urlencode(params)}" if params else "")


def contract_list(request):
    contract_filter, errors, queryset = filtered(request.GET)
    show_past = request.GET.get("echeance") == PAST
    if not errors and any(value == "" for value in request.GET.values()):
        # The filter form (without JavaScript) sends every field, empty ones included: answer
        # with the short address people can paste into their documents.
        return redirect(_short_address(contract_filter, request, show_past))
    upcoming, past = split_by_notice_date(queryset)
    paginator = Paginator(
        (past if show_past else upcoming).prefetch_related("sectors", "departments", "lots"),
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
            "page_query_string": urlencode({**params, "echeance": PAST} if show_past else params),
            "show_past": show_past,
            "upcoming_count": upcoming.count() if show_past else paginator.count,
            "past_count": paginator.count if show_past else past.count(),
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

"""Public pages of the upcoming contracts: the filterable list and one page per contract."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode

from core.vocabulary import ContractKind, LegalMechanism

from .filters import RESERVE_CHOICES, STATUS_CHOICES, ContractFilter
from .models import UpcomingContract

PER_PAGE = 20


def public_contracts():
    return UpcomingContract.objects.public().select_related(
        "buyer", "buyer__department", "legal_basis", "facilitator"
    )


def filtered(params):
    """(filter, French error messages, ordered queryset) for these query-string values."""
    contract_filter, errors = ContractFilter.from_params(params)
    queryset = contract_filter.apply(public_contracts()).order_by("expected_notice_date", "title")
    return contract_filter, errors, queryset


def _page_number(raw):
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def facets():
    from core.models import Sector
    from directory.models import Department, Region

    return {
        "sectors": list(Sector.objects.order_by("name").values_list("slug", "name")),
        "regions": list(Region.objects.order_by("name").values_list("code", "name")),
        "departments": list(Department.objects.order_by("code").values_list("code", "name")),
        "kinds": ContractKind.choices,
        "reserve": list(RESERVE_CHOICES.items()),
        "mechanisms": LegalMechanism.choices,
        "statuses": list(STATUS_CHOICES.items()),
    }


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
            "facets": facets(),
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

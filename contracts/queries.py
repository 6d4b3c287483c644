"""The queries behind the upcoming-contracts pages, feeds and exports: which contracts are
public, which match a query string, and the choices the filter form offers."""

from core.vocabulary import ContractKind, LegalMechanism

from .filters import RESERVE_CHOICES, STATUS_CHOICES, ContractFilter
from .models import UpcomingContract


def public_contracts():
    return UpcomingContract.objects.public().select_related(
        "buyer", "buyer__department", "legal_basis", "facilitator"
    )


def filtered(params):
    """(filter, French error messages, ordered queryset) for these query-string values."""
    contract_filter, errors = ContractFilter.from_params(params)
    queryset = contract_filter.apply(public_contracts()).order_by("expected_notice_date", "title")
    return contract_filter, errors, queryset


def form_choices():
    """The options of the filter form's lists: [(value, label)] for each list."""
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

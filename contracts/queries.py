"""The queries behind the upcoming-contracts pages, feeds and exports: which contracts are
public, which match a query string, and the choices the filter form offers."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from core.vocabulary import ContractKind, LegalMechanism

from .filters import RESERVE_CHOICES, STATUS_CHOICES, ContractFilter
from .models import CpvCode, UpcomingContract


def public_contracts():
    """Published contracts, each with `cpv_label`: the French label of its CPV code ("" when
    the code is unknown or the table not loaded)."""
    label = CpvCode.objects.filter(code=OuterRef("cpv_code")).values("label")[:1]
    return (
        UpcomingContract.objects.public()
        .select_related("buyer", "buyer__department", "legal_basis", "facilitator")
        .annotate(cpv_label=Subquery(label))
    )


def split_by_notice_date(queryset, today=None):
    """(upcoming, past): the contracts whose notice is expected today or later, soonest first,
    and those whose expected date has passed, most recent first (to be confirmed or updated)."""
    today = today or timezone.localdate()
    upcoming = queryset.filter(expected_notice_date__gte=today).order_by(
        "expected_notice_date", "title"
    )
    past = queryset.filter(expected_notice_date__lt=today).order_by(
        "-expected_notice_date", "title"
    )
    return upcoming, past


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

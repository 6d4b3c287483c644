"""Admin views of the upcoming contracts: the edit form and the territory guard of the snippet's
views (registered in contracts/wagtail_hooks.py)."""

import functools

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from wagtail.admin.forms import WagtailAdminModelForm

from .models import UpcomingContract
from .roles import ContractPermissionPolicy, allowed_buyers


class UpcomingContractForm(WagtailAdminModelForm):
    """A facilitator account can only pick the buyers of its territory."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "buyer" in self.fields:
            self.fields["buyer"].queryset = allowed_buyers(for_user).order_by("name")


def territory_guarded(view):
    """The view refuses the contracts of other territories when it takes one contract's pk
    (edit, delete, unpublish, history, revisions, lock, workflow actions…)."""
    policy = ContractPermissionPolicy(UpcomingContract)

    @functools.wraps(view)
    def guarded(request, *args, **view_kwargs):
        pk = view_kwargs.get("pk")
        if pk is not None:
            contract = (
                UpcomingContract.objects.select_related("buyer").filter(pk=unquote(str(pk))).first()
            )
            if contract is not None and not policy.in_territory(request.user, contract):
                raise PermissionDenied
        return view(request, *args, **view_kwargs)

    return guarded

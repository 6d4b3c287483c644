"""Admin of the upcoming contracts (a snippet with drafts, revisions, locking and the editorial
workflow) and of the facilitator accounts."""

from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_views import FrenchAddLabelMixin, with_slug_from_title

from .admin_views import (
    TerritoryDeleteBulkAction,
    UpcomingContractForm,
    buyer_chooser_viewset,
    territory_guarded,
)
from .models import FacilitatorMembership, UpcomingContract
from .roles import ContractPermissionPolicy, restrict_to_territory


class UpcomingContractViewSet(FrenchAddLabelMixin, SnippetViewSet):
    model = UpcomingContract
    icon = "date"
    menu_label = "Marchés à venir"
    menu_order = 250
    add_to_admin_menu = True
    add_item_label = "Ajouter un marché à venir"
    edit_handler = ObjectList(
        with_slug_from_title(UpcomingContract.panels), base_form_class=UpcomingContractForm
    )
    list_display = ["title", "buyer", "expected_notice_date", "status", "updated_at"]
    list_filter = ["status", "kind", "is_demo"]
    search_fields = ["title", "description"]
    # Substring search in the database: the search index only answers on autocomplete fields.
    search_backend_name = None
    ordering = ["expected_notice_date", "title"]

    def get_queryset(self, request):
        return restrict_to_territory(UpcomingContract.objects.select_related("buyer"), request.user)

    def construct_view(self, view_class, **kwargs):
        """Every view that takes one contract's pk refuses the contracts of other territories
        (edit, delete, unpublish, history, revisions, lock, workflow actions…)."""
        return territory_guarded(super().construct_view(view_class, **kwargs))


class FacilitatorMembershipViewSet(FrenchAddLabelMixin, ModelViewSet):
    model = FacilitatorMembership
    icon = "group"
    menu_label = "Comptes de facilitateurs"
    add_to_settings_menu = True
    add_item_label = "Rattacher un compte à une structure"
    form_fields = ["user", "structure"]
    list_display = ["user", "structure"]
    name = "comptes-facilitateurs"


register_permission_policy(UpcomingContract, ContractPermissionPolicy(UpcomingContract))
register_snippet(UpcomingContractViewSet)


@hooks.register("register_admin_viewset")
def register_memberships():
    return FacilitatorMembershipViewSet()


@hooks.register("register_admin_viewset")
def register_buyer_chooser():
    return buyer_chooser_viewset


# Registered after Wagtail's own snippet deletion (order 1), so that it replaces it for contracts.
hooks.register("register_bulk_action", TerritoryDeleteBulkAction, order=1)

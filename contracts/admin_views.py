"""Admin views of the upcoming contracts (registered in contracts/wagtail_hooks.py): the edit
form, the buyer chooser limited to the account's territory, the département checklist, the
territory guard of the snippet's views and of the bulk deletion."""

import functools

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction

from .models import UpcomingContract
from .roles import (
    ContractPermissionPolicy,
    allowed_buyers,
    has_all_territories,
    restrict_to_territory,
)


class BuyerFilterForm(BaseFilterForm):
    """The chooser's search box: a part of the buyer's name, or its département (name or code)."""

    q = forms.CharField(
        label="Rechercher un acheteur",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Nom, département ou numéro (ex. : 33)"}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if not query:
            return objects
        self.is_searching, self.search_query = True, query
        return objects.filter(
            Q(name__icontains=query)
            | Q(department__name__icontains=query)
            | Q(department__code=query)
        )


def _department_label(buyer):
    return str(buyer.department) if buyer.department_id else "—"


class TerritoryBuyersMixin:
    """Only the buyers the account may pick: its territory's, or all for editors."""

    filter_form_class = BuyerFilterForm
    ordering = ["name"]

    def get_object_list(self):
        return allowed_buyers(self.request.user).select_related("department")

    @property
    def columns(self):
        title = self.title_column
        title.label = "Acheteur"
        return [title, Column("department", label="Département", accessor=_department_label)]


class BuyerChooseView(TerritoryBuyersMixin, ChooseView):
    pass


class BuyerChooseResultsView(TerritoryBuyersMixin, ChooseResultsView):
    pass


class BuyerChooserViewSet(ChooserViewSet):
    model = "directory.PublicBuyer"
    icon = "site"
    choose_one_text = "Choisir un acheteur"
    choose_another_text = "Choisir un autre acheteur"
    edit_item_text = "Modifier l'acheteur"
    search_tab_label = "Rechercher"
    per_page = 20
    register_widget = False  # only the contract form uses it
    choose_view_class = BuyerChooseView
    choose_results_view_class = BuyerChooseResultsView


buyer_chooser_viewset = BuyerChooserViewSet("acheteurs-du-territoire")


class FilteredCheckboxes(forms.CheckboxSelectMultiple):
    """A long list of checkboxes in a scrolling box, with a text field that narrows it
    (contracts/js/filtered-checkboxes.js; without JavaScript the whole list stays usable)."""

    class Media:
        js = ["contracts/js/filtered-checkboxes.js"]
        css = {"all": ["contracts/css/filtered-checkboxes.css"]}

    def render(self, name, value, attrs=None, renderer=None):
        checkboxes = super().render(name, value, attrs, renderer)
        filter_id = f"{(attrs or {}).get('id') or name}-filtre"
        return format_html(
            '<div class="filtered-checkboxes" data-filtered-checkboxes>'
            '<label class="filtered-checkboxes__label" for="{}">Filtrer la liste</label>'
            '<input type="search" id="{}" class="filtered-checkboxes__filter" autocomplete="off"'
            ' placeholder="Nom ou numéro (ex. : Gironde, 33)" data-filtered-checkboxes-input>'
            '<p class="filtered-checkboxes__count" aria-live="polite" data-filtered-checkboxes-count></p>'
            '<div class="filtered-checkboxes__list">{}</div></div>',
            filter_id,
            filter_id,
            checkboxes,
        )


def territory_names(user):
    from directory.models import Department

    departments = Department.objects.filter(facilitators__memberships__user=user).distinct()
    return ", ".join(str(department) for department in departments)


class UpcomingContractForm(WagtailAdminModelForm):
    """Buyer through a chooser (limited to the account's territory); départements as a
    checklist with a filter."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.user = for_user
        if "buyer" in self.fields:
            self.fields["buyer"].widget = buyer_chooser_viewset.widget_class()
        if "departments" in self.fields:
            self.fields["departments"].widget = FilteredCheckboxes(
                choices=self.fields["departments"].choices
            )

    def clean_buyer(self):
        buyer = self.cleaned_data.get("buyer")
        if buyer is None or self.user is None or has_all_territories(self.user):
            return buyer
        if not allowed_buyers(self.user).filter(pk=buyer.pk).exists():
            territory = territory_names(self.user)
            if not territory:
                raise forms.ValidationError(
                    "Votre compte n'est rattaché à aucun territoire : demandez à un "
                    "administrateur de le lier à votre structure de facilitation."
                )
            raise forms.ValidationError(
                f"« {buyer.name} » n'est pas un acheteur de votre territoire ({territory}). "
                "Choisissez un acheteur de ces départements."
            )
        return buyer


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


class TerritoryDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk deletion of contracts, where the confirmation page and the deletion only
    ever see the account's own territory (no other territory's title listed as "no access")."""

    models = [UpcomingContract]

    def get_actionable_objects(self):
        ids = self.request.GET.getlist("id")
        contracts = UpcomingContract.objects.select_related("buyer")
        if "all" not in ids:
            contracts = contracts.filter(pk__in=ids)
        contracts = list(restrict_to_territory(contracts, self.request.user))
        if not contracts:
            raise Http404
        allowed = [contract for contract in contracts if self.check_perm(contract)]
        refused = [contract for contract in contracts if contract not in allowed]
        return allowed, {"items_with_no_access": refused}

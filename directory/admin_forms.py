"""Admin edit forms of the directory: autocomplete for communes (never a 35 000-option select)
and a facilitator's territory entered as communes, EPCI or whole départements, stored as
communes."""

from django import forms
from django.db.models import Count, Q
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList

from .models import Commune, Department, Epci
from .widgets import AutocompleteSelect, AutocompleteSelectMultiple


def commune_widget():
    return AutocompleteSelect("communes", "nom, code postal ou code INSEE")


class CommuneLabelField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.department.code})"


def whole_departments(structure):
    """The départements all of whose communes the structure covers (or covered as a whole
    when their communes are not loaded)."""
    if not structure.pk:
        return Department.objects.none()
    covered = dict(
        structure.covered_communes.values("department_id")
        .annotate(n=Count("id"))
        .values_list("department_id", "n")
    )
    totals = dict(
        Commune.objects.filter(department_id__in=covered)
        .values("department_id")
        .annotate(n=Count("id"))
        .values_list("department_id", "n")
    )
    ids = [d for d, n in covered.items() if totals.get(d) == n]
    unloaded = structure.covered_departments.filter(communes__isnull=True)
    return Department.objects.filter(Q(id__in=ids) | Q(id__in=unloaded.values("id")))


class FacilitatorAdminForm(WagtailAdminModelForm):
    whole_departments = forms.ModelMultipleChoiceField(
        Department.objects.all(),
        required=False,
        label="Départements entiers",
        help_text="Toutes les communes du département sont ajoutées au territoire.",
        widget=AutocompleteSelectMultiple("departements", "nom ou numéro du département"),
    )
    epcis = forms.ModelMultipleChoiceField(
        Epci.objects.all(),
        required=False,
        label="Ajouter les communes d'intercommunalités (EPCI)",
        help_text="Les communes membres sont ajoutées au territoire ; l'EPCI n'est pas conservé.",
        widget=AutocompleteSelectMultiple("epci", "nom de la métropole ou communauté"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["covered_communes"]
        self.fields["covered_communes"] = CommuneLabelField(
            Commune.objects.select_related("department"),
            required=False,
            label="Autres communes couvertes",
            help_text="Les communes hors des départements entiers choisis ci-dessus.",
            widget=field.widget,
        )
        if self.instance.pk and not self.is_bound:
            departments = whole_departments(self.instance)
            self.initial["whole_departments"] = list(departments.values_list("id", flat=True))
            self.initial["covered_communes"] = list(
                self.instance.covered_communes.exclude(department__in=departments).values_list(
                    "id", flat=True
                )
            )

    def clean(self):
        data = super().clean()
        departments = data.get("whole_departments") or Department.objects.none()
        epcis = data.get("epcis") or Epci.objects.none()
        communes = data.get("covered_communes") or Commune.objects.none()
        data["covered_communes"] = Commune.objects.filter(
            Q(id__in=communes.values("id"))
            | Q(department__in=departments.values("id"))
            | Q(epcis__in=epcis.values("id"))
        ).distinct()
        return data

    def _save_m2m(self):
        super()._save_m2m()
        # A whole département whose communes are not loaded is kept as a département.
        unloaded = (self.cleaned_data.get("whole_departments") or Department.objects.none()).filter(
            communes__isnull=True
        )
        current = self.instance.covered_departments.filter(communes__isnull=True)
        kept = set(unloaded.values_list("id", flat=True))
        self.instance.covered_departments.remove(*current.exclude(id__in=kept))
        self.instance.covered_departments.add(*kept)


ORGANISATION_PANELS = [
    FieldPanel("name"),
    FieldPanel("subkind"),
    FieldPanel("slug"),
    MultiFieldPanel(
        [
            FieldPanel("address"),
            FieldPanel("commune", widget=commune_widget()),
            FieldPanel("department"),
        ],
        heading="Adresse",
    ),
    FieldPanel("description"),
    FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    FieldPanel("website"),
    FieldRowPanel([FieldPanel("is_published"), FieldPanel("is_demo")]),
]

FACILITATOR_EDIT_HANDLER = ObjectList(
    [
        *ORGANISATION_PANELS,
        FieldRowPanel([FieldPanel("facilitators_count"), FieldPanel("facilitators_fte")]),
        MultiFieldPanel(
            [
                FieldPanel("whole_departments"),
                FieldPanel("epcis"),
                FieldPanel(
                    "covered_communes",
                    widget=AutocompleteSelectMultiple("communes", "nom, code postal ou code INSEE"),
                ),
                FieldPanel("area_description"),
            ],
            heading="Territoire couvert",
        ),
        FieldPanel("is_regional_coordinator"),
        FieldPanel("last_verified"),
    ],
    base_form_class=FacilitatorAdminForm,
)

EMPLOYER_EDIT_HANDLER = ObjectList(
    [
        *ORGANISATION_PANELS,
        FieldPanel("siret"),
        FieldRowPanel([FieldPanel("headcount"), FieldPanel("labels")]),
        FieldRowPanel([FieldPanel("source"), FieldPanel("last_synced_at")]),
        FieldPanel("raw_record"),
    ]
)

ACTIVITY_EDIT_HANDLER = ObjectList(
    [
        FieldPanel("employer"),
        FieldPanel("sector"),
        FieldRowPanel([FieldPanel("scope"), FieldPanel("radius_km")]),
        FieldPanel("regions"),
        FieldPanel(
            "departments",
            widget=AutocompleteSelectMultiple("departements", "nom ou numéro du département"),
        ),
        FieldPanel(
            "communes",
            widget=AutocompleteSelectMultiple("communes", "nom, code postal ou code INSEE"),
        ),
    ]
)

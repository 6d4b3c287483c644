"""The admin page that imports a file with an Importer (core/importing.py), for every app.

    path("…/importer/", ImportView.as_view(importer_class=…, permission_required=…,
         title=…, template_name=…), name=…)

GET shows the form (Wagtail's admin layout, a title, an example file to download at
`?exemple=1`); POST checks the whole file: refused, the page lists every error with its line
number and nothing is written; accepted, a success message gives the summary and the encoding
the file was read in.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.generic import FormView
from wagtail.admin.active_filters import ActiveFilter, BaseFilterAdapter
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column

from . import import_events
from .importing import ImportRefused, megabytes


class ImportForm(forms.Form):
    file = forms.FileField(label="Fichier")

    def __init__(self, *args, max_bytes, label, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["file"].label = label
        self.fields["file"].help_text = help_text

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(f"Fichier trop volumineux ({megabytes(self.max_bytes)}).")
        return upload


class ImportView(PermissionRequiredMixin, FormView):
    importer_class = None
    raise_exception = True  # a signed-in editor without the right gets a 403, not a login loop
    template_name = "core/admin/import.html"
    form_class = ImportForm
    title = "Importer"
    file_label = "Fichier CSV"
    file_help = (
        "CSV en UTF-8 ou tel qu'Excel l'enregistre (Windows-1252), "
        "séparateur virgule ou point-virgule."
    )
    example_filename = "exemple.csv"
    refused = None

    def example_csv(self):
        """The example file's text: by default the header line of the required columns."""
        return ";".join(self.importer_class.required_columns) + "\r\n"

    def get(self, request, *args, **kwargs):
        if "exemple" in request.GET:
            response = HttpResponse(
                ("\ufeff" + self.example_csv().lstrip("\ufeff")).encode("utf-8"),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{self.example_filename}"'
            return response
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "max_bytes": self.importer_class.max_bytes,
            "label": self.file_label,
            "help_text": self.file_help,
        }

    def post(self, request, *args, **kwargs):
        """Every file sent here is recorded, with its outcome (core/import_events.py)."""
        upload = request.FILES.get("file")
        if upload is None:
            return super().post(request, *args, **kwargs)
        with import_events.attempt(
            self.title, import_events.SCREEN, request.user, upload.name, upload
        ) as current:
            response = super().post(request, *args, **kwargs)
            current.refused = self.refused
            current.problems = self.form_problems
        return response

    form_problems = ()

    def form_invalid(self, form):
        self.form_problems = [error for errors in form.errors.values() for error in errors]
        return super().form_invalid(form)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            report = self.importer_class().run(upload.read(), upload.name)
        except ImportRefused as refused:
            self.refused = refused
            return self.form_invalid(form)
        messages.success(
            self.request, f"Import terminé : {report}. Fichier lu en {report.encoding}."
        )
        return redirect(self.request.path)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "page_title": self.title,
            "header_title": self.title,
            "header_icon": "upload",
            "example_url": "?exemple=1",
            "example_filename": self.example_filename,
            "refused": self.refused,
        }


class PermissionMenuItem(MenuItem):
    """A menu entry shown only to those who hold `permission` (the page behind it would refuse
    the others)."""

    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


def yes_no(value):
    return "oui" if value else "non"


def yes_no_column(field_name, label):
    """A list column showing a yes/no field as « oui » / « non » (Wagtail shows True/False)."""
    return Column(field_name, label=label, accessor=lambda obj: yes_no(getattr(obj, field_name)))


class YesNoFilterAdapter(BaseFilterAdapter):
    """The active-filter chip of a yes/no filter says « Publiée : oui », not « True »."""

    def get_active_filters(self):
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            yes_no(self.value),
            self.get_url_without_filter_param(self.name),
        )


class FrenchAddLabelMixin:
    """A viewset whose « add » button reads `add_item_label` (« Ajouter une clause type »)
    instead of Wagtail's genderless « Ajouter un(e) Clause type »."""

    add_item_label = None

    def get_index_view_kwargs(self, **kwargs):
        kwargs = super().get_index_view_kwargs(**kwargs)
        if self.add_item_label:
            kwargs["add_item_label"] = self.add_item_label
        return kwargs


def with_slug_from_title(panels):
    """The model's panels, with the slug filled from the title as the editor types it, on a new
    object only (Wagtail's TitleFieldPanel and SlugInput, as on pages): a published address is
    never changed by retitling."""
    from wagtail.admin.panels import FieldPanel, TitleFieldPanel
    from wagtail.admin.widgets.slug import SlugInput

    class TitleForNewObjectPanel(TitleFieldPanel):
        class BoundPanel(TitleFieldPanel.BoundPanel):
            def get_should_apply(self):
                return not (self.instance and self.instance.pk)

    def convert(panel):
        name = getattr(panel, "field_name", None)
        if type(panel) is FieldPanel and name == "title":
            return TitleForNewObjectPanel("title", placeholder=False)
        if type(panel) is FieldPanel and name == "slug":
            return FieldPanel("slug", widget=SlugInput)
        return panel

    return [convert(panel) for panel in panels]

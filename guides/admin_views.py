"""Admin view: copy a whole edition into a draft of the next year, keeping paragraph identifiers."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.admin import messages
from wagtail.models import Page

from .models import GuideEditionPage


class PrepareEditionForm(forms.Form):
    year = forms.IntegerField(label="Année de la nouvelle édition", min_value=2000, max_value=2100)
    in_force_from = forms.DateField(
        label="Date d'entrée en vigueur prévue",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Modifiable ensuite dans l'édition ; elle deviendra l'édition en vigueur ce jour-là.",
    )

    def clean_year(self):
        year = self.cleaned_data["year"]
        if GuideEditionPage.objects.filter(year=year).exists():
            raise forms.ValidationError(
                f"Une édition {year} existe déjà (publiée ou en brouillon)."
            )
        return year


def copy_edition(source, year, in_force_from, user=None):
    """Copy an edition and all its chapters and sections into an unpublished draft."""
    parent = source.get_parent()
    title = source.title.replace(str(source.year), str(year))
    if title == source.title:
        title = f"{source.title} ({year})"
    new_page = source.copy(
        recursive=True,
        to=parent,
        update_attrs={
            "title": title,
            "slug": str(year),
            "year": year,
            "in_force_from": in_force_from,
            "summary": "",
            "change_kind": "majeure",
            "change_note": "",
            "draft_title": title,
        },
        keep_live=False,
        user=user,
        log_action="wagtail.copy",
    )
    # Notes and "minor/major" markers belong to one publication: start the new edition clean.
    for page in Page.objects.descendant_of(new_page).specific():
        if hasattr(page, "change_note") and page.change_note:
            page.change_note = ""
            page.save(update_fields=["change_note"])
    return new_page.specific


def prepare_next_edition(request, page_id):
    source = get_object_or_404(GuideEditionPage, pk=page_id)
    parent = source.get_parent()
    if not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    initial = {
        "year": source.year + 1,
        "in_force_from": datetime.date(source.year + 1, 1, 1),
    }
    form = PrepareEditionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        new_edition = copy_edition(
            source, form.cleaned_data["year"], form.cleaned_data["in_force_from"], request.user
        )
        messages.success(
            request,
            f"Brouillon de l'édition {new_edition.year} créé à partir de l'édition {source.year} : "
            "les identifiants des paragraphes sont conservés. Rien n'est publié.",
        )
        return redirect("wagtailadmin_explore", new_edition.pk)
    return TemplateResponse(
        request,
        "guides/admin/prepare_edition.html",
        {"source": source, "form": form, "page_count": source.get_descendants().count()},
    )

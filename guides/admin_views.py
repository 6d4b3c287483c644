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


class PublishEditionForm(forms.Form):
    go_live_at = forms.DateTimeField(
        label="Publication programmée le (facultatif)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        help_text="Vide : publication immédiate. Sinon, toutes les pages sont publiées à cette date.",
    )


def publish_edition(source, user=None, go_live_at=None):
    """Publish (or schedule) the latest revision of an edition and of all its pages at once."""
    pages = [source, *Page.objects.descendant_of(source).order_by("path").specific()]
    published = 0
    for page in pages:
        draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
        draft.go_live_at = go_live_at
        revision = draft.save_revision(user=user, log_action=True)
        revision.publish(user=user)
        published += 1
    return published


def publish_whole_edition(request, page_id):
    edition = get_object_or_404(GuideEditionPage, pk=page_id)
    if not edition.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    form = PublishEditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        go_live_at = form.cleaned_data["go_live_at"]
        count = publish_edition(edition, request.user, go_live_at)
        if go_live_at:
            messages.success(
                request,
                f"{count} page(s) de l'édition {edition.year} programmée(s) pour le "
                f"{go_live_at:%d/%m/%Y à %H:%M}.",
            )
        else:
            messages.success(request, f"{count} page(s) de l'édition {edition.year} publiée(s).")
        return redirect("wagtailadmin_explore", edition.pk)
    return TemplateResponse(
        request,
        "guides/admin/publish_edition.html",
        {"edition": edition, "form": form, "page_count": edition.get_descendants().count() + 1},
    )

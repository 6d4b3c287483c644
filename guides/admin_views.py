"""Admin views of the guide's editions: prepare the next one (a draft copy keeping paragraph
identifiers), review it against the edition in force, publish it whole (a background job)."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin import messages
from wagtail.models import Page

from . import content, publishing
from .compare import compare_editions, draft_outline
from .models import (
    ChangeKind,
    EditionPublication,
    GuideEditionPage,
    GuidePageMixin,
    PublicationStatus,
)


class PrepareEditionForm(forms.Form):
    year = forms.IntegerField(label="Année de la nouvelle édition", min_value=2000, max_value=2100)
    in_force_from = forms.DateField(
        label="Date d'entrée en vigueur prévue",
        # The browser's date input reads only ISO dates, whatever the site's date format.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
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
    """Copy an edition and all its chapters and sections into an unpublished draft.

    Revisions are not copied: a change note (and "validated by") belongs to the publication
    that made it, and copied revisions would publish last year's notes again. Each copied page
    starts with one revision of its own, without a note."""
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
            "validated_by": "",
            "draft_title": title,
        },
        copy_revisions=False,
        keep_live=False,
        user=user,
        log_action="wagtail.copy",
    )
    for page in Page.objects.descendant_of(new_page, inclusive=True).specific():
        if isinstance(page, GuidePageMixin) and page.pk != new_page.pk:
            page.change_note = ""
            page.change_kind = ChangeKind.MINOR
            page.save(update_fields=["change_note", "change_kind"])
        page.save_revision(user=user, clean=False, log_action=False)
    return GuideEditionPage.objects.get(pk=new_page.pk)


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


# ---------------------------------------------------------------------------- publish whole


class PublishEditionForm(forms.Form):
    go_live_at = forms.DateTimeField(
        label="Publication programmée le (facultatif)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        help_text="Vide : publication immédiate. Sinon, toutes les pages sont publiées "
        "ensemble à cette date.",
    )

    def clean_go_live_at(self):
        go_live_at = self.cleaned_data["go_live_at"]
        if go_live_at and go_live_at <= timezone.now():
            raise forms.ValidationError(
                "Cette date est passée : laissez le champ vide pour publier tout de suite."
            )
        return go_live_at


def _changed_pages(pages):
    """Pages whose latest revision is not the live one: what publishing will change."""
    return [page for page in pages if not page.live or page.has_unpublished_changes]


def publish_whole_edition(request, page_id):
    edition = get_object_or_404(GuideEditionPage, pk=page_id)
    if not edition.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    active = publishing.active_publication(edition)
    if active is not None:
        return redirect("guides_edition_publication", active.pk)
    pages = publishing.edition_pages(edition)
    waiting = publishing.pages_in_review(pages)
    form = PublishEditionForm(request.POST or None)
    if request.method == "POST" and not waiting and form.is_valid():
        try:
            job = publishing.request_publication(
                edition, request.user, form.cleaned_data["go_live_at"]
            )
        except publishing.EditionBlocked as blocked:
            waiting = blocked.waiting
        else:
            return redirect("guides_edition_publication", job.pk)
    return TemplateResponse(
        request,
        "guides/admin/publish_edition.html",
        {
            "edition": edition,
            "form": form,
            "page_count": len(pages),
            "waiting": waiting,
            "changed": _changed_pages(pages),
            "in_force": content.edition_in_force(),
        },
    )


def edition_publication(request, job_id):
    """The job's progress; the page reloads itself while the job is not finished."""
    job = get_object_or_404(EditionPublication.objects.select_related("edition"), pk=job_id)
    if not job.edition.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    if request.method == "POST" and job.status == PublicationStatus.SCHEDULED:
        job.status = PublicationStatus.CANCELLED
        job.finished_at = timezone.now()
        job.message = "Publication programmée annulée : rien n'a été publié."
        job.save(update_fields=["status", "finished_at", "message"])
        messages.success(request, job.message)
        return redirect("guides_edition_publication", job.pk)
    done, total = publishing.progress_of(job)
    return TemplateResponse(
        request,
        "guides/admin/edition_publication.html",
        {
            "job": job,
            "edition": job.edition,
            "done": done,
            "total": total,
            "refresh": job.status in (PublicationStatus.PENDING, PublicationStatus.RUNNING),
        },
    )


# ---------------------------------------------------------------------------- review


def review_edition(request, page_id):
    """The draft of an edition (latest revisions) against the edition in force, for editors."""
    edition = get_object_or_404(GuideEditionPage, pk=page_id)
    if not edition.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    in_force = content.edition_in_force()
    comparison = None
    if in_force is not None and in_force.pk != edition.pk:
        comparison = compare_editions(in_force, edition, new_outline=draft_outline(edition))
    return TemplateResponse(
        request,
        "guides/admin/review_edition.html",
        {
            "edition": edition,
            "in_force": in_force,
            "comparison": comparison,
            "waiting": publishing.pages_in_review(publishing.edition_pages(edition)),
        },
    )

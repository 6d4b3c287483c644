"""Views of the guide: thin functions over guides.content, called by the pages' routes and by
guides/urls.py (legal bases). Only live, public pages are ever read."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import slugify
from wagtail.models import Page

from core.links import absolute_url

from . import content
from .compare import compare_editions
from .models import (
    ChangeKind,
    ChangeNote,
    LegalBasis,
    PurchaseStage,
)


def _not_found(request, message, title="Page introuvable", status=404, context=None):
    return TemplateResponse(
        request,
        "guides/message.html",
        {"title": title, "message": message, **(context or {})},
        status=status,
    )


# ---------------------------------------------------------------------------- guide root


def guide_index(request, root):
    current = content.edition_in_force()
    editions = list(content.public_editions())
    upcoming = [e for e in editions if e.in_force_from > content.today()]
    context = root.get_context(request)
    context.update(
        {
            "edition": current,
            "outline": content.edition_outline(current) if current else [],
            "editions": [(e, e.status()) for e in editions],
            "upcoming": upcoming,
            "latest_notes": public_notes()[:5],
        }
    )
    return TemplateResponse(request, "guides/guide_index_page.html", context)


# ---------------------------------------------------------------------------- change notes


def public_notes(major_only=False):
    """Change notes of live public guide pages of live public editions."""
    editions = content.public_editions()
    public_pages = Page.objects.live().public()
    allowed = set()
    for edition in editions:
        allowed.update(
            public_pages.descendant_of(edition, inclusive=True).values_list("pk", flat=True)
        )
    notes = (
        ChangeNote.objects.filter(page_id__in=allowed)
        .exclude(Exists(_earlier_copies()))
        .select_related("page")
    )
    if major_only:
        notes = notes.filter(kind=ChangeKind.MAJOR)
    return notes


def _earlier_copies():
    """The same note, of the same kind, published earlier at the same place of another edition
    (a chapter with the same slug, or another edition page): a note copied with its page when
    the next edition was prepared is listed once, on the publication that wrote it."""
    from .models import GuideEditionPage

    same_place = Q(page__slug=OuterRef("page__slug")) | Q(
        page__content_type=ContentType.objects.get_for_model(GuideEditionPage)
    )
    return (
        ChangeNote.objects.filter(
            same_place,
            note=OuterRef("note"),
            kind=OuterRef("kind"),
            page__depth=OuterRef("page__depth"),
            published_at__lt=OuterRef("published_at"),
        )
        .exclude(page_id=OuterRef("page_id"))
        .values("pk")
    )


def updates(request, root):
    kind = request.GET.get("nature", "")
    notes = public_notes(major_only=kind == "majeure")
    context = root.get_context(request)
    context.update({"notes": notes, "kind": kind, "root": root})
    return TemplateResponse(request, "guides/updates.html", context)


class UpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = "Guide des clauses sociales — modifications majeures"
    subtitle = "Les modifications majeures du guide annuel des clauses sociales d'insertion."
    language = "fr"

    def link(self):
        return absolute_url("/guide/mises-a-jour/")

    def feed_url(self):
        return absolute_url("/guide/flux.atom")

    def items(self):
        return list(public_notes(major_only=True)[:50])

    def item_title(self, item):
        return f"{item.page.title} : {item.note}"

    def item_description(self, item):
        return item.note

    def item_link(self, item):
        return absolute_url(item.page.url)

    def item_guid(self, item):
        return f"urn:clauses-sociales:guide:note:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


def updates_feed(request):
    return UpdatesFeed()(request)


# ---------------------------------------------------------------------------- stages


def stages(request, root):
    current = content.edition_in_force()
    groups = []
    if current is not None:
        outline = content.edition_outline(current)
        numbered = list(content.outline_pages(outline))
        for stage in PurchaseStage.objects.all():
            pages = []
            for page, number, _chapter in numbered:
                if any(s.pk == stage.pk for s in page.stages.all()):
                    pages.append((page, number))
            groups.append((stage, pages))
    context = root.get_context(request)
    context.update({"edition": current, "groups": groups})
    return TemplateResponse(request, "guides/stages.html", context)


# ---------------------------------------------------------------------------- edition routes


def compare(request, edition, other_year):
    if other_year == edition.year:
        return _not_found(
            request,
            "Une édition ne peut pas être comparée avec elle-même : choisissez une autre année.",
            title="Comparaison impossible",
            context={"edition": edition, "other_editions": _others(edition)},
        )
    other = content.public_edition(other_year)
    if other is None:
        return _not_found(
            request,
            f"Il n'existe pas d'édition {other_year} publiée du guide.",
            title="Édition introuvable",
            context={"edition": edition, "other_editions": _others(edition)},
        )
    old, new = sorted([edition, other], key=lambda e: (e.in_force_from, e.year))
    comparison = compare_editions(old, new)
    context = edition.get_context(request)
    context.update({"page": edition, "old": old, "new": new, "comparison": comparison})
    return TemplateResponse(request, "guides/compare.html", context)


def _others(edition):
    return [e for e in content.public_editions() if e.pk != edition.pk]


def follow_paragraph(request, edition, pid):
    """Where a paragraph of this edition lives in the edition in force (or that it was removed)."""
    units = content.units_by_pid(content.edition_units(edition))
    if pid not in units:
        raise Http404("Paragraphe inconnu")
    current = content.edition_in_force()
    if current is not None:
        target = content.units_by_pid(content.edition_units(current)).get(pid)
        if target is not None:
            return redirect(target.url)
    return _not_found(
        request,
        f"Le paragraphe {units[pid].number} de l'édition {edition.year} ne figure plus dans "
        "l'édition en vigueur.",
        title="Paragraphe retiré",
        status=200,
        context={"edition": current, "source_unit": units[pid], "source_edition": edition},
    )


def paragraph_history(request, pid):
    """The versions of one paragraph across the public editions, with what changed."""
    from .blocks import PID_PATTERN
    from .compare import word_diff

    versions = content.paragraph_history(pid) if PID_PATTERN.match(pid) else []
    if not versions:
        return _not_found(
            request,
            "Aucune édition publiée du guide ne contient ce paragraphe.",
            title="Paragraphe introuvable",
        )
    diffs = {
        version.edition.pk: word_diff(version.previous.unit.text, version.unit.text)
        for version in versions
        if version.changed
    }
    rows = [(version, diffs.get(version.edition.pk)) for version in versions]
    return TemplateResponse(
        request,
        "guides/paragraph_history.html",
        {"versions": rows, "latest": versions[0], "pid": pid},
    )


def _pdf_response(data, filename, request):
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "attachment" if request.GET.get("telecharger") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def edition_pdf(request, edition):
    from .pdf import get_pdf

    return _pdf_response(get_pdf(edition), f"guide-clauses-sociales-{edition.year}.pdf", request)


def chapter_pdf(request, chapter):
    from .pdf import get_pdf

    edition = chapter.get_edition()
    if edition is None or not edition.live:
        raise Http404
    return _pdf_response(
        get_pdf(edition, chapter),
        f"guide-clauses-sociales-{edition.year}-{slugify(chapter.slug)}.pdf",
        request,
    )


# ---------------------------------------------------------------------------- legal bases


def legal_basis_list(request):
    bases = LegalBasis.objects.public()
    return TemplateResponse(
        request,
        "guides/legal_basis_list.html",
        {"bases": bases, "citation_counts": _citation_counts()},
    )


def _citation_counts():
    counts = {}
    for edition in content.public_editions():
        for unit in content.edition_units(edition):
            for basis_id in set(unit.legal_basis_ids):
                counts[basis_id] = counts.get(basis_id, 0) + 1
    return counts


def citing_units(basis):
    """[(edition, status, [units])] for every live public edition citing this basis."""
    found = []
    for edition in content.public_editions():
        units = [u for u in content.edition_units(edition) if basis.pk in u.legal_basis_ids]
        if units:
            found.append((edition, edition.status(), units))
    return found


def citing_objects(basis):
    """Other apps' objects with a foreign key named `legal_basis` (model clauses, contracts…).

    A hook for models this app does not know: each related model is queried through its reverse
    relation; pages must be live and public, objects with a `live` flag must be live.
    """
    results = []
    for relation in LegalBasis._meta.related_objects:
        if relation.field.name != "legal_basis":
            continue
        model = relation.related_model
        queryset = model._default_manager.filter(legal_basis=basis)
        if issubclass(model, Page):
            queryset = queryset.live().public()
        elif any(f.name == "live" for f in model._meta.get_fields()):
            queryset = queryset.filter(live=True)
        for obj in queryset[:50]:
            url = obj.url if isinstance(obj, Page) else getattr(obj, "get_absolute_url", None)
            url = url() if callable(url) else url
            results.append((model._meta.verbose_name, obj, url))
    return results


def legal_basis_detail(request, slug):
    basis = get_object_or_404(LegalBasis.objects.public(), slug=slug)
    return TemplateResponse(
        request,
        "guides/legal_basis_detail.html",
        {
            "basis": basis,
            "former_lines": [line for line in basis.former_articles.splitlines() if line.strip()],
            "citations": citing_units(basis),
            "other_citations": citing_objects(basis),
        },
    )

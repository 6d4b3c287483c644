"""Demo content of the guide: legal bases, the guide root and the 2025 and 2026 editions.

Idempotent: legal bases are matched by slug, editions by year; nothing existing is changed.
The text lives in guides/demo/content.py.
"""

import contextlib
import datetime

from django.utils import timezone
from wagtail.models import Page

from core.demo_tools import home_page, is_editorial_page, rich, stream
from core.wagtail_private import search_indexing_on_save_paused
from search.indexing import index_objects

from ..models import (
    ChangeNote,
    GuideChapterPage,
    GuideEditionPage,
    GuideIndexPage,
    GuideSectionPage,
    LegalBasis,
    PurchaseStage,
)
from ..pdf import suspend_regeneration
from . import content

GUIDE_INTRO = (
    "La doctrine de référence sur les clauses sociales d'insertion, rééditée chaque année. "
    "Chaque édition reste en ligne, citable paragraphe par paragraphe et comparable à la précédente."
)


def _ensure_legal_bases():
    created = 0
    bases = {}
    for order, data in enumerate(content.LEGAL_BASES):
        basis, was_created = LegalBasis.objects.get_or_create(
            slug=data["slug"],
            defaults={**{k: v for k, v in data.items() if k != "slug"}, "sort_order": order},
        )
        created += was_created
        bases[basis.slug] = basis.pk
    return bases, created


def _ensure_root(home):
    existing = home.get_children().filter(slug="guide").first()
    if existing is not None:
        specific = existing.specific
        if isinstance(specific, GuideIndexPage):
            return specific, False
        if not is_editorial_page(specific) or specific.get_children_count():
            raise RuntimeError(
                "La page /guide/ existe déjà et n'est pas la page d'attente attendue."
            )
        existing.delete()
    root = GuideIndexPage(
        title="Guide des clauses sociales",
        slug="guide",
        intro=GUIDE_INTRO,
        search_description="Le guide annuel des clauses sociales d'insertion : édition en vigueur, éditions précédentes, mises à jour.",
        show_in_menus=True,
    )
    home.add_child(instance=root)
    root.save_revision().publish()
    return root, True


def _keep(item, year):
    return item.get("only") in (None, year)


def _block(item, year, bases):
    kind = item["kind"]
    text = item.get("was") if year == 2025 and item.get("was") else item.get("text", "")
    if kind == "heading":
        return ("heading", item["text"])
    if kind == "paragraph":
        return (
            "paragraph",
            {
                "pid": item["key"],
                "text": rich(text),
                "legal_bases": [bases[s] for s in item["bases"]],
            },
        )
    if kind in ("example", "warning"):
        return (kind, {"pid": item["key"], "title": item["title"], "text": rich(text)})
    if kind == "legal_reference":
        return (
            "legal_reference",
            {"pid": item["key"], "legal_basis": bases[item["basis"]], "text": rich(text)},
        )
    if kind in ("clause_link", "labour_share_link"):
        return (kind, {"title": item["title"], "url": item["url"], "text": item["text"]})
    if kind == "table":
        return (
            "table",
            {
                "data": [item["header"], *item["rows"]],
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "table_caption": item["caption"],
            },
        )
    raise ValueError(kind)


def _body(units, year, bases):
    return stream(*[_block(item, year, bases) for item in units if _keep(item, year)])


def _note(data, year):
    kind, note = data.get("notes", {}).get(year, ("mineure", ""))
    return {"change_kind": kind, "change_note": note}


def _publish(parent, page, published_at):
    """Create a page already published, with one revision: the fast path of Wagtail's
    publish (no moderation log, no signal), enough for demo content loaded in bulk."""
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = published_at
    parent.add_child(instance=page)
    revision = page.save_revision(clean=False, changed=False)
    Page.objects.filter(pk=page.pk).update(live_revision=revision, has_unpublished_changes=False)
    page.live_revision = revision
    if getattr(page, "change_note", ""):
        ChangeNote.objects.create(
            page=page,
            revision=revision,
            kind=page.change_kind,
            note=page.change_note,
            published_at=published_at,
        )
    return page


@contextlib.contextmanager
def _search_index_paused(models):
    """Index each page once at the end rather than at each of its saves."""
    created = []
    with search_indexing_on_save_paused(models):
        yield created
    by_model = {}
    for page in created:
        by_model.setdefault(type(page), []).append(page)
    for model, pages in by_model.items():
        index_objects(model, pages)  # a backend that is down is logged, not fatal


def _create_edition(root, year, bases, stages, created):
    data = content.EDITIONS[year]
    in_force_from = datetime.date.fromisoformat(data["in_force_from"])
    # Realistic publication dates: a fortnight before entry into force.
    published = timezone.make_aware(
        datetime.datetime.combine(in_force_from - datetime.timedelta(days=14), datetime.time(10))
    )
    edition = _publish(
        root,
        GuideEditionPage(
            title=data["title"],
            slug=str(year),
            year=year,
            in_force_from=in_force_from,
            validated_by=data["validated_by"],
            summary=data["summary"],
            change_kind="majeure",
            change_note=data["change_note"],
            search_description=f"Édition {year} du guide des clauses sociales d'insertion.",
        ),
        published,
    )
    created.append(edition)
    for chapter_data in content.CHAPTERS:
        chapter = GuideChapterPage(
            **_note(chapter_data, year),
            title=chapter_data["title"],
            slug=chapter_data["slug"],
            intro=chapter_data["intro"],
            body=_body(chapter_data["units"], year, bases),
            search_description=chapter_data["intro"],
        )
        chapter.stages.set([stages[s] for s in chapter_data["stages"]])
        created.append(_publish(edition, chapter, published))
        for section_data in chapter_data.get("sections", []):
            if not _keep(section_data, year):
                continue
            section = GuideSectionPage(
                **_note(section_data, year),
                title=section_data["title"],
                slug=section_data["slug"],
                intro=section_data["intro"],
                body=_body(section_data["units"], year, bases),
                search_description=section_data["intro"],
            )
            section.stages.set([stages[s] for s in chapter_data["stages"]])
            created.append(_publish(chapter, section, published))
    return edition


def load(stdout):
    bases, bases_created = _ensure_legal_bases()
    home = home_page()
    if home is None:
        return f"{bases_created} base(s) juridique(s) créée(s) ; pas de page d'accueil, guide non créé."
    stages = {stage.slug: stage for stage in PurchaseStage.objects.all()}
    models = [GuideIndexPage, GuideEditionPage, GuideChapterPage, GuideSectionPage]
    with suspend_regeneration(), _search_index_paused(models) as created:
        root, root_created = _ensure_root(home)
        editions_created = []
        for year in sorted(content.EDITIONS):
            if root.get_children().filter(slug=str(year)).exists():
                continue
            _create_edition(root, year, bases, stages, created)
            editions_created.append(str(year))
    made = ", ".join(editions_created) if editions_created else "aucune"
    return (
        f"{bases_created} base(s) juridique(s) créée(s), racine du guide "
        f"{'créée' if root_created else 'déjà là'}, édition(s) créée(s) : {made}."
    )

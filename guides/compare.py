"""Comparison of two editions, unit by unit, through the stable paragraph identifiers."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import content

TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass
class Change:
    kind: str  # "ajout", "suppression", "modification"
    old: object = None
    new: object = None
    diff_html: str = ""
    moved: bool = False


@dataclass
class ChapterChanges:
    title: str
    number: str
    url: str
    changes: list = field(default_factory=list)

    def count(self, kind):
        return sum(1 for change in self.changes if change.kind == kind)


def word_diff(old_text, new_text):
    """HTML of the new text with <del>/<ins> around changed words, labelled for screen readers."""
    old_words = TOKEN.findall(old_text)
    new_words = TOKEN.findall(new_text)
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    parts = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(new_words[b1:b2])))
            continue
        if op in ("delete", "replace"):
            removed = "".join(old_words[a1:a2]).strip()
            if removed:
                parts.append(
                    '<del><span class="fr-sr-only">suppression : </span>'
                    f"{escape(removed)}"
                    '<span class="fr-sr-only"> (fin de suppression)</span></del> '
                )
        if op in ("insert", "replace"):
            added = "".join(new_words[b1:b2]).strip()
            if added:
                parts.append(
                    '<ins><span class="fr-sr-only">ajout : </span>'
                    f"{escape(added)}"
                    '<span class="fr-sr-only"> (fin d\'ajout)</span></ins> '
                )
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def draft_outline(edition):
    """The outline of an edition as its editors see it: every chapter and section (drafts
    included) in the state of its latest revision. For the admin's review only."""
    from .models import GuideChapterPage, GuideSectionPage

    def latest(queryset):
        return [page.get_latest_revision_as_object() for page in queryset.order_by("path")]

    chapters = latest(GuideChapterPage.objects.child_of(edition))
    sections = latest(GuideSectionPage.objects.descendant_of(edition))
    nodes = []
    for index, chapter in enumerate(chapters, start=1):
        node = content.OutlineNode(chapter, str(index))
        children = [s for s in sections if s.path.startswith(chapter.path)]
        node.children = [
            content.OutlineNode(section, f"{index}.{position}")
            for position, section in enumerate(children, start=1)
        ]
        nodes.append(node)
    return nodes


def compare_editions(old, new, new_outline=None):
    """Chapters of the new edition (then removed chapters) with their added, removed and
    changed units, plus totals. `new_outline` replaces the new edition's published outline
    (the admin compares a draft)."""
    old_units = content.edition_units(old)
    new_outline = new_outline if new_outline is not None else content.edition_outline(new)
    new_units = content.edition_units(new, new_outline)
    old_by_pid = content.units_by_pid(old_units)
    new_by_pid = content.units_by_pid(new_units)

    chapters = {}
    order = []

    def bucket(chapter, number):
        key = chapter.slug
        if key not in chapters:
            chapters[key] = ChapterChanges(chapter.title, number, chapter.url)
            order.append(key)
        return chapters[key]

    for node in new_outline:
        bucket(node.page, node.number)

    for unit in new_units:
        before = old_by_pid.get(unit.pid)
        target = bucket(unit.chapter, unit.chapter_number)
        if before is None:
            target.changes.append(Change("ajout", new=unit))
        elif before.text != unit.text or before.kind != unit.kind:
            target.changes.append(
                Change(
                    "modification",
                    old=before,
                    new=unit,
                    diff_html=word_diff(before.text, unit.text),
                    moved=before.chapter.slug != unit.chapter.slug,
                )
            )
    for unit in old_units:
        if unit.pid not in new_by_pid:
            target = bucket(unit.chapter, unit.chapter_number)
            target.changes.append(Change("suppression", old=unit))

    result = [chapters[key] for key in order]
    totals = {
        kind: sum(chapter.count(kind) for chapter in result)
        for kind in ("ajout", "suppression", "modification")
    }
    return {"chapters": result, "totals": totals, "unchanged": _unchanged(old_by_pid, new_by_pid)}


def _unchanged(old_by_pid, new_by_pid):
    return sum(
        1
        for pid, unit in new_by_pid.items()
        if pid in old_by_pid and old_by_pid[pid].text == unit.text
    )

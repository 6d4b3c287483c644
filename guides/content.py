"""The guide's domain logic, in plain functions that pages and views call.

- which editions are public and which one is in force (derived from dates at request time);
- the outline of an edition (chapters, sections) and the numbering of its units;
- the list of numbered units (paragraphs, examples, warnings, legal references) with their
  stable identifiers, used by the comparison, the legal-basis pages, the PDF and the banner.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from core.wagtail_private import set_decoded_stream_child, undecoded_stream_items

from .blocks import NUMBERED_BLOCKS

KIND_LABELS = {
    "paragraph": "Paragraphe",
    "example": "Exemple",
    "warning": "Point d'attention",
    "legal_reference": "Référence juridique",
}


def today():
    return timezone.localdate()


# ---------------------------------------------------------------------------- editions


def public_editions():
    """Live, public editions, newest entry into force first."""
    from .models import GuideEditionPage

    return GuideEditionPage.objects.live().public().order_by("-in_force_from", "-year")


def edition_in_force(on=None):
    on = on or today()
    return public_editions().filter(in_force_from__lte=on).first()


def edition_status(edition, on=None):
    from .models import EditionStatus

    on = on or today()
    if edition.in_force_from > on:
        return EditionStatus.UPCOMING
    current = edition_in_force(on)
    if current is not None and current.pk == edition.pk:
        return EditionStatus.IN_FORCE
    return EditionStatus.SUPERSEDED


def edition_standing(edition, on=None):
    """(edition_status(edition), whether a public edition came into force before it), read
    from a single query of the public editions."""
    from .models import EditionStatus

    on = on or today()
    dates = list(public_editions().values_list("pk", "in_force_from"))
    earlier = any(start < edition.in_force_from for _pk, start in dates)
    if edition.in_force_from > on:
        return EditionStatus.UPCOMING, earlier
    in_force = next((pk for pk, start in dates if start <= on), None)
    if in_force == edition.pk:
        return EditionStatus.IN_FORCE, earlier
    return EditionStatus.SUPERSEDED, earlier


def public_edition(year):
    return public_editions().filter(year=year).first()


# ---------------------------------------------------------------------------- outline


@dataclass
class OutlineNode:
    page: object
    number: str
    children: list = field(default_factory=list)

    @property
    def url(self):
        return self.page.url


def edition_outline(edition):
    """The live public chapters of an edition (numbered 1, 2, …) and their sections (1.1, …)."""
    from .models import GuideChapterPage, GuideSectionPage

    chapters = list(GuideChapterPage.objects.child_of(edition).live().public().order_by("path"))
    sections = list(
        GuideSectionPage.objects.descendant_of(edition).live().public().order_by("path")
    )
    nodes = []
    for index, chapter in enumerate(chapters, start=1):
        node = OutlineNode(chapter, str(index))
        children = [s for s in sections if s.path.startswith(chapter.path)]
        node.children = [
            OutlineNode(section, f"{index}.{position}")
            for position, section in enumerate(children, start=1)
        ]
        nodes.append(node)
    return nodes


def outline_pages(outline):
    """(page, number, chapter page) for every chapter and section, in reading order."""
    for node in outline:
        yield node.page, node.number, node.page
        for child in node.children:
            yield child.page, child.number, node.page


def number_of(page, outline):
    for candidate, number, _chapter in outline_pages(outline):
        if candidate.pk == page.pk:
            return number
    return ""


# ---------------------------------------------------------------------------- units


@dataclass
class Unit:
    """One numbered unit of the guide: what a `#p-<pid>` anchor points at."""

    pid: str
    number: str
    kind: str
    page: object
    chapter: object
    html: str
    text: str
    title: str = ""
    legal_basis_ids: list = field(default_factory=list)

    @property
    def url(self):
        return f"{self.page.url}#p-{self.pid}"

    @property
    def chapter_number(self):
        """ "4" for § 4-2 and for § 4.1-2."""
        return self.number.replace("-", ".").split(".")[0]

    @property
    def history_url(self):
        return f"/guide/paragraphe/{self.pid}/"

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, "Paragraphe")


def _plain(html):
    return " ".join(normalize_newlines(strip_tags(html)).split())


def unit_number(prefix, position):
    """The citation number of a paragraph: the chapter or section, a dash, its position there.

    Sections are numbered with a dot (4.1) and paragraphs with a dash (§ 4-2 is the second
    paragraph of chapter 4's own text, § 4.1-2 the second of section 4.1), so that a paragraph
    number can never be read as a section number.
    """
    return f"{prefix}-{position}" if prefix else str(position)


def block_units(page, number_prefix, chapter=None):
    """The numbered units of one page's body, in order."""
    units = []
    position = 0
    for child in page.body:
        if child.block_type not in NUMBERED_BLOCKS:
            continue
        position += 1
        value = child.value
        html = expand_db_html(value["text"].source) if value.get("text") else ""
        legal_ids = []
        title = value.get("title") or ""
        if child.block_type == "paragraph":
            legal_ids = [basis.pk for basis in value.get("legal_bases") or [] if basis]
        elif child.block_type == "legal_reference" and value.get("legal_basis"):
            basis = value["legal_basis"]
            legal_ids = [basis.pk]
            title = f"{basis.title} — {basis.current_articles}"
        units.append(
            Unit(
                pid=value.get("pid") or "",
                number=unit_number(number_prefix, position),
                kind=child.block_type,
                page=page,
                chapter=chapter or page,
                html=html,
                text=_plain(f"{title} {html}" if title else html),
                title=title,
                legal_basis_ids=legal_ids,
            )
        )
    return units


def prefetch_bodies(pages):
    """Decode the bodies of many pages at once: one query per kind of block that cites other
    rows (the legal bases of paragraphs and legal references), not one per page.

    Wagtail decodes a StreamField lazily, one page at a time; this does the same work for all
    the pages together, through the same `bulk_to_python`, by way of Wagtail's private
    StreamValue internals (fenced in core.wagtail_private). Bodies already decoded are left to
    Wagtail's own decoding: the result is the same, only slower.
    """
    groups = {}  # (stream block, block type) -> [(stream value, position, raw item)]
    for page in pages:
        value = getattr(page, "body", None)
        for position, item in undecoded_stream_items(value):
            if item.get("type") in value.stream_block.child_blocks:
                key = (id(value.stream_block), item["type"])
                groups.setdefault(key, []).append((value, position, item))
    for items in groups.values():
        first, _position, first_item = items[0]
        child_block = first.stream_block.child_blocks[first_item["type"]]
        converted = child_block.bulk_to_python([item["value"] for _value, _pos, item in items])
        for (value, position, item), python_value in zip(items, converted, strict=True):
            set_decoded_stream_child(value, position, child_block, python_value, item.get("id"))


def edition_units(edition, outline=None):
    """Every numbered unit of an edition's live public pages, in reading order."""
    outline = outline if outline is not None else edition_outline(edition)
    prefetch_bodies(page for page, _number, _chapter in outline_pages(outline))
    units = []
    for page, number, chapter in outline_pages(outline):
        units.extend(block_units(page, number, chapter))
    return units


def units_by_pid(units):
    found = {}
    for unit in units:
        found.setdefault(unit.pid, unit)
    return found


# ---------------------------------------------------------------------------- page contexts


def edition_context(edition):
    outline = edition_outline(edition)
    current = edition_in_force()
    return {
        "edition": edition,
        "outline": outline,
        "status": edition_status(edition),
        "edition_in_force": current,
        "other_editions": [e for e in public_editions() if e.pk != edition.pk],
        "latest_note": edition.latest_change_note(),
    }


def content_page_context(page):
    """Context of a chapter or section page: numbering, neighbours, superseded banner."""
    from .models import EditionStatus, GuideChapterPage

    edition = page.get_edition()
    outline = edition_outline(edition) if edition else []
    prefix = number_of(page, outline)
    chapter = page if isinstance(page, GuideChapterPage) else page.get_parent().specific
    units = block_units(page, prefix, chapter)
    unit_by_pid = {unit.pid: unit for unit in units}

    flat = [p for p, _n, _c in outline_pages(outline)]
    index = next((i for i, p in enumerate(flat) if p.pk == page.pk), None)
    previous_page = flat[index - 1] if index else None
    next_page = flat[index + 1] if index is not None and index + 1 < len(flat) else None

    # Status and "is there an earlier edition" from one query of the public editions.
    status, has_earlier = edition_standing(edition) if edition else (None, False)
    context = {
        "edition": edition,
        "outline": outline,
        "number": prefix,
        "chapter": chapter,
        "status": status,
        "previous_page": previous_page,
        "next_page": next_page,
        "latest_note": page.latest_change_note(),
        "children": [node for node in outline if node.page.pk == page.pk][:1],
        # Paragraphs of a current or coming edition link to their earlier versions.
        "show_history": bool(edition and status != EditionStatus.SUPERSEDED and has_earlier),
    }
    current = None
    successors = {}
    if edition and status == EditionStatus.SUPERSEDED:
        current = edition_in_force()
        context["edition_in_force"] = current
        if current is not None:
            current_units = units_by_pid(edition_units(current))
            context["successor_page"] = equivalent_page(page, current)
            successors = {unit.pid: current_units.get(unit.pid) for unit in units}

    body = []
    for child in page.body:
        unit = None
        if child.block_type in NUMBERED_BLOCKS:
            unit = unit_by_pid.get(child.value.get("pid"))
        superseded = {"successor": successors.get(unit.pid)} if (unit and current) else None
        body.append((child, unit, superseded))
    context["body"] = body
    return context


def equivalent_page(page, edition):
    """The page with the same path below another edition, or that edition itself."""
    own_edition = page.get_edition()
    relative = page.url_path[len(own_edition.url_path) :]
    target = (
        Page.objects.live().public().filter(url_path=edition.url_path + relative).first()
        if relative
        else None
    )
    return (target.specific if target else None) or edition


def anchor_for_query(page, query):
    """The address of the paragraph that holds most of the query's words (accents and plurals
    aside), the first one on a tie; the page itself if no paragraph holds any."""
    from core.text import share_of_words_found

    best_url, best_share = page.url, 0.0
    for unit in block_units(page, ""):
        share = share_of_words_found([query or ""], unit.text)
        if share > best_share:
            best_url, best_share = unit.url, share
            if share == 1.0:
                break
    return best_url


# ---------------------------------------------------------------------------- paragraph history


@dataclass
class Version:
    """One paragraph in one edition, and how it differs from the edition before it."""

    edition: object
    status: str
    unit: Unit
    previous: object = None  # the Version in the edition before, if the paragraph was there

    @property
    def changed(self):
        return self.previous is not None and self.previous.unit.text != self.unit.text

    @property
    def comparison_url(self):
        if self.previous is None:
            return ""
        return (
            f"{self.edition.url}comparer/{self.previous.edition.year}/#changement-{self.unit.pid}"
        )


def paragraph_history(pid):
    """Every public edition's version of the paragraph `pid`, newest first."""
    editions = list(public_editions())
    versions = []
    for edition in reversed(editions):  # oldest first, to link each to the one before
        unit = units_by_pid(edition_units(edition)).get(pid)
        if unit is not None:
            previous = versions[-1] if versions else None
            versions.append(Version(edition, edition_status(edition), unit, previous))
    return list(reversed(versions))

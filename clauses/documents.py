"""The filled clause as a Word document (python-docx): blanks stay visible as highlighted brackets.

The document is set for a French buyer's own files: A4 pages, French proofing language in the
styles and settings (Word checks spelling in French), and plain styles (black Arial, no theme
colours) so that a paragraph pasted into a CCAP takes the destination's look without surprises.
"""

import io

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .placeholders import blank

LANGUAGE = "fr-FR"
FONT = "Arial"


def _set_language(element_rpr):
    """Put <w:lang w:val="fr-FR" …> in a run-properties element, replacing any other."""
    for old in element_rpr.findall(qn("w:lang")):
        element_rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")
    element_rpr.append(lang)


def _french_defaults(document):
    """French as the default language of every style, and in the settings' theme language."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_language(rpr)
    for style in document.styles:
        style_rpr = style.element.find(qn("w:rPr"))
        if style_rpr is not None and style_rpr.find(qn("w:lang")) is not None:
            _set_language(style_rpr)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        settings.append(theme_lang)
    theme_lang.set(qn("w:val"), LANGUAGE)


def _a4(document):
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(20)


def _plain_styles(document):
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Title", 18)):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        # The template's headings name theme fonts that win over w:ascii: drop them.
        fonts = style.element.rPr.find(qn("w:rFonts"))
        if fonts is not None:
            for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attribute), None)


def new_document(title):
    """An empty Word document in French, A4, with plain styles."""
    document = Document()
    _a4(document)
    _plain_styles(document)
    _french_defaults(document)
    document.core_properties.title = title
    document.core_properties.language = LANGUAGE
    return document


def clause_docx_bytes(clause, context):
    document = new_document(clause.title)
    document.core_properties.author = "Centre de ressources national des clauses sociales"
    document.add_heading(clause.title, level=1)
    meta = document.add_paragraph()
    meta.add_run(
        f"{clause.get_mechanism_display()} — {clause.get_document_display()} — "
        f"version {clause.version_year}"
    ).italic = True
    if clause.legal_basis_id and clause.legal_basis.live:
        document.add_paragraph(f"Base juridique : {clause.legal_basis}")
    for segments in context["filled_paragraphs"]:
        paragraph = document.add_paragraph()
        for segment in segments:
            if "text" in segment:
                paragraph.add_run(segment["text"])
            elif segment["value"]:
                paragraph.add_run(segment["value"]).bold = True
            else:
                run = paragraph.add_run(blank(segment["label"]))
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                run.underline = True
    computation = context["fill"].computation
    if computation is not None and context["fill"].hours_source == "calcul":
        from .hours import format_number as n

        document.add_heading("Calcul des heures d'insertion", level=2)
        document.add_paragraph(
            f"{n(computation.amount)} € HT × {n(computation.share)} % ÷ "
            f"{n(computation.hourly_cost)} €/h = {n(computation.work_hours, 0)} heures de travail ; "
            f"× {n(computation.rate)} % = {n(computation.insertion_hours)} heures d'insertion "
            f"(soit {n(computation.insertion_fte, 2)} ETP sur la base de "
            f"{n(computation.annual_hours)} heures par an)."
        )
    document.add_paragraph(
        "Clause type du centre de ressources national des clauses sociales, à adapter à votre "
        "marché. Les passages entre crochets sont à compléter."
    ).runs[0].italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""The filled clause as a Word document (python-docx): blanks stay visible as highlighted brackets."""

import io

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt

from .placeholders import blank


def clause_docx_bytes(clause, context):
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    document.core_properties.title = clause.title
    document.core_properties.language = "fr-FR"
    document.core_properties.author = "Centre de ressources national des clauses sociales"
    document.add_heading(clause.title, level=1)
    meta = document.add_paragraph()
    meta.add_run(
        f"{clause.get_mechanism_display()} — {clause.get_document_display()} — "
        f"version {clause.version_year}"
    ).italic = True
    if clause.legal_basis_id:
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

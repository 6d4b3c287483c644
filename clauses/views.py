"""Public views: calculator, référentiel, model clauses and their downloads. Thin: the logic is in
hours.py, filling.py, placeholders.py, queries.py, referential.py and documents.py."""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_safe

from core.opendata import csv_response, json_response
from core.ratelimits import limit

from . import hours, placeholders
from .filling import CALCULATOR_PARAMS, field_names, form_field, form_values, read_fill
from .models import ModelClause
from .queries import (
    clause_filters,
    current_rows,
    current_year,
    filtered_clauses,
    published_rows_of_year,
    published_years,
    suggested_clauses,
    year_comparison,
)
from .referential import COLUMNS, export_json, export_rows


def clause_form(clause, fill):
    """The fill-in form of one clause: its own blanks, then the calculator if it needs hours.

    Returns (rows, fields): rows for the template, where a lot's two inputs share a fieldset,
    and the flat list of fields (for the error summary)."""
    own, calculator = field_names(clause.text)
    values = form_values(fill)
    own_fields = [form_field(n, values, fill.errors, bool(calculator)) for n in own]
    rows = []
    for spec in own_fields:
        if spec["name"] == "lot_intitule":
            continue
        if spec["name"] == "lot_numero":
            pair = [spec] + [f for f in own_fields if f["name"] == "lot_intitule"]
            rows.append({"legend": "Lot concerné (numéro et intitulé)", "fields": pair})
        else:
            rows.append({"fields": [spec]})
    calculator_fields = [form_field(n, values, fill.errors) for n in calculator]
    return {"rows": rows, "calculator": calculator_fields}, own_fields + calculator_fields


# --------------------------------------------------------------------------------------------
# Référentiel
# --------------------------------------------------------------------------------------------


@require_GET
def labour_share(request, year=None):
    years = published_years()
    current = current_year(years)
    shown = year or current
    if shown is None or shown not in years:
        if year is None:
            return render(
                request,
                "clauses/labour_share.html",
                {"rows": [], "years": [], "year": None, "crumb": "Référentiel de main-d'œuvre"},
            )
        raise Http404("Aucun référentiel publié pour cette année.")
    rows, previous_year, groups = year_comparison(shown, years)
    return render(
        request,
        "clauses/labour_share.html",
        {
            "groups": groups,
            "rows": rows,
            "year": shown,
            "is_current": shown == current,
            "current_year": current,
            "previous_year": previous_year,
            "years": years,
            "any_illustrative": any(row.illustrative for row in rows),
            "trail": []
            if shown == current
            else [("/main-d-oeuvre/", "Référentiel de main-d'œuvre")],
            "crumb": "Référentiel de main-d'œuvre" if shown == current else f"Année {shown}",
        },
    )


def _export_rows(request):
    return published_rows_of_year(request.GET.get("annee", ""))


@require_safe
def labour_share_csv(request):
    return csv_response(
        COLUMNS, export_rows(_export_rows(request)), "referentiel-main-d-oeuvre.csv"
    )


@require_safe
def labour_share_json(request):
    return json_response(export_json(_export_rows(request)))


# --------------------------------------------------------------------------------------------
# Calculator
# --------------------------------------------------------------------------------------------


def _origin(value_from_user, row, attribute):
    if value_from_user:
        return "votre saisie"
    if row is not None and attribute:
        return f"référentiel {row.year} : {row.work_type}"
    return "valeur d'exemple du rapport IGAS, à adapter"


@require_GET
@limit("calculator")
def calculator(request):
    raw = {name: str(request.GET.get(name, ""))[:200] for name in CALCULATOR_PARAMS}
    values, errors = hours.parse_params(raw, CALCULATOR_PARAMS)
    rows = list(current_rows())
    row = None
    row_id = request.GET.get("ligne", "").strip()
    if row_id:
        row = next((r for r in rows if str(r.pk) == row_id), None)
        if row is None:
            errors["ligne"] = "Cette ligne du référentiel n'existe pas ou n'est plus en vigueur."
    # Arriving from the référentiel with only a row chosen is not a submission: no error yet.
    submitted = any(v.strip() for v in raw.values())
    if submitted and "montant" not in values and "montant" not in errors:
        errors["montant"] = "Indiquez le montant estimé du marché, en euros hors taxes."
    result = None
    used = {}
    if submitted and not errors and "montant" in values:
        used = {
            "part": values.get("part") or (row.share if row else hours.EXAMPLE_SHARE),
            "cout_horaire": values.get("cout_horaire")
            or (row.hourly_cost if row else hours.EXAMPLE_HOURLY_COST),
            "taux": values.get("taux")
            or (row.insertion_rate if row and row.insertion_rate else hours.EXAMPLE_RATE),
        }
        result = hours.compute(values["montant"], used["part"], used["cout_horaire"], used["taux"])
    context = {
        "fields": [form_field(name, raw, errors) for name in CALCULATOR_PARAMS],
        "errors": errors,
        "error_count": len(errors),
        "rows": rows,
        "row": row,
        "row_id": row_id,
        "result": result,
        "annual_hours": hours.ANNUAL_HOURS_FTE,
        "examples": {
            "part": hours.EXAMPLE_SHARE,
            "cout_horaire": hours.EXAMPLE_HOURLY_COST,
            "taux": hours.EXAMPLE_RATE,
        },
    }
    if result is not None:
        context["origins"] = {
            "part": _origin("part" in values, row, True),
            "cout_horaire": _origin("cout_horaire" in values, row, True),
            "taux": _origin("taux" in values, row, bool(row and row.insertion_rate)),
        }
        fill_query = {
            "montant": hours.format_input(result.amount),
            "part": hours.format_input(result.share),
            "cout_horaire": hours.format_input(result.hourly_cost),
            "taux": hours.format_input(result.rate),
        }
        context["fill_query"] = urlencode(fill_query)
        context["clauses"] = suggested_clauses()
    return render(request, "clauses/calculator.html", context)


# --------------------------------------------------------------------------------------------
# Model clauses
# --------------------------------------------------------------------------------------------


@require_GET
@limit("clause-list")
def clause_list(request):
    filters = clause_filters(request.GET)
    fill = read_fill(request.GET)
    context = {
        "clauses": filtered_clauses(filters),
        "chosen": filters.values,
        "any_filter": bool(filters.selected),
        "filters": [
            {
                "name": facet.name,
                "label": facet.label,
                "all": facet.all_label,
                "options": filters.options(facet),
            }
            for facet in filters.facets
        ],
        "fill_query": fill.querystring,
        "fill": fill,
    }
    return render(request, "clauses/clause_list.html", context)


def clause_context(request, clause):
    fill = read_fill(request.GET)
    values = fill.placeholder_values
    query = fill.querystring
    form, fields = clause_form(clause, fill)
    return {
        "clause": clause,
        "clause_trail": [("/clauses/", "Clauses types")],
        "fill": fill,
        "filled_paragraphs": placeholders.filled_paragraphs(clause.text, values),
        "plain_text": placeholders.plain_text(clause.text, values),
        "form": form,
        "fields": fields,
        "error_count": sum(1 for f in fields if f["error"]),
        "share_query": query,
        "filled": bool(values),
        "annual_hours": hours.ANNUAL_HOURS_FTE,
        "placeholder_names": placeholders.names_in(clause.text),
    }


def _public_clause(slug):
    return get_object_or_404(ModelClause.objects.public(), slug=slug)


@require_GET
@limit("clause-fill")
def clause_detail(request, slug):
    clause = _public_clause(slug)
    return render(request, "clauses/clause_detail.html", clause_context(request, clause))


def _download_name(clause, extension):
    return f"clause-{clause.slug}.{extension}"


@require_GET
@limit("clause-download")
def clause_pdf(request, slug):
    from core.pdf import render_pdf

    clause = _public_clause(slug)
    context = clause_context(request, clause)
    context["generated"] = timezone.localdate()
    pdf = render_pdf("clauses/clause_pdf.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(clause, "pdf")}"'
    return response


@require_GET
@limit("clause-download")
def clause_docx(request, slug):
    from .documents import clause_docx_bytes

    clause = _public_clause(slug)
    context = clause_context(request, clause)
    data = clause_docx_bytes(clause, context)
    response = HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{_download_name(clause, "docx")}"'
    return response

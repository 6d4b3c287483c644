"""Public views: calculator, référentiel, model clauses and their downloads. Thin: the logic is in
hours.py, filling.py, placeholders.py, referential.py and documents.py."""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_safe

from core.opendata import csv_response, json_response
from core.ratelimits import limit
from core.vocabulary import ContractCategory, ContractKind, LegalMechanism
from guides.models import LegalBasis

from . import hours, placeholders
from .filling import read_fill
from .models import LabourShareRow, ModelClause, ProcurementDocument
from .referential import COLUMNS, export_json, export_rows

CALCULATOR_FIELDS = [
    ("montant", "Montant estimé du marché", "en euros hors taxes", "Ex. : 1 200 000"),
    ("part", "Part de main-d'œuvre", "en % du prix", "Ex. : 40"),
    ("cout_horaire", "Coût horaire de la main-d'œuvre", "en euros par heure", "Ex. : 30"),
    ("taux", "Taux d'insertion", "en % des heures de travail", "Ex. : 5"),
]
FILL_FIELDS = [
    ("acheteur", "Nom de l'acheteur", "", "Ex. : Ville de Lille"),
    ("objet", "Objet du marché", "", "Ex. : Réhabilitation de l'école Jules-Ferry"),
    ("duree", "Durée du marché", "en mois", "Ex. : 18"),
    *CALCULATOR_FIELDS,
    ("heures", "Nombre d'heures d'insertion", "remplace le calcul si renseigné", "Ex. : 800"),
]


def _fields(specs, raw, errors):
    return [
        {
            "name": name,
            "label": label,
            "hint": hint,
            "example": example,
            "value": raw.get(name, ""),
            "error": errors.get(name, ""),
            "inputmode": "text" if name in ("acheteur", "objet") else "decimal",
        }
        for name, label, hint, example in specs
    ]


# --------------------------------------------------------------------------------------------
# Référentiel
# --------------------------------------------------------------------------------------------


def published_years():
    return sorted(
        set(LabourShareRow.objects.published().values_list("year", flat=True)), reverse=True
    )


def current_year(years=None):
    """The latest published year not in the future (or the earliest one if all are)."""
    years = published_years() if years is None else years
    if not years:
        return None
    this_year = timezone.localdate().year
    past = [year for year in years if year <= this_year]
    return past[0] if past else years[-1]


def current_rows():
    year = current_year()
    return LabourShareRow.objects.published().filter(year=year) if year else []


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
    rows = list(LabourShareRow.objects.published().filter(year=shown))
    previous_year = max((y for y in years if y < shown), default=None)
    previous = {}
    if previous_year:
        previous = {
            row.key: row for row in LabourShareRow.objects.published().filter(year=previous_year)
        }
    groups = []
    for category in ContractCategory:
        items = []
        for row in rows:
            if row.category != category:
                continue
            before = previous.get(row.key)
            if previous_year is None:
                change = ""
            elif before is None:
                change = "nouveau"
            elif not row.same_values(before):
                change = "modifie"
            else:
                change = ""
            items.append({"row": row, "before": before, "change": change})
        if items:
            groups.append({"category": category, "items": items})
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
    rows = LabourShareRow.objects.published().order_by("-year", "category", "sort_order")
    year = request.GET.get("annee", "").strip()
    if year.isdigit():
        rows = rows.filter(year=int(year))
    return rows


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
    raw = {name: str(request.GET.get(name, ""))[:200] for name, *_ in CALCULATOR_FIELDS}
    values, errors = hours.parse_params(raw, ("montant", "part", "cout_horaire", "taux"))
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
        "fields": _fields(CALCULATOR_FIELDS, raw, errors),
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
        context["clauses"] = list(
            ModelClause.objects.public()
            .filter(mechanism=LegalMechanism.EXECUTION_CONDITION)
            .order_by("sort_order", "title")[:4]
        )
    return render(request, "clauses/calculator.html", context)


# --------------------------------------------------------------------------------------------
# Model clauses
# --------------------------------------------------------------------------------------------

CLAUSE_FILTERS = ("levier", "base", "piece", "marche")


@require_GET
@limit("clause-list")
def clause_list(request):
    clauses = ModelClause.objects.public().select_related("legal_basis")
    chosen = {name: request.GET.get(name, "").strip() for name in CLAUSE_FILTERS}
    if chosen["levier"] in LegalMechanism.values:
        clauses = clauses.filter(mechanism=chosen["levier"])
    else:
        chosen["levier"] = ""
    bases = LegalBasis.objects.filter(model_clauses__live=True).distinct().order_by("sort_order")
    if chosen["base"] and any(b.slug == chosen["base"] for b in bases):
        clauses = clauses.filter(legal_basis__slug=chosen["base"])
    else:
        chosen["base"] = ""
    if chosen["piece"] in ProcurementDocument.values:
        clauses = clauses.filter(document=chosen["piece"])
    else:
        chosen["piece"] = ""
    if chosen["marche"] in ContractKind.values:
        clauses = clauses.filter(**{ModelClause.KIND_FIELDS[ContractKind(chosen["marche"])]: True})
    else:
        chosen["marche"] = ""
    fill = read_fill(request.GET)
    used_mechanisms = set(ModelClause.objects.public().values_list("mechanism", flat=True))
    context = {
        "clauses": list(clauses),
        "chosen": chosen,
        "any_filter": any(chosen.values()),
        "filters": [
            {
                "name": "levier",
                "label": "Levier juridique",
                "all": "Tous les leviers",
                "options": [(v, lbl) for v, lbl in LegalMechanism.choices if v in used_mechanisms],
            },
            {
                "name": "base",
                "label": "Base juridique",
                "all": "Toutes les bases",
                "options": [(b.slug, str(b)) for b in bases],
            },
            {
                "name": "piece",
                "label": "Pièce du marché",
                "all": "Toutes les pièces",
                "options": ProcurementDocument.choices,
            },
            {
                "name": "marche",
                "label": "Type de marché",
                "all": "Tous les types",
                "options": ContractKind.choices,
            },
        ],
        "fill_query": fill.querystring,
        "fill": fill,
    }
    return render(request, "clauses/clause_list.html", context)


def clause_context(request, clause):
    fill = read_fill(request.GET)
    values = fill.placeholder_values
    query = fill.querystring
    return {
        "clause": clause,
        "clause_trail": [("/clauses/", "Clauses types")],
        "fill": fill,
        "filled_paragraphs": placeholders.filled_paragraphs(clause.text, values),
        "plain_text": placeholders.plain_text(clause.text, values),
        "fields": _fields(FILL_FIELDS, fill.raw, fill.errors),
        "error_count": len(fill.errors),
        "share_query": query,
        "filled": bool(values),
        "annual_hours": hours.ANNUAL_HOURS_FTE,
        "placeholder_names": sorted(set(placeholders.PATTERN.findall(clause.text))),
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

"""Public views of the base: a region's panorama, the PDF of a panorama, the CSV of a figure,
the Table Schemas, the import format's documentation and its model file."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.opendata import csv_response, schema_response
from core.pdf import render_pdf

from .importer import COLUMNS, template_rows
from .models import Aggregate, Coverage, Level
from .panorama import build, find_territory, year_param
from .schemas import FIGURE_COLUMNS, figure_schema, return_schema
from .vocabulary import DIMENSIONS, ENSEMBLE

STATISTICS_PATH = "/ressources/statistiques/"


def territory_or_404(key):
    territory = find_territory(key)
    if territory is None:
        raise Http404("Territoire inconnu")
    return territory


@require_safe
def region_panorama(request, key):
    territory = territory_or_404(key)
    if territory.level == Level.NATIONAL:
        return redirect(territory.url)
    panorama = build(territory, year_param(request))
    return render(
        request,
        "statsbase/region_page.html",
        {"panorama": panorama, "statistics_path": STATISTICS_PATH},
    )


@require_safe
def panorama_pdf(request, key):
    territory = territory_or_404(key)
    panorama = build(territory, year_param(request))
    pdf = render_pdf("statsbase/panorama_pdf.html", {"panorama": panorama})
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"panorama-clauses-sociales-{territory.key}-{panorama.year or ''}".rstrip("-")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def figure_rows(territory, dimension):
    coverage = dict(
        Coverage.objects.filter(level=territory.level, code=territory.code).values_list(
            "year", "structures"
        )
    )
    cells = Aggregate.objects.filter(
        level=territory.level, code=territory.code, dimension=dimension.code
    ).order_by("year", "category")
    order = {code: n for n, code in enumerate([*dimension.category_codes(), ENSEMBLE])}
    for cell in sorted(cells, key=lambda c: (c.year, order.get(c.category, 999))):
        yield [
            territory.name,
            territory.code,
            cell.year,
            dimension.code,
            cell.category,
            dimension.category_label(cell.category),
            None if cell.suppressed else cell.value,
            cell.suppressed,
            coverage.get(cell.year, 0),
        ]


@require_safe
def figure_csv(request, key, figure):
    territory = territory_or_404(key)
    dimension = DIMENSIONS.get(figure.replace("-", "_"))
    if dimension is None:
        raise Http404("Chiffre inconnu")
    return csv_response(
        FIGURE_COLUMNS,
        figure_rows(territory, dimension),
        f"{territory.key}-{figure}.csv",
        schema_url=reverse("statsbase_figure_schema"),
    )


@require_safe
def panorama_schema(request):
    return schema_response(figure_schema())


@require_safe
def return_format_schema(request):
    return schema_response(return_schema())


@require_safe
def return_model_csv(request):
    """An empty return (every cell at zero) to fill in, for ?structure=<identifiant>."""
    structure = request.GET.get("structure", "identifiant-de-la-structure")[:120] or "x"
    year = request.GET.get("annee", "")
    year = int(year) if year.isdigit() and len(year) == 4 else 2025
    return csv_response(
        COLUMNS,
        template_rows(structure, year),
        "bilan-annuel-modele.csv",
        schema_url=reverse("statsbase_return_schema"),
    )


@require_safe
def return_format(request):
    return render(
        request,
        "statsbase/format_page.html",
        {"dimensions": DIMENSIONS.values(), "statistics_path": STATISTICS_PATH},
    )

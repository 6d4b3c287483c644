"""Public pages of the directory (Django views: see urls.py for the stable paths)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode

from core.ratelimits import limit
from core.text import clean_query
from core.vocabulary import OrganisationKind

from . import coverage, geography
from .filters import SORT_LABELS, DirectoryQuery, facets, results
from .forms import CorrectionForm
from .models import Department, Organisation

PAGE_SIZE = 20


def page_number(raw):
    try:
        number = int(clean_query(raw)[:12] or 1)
    except ValueError:
        return 1
    return max(number, 1)


@limit("directory-search")
def directory_index(request):
    query = DirectoryQuery.from_params(request.GET)
    paginator = Paginator(results(query), PAGE_SIZE)
    requested = page_number(request.GET.get("page"))
    out_of_range = requested > paginator.num_pages
    page = paginator.page(min(requested, paginator.num_pages))
    params = query.as_params()
    return render(
        request,
        "directory/index.html",
        {
            "query": query.q,
            "directory_query": query,
            "page_obj": page,
            "paginator": paginator,
            "out_of_range": out_of_range,
            "facets": facets(query),
            "sort_labels": SORT_LABELS,
            "params": urlencode(params),
            "export_params": urlencode(params),
            "has_filters": bool(params),
        },
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.public().select_related("department__region", "commune"), slug=slug
    )
    specific = organisation.specific
    context = {"organisation": specific, "form": CorrectionForm()}
    if organisation.kind == OrganisationKind.FACILITATOR:
        context["covered_departments"] = specific.covered_departments.order_by("code")
        context["covered_communes"] = specific.covered_communes.select_related("department")
    else:
        context["activities"] = specific.activities.select_related("sector").prefetch_related(
            "regions", "departments", "communes"
        )
        context["facilitators"] = coverage.facilitators_for_department(organisation.department)
    return render(request, "directory/detail.html", context)


@limit("facilitator")
def facilitator_lookup(request):
    raw_postal = clean_query(request.GET.get("code_postal", ""))[:20]
    raw_department = clean_query(request.GET.get("departement", ""))[:20]
    context = {"code_postal": raw_postal, "departement": raw_department, "searched": False}
    departments, communes, error = [], [], ""
    if raw_postal:
        context["searched"] = True
        if not geography.POSTAL_CODE_RE.match(raw_postal):
            error = "Le code postal doit compter exactement cinq chiffres, par exemple 69003."
        else:
            communes = geography.communes_for_postal_code(raw_postal)
            departments = geography.departments_for_postal_code(raw_postal)
            if not departments:
                code = geography.department_code_from_postal_code(raw_postal)
                departments = list(Department.objects.filter(code=code))
            if not departments:
                error = f"Le code postal {raw_postal} ne correspond à aucune commune connue."
    elif raw_department:
        context["searched"] = True
        code = geography.normalise_department_code(raw_department)
        departments = list(Department.objects.filter(code=code)) if code else []
        if not departments:
            error = (
                "Département inconnu : indiquez un code officiel de département, "
                "par exemple 33, 2A ou 974."
            )
    answers = []
    for department in departments:
        facilitators = list(coverage.facilitators_for_department(department))
        answers.append(
            {
                "department": department,
                "facilitators": facilitators,
                "nearest": [] if facilitators else coverage.nearest_covered(department),
            }
        )
    context.update(
        {
            "error": error,
            "communes": communes,
            "answers": answers,
            "departments": Department.objects.order_by("code"),
        }
    )
    return render(request, "directory/facilitator.html", context)


def coverage_map(request):
    counts = coverage.coverage_counts()
    departments = {d.code: d for d in Department.objects.select_related("region").order_by("code")}
    svg = geography.svg_map()

    def level(count):
        return "0" if count == 0 else "1" if count == 1 else "2" if count == 2 else "3"

    shapes = [
        {
            "code": location["id"],
            "name": location["name"],
            "path": location["path"],
            "count": counts.get(location["id"], 0),
            "level": level(counts.get(location["id"], 0)),
        }
        for location in svg["locations"]
    ]
    insets = []
    for index, code in enumerate(geography.OVERSEAS_CODES):
        department = departments.get(code)
        if department:
            insets.append(
                {
                    "code": code,
                    "name": department.name,
                    "count": counts.get(code, 0),
                    "level": level(counts.get(code, 0)),
                    "x": 10 + index * 120,
                    "text_x": 10 + index * 120 + 55,
                }
            )
    rows = [(d, counts.get(code, 0)) for code, d in departments.items()]
    uncovered = [d for d, count in rows if count == 0]
    return render(
        request,
        "directory/map.html",
        {
            "shapes": shapes,
            "insets": insets,
            "rows": rows,
            "uncovered": uncovered,
            "view_box": "0 0 613 680",
        },
    )


@limit("correction")
def suggest_correction(request, slug):
    organisation = get_object_or_404(Organisation.objects.public(), slug=slug)
    if request.method != "POST":
        return redirect(organisation.get_absolute_url() + "#signaler")
    form = CorrectionForm(request.POST)
    if form.is_spam:
        # Answer as if it had worked: robots learn nothing.
        return render(request, "directory/correction_done.html", {"organisation": organisation})
    if not form.is_valid():
        return render(
            request,
            "directory/detail.html",
            {"organisation": organisation.specific, "form": form, "form_errors": True},
            status=400,
        )
    correction = form.save(commit=False)
    correction.organisation = organisation
    correction.save()
    return render(request, "directory/correction_done.html", {"organisation": organisation})

"""Public pages of the directory (Django views: see urls.py for the stable paths)."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode

from core.ratelimits import limit
from core.text import clean_query
from core.vocabulary import OrganisationKind

from . import coverage, geography
from .filters import SORT_LABELS, DirectoryQuery, facets_and_total, page_results
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
    views, total = facets_and_total(query)
    paginator = Paginator(page_results(query, total), PAGE_SIZE)
    paginator.count = total  # counted with the facets: no second count of the same rows
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
            "facets": views,
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
        context["territory"] = coverage.territory_summary(specific)
    else:
        context["activities"] = specific.activities.select_related("sector").prefetch_related(
            "regions", "departments", "communes"
        )
        context["facilitators"] = coverage.facilitators_for_department(organisation.department)
    return render(request, "directory/detail.html", context)


@limit("facilitator")
def facilitator_lookup(request):
    # `code_postal` is the former parameter: a postal code is one of the things `commune` takes.
    raw_commune = clean_query(request.GET.get("commune", "") or request.GET.get("code_postal", ""))[
        :100
    ]
    raw_department = clean_query(request.GET.get("departement", ""))[:20]
    context = {"commune": raw_commune, "departement": raw_department, "searched": False}
    lookup = {"answers": [], "choices": [], "error": "", "intro": ""}
    if raw_commune:
        context["searched"] = True
        lookup = _lookup_commune(raw_commune)
    elif raw_department:
        context["searched"] = True
        code = geography.normalise_department_code(raw_department)
        department = Department.objects.filter(code=code).first() if code else None
        if department:
            lookup["answers"] = [_department_answer(department)]
        else:
            lookup["error"] = (
                "Département inconnu : indiquez un code officiel de département, "
                "par exemple 33, 2A ou 974."
            )
    context.update(lookup)
    context["departments"] = Department.objects.order_by("code")
    return render(request, "directory/facilitator.html", context)


def _department_answer(department):
    facilitators = list(coverage.facilitators_for_department(department))
    return {
        "department": department,
        "title": f"{department.name} ({department.code})",
        "facilitators": facilitators,
        "nearest": [] if facilitators else coverage.nearest_covered(department),
    }


def _commune_answer(commune):
    facilitators = list(coverage.facilitators_for_commune(commune))
    answer = {
        "department": commune.department,
        "commune": commune,
        "title": f"{commune.name} ({commune.department.name}, {commune.department.code})",
        "facilitators": facilitators,
        "nearest": [],
        "same_department": [],
    }
    if not facilitators:
        # Structures working elsewhere in the département can still point the buyer to
        # someone; then the neighbouring départements.
        answer["same_department"] = list(coverage.facilitators_for_department(commune.department))
        if not answer["same_department"]:
            answer["nearest"] = coverage.nearest_covered(commune.department)
    return answer


def _lookup_commune(raw):
    """What the facilitator page shows for a commune name, postal code or INSEE code."""
    result = {"answers": [], "choices": [], "error": "", "intro": ""}
    communes, how = geography.find_communes(raw)
    if how in ("insee", "postal") or (how == "name" and len(communes) == 1):
        if how == "postal":
            names = ", ".join(c.name for c in communes)
            result["intro"] = f"Code postal {geography.compact_code(raw)} : {names}."
        result["answers"] = [_commune_answer(c) for c in communes]
    elif how == "name":
        result["intro"] = f"Plusieurs communes s'appellent « {communes[0].name} » : précisez."
        result["choices"] = communes
    elif how == "close":
        result["intro"] = f"Aucune commune ne s'appelle exactement « {raw} ». Vouliez-vous dire :"
        result["choices"] = communes
    else:
        result["error"] = _not_found_message(raw)
        code = geography.department_code_from_postal_code(geography.compact_code(raw))
        department = Department.objects.filter(code=code).first() if code else None
        if department:
            result["error"] = ""
            result["answers"] = [_department_answer(department)]
    return result


def _not_found_message(raw):
    code = geography.compact_code(raw)
    if code.isdigit() and len(code) == 5:
        return f"Le code {code} ne correspond à aucune commune connue."
    if code.isdigit():
        return (
            "Un code postal compte cinq chiffres (par exemple 59100) ; un code INSEE aussi "
            "(par exemple 59512, ou 2A004 en Corse)."
        )
    return (
        f"Aucune commune connue ne s'appelle « {raw} » ni un nom proche. Vérifiez "
        "l'orthographe, ou indiquez le code postal ou le département."
    )


@limit("suggestions")
def commune_suggestions(request):
    """Communes for the lookup's autocomplete: [{"value", "label"}], value as the form takes it."""
    text = clean_query(request.GET.get("q", ""), 100)
    communes, _ = geography.find_communes(text, 10) if len(text) >= 2 else ([], "")
    data = [
        {
            "value": f"{c.name} ({c.department.code})",
            "label": f"{c.name} — {c.department.name} ({c.code})",
        }
        for c in communes
    ]
    return JsonResponse({"communes": data}, json_dumps_params={"ensure_ascii": False})


def coverage_map(request):
    counts = coverage.coverage_counts()
    shares = coverage.coverage_shares()
    departments = {d.code: d for d in Department.objects.select_related("region").order_by("code")}
    svg = geography.svg_map()

    def level(count):
        return "0" if count == 0 else "1" if count == 1 else "2" if count == 2 else "3"

    def share_text(code):
        count = counts.get(code, 0)
        if code not in shares:
            return "département entier" if count else ""
        covered, total, percent = shares[code]
        return f"{percent} % de la population, {covered} commune{'s' if covered > 1 else ''} sur {total}"

    def figures(code, name):
        count = counts.get(code, 0)
        label = f"{name} ({code}) : {count} structure{'s' if count > 1 else ''}"
        share = share_text(code)
        return {
            "code": code,
            "name": name,
            "count": count,
            "level": level(count),
            "share": share,
            "label": f"{label}, {share}" if share else label,
        }

    shapes = [
        {**figures(location["id"], location["name"]), "path": location["path"]}
        for location in svg["locations"]
    ]
    insets = _insets(departments, figures)
    rows = [(d, figures(code, d.name)) for code, d in departments.items()]
    uncovered = [d for d, row in rows if row["count"] == 0]
    return render(
        request,
        "directory/map.html",
        {
            "shapes": shapes,
            "insets": insets,
            "rows": rows,
            "uncovered": uncovered,
            "view_box": "0 0 613 750",
        },
    )


def _insets(departments, figures):
    """Boxes under the map: the five overseas départements on one row, the three
    collectivités d'outre-mer (wider names) on the next."""
    insets = []
    rows = [(geography.OVERSEAS_CODES, 110, 600), (geography.COLLECTIVITY_CODES, 190, 675)]
    for codes, width, y in rows:
        for index, code in enumerate(codes):
            department = departments.get(code)
            if department:
                x = 10 + index * (width + 10)
                insets.append(
                    {
                        **figures(code, department.name),
                        "x": x,
                        "y": y,
                        "width": width,
                        "text_x": x + width // 2,
                        "text_y": y + 35,
                    }
                )
    return insets


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

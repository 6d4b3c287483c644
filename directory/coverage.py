"""Who covers which territory: facilitators by département, employers' activities."""

import math

from django.db.models import Count, Q, Sum

from core.vocabulary import ActivityScope

from . import geography
from .models import Commune, Department, FacilitatorStructure, InclusiveEmployer

RADIUS_NEIGHBOURS_KM = 50


def facilitators_for_department(department):
    """Published facilitator structures covering the département (wholly or in part)."""
    return (
        FacilitatorStructure.objects.public()
        .filter(Q(covered_departments=department) | Q(covered_communes__department=department))
        .select_related("department", "commune")
        .distinct()
        .order_by("-is_regional_coordinator", "name")
    )


def facilitators_for_commune(commune):
    """Published structures whose territory holds the commune; a structure whose département's
    communes are not loaded (kept at département level) covers it too."""
    return (
        FacilitatorStructure.objects.public()
        .filter(
            Q(covered_communes=commune)
            | Q(covered_departments=commune.department_id, covered_communes__isnull=True)
        )
        .select_related("department", "commune")
        .distinct()
        .order_by("-is_regional_coordinator", "name")
    )


def refresh_facilitator(structure):
    """The départements a structure's territory touches: those of its communes, plus those it
    had whose communes are not loaded at all (nothing to store them as)."""
    from_communes = set(
        structure.covered_communes.values_list("department_id", flat=True).distinct()
    )
    without_communes = set(
        structure.covered_departments.filter(communes__isnull=True).values_list("id", flat=True)
    )
    structure.covered_departments.set(from_communes | without_communes)


def coverage_counts():
    """{département code: number of published facilitator structures covering it}, all of them."""
    counts = {code: 0 for code in Department.objects.values_list("code", flat=True)}
    pairs = set(
        FacilitatorStructure.objects.public().values_list("id", "covered_departments__code")
    ) | set(
        FacilitatorStructure.objects.public().values_list(
            "id", "covered_communes__department__code"
        )
    )
    for _, code in pairs:
        if code in counts:
            counts[code] += 1
    return counts


def coverage_shares():
    """{département code: (covered communes, communes, covered population %)}, for the
    départements whose communes are loaded; a département covered as a whole without loaded
    communes counts as 100 %."""
    covered_ids = Commune.objects.filter(facilitators__is_published=True).values("id")
    totals = {
        row["department__code"]: row
        for row in Commune.objects.values("department__code").annotate(
            n=Count("id"), people=Sum("population")
        )
    }
    covered = {
        row["department__code"]: row
        for row in Commune.objects.filter(id__in=covered_ids)
        .values("department__code")
        .annotate(n=Count("id"), people=Sum("population"))
    }
    shares = {}
    for code, total in totals.items():
        part = covered.get(code, {"n": 0, "people": 0})
        people = total["people"] or 0
        percent = round(100 * (part["people"] or 0) / people) if people else 0
        shares[code] = (part["n"], total["n"], percent)
    return shares


def nearest_covered(department, limit=3):
    """The closest covered départements and their facilitators, for an uncovered one.

    Neighbours first (shared border on the map), then by distance between the centres of the
    départements' outlines on the map. Overseas départements have no neighbour: none is offered
    rather than a far-away one.
    """
    counts = coverage_counts()
    neighbours = [d for d in department.neighbours.all().order_by("code") if counts.get(d.code)]
    if not neighbours and not department.is_overseas:
        centres = geography.map_centres()
        origin = centres.get(department.code)
        if origin:
            candidates = sorted(
                (code for code in centres if counts.get(code) and code != department.code),
                key=lambda code: math.dist(origin, centres[code]),
            )[:limit]
            neighbours = list(Department.objects.filter(code__in=candidates))
            neighbours.sort(key=lambda d: candidates.index(d.code))
    return [(d, list(facilitators_for_department(d))) for d in neighbours[:limit]]


def refresh_activity(activity):
    """Recompute the départements an activity serves (one rule, used by forms, import, demo)."""
    if activity.scope == ActivityScope.COUNTRY:
        departments = []  # matched by its scope: no need for 101 rows per national activity
    elif activity.scope == ActivityScope.RADIUS:
        own = activity.employer.department
        departments = [own]
        if (activity.radius_km or 0) >= RADIUS_NEIGHBOURS_KM:
            departments += list(own.neighbours.all())
    else:
        ids = set(activity.departments.values_list("id", flat=True))
        ids |= set(
            Department.objects.filter(region__in=activity.regions.all()).values_list(
                "id", flat=True
            )
        )
        ids |= set(activity.communes.values_list("department_id", flat=True))
        departments = list(Department.objects.filter(id__in=ids))
    activity.served_departments.set(departments)


def employers_serving(department=None, sector=None, kinds=None):
    """Published inclusive employers with an activity reaching the département in the sector."""
    activities = Q()
    if department is not None:
        activities &= Q(activities__scope=ActivityScope.COUNTRY) | Q(
            activities__served_departments=department
        )
    if sector is not None:
        activities &= Q(activities__sector=sector)
    queryset = InclusiveEmployer.objects.public().filter(activities).distinct()
    if kinds is not None:
        queryset = queryset.filter(subkind__in=list(kinds))
    return queryset


def count_by_kind(queryset):
    # order_by(): the list's ordering would otherwise split the groups.
    return dict(queryset.order_by().values_list("subkind").annotate(n=Count("id", distinct=True)))


def territory_summary(structure, shown=30):
    """[{department, whole, count, communes}] per département of a structure's territory: a
    whole département in one line, a partial one with its communes (the first `shown`)."""
    covered = {}
    for commune in structure.covered_communes.select_related("department").order_by("name"):
        covered.setdefault(commune.department, []).append(commune)
    totals = dict(
        Commune.objects.filter(department__in=list(covered))
        .values("department_id")
        .annotate(n=Count("id"))
        .values_list("department_id", "n")
    )
    summary = [
        {
            "department": department,
            "whole": len(communes) == totals.get(department.id),
            "count": len(communes),
            "communes": communes[:shown],
        }
        for department, communes in covered.items()
    ]
    for department in structure.covered_departments.filter(communes__isnull=True):
        summary.append({"department": department, "whole": True, "count": 0, "communes": []})
    return sorted(summary, key=lambda row: row["department"].code)

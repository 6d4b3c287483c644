"""All-or-nothing import of inclusive employers from CSV or data·inclusion structure JSON.

Every line is checked before anything is written: one bad line refuses the whole file, and the
error lists every bad line with its number and reason. Employers are matched by SIRET: a known
SIRET is updated (or left alone when nothing changed), never duplicated. Re-importing the same
file changes nothing.

CSV columns (header line, "," or ";" separator, UTF-8; see core/importing.py):
  siret*, nom*, categorie* (EI, AI, ACI, ETTI, EITI, GEIQ, SEP, RQ, EA, EATT, ESAT),
  departement (INSEE code; or deduced from commune_code_insee / code_postal), commune_code_insee,
  code_postal, adresse, courriel, telephone, site_internet, description, effectif (0-9, 10-49,
  50-249, 250+), labels, secteurs (names or identifiers of the managed list, "|"-separated),
  territoire ("pays", "rayon:<km>", "departements:33|40", "regions:75", "communes:33063|33281";
  empty = its own département), source.
"""

import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.text import slugify

from core.cache import content_changed
from core.importing import WHOLE_FILE, Importer, ImportRefused, ImportReport, read_csv
from core.models import Sector
from core.vocabulary import ActivityScope, EmployerKind, Headcount, OrganisationKind
from search.indexing import index_queryset

from . import geography
from .models import Activity, Commune, Department, InclusiveEmployer, Organisation, Region
from .validators import clean_siret

MAX_FILE_BYTES = 50 * 1024 * 1024
# data·inclusion "typologie" values that are inclusive employers in our sense.
DATA_INCLUSION_KINDS = {kind.value: kind.value for kind in EmployerKind} | {
    "RQ": EmployerKind.REGIE,
    "REGIE": EmployerKind.REGIE,
}
FIELDS = [
    "name",
    "subkind",
    "address",
    "commune_id",
    "department_id",
    "description",
    "email",
    "phone",
    "website",
    "headcount",
    "labels",
    "source",
]


@dataclass
class Row:
    line: int
    siret: str
    values: dict
    activities: list  # [(sector_id, scope, radius_km, region_ids, department_ids, commune_ids)]
    raw: dict


# ---------------------------------------------------------------------------------------------
# Reading


def read_json(text):
    """[(record number, record)] of a data·inclusion export (a list, or an object holding one)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefused([(error.lineno, f"JSON illisible ({error.msg})")]) from None
    if isinstance(data, dict):
        data = data.get("resultats") or data.get("items") or data.get("data") or []
    if not isinstance(data, list):
        raise ImportRefused([(WHOLE_FILE, "le JSON doit être une liste de structures")])
    return [
        (index, _from_data_inclusion(item) if isinstance(item, dict) else {})
        for index, item in enumerate(data, start=1)
    ]


def _from_data_inclusion(item):
    """A data·inclusion "structure" record mapped onto our CSV columns (raw kept for audit)."""
    if "typologie" not in item:  # already in our own columns (e.g. /annuaire/export.json)
        record = {str(k).lower(): "" if v is None else str(v) for k, v in item.items()}
        record.setdefault("departement", record.pop("departement_code", ""))
        return record
    kind = DATA_INCLUSION_KINDS.get(str(item.get("typologie") or "").upper(), "")
    return {
        "siret": str(item.get("siret") or ""),
        "nom": str(item.get("nom") or ""),
        "categorie": kind or str(item.get("typologie") or ""),
        "commune_code_insee": str(item.get("code_insee") or ""),
        "code_postal": str(item.get("code_postal") or ""),
        "adresse": " ".join(
            str(part) for part in (item.get("adresse"), item.get("complement_adresse")) if part
        ),
        "courriel": str(item.get("courriel") or ""),
        "telephone": str(item.get("telephone") or ""),
        "site_internet": str(item.get("site_web") or ""),
        "description": str(
            item.get("presentation_resume") or item.get("presentation_detail") or ""
        ),
        "labels": "|".join(item.get("labels_nationaux") or []),
        "secteurs": "",
        "territoire": "",
        "source": str(item.get("source") or "data·inclusion"),
        "_raw": item,
    }


# ---------------------------------------------------------------------------------------------
# Checking


class _Reference:
    def __init__(self):
        self.departments = dict(Department.objects.values_list("code", "id"))
        self.department_regions = dict(Department.objects.values_list("id", "region_id"))
        self.regions = dict(Region.objects.values_list("code", "id"))
        self.communes = {
            code: (commune_id, department_id)
            for code, commune_id, department_id in Commune.objects.values_list(
                "code", "id", "department_id"
            )
        }
        self.sectors = {}
        for sector_id, name, slug in Sector.objects.values_list("id", "name", "slug"):
            self.sectors[name.lower()] = sector_id
            self.sectors[slug] = sector_id
        self.neighbours = {}
        for a, b in Department.neighbours.through.objects.values_list(
            "from_department_id", "to_department_id"
        ):
            self.neighbours.setdefault(a, []).append(b)


def _siret(record, seen, line, problems):
    try:
        siret = clean_siret(record.get("siret", ""))
    except ValidationError:
        problems.append(f"SIRET invalide « {record.get('siret', '')[:20]} »")
        return ""
    if siret in seen:
        problems.append(f"SIRET {siret} déjà présent ligne {seen[siret]}")
    else:
        seen[siret] = line
    return siret


def _kind(record, problems):
    kind = record.get("categorie", "").upper()
    if kind not in EmployerKind.values:
        problems.append(f"catégorie inconnue « {record.get('categorie', '')[:20]} »")
    return kind


def _place(record, ref, problems):
    """(commune, department id): from the INSEE code, the département or the postal code."""
    code = record.get("commune_code_insee", "")
    commune = ref.communes.get(code)
    if code and commune is None:
        problems.append(f"commune inconnue « {code[:10]} »")
    department_id = _department(record, commune, ref, problems)
    if commune and department_id and commune[1] != department_id:
        problems.append("la commune n'est pas dans le département indiqué")
    return commune, department_id


def _department(record, commune, ref, problems):
    given = record.get("departement", "")
    code = geography.normalise_department_code(given)
    if given and not code:
        problems.append(f"département inconnu « {given[:20]} »")
    department_id = ref.departments.get(code) if code else None
    if department_id is None and commune:
        department_id = commune[1]
    if department_id is None and record.get("code_postal"):
        department_id = ref.departments.get(
            geography.department_code_from_postal_code(record["code_postal"])
        )
    if department_id is None and not given:
        problems.append("département manquant ou introuvable")
    return department_id


def _validated(value, validator, label, problems):
    if value:
        try:
            validator(value)
        except ValidationError:
            problems.append(f"{label} invalide « {value[:60]} »")
    return value


def _headcount(record, problems):
    headcount = record.get("effectif", "")
    if headcount not in Headcount.values:
        problems.append(f"effectif inconnu « {headcount[:20]} »")
    return headcount


def _sectors(record, ref, problems):
    sectors = []
    for label in filter(None, (s.strip() for s in record.get("secteurs", "").split("|"))):
        sector_id = ref.sectors.get(label.lower()) or ref.sectors.get(slugify(label))
        if sector_id is None:
            problems.append(f"secteur inconnu « {label[:60]} »")
        else:
            sectors.append(sector_id)
    return sectors


def _check(line, record, ref, seen):
    """(Row, []) or (None, [problems]) for one record."""
    problems = []
    raw = record.pop("_raw", None) or dict(record)
    name = record.get("nom", "")[:255]
    if not name:
        problems.append("nom manquant")
    siret = _siret(record, seen, line, problems)
    kind = _kind(record, problems)
    commune, department_id = _place(record, ref, problems)
    email = _validated(record.get("courriel", ""), EmailValidator(), "courriel", problems)
    website = _validated(
        record.get("site_internet", ""),
        URLValidator(schemes=["http", "https"]),
        "site internet",
        problems,
    )
    headcount = _headcount(record, problems)
    sectors = _sectors(record, ref, problems)
    territory = _territory(record.get("territoire", ""), department_id, ref, problems)
    if problems:
        return None, problems
    values = {
        "name": name,
        "subkind": kind,
        "address": record.get("adresse", "")[:255],
        "commune_id": commune[0] if commune else None,
        "department_id": department_id,
        "description": record.get("description", "")[:5000],
        "email": email,
        "phone": record.get("telephone", "")[:30],
        "website": website,
        "headcount": headcount,
        "labels": record.get("labels", "")[:255],
        "source": record.get("source", "")[:100] or "import",
    }
    activities = sorted({(sector_id, *territory) for sector_id in sectors})
    return Row(line, siret, values, activities, raw), []


def _territory(text, department_id, ref, errors):
    """(scope, radius_km, region_ids, department_ids, commune_ids) from the "territoire" column."""
    text = text.strip().lower()
    if not text:
        return (ActivityScope.AREA, None, (), (department_id,) if department_id else (), ())
    if text == "pays":
        return (ActivityScope.COUNTRY, None, (), (), ())
    kind, _, codes = text.partition(":")
    if kind == "rayon":
        if not codes.isdigit() or not 0 < int(codes) <= 1000:
            errors.append(f"rayon invalide « {codes[:20]} »")
            return (ActivityScope.RADIUS, None, (), (), ())
        return (ActivityScope.RADIUS, int(codes), (), (), ())
    table = {"regions": ref.regions, "departements": ref.departments, "communes": ref.communes}
    if kind not in table:
        errors.append(f"territoire inconnu « {text[:40]} »")
        return (ActivityScope.AREA, None, (), (), ())
    ids = []
    for code in filter(None, (c.strip().upper() for c in codes.split("|"))):
        found = table[kind].get(code)
        if found is None:
            errors.append(f"code de territoire inconnu « {code[:10]} »")
        else:
            ids.append(found[0] if kind == "communes" else found)
    ids = tuple(sorted(set(ids)))
    return (
        ActivityScope.AREA,
        None,
        ids if kind == "regions" else (),
        ids if kind == "departements" else (),
        ids if kind == "communes" else (),
    )


def _served(activity, employer_department_id, ref):
    _, scope, radius, region_ids, department_ids, commune_ids = activity
    if scope == ActivityScope.COUNTRY:
        return set()
    if scope == ActivityScope.RADIUS:
        served = {employer_department_id}
        if (radius or 0) >= 50:
            served |= set(ref.neighbours.get(employer_department_id, []))
        return served
    served = set(department_ids)
    served |= {d for d, r in ref.department_regions.items() if r in region_ids}
    commune_departments = (
        {
            department_id
            for commune_id, department_id in ref.communes.values()
            if commune_id in commune_ids
        }
        if commune_ids
        else set()
    )
    return served | commune_departments


# ---------------------------------------------------------------------------------------------
# Writing


class EmployerImporter(Importer):
    """Inclusive employers from CSV or data·inclusion JSON, matched by SIRET."""

    max_bytes = MAX_FILE_BYTES
    required_columns = ["siret"]
    progress_label = "Employeurs"

    def read(self, text, filename):
        if filename.lower().endswith(".json") or text.lstrip().startswith(("[", "{")):
            return read_json(text)
        return read_csv(text, self.required_columns, self.max_lines)

    def prepare(self):
        self.ref, self.seen = _Reference(), {}

    def check(self, line, record):
        return _check(line, record, self.ref, self.seen)

    def write(self, rows, progress):
        rows = [row for _, row in rows]
        report = ImportReport()
        existing = {
            employer.siret: employer
            for employer in InclusiveEmployer.objects.filter(siret__in=[r.siret for r in rows])
        }
        current_activities = _activity_signatures(existing.values())
        to_create, to_update, replace_activities = [], [], []
        now = timezone.now()
        for done, row in enumerate(rows, start=1):
            employer = existing.get(row.siret)
            if employer is None:
                to_create.append((_new_employer(row, now), row))
            elif _refresh(employer, row, current_activities.get(employer.pk, []), now):
                to_update.append(employer)
                if current_activities.get(employer.pk, []) != row.activities:
                    replace_activities.append((employer, row))
            else:
                report.unchanged += 1
            progress(done, len(rows))
        _bulk_create_employers([e for e, _ in to_create])
        _bulk_update_employers(to_update, now)
        Activity.objects.filter(employer__in=[e for e, _ in replace_activities]).delete()
        _create_activities(to_create + replace_activities, self.ref)
        report.created, report.updated = len(to_create), len(to_update)
        self.changed = [employer.pk for employer, _ in to_create] + [e.pk for e in to_update]
        return report

    def written(self, report):
        # Bulk writes send no save signal: the site search and the page cache are told here.
        index_queryset(InclusiveEmployer.objects.filter(pk__in=self.changed))
        if self.changed:
            content_changed()


def import_employers(content, filename="", progress=None):
    """Check then write the whole file in one transaction. Returns an ImportReport or raises
    ImportRefused listing every bad line (nothing written)."""
    return EmployerImporter().run(content, filename, progress)


def _new_employer(row, now):
    employer = InclusiveEmployer(
        siret=row.siret, raw_record=row.raw, last_synced_at=now, **row.values
    )
    employer.kind = OrganisationKind.EMPLOYER
    return employer


def _refresh(employer, row, activities, now):
    """Copy the row onto a known employer; False when nothing at all changed."""
    changed = any(getattr(employer, key) != value for key, value in row.values.items())
    if not (changed or activities != row.activities or employer.raw_record != row.raw):
        return False
    for key, value in row.values.items():
        setattr(employer, key, value)
    employer.raw_record = row.raw
    employer.last_synced_at = now
    return True


def _bulk_update_employers(employers, now):
    if employers:
        InclusiveEmployer.objects.bulk_update(
            employers, FIELDS + ["raw_record", "last_synced_at"], batch_size=500
        )
        Organisation.objects.filter(pk__in=[e.pk for e in employers]).update(updated_at=now)


def _activity_signatures(employers):
    signatures = {}
    activities = Activity.objects.filter(employer__in=list(employers)).prefetch_related(
        "regions", "departments", "communes"
    )
    for activity in activities:
        signatures.setdefault(activity.employer_id, []).append(
            (
                activity.sector_id,
                activity.scope,
                activity.radius_km,
                tuple(sorted(r.id for r in activity.regions.all())),
                tuple(sorted(d.id for d in activity.departments.all())),
                tuple(sorted(c.id for c in activity.communes.all())),
            )
        )
    return {key: sorted(value) for key, value in signatures.items()}


def _bulk_create_employers(employers):
    """Multi-table inheritance has no bulk_create: parents first, then the child rows."""
    if not employers:
        return
    existing_slugs = set(Organisation.objects.values_list("slug", flat=True))
    codes = dict(Department.objects.values_list("id", "code"))
    for employer in employers:
        base = slugify(f"{employer.name} {codes[employer.department_id]}")[:200] or "employeur"
        slug, number = base, 2
        while slug in existing_slugs:
            slug, number = f"{base}-{number}", number + 1
        existing_slugs.add(slug)
        employer.slug = slug
    parent_fields = [f.attname for f in Organisation._meta.concrete_fields if f.name != "id"]
    for start in range(0, len(employers), 500):
        batch = employers[start : start + 500]
        parents = [
            Organisation(**{name: getattr(employer, name) for name in parent_fields})
            for employer in batch
        ]
        Organisation.objects.bulk_create(parents)
        for employer, parent in zip(batch, parents, strict=True):
            employer.organisation_ptr_id = parent.pk
            employer.pk = parent.pk
        local_fields = InclusiveEmployer._meta.local_concrete_fields
        InclusiveEmployer.objects._insert(batch, fields=local_fields)


def _create_activities(pairs, ref):
    activities, links = [], []
    for employer, row in pairs:
        for signature in row.activities:
            sector_id, scope, radius, region_ids, department_ids, commune_ids = signature
            activity = Activity(
                employer_id=employer.pk, sector_id=sector_id, scope=scope, radius_km=radius
            )
            activities.append(activity)
            links.append((activity, signature, employer.department_id))
    Activity.objects.bulk_create(activities, batch_size=1000)
    through = {
        "regions": Activity.regions.through,
        "departments": Activity.departments.through,
        "communes": Activity.communes.through,
        "served_departments": Activity.served_departments.through,
    }
    rows = {name: [] for name in through}
    for activity, signature, department_id in links:
        rows["regions"] += [
            through["regions"](activity_id=activity.pk, region_id=i) for i in signature[3]
        ]
        rows["departments"] += [
            through["departments"](activity_id=activity.pk, department_id=i) for i in signature[4]
        ]
        rows["communes"] += [
            through["communes"](activity_id=activity.pk, commune_id=i) for i in signature[5]
        ]
        rows["served_departments"] += [
            through["served_departments"](activity_id=activity.pk, department_id=i)
            for i in _served(signature, department_id, ref)
        ]
    for name, objects in rows.items():
        through[name].objects.bulk_create(objects, batch_size=2000)

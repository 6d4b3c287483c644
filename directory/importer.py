"""All-or-nothing import of inclusive employers from CSV or data·inclusion structure JSON.

Every line is checked before anything is written: one bad line refuses the whole file, and the
error lists every bad line with its number and reason. Employers are matched by SIRET: a known
SIRET is updated (or left alone when nothing changed), never duplicated. Re-importing the same
file changes nothing.

CSV columns (header line, "," or ";" separator, UTF-8):
  siret*, nom*, categorie* (EI, AI, ACI, ETTI, EITI, GEIQ, SEP, RQ, EA, EATT, ESAT),
  departement (INSEE code; or deduced from commune_code_insee / code_postal), commune_code_insee,
  code_postal, adresse, courriel, telephone, site_internet, description, effectif (0-9, 10-49,
  50-249, 250+), labels, secteurs (names or identifiers of the managed list, "|"-separated),
  territoire ("pays", "rayon:<km>", "departements:33|40", "regions:75", "communes:33063|33281";
  empty = its own département), source.
"""

import csv
import io
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.cache import content_changed
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


class ImportRefused(Exception):
    def __init__(self, errors):
        self.errors = errors  # [(line number, reason)]
        super().__init__(
            "Fichier refusé, rien n'a été importé :\n"
            + "\n".join(f"ligne {line} : {reason}" for line, reason in errors)
        )


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    errors: list = field(default_factory=list)

    def __str__(self):
        return (
            f"{self.created} créé(s), {self.updated} mis à jour, {self.unchanged} inchangé(s), "
            f"{self.refused} refusé(s)"
        )


@dataclass
class Row:
    line: int
    siret: str
    values: dict
    activities: list  # [(sector_id, scope, radius_km, region_ids, department_ids, commune_ids)]
    raw: dict


# ---------------------------------------------------------------------------------------------
# Reading


def read_records(content, filename=""):
    """[(line number, dict)] from CSV or JSON bytes/text."""
    if isinstance(content, bytes):
        if len(content) > MAX_FILE_BYTES:
            raise ImportRefused([(0, "fichier trop volumineux (50 Mo au plus)")])
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRefused([(0, "le fichier doit être encodé en UTF-8")]) from None
    content = content.replace("\x00", "")
    stripped = content.lstrip()
    if filename.lower().endswith(".json") or stripped.startswith(("[", "{")):
        try:
            data = json.loads(content)
        except json.JSONDecodeError as error:
            raise ImportRefused([(error.lineno, f"JSON illisible ({error.msg})")]) from None
        if isinstance(data, dict):
            data = data.get("resultats") or data.get("items") or data.get("data") or []
        if not isinstance(data, list):
            raise ImportRefused([(0, "le JSON doit être une liste de structures")])
        return [
            (index, _from_data_inclusion(item) if isinstance(item, dict) else {})
            for index, item in enumerate(data, start=1)
        ]
    sample = content[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(content), delimiter=delimiter)
    if not reader.fieldnames or "siret" not in [name.strip().lower() for name in reader.fieldnames]:
        raise ImportRefused([(1, "en-tête absent ou sans colonne « siret »")])
    return [
        (reader.line_num, {(k or "").strip().lower(): (v or "").strip() for k, v in record.items()})
        for record in reader
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


def _check(line, record, ref, seen):
    errors = []
    raw = record.pop("_raw", None) or dict(record)
    name = record.get("nom", "")[:255]
    if not name:
        errors.append("nom manquant")
    try:
        siret = clean_siret(record.get("siret", ""))
    except ValidationError:
        siret = ""
        errors.append(f"SIRET invalide « {record.get('siret', '')[:20]} »")
    if siret and siret in seen:
        errors.append(f"SIRET {siret} déjà présent ligne {seen[siret]}")
    elif siret:
        seen[siret] = line
    kind = record.get("categorie", "").upper()
    if kind not in EmployerKind.values:
        errors.append(f"catégorie inconnue « {record.get('categorie', '')[:20]} »")
    commune = ref.communes.get(record.get("commune_code_insee", ""))
    if record.get("commune_code_insee") and commune is None:
        errors.append(f"commune inconnue « {record['commune_code_insee'][:10]} »")
    department_code = geography.normalise_department_code(record.get("departement", ""))
    if record.get("departement") and not department_code:
        errors.append(f"département inconnu « {record.get('departement', '')[:20]} »")
    department_id = ref.departments.get(department_code) if department_code else None
    if department_id is None and commune:
        department_id = commune[1]
    if department_id is None and record.get("code_postal"):
        department_id = ref.departments.get(
            geography.department_code_from_postal_code(record["code_postal"])
        )
    if department_id is None and not record.get("departement"):
        errors.append("département manquant ou introuvable")
    if commune and department_id and commune[1] != department_id:
        errors.append("la commune n'est pas dans le département indiqué")
    email = record.get("courriel", "")
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors.append(f"courriel invalide « {email[:60]} »")
    website = record.get("site_internet", "")
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            errors.append(f"site internet invalide « {website[:60]} »")
    headcount = record.get("effectif", "")
    if headcount not in Headcount.values:
        errors.append(f"effectif inconnu « {headcount[:20]} »")
    sectors = []
    for label in filter(None, (s.strip() for s in record.get("secteurs", "").split("|"))):
        sector_id = ref.sectors.get(label.lower()) or ref.sectors.get(slugify(label))
        if sector_id is None:
            errors.append(f"secteur inconnu « {label[:60]} »")
        else:
            sectors.append(sector_id)
    territory = _territory(record.get("territoire", ""), department_id, ref, errors)
    if errors:
        return None, errors
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


def import_employers(content, filename="", progress=None):
    """Check then write the whole file in one transaction. Returns an ImportReport or raises
    ImportRefused listing every bad line (nothing written)."""
    records = read_records(content, filename)
    ref = _Reference()
    rows, errors, seen = [], [], {}
    for line, record in records:
        row, row_errors = _check(line, record, ref, seen)
        errors += [(line, reason) for reason in row_errors]
        if row:
            rows.append(row)
    if errors:
        raise ImportRefused(errors)
    report = ImportReport()
    with transaction.atomic():
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
                employer = InclusiveEmployer(
                    siret=row.siret, raw_record=row.raw, last_synced_at=now, **row.values
                )
                employer.kind = OrganisationKind.EMPLOYER
                to_create.append((employer, row))
            else:
                changed = any(getattr(employer, key) != value for key, value in row.values.items())
                activities_changed = current_activities.get(employer.pk, []) != row.activities
                if changed or activities_changed or employer.raw_record != row.raw:
                    for key, value in row.values.items():
                        setattr(employer, key, value)
                    employer.raw_record = row.raw
                    employer.last_synced_at = now
                    to_update.append(employer)
                    if activities_changed:
                        replace_activities.append((employer, row))
                else:
                    report.unchanged += 1
            if progress and (done % 500 == 0 or done == len(rows)):
                progress(done, len(rows))
        _bulk_create_employers([e for e, _ in to_create])
        if to_update:
            InclusiveEmployer.objects.bulk_update(
                to_update, FIELDS + ["raw_record", "last_synced_at"], batch_size=500
            )
            Organisation.objects.filter(pk__in=[e.pk for e in to_update]).update(updated_at=now)
        Activity.objects.filter(employer__in=[e for e, _ in replace_activities]).delete()
        _create_activities(to_create + replace_activities, ref)
        report.created, report.updated = len(to_create), len(to_update)
    # Bulk writes send no save signal: the site search and the page cache are told here.
    changed = [employer.pk for employer, _ in to_create] + [employer.pk for employer in to_update]
    index_queryset(InclusiveEmployer.objects.filter(pk__in=changed))
    if changed:
        content_changed()
    return report


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

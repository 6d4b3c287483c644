"""Demo content of the directory: geography, fictitious facilitators and inclusive employers.

Every organisation created here is fictitious and flagged `is_demo` (the pages show a
"Donnée fictive de démonstration" badge). Generated deterministically: the same run gives the
same data. Running it again changes nothing.

DIRECTORY_DEMO_SIZE=small (environment) loads the communes of a few départements only and about
200 employers: that is what browser tests need, in well under three seconds.
"""

import datetime
import os
import random
from decimal import Decimal

from stdnum import luhn

from core.models import Sector
from core.vocabulary import ActivityScope, EmployerKind, FacilitatorHost, Headcount

from .. import geography
from ..models import (
    Activity,
    Commune,
    Department,
    FacilitatorStructure,
    InclusiveEmployer,
    LeverThresholds,
    Organisation,
    PublicBuyer,
)
from .quiet import quiet_saves, record_references

# Départements with no facilitator according to the IGAS report (pièce jointe 2, April 2016: the
# 11 named ones) plus Corsica, for which the report has no data (11 + 2 = the "13" of its main
# text). See shared/domain/facilitator-coverage.csv.
UNCOVERED = ["03", "43", "04", "46", "12", "81", "11", "09", "66", "32", "18", "2A", "2B"]
SMALL_COMMUNE_DEPARTMENTS = [
    "75", "13", "33", "59", "69", "35", "2A", "2B", "971", "974", "03", "977", "978",
]  # fmt: skip

SECTORS = [
    "Bâtiment et travaux publics",
    "Espaces verts et entretien des paysages",
    "Propreté et nettoyage",
    "Restauration collective et traiteur",
    "Collecte, tri et recyclage des déchets",
    "Blanchisserie et entretien du linge",
    "Logistique, manutention et déménagement",
    "Numérique et saisie de données",
    "Imprimerie et reprographie",
    "Mise à disposition de personnel",
    "Transport de personnes et de marchandises",
    "Second œuvre et rénovation énergétique",
    "Conditionnement et travaux à façon",
    "Textile et couture",
    "Accueil, gardiennage et services aux bâtiments",
]

HOST_NAMES = {
    FacilitatorHost.PLIE: "PLIE {place}",
    FacilitatorHost.MDE: "Maison de l'emploi {place}",
    FacilitatorHost.COLLECTIVITE: "Communauté d'agglomération {place}",
    FacilitatorHost.FRANCE_TRAVAIL: "France Travail — plateforme clauses {place}",
    FacilitatorHost.OTHER: "Association Clauses et emploi {place}",
}
EMPLOYER_WORDS = [
    "Atelier",
    "Chantier",
    "Ressourcerie",
    "Jardins",
    "Horizons",
    "Tremplin",
    "Passerelle",
    "Trait d'union",
    "Solidaires",
    "Rebond",
    "Envol",
    "Cap emploi",
    "Avenir",
    "Ensemble",
]
KIND_WEIGHTS = {
    EmployerKind.EI: 22,
    EmployerKind.AI: 14,
    EmployerKind.ACI: 22,
    EmployerKind.ETTI: 10,
    EmployerKind.EITI: 3,
    EmployerKind.GEIQ: 5,
    EmployerKind.SEP: 1,
    EmployerKind.REGIE: 4,
    EmployerKind.EA: 10,
    EmployerKind.EATT: 2,
    EmployerKind.ESAT: 7,
}


def demo_size():
    return "small" if os.environ.get("DIRECTORY_DEMO_SIZE", "").lower() == "small" else "full"


def fake_siret(rng):
    siren = str(rng.randrange(10_000_000, 99_999_999))
    siren += luhn.calc_check_digit(siren)
    nic = f"{rng.randrange(1, 9999):04d}"
    return siren + nic + luhn.calc_check_digit(siren + nic)


def load(stdout):
    small = demo_size() == "small"
    messages = [_load_geography(small)]
    LeverThresholds.load()
    sectors = _load_sectors()
    if Organisation.objects.filter(is_demo=True).exists():
        messages.append("annuaire de démonstration déjà présent")
        return ", ".join(messages)
    departments = {d.code: d for d in Department.objects.select_related("region")}
    with quiet_saves([FacilitatorStructure, InclusiveEmployer]):
        facilitators = _load_facilitators(departments)
        employers = _load_employers(departments, sectors, 200 if small else 2000)
    for model in (FacilitatorStructure, InclusiveEmployer):
        record_references(model.objects.filter(is_demo=True))
    _load_buyers(departments)
    messages.append(
        f"{facilitators} structures porteuses et {employers} employeurs inclusifs fictifs"
    )
    return ", ".join(messages)


def _load_geography(small):
    only = SMALL_COMMUNE_DEPARTMENTS if small else None
    communes = Commune.objects.count()
    if Department.objects.count() == 104 and communes and (small or communes > 30_000):
        return "référentiel géographique déjà chargé"
    geography.load(only)
    return f"référentiel géographique chargé ({Commune.objects.count()} communes)"


def _load_sectors():
    from django.utils.text import slugify

    existing = {s.name: s for s in Sector.objects.all()}
    missing = [Sector(name=name, slug=slugify(name)) for name in SECTORS if name not in existing]
    Sector.objects.bulk_create(missing)
    return list(Sector.objects.filter(name__in=SECTORS).order_by("name"))


def _communes_by_department():
    result = {}
    for commune in Commune.objects.order_by("-population", "code").only(
        "id", "department_id", "name"
    ):
        result.setdefault(commune.department_id, []).append(commune)
    return result


def _load_facilitators(departments):
    rng = random.Random(2016)
    communes = _communes_by_department()
    hosts = list(FacilitatorHost)
    coordinator_regions = set()
    created = 0
    for code, department in sorted(departments.items()):
        if code in UNCOVERED:
            continue
        count = 2 if code in {"59", "62", "75", "93", "13", "69", "33"} else 1
        for number in range(count):
            host = hosts[
                (int(code[:2].replace("2A", "20").replace("2B", "20")) + number) % len(hosts)
            ]
            place = department.name if number == 0 else f"{department.name} Nord"
            place_communes = communes.get(department.id, [])
            commune = place_communes[number] if len(place_communes) > number else None
            persons = rng.randint(1, 4)
            is_coordinator = department.region_id not in coordinator_regions and number == 0
            coordinator_regions.add(department.region_id)
            structure = FacilitatorStructure.objects.create(
                name=HOST_NAMES[host].format(place=place),
                subkind=host,
                address=f"{rng.randint(1, 80)} rue de l'Emploi",
                commune=commune,
                department=department,
                facilitators_count=persons,
                facilitators_fte=Decimal(persons) - Decimal("0.5") * rng.randint(0, 1),
                area_description=f"Département : {department.name}",
                email=f"clauses.{code.lower()}{number or ''}@exemple.fr",
                phone="01 00 00 00 00",
                website="https://exemple.fr/",
                is_regional_coordinator=is_coordinator,
                last_verified=datetime.date(2026, 1 + rng.randint(0, 9), 1 + rng.randint(0, 27)),
                description=(
                    "Structure fictive créée pour la démonstration : elle accompagne les acheteurs "
                    "publics et les entreprises attributaires dans la mise en œuvre des clauses sociales."
                ),
                is_demo=True,
            )
            _set_territory(structure, department, place_communes, number)
            created += 1
    return created


def _set_territory(structure, department, place_communes, number):
    """The first structure of a département covers all of its communes; the second one, where
    the communes are loaded, is a PLIE covering a handful of communes of one intercommunalité
    (a territory finer than the département). Without loaded communes (small demo), the
    département is kept as a whole."""
    if not place_communes:
        structure.covered_departments.set([department])
        return
    if number == 0 or len(place_communes) < 2:
        structure.covered_communes.set(place_communes)
        return
    centre = place_communes[1]
    epci = centre.epcis.first()
    around = epci.communes.order_by("-population") if epci else Commune.objects.none()
    chosen = [centre] + [c for c in around if c.pk not in (centre.pk, place_communes[0].pk)][:4]
    structure.name = f"PLIE {centre.name} et environs"
    structure.subkind = FacilitatorHost.PLIE
    # The communes are listed under « Territoire couvert »; the description says what they are.
    epci_name = epci.name if epci else centre.name
    structure.area_description = f"Une partie de l'intercommunalité {epci_name}"
    structure.save()
    structure.covered_communes.set(chosen)


def _load_employers(departments, sectors, total):
    rng = random.Random(2019)
    communes = _communes_by_department()
    codes = sorted(departments)
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    headcounts = [h for h in Headcount.values if h]
    neighbours = {}
    for row in Department.neighbours.through.objects.values_list(
        "from_department_id", "to_department_id"
    ):
        neighbours.setdefault(row[0], []).append(row[1])
    pending = []
    Served = Activity.served_departments.through
    sirets = set()
    for number in range(total):
        department = departments[codes[number % len(codes)]]
        kind = rng.choices(kinds, weights)[0]
        siret = fake_siret(rng)
        while siret in sirets:
            siret = fake_siret(rng)
        sirets.add(siret)
        place_communes = communes.get(department.id, [])
        commune = place_communes[rng.randrange(len(place_communes))] if place_communes else None
        place = commune.name if commune else department.name
        employer = InclusiveEmployer.objects.create(
            name=f"{rng.choice(EMPLOYER_WORDS)} {place} {number + 1}",
            subkind=kind,
            siret=siret,
            address=f"{rng.randint(1, 120)} avenue de la Solidarité",
            commune=commune,
            department=department,
            headcount=rng.choice(headcounts),
            description=(
                "Employeur fictif créé pour la démonstration de l'annuaire : aucune donnée ne "
                "correspond à une structure réelle."
            ),
            email=f"contact{number + 1}@exemple.fr",
            website="https://exemple.fr/",
            source="démonstration",
            is_demo=True,
        )
        for sector in rng.sample(sectors, rng.choice([1, 1, 2])):
            draw = rng.random()
            activity = Activity(employer=employer, sector=sector)
            regions, chosen = [], []
            if draw < 0.05:
                activity.scope = ActivityScope.COUNTRY
                served = []
            elif draw < 0.3:
                activity.scope = ActivityScope.RADIUS
                activity.radius_km = rng.choice([30, 60])
                served = [department.id] + (
                    neighbours.get(department.id, []) if activity.radius_km >= 50 else []
                )
            elif draw < 0.4:
                regions = [department.region_id]
                served = [d.id for d in departments.values() if d.region_id == department.region_id]
            else:
                chosen = served = [department.id]
            pending.append((activity, regions, chosen, served))
    # Bulk writes (no signal): the served départements are computed above by the same rule
    # as coverage.refresh_activity.
    Activity.objects.bulk_create([item[0] for item in pending], batch_size=1000)
    through = {
        "regions": Activity.regions.through,
        "departments": Activity.departments.through,
    }
    through["regions"].objects.bulk_create(
        [
            through["regions"](activity_id=a.id, region_id=r)
            for a, regions, _, _ in pending
            for r in regions
        ]
    )
    through["departments"].objects.bulk_create(
        [
            through["departments"](activity_id=a.id, department_id=d)
            for a, _, chosen, _ in pending
            for d in chosen
        ]
    )
    Served.objects.bulk_create(
        [Served(activity_id=a.id, department_id=d) for a, _, _, served in pending for d in served],
        batch_size=2000,
    )
    return total


def _load_buyers(departments):
    rng = random.Random(2024)
    buyers = [
        ("Ville de {name}", "commune"),
        ("Conseil départemental — {name}", "departement"),
        ("Centre hospitalier {of}", "hopital"),
        ("Office public de l'habitat {of}", "bailleur"),
    ]
    for code in ("75", "13", "59", "69", "974"):
        department = departments[code]
        # "Ville de" its largest loaded commune, never "Ville de Nord".
        town = Commune.objects.filter(department=department).order_by("-population").first()
        names = {"name": town.name if town else department.name}
        names["of"] = department.name_with_article
        for template, kind in buyers:
            PublicBuyer.objects.get_or_create(
                name=template.format(**names) + " (fictif)",
                defaults={"kind": kind, "department": department, "siret": fake_siret(rng)},
            )

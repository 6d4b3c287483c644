"""Demo content: about 150 fictitious upcoming contracts from fictitious buyers.

Runs after the directory's loader (buyers, départements, sectors, facilitators). Deterministic:
the same seed gives the same contracts, their dates placed relative to today so that the list
always has upcoming, past-due ("à confirmer") and closed contracts. Idempotent: nothing is
created twice. Fast: every row is written with bulk_create, each contract live with one initial
revision (no per-object publish machinery), a few dozen queries in all.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_serializable_data_for_fields
from wagtail.models import Page, Revision

from core.demo_tools import is_editorial_page
from core.vocabulary import ContractKind, LegalMechanism
from guides.models import LegalBasis

from .. import cpv
from ..models import ContractLot, ContractStatus, Reservation, UpcomingContract

TOTAL = 150
SEED = 2019
BUYER_TEMPLATES = [
    ("Ville de {place}", "commune"),
    ("Communauté d'agglomération {of}", "commune"),
    ("Conseil départemental — {place}", "departement"),
    ("Centre hospitalier {of}", "hopital"),
    ("Habitat {place}", "bailleur"),
    ("Préfecture — {place}", "etat"),
]
# Départements given fictitious buyers of our own (the directory's demo has a few already).
BUYER_DEPARTMENTS = [
    "01", "06", "13", "14", "21", "29", "31", "33", "34", "35", "37", "38", "44", "45", "49",
    "51", "54", "57", "59", "62", "63", "67", "69", "72", "75", "76", "80", "86", "87", "93",
    "971", "974",
]  # fmt: skip
# (object, kind, sector name, CPV, labour share %, hourly cost €)
PROJECTS = [
    ("Réhabilitation thermique de logements sociaux", ContractKind.WORKS,
     "Second œuvre et rénovation énergétique", "45453000-7", 45, 32),
    ("Construction d'un groupe scolaire", ContractKind.WORKS,
     "Bâtiment et travaux publics", "45214200-2", 40, 30),
    ("Réfection de voirie et de trottoirs", ContractKind.WORKS,
     "Bâtiment et travaux publics", "45233140-2", 35, 30),
    ("Entretien des espaces verts et des parcs", ContractKind.SERVICES,
     "Espaces verts et entretien des paysages", "77310000-6", 60, 26),
    ("Nettoyage des bâtiments administratifs", ContractKind.SERVICES,
     "Propreté et nettoyage", "90910000-9", 75, 24),
    ("Restauration scolaire et portage de repas", ContractKind.SERVICES,
     "Restauration collective et traiteur", "55520000-1", 45, 25),
    ("Collecte et tri des encombrants", ContractKind.SERVICES,
     "Collecte, tri et recyclage des déchets", "90500000-2", 55, 27),
    ("Blanchisserie hospitalière", ContractKind.SERVICES,
     "Blanchisserie et entretien du linge", "98310000-9", 50, 24),
    ("Déménagement et manutention de mobilier", ContractKind.SERVICES,
     "Logistique, manutention et déménagement", "63100000-0", 65, 25),
    ("Numérisation des archives", ContractKind.SERVICES,
     "Numérique et saisie de données", "79999100-4", 70, 27),
    ("Impression des supports de communication", ContractKind.SUPPLIES,
     "Imprimerie et reprographie", "79800000-2", 30, 28),
    ("Transport des élèves et des personnes à mobilité réduite", ContractKind.SERVICES,
     "Transport de personnes et de marchandises", "60100000-9", 55, 26),
    ("Fourniture de vêtements de travail", ContractKind.SUPPLIES,
     "Textile et couture", "18100000-0", 25, 24),
    ("Gardiennage et accueil des équipements sportifs", ContractKind.SERVICES,
     "Accueil, gardiennage et services aux bâtiments", "79710000-4", 80, 25),
    ("Exploitation d'une ressourcerie et d'une déchetterie", ContractKind.CONCESSION,
     "Collecte, tri et recyclage des déchets", "90500000-2", 50, 26),
    ("Conditionnement et mise sous pli", ContractKind.SERVICES,
     "Conditionnement et travaux à façon", "79820000-8", 70, 23),
]  # fmt: skip
MECHANISMS = (
    [LegalMechanism.EXECUTION_CONDITION] * 10
    + [LegalMechanism.AWARD_CRITERION] * 3
    + [LegalMechanism.RESERVED_SIAE] * 2
    + [LegalMechanism.RESERVED_DISABILITY]
    + [LegalMechanism.INSERTION_CONTRACT] * 2
)


@dataclass
class _Context:
    """What every demo contract draws on, read once."""

    departments: dict
    sectors: dict
    facilitator_by_department: dict
    basis_by_mechanism: dict
    today: datetime.date
    now: datetime.datetime


def load(stdout):
    from core.models import Sector
    from directory.models import Department

    removed = _remove_placeholder_page()
    created, _updated = cpv.load()  # real reference data, loaded like the geography
    removed += f" ; nomenclature CPV : {created} code(s) ajouté(s)" if created else ""
    if UpcomingContract.objects.filter(is_demo=True).exists():
        return "marchés à venir de démonstration déjà présents" + removed
    departments = {d.code: d for d in Department.objects.all()}
    if not departments:
        return "aucun département : marchés à venir non créés"
    buyers = _demo_buyers(departments)
    context = _Context(
        departments=departments,
        sectors={s.name: s for s in Sector.objects.all()},
        facilitator_by_department=_first_facilitator_by_department(),
        basis_by_mechanism=_first_basis_by_mechanism(),
        today=timezone.localdate(),
        now=timezone.now(),
    )
    rng = random.Random(SEED)
    contracts = [
        _demo_contract(rng, number, buyers[number % len(buyers)], context)
        for number in range(TOTAL)
    ]
    UpcomingContract.objects.bulk_create(contracts)
    _create_links_and_lots(contracts)
    _create_initial_revisions(contracts, context.now)
    return f"{len(contracts)} marchés à venir fictifs créés" + removed


def _demo_buyers(departments):
    """Our fictitious buyers and the directory's, by name."""
    from directory.models import PublicBuyer

    buyers = _ensure_buyers(departments)
    others = PublicBuyer.objects.filter(department__isnull=False, name__endswith="(fictif)")
    buyers += [b for b in others.select_related("department") if b not in buyers]
    buyers.sort(key=lambda b: b.name)
    return buyers


def _first_facilitator_by_department():
    from directory.models import FacilitatorStructure

    links = FacilitatorStructure.covered_departments.through.objects.order_by(
        "facilitatorstructure_id"
    ).values_list("department_id", "facilitatorstructure_id")
    facilitator_by_department = {}
    for department_id, structure_id in links:
        facilitator_by_department.setdefault(department_id, structure_id)
    return facilitator_by_department


def _first_basis_by_mechanism():
    bases = {}
    for basis in LegalBasis.objects.order_by("sort_order", "pk"):
        bases.setdefault(basis.mechanism, basis.pk)
    return bases


def _notice_and_status(rng, today):
    """A notice date around today and a status that goes with it."""
    draw = rng.random()
    if draw < 0.1:  # past due, status unchanged: "à confirmer"
        notice = today - datetime.timedelta(days=rng.randint(5, 60))
        return notice, ContractStatus.PLANNED
    if draw < 0.16:
        notice = today - datetime.timedelta(days=rng.randint(20, 120))
        return notice, rng.choice(
            [ContractStatus.AWARDED, ContractStatus.CANCELLED, ContractStatus.UNSUCCESSFUL]
        )
    if draw < 0.24:
        notice = today - datetime.timedelta(days=rng.randint(1, 30))
        return notice, ContractStatus.PUBLISHED
    return today + datetime.timedelta(days=rng.randint(3, 420)), ContractStatus.PLANNED


def _demo_contract(rng, number, buyer, context):
    """One unsaved contract; its sector, départements and lots wait in `_demo_*` attributes.

    The draws keep their order: the same seed must give the same contracts."""
    title, kind, sector_name, cpv, share, cost = PROJECTS[rng.randrange(len(PROJECTS))]
    place = buyer.department.name
    mechanism = rng.choice(MECHANISMS)
    notice, status = _notice_and_status(rng, context.today)
    amount = Decimal(rng.randrange(60, 4000) * 1000)
    is_range = rng.random() < 0.3
    rate = Decimal(rng.choice([5, 7, 10]))
    calc = mechanism in (LegalMechanism.EXECUTION_CONDITION, LegalMechanism.AWARD_CRITERION)
    contract = UpcomingContract(
        title=f"{title} — {place}",
        slug=f"{slugify(title)[:70]}-{slugify(place)[:30]}-{number + 1}",
        buyer=buyer,
        description=(
            f"Marché fictif de démonstration : {title[0].lower() + title[1:]} pour le compte de "
            f"{buyer.name}. La clause sociale permettra à des personnes éloignées de l'emploi "
            "de travailler sur le chantier ou la prestation."
        ),
        kind=kind,
        cpv_code=cpv if rng.random() < 0.8 else "",
        amount_min=amount,
        amount_max=amount * Decimal("1.3") if is_range else None,
        legal_mechanism=mechanism,
        legal_basis_id=context.basis_by_mechanism.get(mechanism),
        calc_amount=amount if calc else None,
        calc_share=Decimal(share) if calc else None,
        calc_hourly_cost=Decimal(cost) if calc else None,
        calc_rate=rate if calc else None,
        expected_notice_date=notice,
        expected_start_date=notice + datetime.timedelta(days=rng.choice([60, 90, 120])),
        duration_months=rng.choice([12, 24, 36, 48]),
        facilitator_id=context.facilitator_by_department.get(buyer.department_id),
        status=status,
        notice_url=(
            f"https://marches.exemple.fr/avis/{number + 1}"
            if status != ContractStatus.PLANNED
            else ""
        ),
        is_demo=True,
        live=True,
        has_unpublished_changes=False,
        first_published_at=context.now - datetime.timedelta(days=rng.randint(2, 90)),
    )
    contract.last_published_at = contract.first_published_at
    if calc:
        contract.insertion_hours = int(contract.computed_hours())
    contract._demo_sector = context.sectors.get(sector_name)
    contract._demo_departments = [buyer.department_id] + (
        [context.departments[rng.choice(BUYER_DEPARTMENTS)].pk] if rng.random() < 0.15 else []
    )
    contract._demo_lots = _demo_lots(rng, amount)
    return contract


def _demo_lots(rng, amount):
    """None, two or three lots; the last one sometimes reserved."""
    lot_count = rng.choice([0, 0, 2, 3])
    lots = []
    for lot_number in range(1, lot_count + 1):
        reservation = ""
        if lot_number == lot_count and rng.random() < 0.5:
            reservation = rng.choice([Reservation.SIAE, Reservation.DISABILITY])
        lots.append(
            ContractLot(
                number=lot_number,
                title=f"Lot {lot_number} : {'partie réservée' if reservation else 'tranche'} {lot_number}",
                reservation=reservation,
                amount=(amount / lot_count).quantize(Decimal(1)),
                sort_order=lot_number,
            )
        )
    return lots


def _create_links_and_lots(contracts):
    """The sector and département links and the lots of the saved contracts."""
    SectorLink = UpcomingContract.sectors.through
    DepartmentLink = UpcomingContract.departments.through
    sector_rows, department_rows, lots = [], [], []
    for contract in contracts:
        if contract._demo_sector is not None:
            sector_rows.append(
                SectorLink(upcomingcontract_id=contract.pk, sector_id=contract._demo_sector.pk)
            )
        for department_id in dict.fromkeys(contract._demo_departments):
            department_rows.append(
                DepartmentLink(upcomingcontract_id=contract.pk, department_id=department_id)
            )
        for lot in contract._demo_lots:
            lot.contract_id = contract.pk
            lots.append(lot)
    SectorLink.objects.bulk_create(sector_rows)
    DepartmentLink.objects.bulk_create(department_rows)
    ContractLot.objects.bulk_create(lots)


def _create_initial_revisions(contracts, now):
    """One revision per contract holding what is live, as publishing would have stored."""
    content_type = ContentType.objects.get_for_model(UpcomingContract)
    revisions = []
    for contract in contracts:
        content = {
            **get_serializable_data_for_fields(contract),
            "sectors": [contract._demo_sector.pk] if contract._demo_sector else [],
            "departments": list(dict.fromkeys(contract._demo_departments)),
            "lots": [get_serializable_data_for_fields(lot) for lot in contract._demo_lots],
        }
        revisions.append(
            Revision(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(contract.pk),
                created_at=contract.first_published_at or now,
                object_str=contract.title[:255],
                content=content,
            )
        )
    Revision.objects.bulk_create(revisions)
    for contract, revision in zip(contracts, revisions, strict=True):
        contract.latest_revision_id = revision.pk
        contract.live_revision_id = revision.pk
    UpcomingContract.objects.bulk_update(contracts, ["latest_revision", "live_revision"])


def _ensure_buyers(departments):
    from directory.models import PublicBuyer

    wanted = []
    for index, code in enumerate(BUYER_DEPARTMENTS):
        department = departments.get(code)
        if department is None:
            continue
        for template, kind in (
            BUYER_TEMPLATES[index % len(BUYER_TEMPLATES)],
            BUYER_TEMPLATES[(index + 3) % len(BUYER_TEMPLATES)],
        ):
            wanted.append(
                (
                    template.format(place=department.name, of=department.name_with_article)
                    + " (fictif)",
                    kind,
                    department,
                )
            )
    existing = {b.name: b for b in PublicBuyer.objects.filter(name__in=[w[0] for w in wanted])}
    missing = [
        PublicBuyer(name=name, kind=kind, department=department)
        for name, kind, department in wanted
        if name not in existing
    ]
    PublicBuyer.objects.bulk_create(missing)
    return list(
        PublicBuyer.objects.filter(name__in=[w[0] for w in wanted]).select_related("department")
    )


def _remove_placeholder_page():
    """The foundation's placeholder page at /marches-a-venir/: our views serve that path, so the
    page only misleads the sitemap. Deleted while it is still a plain editorial page."""
    placeholder = Page.objects.filter(slug="marches-a-venir", depth=3).first()
    if placeholder is None or not is_editorial_page(placeholder):
        return ""
    placeholder.delete()
    return " ; page provisoire /marches-a-venir/ supprimée"

""" "Quel levier pour mon achat ?": from a sector, a territory and an amount, which lever fits.

The rules are plain functions; the thresholds come from the `LeverThresholds` setting that
editors change in the admin (Paramètres).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.shortcuts import render
from django.utils.http import urlencode

from core.models import Sector
from core.ratelimits import limit
from core.text import clean_query
from core.vocabulary import (
    DISABILITY_KINDS,
    INSERTION_CLAUSE_KINDS,
    SIAE_KINDS,
    SUBKIND_LABELS,
    LegalMechanism,
)

from . import coverage, geography
from .filters import WORKS_IN, DirectoryQuery, results
from .models import Department, LeverThresholds

MAX_AMOUNT = Decimal("10000000000")


# The article behind each lever when the legal bases (guides) have no record for it. Current
# numbering of the code de la commande publique (CCP), with the article it replaced: to be
# checked by the legal editor, like the legal-basis records.
DEFAULT_BASES = {
    LegalMechanism.EXECUTION_CONDITION: "CCP, art. L2112-2 (ancien art. 38 de l'ordonnance "
    "2015-899)",
    LegalMechanism.AWARD_CRITERION: "CCP, art. L2152-7 et R2152-7 (anciens art. 52 de "
    "l'ordonnance 2015-899 et 62 du décret 2016-360)",
    LegalMechanism.RESERVED_SIAE: "CCP, art. L2113-13 (ancien art. 36-II de l'ordonnance 2015-899)",
    LegalMechanism.RESERVED_DISABILITY: "CCP, art. L2113-12 (ancien art. 36-I de l'ordonnance "
    "2015-899)",
    LegalMechanism.INSERTION_CONTRACT: "CCP, art. R2123-1, 3° (ancien art. 28 du décret 2016-360)",
    LegalMechanism.CONCESSION: "CCP, art. L3114-2, L3113-1 et L3113-2 (anciens art. 33 et 36 "
    "de l'ordonnance 2016-65)",
}
SIAE_IN_FULL = (
    "structures d'insertion par l'activité économique (SIAE : entreprises d'insertion, "
    "associations intermédiaires, ateliers et chantiers d'insertion, entreprises de travail "
    "temporaire d'insertion, entreprises d'insertion par le travail indépendant)"
)
DISABILITY_IN_FULL = (
    "entreprises adaptées (EA), entreprises adaptées de travail temporaire (EATT) et "
    "établissements et services d'aide par le travail (ESAT)"
)


@dataclass
class Lever:
    mechanism: str
    title: str
    fits: bool | None  # None: depends on the form of the contract, not on the figures
    rule: str
    explanation: str
    basis: object = None  # a guides.LegalBasis, or None

    @property
    def clauses_url(self):
        return "/clauses/?" + urlencode({"base": self.mechanism})

    @property
    def basis_text(self):
        return DEFAULT_BASES.get(self.mechanism, "")


def legal_bases():
    """{mechanism: first LegalBasis record} (the editors' legal bases, guides app)."""
    from guides.models import LegalBasis

    bases = {}
    for basis in LegalBasis.objects.public().order_by("sort_order", "title"):
        bases.setdefault(basis.mechanism, basis)
    return bases


def euros(value):
    """A whole amount in French format (narrow no-break space between thousands)."""
    return f"{int(value):,}".replace(",", "\u202f")


def parse_amount(raw):
    text = clean_query(raw).replace("\u202f", "").replace(" ", "").replace("€", "")
    text = text.replace(",", ".")
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    if amount < 0 or amount > MAX_AMOUNT or not amount.is_finite():
        return None
    return amount


def levers(counts, amount, thresholds, bases=None):
    """The six levers, in the order a buyer should consider them, each saying whether it fits."""
    siae = sum(counts.get(kind, 0) for kind in SIAE_KINDS)
    disability = sum(counts.get(kind, 0) for kind in DISABILITY_KINDS)
    clause = sum(counts.get(kind, 0) for kind in INSERTION_CLAUSE_KINDS)
    minimum = thresholds.reserved_min_employers
    amount = amount or Decimal(0)
    found = [
        Lever(
            LegalMechanism.RESERVED_SIAE,
            "Réserver le marché ou un lot aux structures d'insertion par l'activité économique "
            "(SIAE)",
            siae >= minimum,
            f"Au moins {minimum} {SIAE_IN_FULL} actives dans ce secteur et ce territoire, "
            "pour que la mise en concurrence entre elles soit réelle.",
            f"{siae} SIAE peuvent répondre. Un même marché ou lot ne peut pas être réservé à la "
            "fois aux SIAE et aux EA et ESAT.",
        ),
        Lever(
            LegalMechanism.RESERVED_DISABILITY,
            "Réserver le marché ou un lot aux entreprises adaptées (EA) et aux établissements et "
            "services d'aide par le travail (ESAT)",
            disability >= minimum,
            f"Au moins {minimum} structures parmi les {DISABILITY_IN_FULL} actives dans ce "
            "secteur et ce territoire.",
            f"{disability} structure(s) du secteur adapté et protégé peuvent répondre.",
        ),
        Lever(
            LegalMechanism.EXECUTION_CONDITION,
            "Condition d'exécution : un nombre d'heures d'insertion",
            amount >= thresholds.execution_clause_min_amount,
            (
                f"Montant estimé d'au moins {euros(thresholds.execution_clause_min_amount)} € HT. "
                "L'entreprise titulaire réalise les heures par embauche directe, mise à disposition "
                "ou sous-traitance ; l'acheteur n'impose pas la manière."
            ),
            f"{clause} structure(s) du territoire (SIAE, groupements d'employeurs pour "
            "l'insertion et la qualification, régies de quartier, travail pénitentiaire) peuvent "
            "accueillir ou mettre à disposition des personnes en insertion ; le facilitateur aide "
            "l'entreprise à trouver les candidats.",
        ),
        Lever(
            LegalMechanism.AWARD_CRITERION,
            "Critère d'attribution : la performance en matière d'insertion",
            amount >= thresholds.award_criterion_min_amount,
            (
                f"Montant estimé d'au moins {euros(thresholds.award_criterion_min_amount)} € HT : "
                "le critère complète une condition d'exécution, il ne la remplace pas."
            ),
            "Le critère reste lié à l'objet du marché et pondéré ; il récompense la qualité de "
            "l'accompagnement ou des heures au-delà du minimum.",
        ),
        Lever(
            LegalMechanism.INSERTION_CONTRACT,
            "Marché d'insertion et de qualification : l'insertion est l'objet du marché",
            clause >= minimum,
            f"L'achat porte sur un service d'insertion et de qualification professionnelles, dont "
            f"les travaux ou l'entretien sont le support ; procédure adaptée quel que soit le "
            f"montant. Au moins {minimum} structures capables de porter des parcours.",
            "Adapté aux supports de chantier (espaces verts, entretien, second œuvre) : la durée "
            "du marché permet de construire des parcours.",
        ),
        Lever(
            LegalMechanism.CONCESSION,
            "Contrat de concession : les mêmes leviers",
            None,
            "Si l'achat prend la forme d'une concession (délégation de service public, "
            "concession de travaux), la condition d'exécution et la réservation s'y appliquent "
            "aussi.",
            "Sa durée, souvent longue, en fait un bon support de parcours d'insertion.",
        ),
    ]
    for lever in found:
        lever.basis = (bases or {}).get(lever.mechanism)
    return found


def count_rows(counts):
    """[(label in full, count)] for the result's list of kinds, in the order of the labels."""
    return sorted(
        ((SUBKIND_LABELS.get(kind, kind), count) for kind, count in counts.items()),
        key=lambda row: row[0],
    )


@limit("lever")
def lever_view(request):
    sectors = list(Sector.objects.order_by("name"))
    departments = list(Department.objects.order_by("code"))
    sector_slug = clean_query(request.GET.get("secteur", ""))[:150]
    department_code = geography.normalise_department_code(
        clean_query(request.GET.get("departement", ""))[:5]
    )
    raw_amount = clean_query(request.GET.get("montant", ""))[:40]
    errors = []
    sector = next((s for s in sectors if s.slug == sector_slug), None)
    department = next((d for d in departments if d.code == department_code), None)
    amount = parse_amount(raw_amount)
    submitted = any(key in request.GET for key in ("secteur", "departement", "montant"))
    if submitted:
        if sector is None:
            errors.append("Choisissez un secteur d'activité dans la liste.")
        if department is None:
            errors.append("Choisissez un département dans la liste.")
        if amount is None:
            errors.append("Indiquez le montant estimé en euros hors taxes, par exemple 150000.")
    context = {
        "sectors": sectors,
        "departments": departments,
        "sector": sector,
        "department": department,
        "raw_amount": raw_amount,
        "errors": errors,
        "submitted": submitted,
    }
    if submitted and not errors:
        # The directory's own query: the count and the linked list cannot disagree.
        params = {"type": "employeur", "secteur": sector.slug, WORKS_IN: department.code}
        counts = coverage.count_by_kind(results(DirectoryQuery.from_params(params)))
        context.update(
            {
                "amount": amount,
                "counts": count_rows(counts),
                "total": sum(counts.values()),
                "levers": levers(counts, amount, LeverThresholds.load(), legal_bases()),
                "facilitators": coverage.facilitators_for_department(department),
                "directory_url": "/annuaire/?" + urlencode(params),
            }
        )
    return render(request, "directory/lever.html", context)

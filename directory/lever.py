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
from core.vocabulary import DISABILITY_KINDS, INSERTION_CLAUSE_KINDS, SIAE_KINDS, LegalMechanism

from . import coverage, geography
from .models import Department, LeverThresholds

MAX_AMOUNT = Decimal("10000000000")


@dataclass
class Lever:
    mechanism: str
    title: str
    fits: bool
    rule: str
    explanation: str

    @property
    def clauses_url(self):
        return "/clauses/?" + urlencode({"base": self.mechanism})


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


def levers(counts, amount, thresholds):
    """The levers, in the order a buyer should consider them, each saying whether it fits."""
    siae = sum(counts.get(kind, 0) for kind in SIAE_KINDS)
    disability = sum(counts.get(kind, 0) for kind in DISABILITY_KINDS)
    clause = sum(counts.get(kind, 0) for kind in INSERTION_CLAUSE_KINDS)
    minimum = thresholds.reserved_min_employers
    amount = amount or Decimal(0)
    return [
        Lever(
            LegalMechanism.RESERVED_SIAE,
            "Réserver le marché ou un lot aux SIAE",
            siae >= minimum,
            f"Au moins {minimum} SIAE actives dans ce secteur et ce territoire.",
            f"{siae} SIAE (EI, AI, ACI, ETTI, EITI) peuvent répondre.",
        ),
        Lever(
            LegalMechanism.RESERVED_DISABILITY,
            "Réserver le marché ou un lot aux entreprises adaptées et aux ESAT",
            disability >= minimum,
            f"Au moins {minimum} EA, EATT ou ESAT actifs dans ce secteur et ce territoire.",
            f"{disability} structure(s) du secteur adapté et protégé peuvent répondre.",
        ),
        Lever(
            LegalMechanism.EXECUTION_CONDITION,
            "Clause d'exécution avec un nombre d'heures d'insertion",
            amount >= thresholds.execution_clause_min_amount,
            (
                f"Montant estimé d'au moins {euros(thresholds.execution_clause_min_amount)} € HT. "
                "L'entreprise titulaire réalise les heures par embauche directe, mise à disposition "
                "ou sous-traitance."
            ),
            f"{clause} structure(s) du territoire peuvent accueillir ou mettre à disposition des "
            "personnes en insertion ; le facilitateur aide l'entreprise à trouver les candidats.",
        ),
        Lever(
            LegalMechanism.AWARD_CRITERION,
            "Critère d'attribution sur la performance en matière d'insertion",
            amount >= thresholds.award_criterion_min_amount,
            (
                f"Montant estimé d'au moins {euros(thresholds.award_criterion_min_amount)} € HT : "
                "le critère complète une clause d'exécution, il ne la remplace pas."
            ),
            "Le critère doit rester lié à l'objet du marché et être pondéré.",
        ),
    ]


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
        employers = coverage.employers_serving(department, sector)
        counts = coverage.count_by_kind(employers)
        context.update(
            {
                "amount": amount,
                "counts": sorted(counts.items()),
                "total": sum(counts.values()),
                "levers": levers(counts, amount, LeverThresholds.load()),
                "facilitators": coverage.facilitators_for_department(department),
                "directory_url": "/annuaire/?"
                + urlencode(
                    {"type": "employeur", "secteur": sector.slug, "departement": department.code}
                ),
            }
        )
    return render(request, "directory/lever.html", context)

"""The site's shared vocabulary: one definition per notion, read by every feature app.

Legal mechanisms, contract kinds, buyer kinds and organisation kinds are stored as codes in
several apps (guides, clauses, directory, resources, contracts); they are defined once here so
that a code means the same thing, with the same label, everywhere. The managed list of activity
sectors is a model: `core.models.Sector`.
"""

from django.db import models


class LegalMechanism(models.TextChoices):
    """The ways a social clause can rest on the procurement rules."""

    EXECUTION_CONDITION = "condition_execution", "Condition d'exécution"
    AWARD_CRITERION = "critere_attribution", "Critère d'attribution"
    RESERVED_SIAE = "reserve_siae", "Marché ou lot réservé aux SIAE"
    RESERVED_DISABILITY = "reserve_handicap", "Marché ou lot réservé aux EA et ESAT"
    INSERTION_CONTRACT = "marche_insertion", "Marché d'insertion et de qualification"
    CONCESSION = "concession", "Contrat de concession"
    OTHER = "autre", "Autre fondement"


class ContractKind(models.TextChoices):
    """Nature of a public contract (a clause suits some of them, a contract is one of them)."""

    WORKS = "travaux", "Travaux"
    SERVICES = "services", "Services"
    SUPPLIES = "fournitures", "Fournitures"
    CONCESSION = "concession", "Concession"


# The three categories of public procurement (the labour-share référentiel's categories): the
# contract kinds without concessions, same codes and labels.
ContractCategory = models.TextChoices(
    "ContractCategory",
    [
        (kind.name, (kind.value, kind.label))
        for kind in ContractKind
        if kind is not ContractKind.CONCESSION
    ],
)


class BuyerKind(models.TextChoices):
    """Kinds of public buyer: the directory's buyers and the good-practice sheets use this list."""

    MUNICIPAL = "commune", "Commune ou intercommunalité"
    DEPARTMENT = "departement", "Département"
    REGION = "region", "Région"
    STATE = "etat", "État et ses services"
    PUBLIC_BODY = "etablissement_public", "Établissement public"
    HOSPITAL = "hopital", "Établissement de santé"
    SOCIAL_LANDLORD = "bailleur", "Bailleur social"
    SOCIAL_SECURITY = "securite_sociale", "Organisme de sécurité sociale"
    CENTRAL_PURCHASING = "centrale", "Centrale d'achat"
    DEVELOPER = "amenageur", "Aménageur ou grand projet"
    OTHER = "autre", "Autre acheteur"


# ---------------------------------------------------------------------------------------------
# Organisations of the directory, and which of them count for which lever.
#
# This is the ONE place saying which inclusive employers count for an insertion clause and which
# may hold a reserved contract: the search, the import, the exports and the "levier" tool read it.


class OrganisationKind(models.TextChoices):
    FACILITATOR = "facilitateur", "Facilitateur de la clause sociale"
    EMPLOYER = "employeur", "Employeur inclusif"


class FacilitatorHost(models.TextChoices):
    """Kind of structure hosting the facilitators ("structure porteuse")."""

    PLIE = "plie", "PLIE"
    MDE = "mde", "Maison de l'emploi"
    COLLECTIVITE = "collectivite", "Collectivité territoriale"
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    OTHER = "autre", "Autre structure"


class EmployerKind(models.TextChoices):
    EI = "EI", "Entreprise d'insertion (EI)"
    AI = "AI", "Association intermédiaire (AI)"
    ACI = "ACI", "Atelier et chantier d'insertion (ACI)"
    ETTI = "ETTI", "Entreprise de travail temporaire d'insertion (ETTI)"
    EITI = "EITI", "Entreprise d'insertion par le travail indépendant (EITI)"
    GEIQ = "GEIQ", "Groupement d'employeurs pour l'insertion et la qualification (GEIQ)"
    SEP = "SEP", "Produits et services réalisés en prison (SEP)"
    REGIE = "RQ", "Régie de quartier"
    EA = "EA", "Entreprise adaptée (EA)"
    EATT = "EATT", "Entreprise adaptée de travail temporaire (EATT)"
    ESAT = "ESAT", "Établissement et service d'aide par le travail (ESAT)"


# Structures d'insertion par l'activité économique (code du travail, L5132-4): they may hold a
# contract or lot reserved to SIAE.
SIAE_KINDS = frozenset(
    {EmployerKind.EI, EmployerKind.AI, EmployerKind.ACI, EmployerKind.ETTI, EmployerKind.EITI}
)
# Adapted and protected work: they may hold a contract or lot reserved to EA and ESAT.
DISABILITY_KINDS = frozenset({EmployerKind.EA, EmployerKind.EATT, EmployerKind.ESAT})
# Whose insertion work counts towards the hours of an insertion clause (execution condition):
# SIAE (direct, subcontracting, placement), GEIQ (their employees are eligible publics), régies
# de quartier (agreed) and the prison-labour service. EA/ESAT do not yield insertion hours but
# may take part through subcontracting or a reserved lot.
INSERTION_CLAUSE_KINDS = SIAE_KINDS | {EmployerKind.GEIQ, EmployerKind.REGIE, EmployerKind.SEP}

INSERTION_FAMILY = "insertion"
DISABILITY_FAMILY = "handicap"


def family(kind):
    return DISABILITY_FAMILY if kind in DISABILITY_KINDS else INSERTION_FAMILY


def counts_for_insertion_clause(kind):
    return kind in INSERTION_CLAUSE_KINDS


SUBKIND_CHOICES = list(FacilitatorHost.choices) + list(EmployerKind.choices)
SUBKIND_LABELS = dict(SUBKIND_CHOICES)


class Headcount(models.TextChoices):
    UNKNOWN = "", "Non renseigné"
    XS = "0-9", "Moins de 10 salariés"
    S = "10-49", "10 à 49 salariés"
    M = "50-249", "50 à 249 salariés"
    L = "250+", "250 salariés et plus"


class ActivityScope(models.TextChoices):
    COUNTRY = "pays", "Toute la France"
    RADIUS = "rayon", "Autour de son adresse"
    AREA = "zones", "Communes, départements ou régions choisis"

"""Table Schemas of the base: the yearly return that structures send, and the figures' CSV."""

from core.links import absolute_url
from core.opendata import table_schema

from .vocabulary import DIMENSIONS, ENSEMBLE

FIGURE_COLUMNS = [
    "territoire",
    "code_territoire",
    "annee",
    "dimension",
    "categorie",
    "libelle",
    "valeur",
    "secret",
    "structures_repondantes",
]


def category_codes():
    codes = {"total", ENSEMBLE}
    for dimension in DIMENSIONS.values():
        codes.update(dimension.category_codes())
    return sorted(codes)


def return_schema():
    """The import format (one structure, one year, long format). Imports also accept a semicolon
    or a tab as separator and Windows-1252, as spreadsheets write them."""
    fields = [
        {
            "name": "structure",
            "type": "string",
            "description": "Identifiant de la structure porteuse : la fin de l'adresse de sa fiche "
            "dans l'annuaire (/annuaire/<identifiant>/). Le même sur toutes les lignes.",
            "constraints": {"required": True},
        },
        {
            "name": "annee",
            "type": "year",
            "description": "Année des résultats (passée ou en cours). La même sur toutes les lignes.",
            "constraints": {"required": True, "minimum": 2000},
        },
        {
            "name": "dimension",
            "type": "string",
            "description": "Ce que la ligne décompte (voir la page « Format du bilan annuel »).",
            "constraints": {"required": True, "enum": list(DIMENSIONS)},
        },
        {
            "name": "categorie",
            "type": "string",
            "description": "Catégorie de la dimension ; « total » pour un total ; deux codes joints "
            "par « + » pour un tableau croisé (ex. femme+moins-26).",
            "constraints": {"required": True, "enum": category_codes()},
        },
        {
            "name": "valeur",
            "type": "integer",
            "description": "Nombre entier positif ou nul (heures, marchés ou personnes). Aucune "
            "donnée individuelle : uniquement des effectifs agrégés.",
            "constraints": {"required": True, "minimum": 0},
        },
    ]
    return table_schema(
        fields,
        title="Bilan statistique annuel d'une structure porteuse de facilitateurs",
        path=absolute_url("/ressources/statistiques/bilan-annuel-modele.csv"),
        primaryKey=["structure", "annee", "dimension", "categorie"],
    )


def figure_schema():
    fields = [
        {
            "name": "territoire",
            "type": "string",
            "description": "France entière ou nom de la région.",
        },
        {
            "name": "code_territoire",
            "type": "string",
            "description": "FR pour la France entière, sinon code INSEE de la région.",
        },
        {"name": "annee", "type": "year", "description": "Année des résultats."},
        {"name": "dimension", "type": "string", "description": "Code de la dimension du bilan."},
        {"name": "categorie", "type": "string", "description": "Code de la catégorie."},
        {"name": "libelle", "type": "string", "description": "Libellé de la catégorie."},
        {
            "name": "valeur",
            "type": "integer",
            "description": "Somme des bilans en vigueur ; vide quand le secret statistique s'applique.",
            "constraints": {"minimum": 0},
        },
        {
            "name": "secret",
            "type": "boolean",
            "description": "true quand la valeur est masquée (secret statistique).",
        },
        {
            "name": "structures_repondantes",
            "type": "integer",
            "description": "Nombre de structures du territoire dont le bilan de l'année est pris en compte.",
        },
    ]
    return table_schema(
        fields,
        title="Chiffre d'un panorama de la base statistique nationale",
        primaryKey=["code_territoire", "annee", "dimension", "categorie"],
    )

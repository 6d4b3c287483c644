"""What the search finds here: the model clauses and the rows of the labour-share référentiel."""

from search import registry
from search.sources import public_queryset

from .models import ModelClause

CLAUSE = registry.content_type(30, "clause", "Clause type", prior=0.1)
LABOUR_SHARE = registry.content_type(40, "main-d-oeuvre", "Référentiel de main-d'œuvre")

registry.pages("clauses", CLAUSE)
registry.model("clauses.ModelClause", CLAUSE)
registry.model("clauses.LabourShareRow", LABOUR_SHARE)


def clause_titles():
    """Clause titles: words visitors aim at, for "did you mean"."""
    for clause in public_queryset(ModelClause):
        yield str(clause)


registry.vocabulary(clause_titles)

# The tools of this app, found by what people call them.
registry.tool(
    "Calculateur d'heures d'insertion",
    "Calculer le nombre d'heures d'insertion d'un marché à partir de son montant, "
    "de la part de main-d'œuvre, du coût horaire et du taux d'insertion.",
    "/calculateur/",
    keywords="calcul simulateur simulation combien d'heures",
)
registry.tool(
    "Référentiel de la part de main-d'œuvre",
    "Le taux de main-d'œuvre par famille d'achat (travaux, services), pour estimer les heures "
    "d'insertion d'un marché ; téléchargeable en CSV et JSON.",
    "/main-d-oeuvre/",
    keywords="référentiel ratio pourcentage",
)
registry.tool(
    "Toutes les clauses types",
    "Les modèles de clauses sociales à copier dans le CCAP, le règlement de la consultation "
    "ou l'acte d'engagement, filtrables par levier et type de marché.",
    "/clauses/",
    keywords="modèles bibliothèque liste",
)

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

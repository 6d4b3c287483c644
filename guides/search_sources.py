"""What the search finds of the guide: its pages (one edition at a time) and the legal bases."""

from search import registry

from .content import edition_in_force, public_editions

GUIDE = registry.content_type(10, "guide", "Guide", prior=0.15)
LEGAL_BASIS = registry.content_type(20, "base-juridique", "Base juridique", prior=0.1)

registry.pages("guides", GUIDE)
registry.model("guides.LegalBasis", LEGAL_BASIS)


def public_edition_years():
    """{tree path of a live public edition: its year}: a guide page belongs to the edition
    whose path starts its own."""
    return dict(public_editions().values_list("path", "year"))


def edition_in_force_year():
    edition = edition_in_force()
    return edition.year if edition else None


registry.editions(public_edition_years, edition_in_force_year)


def edition_pdf_url():
    year = edition_in_force_year()
    return f"/guide/{year}/pdf/" if year else None


def comparison_url():
    """The edition in force compared with the one before it."""
    year = edition_in_force_year()
    older = public_editions().filter(year__lt=year).order_by("-year").first() if year else None
    return f"/guide/{year}/comparer/{older.year}/" if older else None


# The guide's tools, found by what people call them.
registry.tool(
    "Le guide par étape de l'achat",
    "Le guide dans l'ordre de votre achat : définir le besoin, rédiger la clause, choisir "
    "l'attributaire, suivre l'exécution.",
    "/guide/etapes/",
    keywords="étapes parcours chronologie procédure",
)
registry.tool(
    "Mises à jour du guide",
    "Les principaux changements du guide, datés, et leur flux Atom pour les suivre.",
    "/guide/mises-a-jour/",
    keywords="nouveautés quoi de neuf changements modifications historique",
)
registry.tool(
    "Comparer deux éditions du guide",
    "Ce qui a changé entre l'édition en vigueur du guide et la précédente, paragraphe par "
    "paragraphe.",
    comparison_url,
    keywords="comparaison différences versions",
)
registry.tool(
    "Télécharger le guide en PDF",
    "L'édition en vigueur du guide en un seul document PDF, à imprimer ou à partager.",
    edition_pdf_url,
    keywords="pdf imprimer impression document",
)

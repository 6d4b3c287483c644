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

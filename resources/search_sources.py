"""What the search finds here — publications, statistics series, glossary terms and the library's
pages — and what the glossary gives the search: synonyms, acronym definitions, vocabulary."""

from core.memo import per_generation
from core.text import fold
from search import registry

from .glossary import search_synonyms
from .models import GlossaryTerm

LIBRARY = registry.content_type(70, "ressource", "Ressource")
GLOSSARY = registry.content_type(80, "glossaire", "Glossaire", prior=-0.2)

registry.pages("resources", LIBRARY)
registry.model("resources.GlossaryTerm", GLOSSARY)
registry.model("resources.Publication", LIBRARY)
registry.model("resources.DataSeries", LIBRARY)


def glossary_synonyms():
    """SIAE ↔ structure d'insertion par l'activité économique…, both ways."""
    return search_synonyms(both_ways=True)


@per_generation  # asked by every search
def acronyms():
    """{folded acronym: {term, expansion, definition, url}} of the public glossary."""
    return {
        fold(term.term): {
            "term": term.term,
            "expansion": term.expansion,
            "definition": term.definition,
            "url": term.search_url(),
        }
        for term in GlossaryTerm.objects.public().exclude(expansion="")
    }


def acronym_definitions(words):
    """[{term, expansion, definition, url}] for each acronym among the (folded) words, in the
    order of the words, each once."""
    known = acronyms()
    return [known[word] for word in dict.fromkeys(words) if word in known]


def glossary_terms():
    return GlossaryTerm.objects.public().values_list("term", flat=True)


registry.synonyms(glossary_synonyms)
registry.definitions(acronym_definitions)
registry.vocabulary(glossary_terms)

registry.tool(
    "Glossaire",
    "Les sigles et les termes de la clause sociale expliqués : SIAE, PLIE, GEIQ, ETTI…",
    "/glossaire/",
    keywords="lexique définitions sigles acronymes vocabulaire",
)

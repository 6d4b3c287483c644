"""What the search finds here: facilitators and inclusive employers."""

from search import registry

DIRECTORY = registry.content_type(50, "annuaire", "Annuaire")

registry.pages("directory", DIRECTORY)
registry.model("directory.Organisation", DIRECTORY)

# The directory's tools, found by what people call them.
registry.tool(
    "Rechercher dans l'annuaire",
    "Trouver une structure d'insertion, un employeur inclusif ou un facilitateur par nom, "
    "département, secteur d'activité ou type de structure.",
    "/annuaire/",
    keywords="annuaire structures SIAE entreprises trouver chercher",
)
registry.tool(
    "Qui est mon facilitateur ?",
    "Trouver le facilitateur de la clause sociale qui couvre votre commune, à partir de son nom, "
    "de son code postal ou de son code INSEE.",
    "/annuaire/facilitateur/",
    keywords="trouver facilitateur commune contact territoire",
)
registry.tool(
    "Carte des facilitateurs",
    "La carte de France des facilitateurs de la clause sociale, département par département : "
    "qui couvre quel territoire.",
    "/annuaire/carte/",
    keywords="carte couverture départements territoires",
)
registry.tool(
    "Quel levier pour mon achat ?",
    "Choisir le levier juridique adapté à un achat (condition d'exécution, marché réservé, "
    "critère d'attribution…) en quelques questions.",
    "/annuaire/levier/",
    keywords="levier choisir conseiller orientation quel dispositif",
)

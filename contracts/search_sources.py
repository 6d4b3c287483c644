"""What the search finds here: the upcoming contracts."""

from search import registry

CONTRACT = registry.content_type(60, "marche", "Marché à venir")

registry.pages("contracts", CONTRACT)
registry.model("contracts.UpcomingContract", CONTRACT)

# The tools of this app, found by what people call them.
registry.tool(
    "Marchés à venir",
    "Les prochains marchés publics qui porteront une clause sociale ou seront réservés, "
    "par département, secteur et date de publication.",
    "/marches-a-venir/",
    keywords="marchés futurs prochains appels d'offres consultations liste",
)
registry.tool(
    "Données ouvertes des marchés à venir",
    "Télécharger les marchés à venir en CSV, JSON (format OCDS), flux Atom ou calendrier iCal, "
    "et ce que contiennent ces données ouvertes.",
    "/marches-a-venir/donnees-ouvertes/",
    keywords="open data opendata export téléchargement OCDS API",
)
registry.tool(
    "Être alerté des marchés à venir",
    "Recevoir par courriel une alerte pour chaque nouveau marché à venir de votre département "
    "et de votre secteur.",
    "/marches-a-venir/alertes/",
    keywords="alerte alertes abonnement recevoir courriel mail email notification veille",
)

"""What the search finds here: the upcoming contracts."""

from search import registry

CONTRACT = registry.content_type(60, "marche", "Marché à venir")

registry.pages("contracts", CONTRACT)
registry.model("contracts.UpcomingContract", CONTRACT)

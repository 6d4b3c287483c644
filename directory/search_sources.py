"""What the search finds here: facilitators and inclusive employers."""

from search import registry

DIRECTORY = registry.content_type(50, "annuaire", "Annuaire")

registry.pages("directory", DIRECTORY)
registry.model("directory.Organisation", DIRECTORY)

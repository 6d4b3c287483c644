"""What the apps tell the search about themselves: the registry they fill in.

The search imports no feature app. Each app that has something to be found writes a module
`<app>/search_sources.py` whose top-level code calls the functions below; the search app loads
those modules when Django starts (`SearchConfig.ready`). An app can so add a content type, say
which of its models are searched, feed the synonyms, the acronym definitions and the "did you
mean" vocabulary, and tell which guide edition a page belongs to.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class ContentType:
    order: int  # position in the content-type facet
    key: str = field(compare=False)  # the value of the `type` facet in URLs and in the JSON API
    label: str = field(compare=False)  # shown to visitors
    # Added to every hit's score: the doctrine and the clauses, which most visitors come for,
    # come a little first; a glossary entry a little after the pages that use the term.
    prior: float = field(default=0.0, compare=False)


# Pages of an app that registers nothing are plain site pages.
PAGE = ContentType(90, "page", "Page du site")


@dataclass
class Editions:
    """How a versioned publication (the yearly guide) tells the search about its editions."""

    # () -> {tree path of a live public edition: its year}
    public_years: object
    # () -> the year of the edition in force, or None
    in_force_year: object


@dataclass(frozen=True)
class Tool:
    """A page of the site that is not indexed content: a calculator, a list, a map…"""

    title: str  # what people call it
    description: str  # one sentence in the visitors' words, searched and shown as the excerpt
    url: object  # a path, or () -> a path (None hides the tool: e.g. no edition published)
    keywords: str = ""  # other words people type for it, searched but not shown


@dataclass
class Registry:
    content_types: dict = field(default_factory=dict)  # key -> ContentType
    page_types: dict = field(default_factory=dict)  # app label -> ContentType
    models: list = field(default_factory=list)  # [(app_label.Model, ContentType)]
    # () -> {term: [expansion, variants…]}, both ways
    synonym_providers: list = field(default_factory=list)
    # (folded words of the query) -> [{term, expansion, definition, url}]
    definition_providers: list = field(default_factory=list)
    # () -> iterable of titles whose words make the "did you mean" vocabulary
    vocabulary_providers: list = field(default_factory=list)
    editions: Editions | None = None
    tools: list = field(default_factory=list)  # [Tool]


registry = Registry(content_types={PAGE.key: PAGE})


def content_type(order, key, label, prior=0.0):
    """Declare a content type (idempotent: the same key gives back the same type)."""
    found = registry.content_types.setdefault(key, ContentType(order, key, label, prior))
    if (found.order, found.label, found.prior) != (order, label, prior):
        raise ValueError(f"Content type {key!r} declared twice with different values")
    return found


def pages(app_label, content_type):
    """The pages of an app belong to this content type."""
    registry.page_types[app_label] = content_type


def model(label, content_type):
    """An `index.Indexed` model outside the page tree ("app_label.Model") is searched.

    The model may define the hooks listed in `search.sources`."""
    if (label, content_type) not in registry.models:
        registry.models.append((label, content_type))


def synonyms(provider):
    if provider not in registry.synonym_providers:
        registry.synonym_providers.append(provider)


def definitions(provider):
    if provider not in registry.definition_providers:
        registry.definition_providers.append(provider)


def vocabulary(provider):
    if provider not in registry.vocabulary_providers:
        registry.vocabulary_providers.append(provider)


def tool(title, description, url, keywords=""):
    """A tool or listing page of the app is a search target (ranked list and autocomplete)."""
    found = Tool(title, description, url, keywords)
    if found not in registry.tools:
        registry.tools.append(found)
    return found


def editions(public_years, in_force_year):
    registry.editions = Editions(public_years=public_years, in_force_year=in_force_year)


def all_types():
    return sorted(registry.content_types.values())


def types_by_key():
    return dict(registry.content_types)

"""What the site search covers, in one place.

Pages are searched together (live and public only) and sorted into content types by their
app; other indexed models (snippets, directory entries…) are those the apps register (each app's
`search_sources.py`, see search.registry). A model may define:
- `search_public_queryset()` (classmethod): what visitors may see (default: live/published rows);
- `search_url()`: where a hit links to (default: get_absolute_url(); None hides the hit);
- `search_title`, `search_excerpt()`: the title and the text an excerpt is cut from;
- `search_facets(objects)` (classmethod): {pk: (département codes, sector slugs)};
- `search_prepare(objects)` (classmethod): called once with a search's hits before their URLs
  and excerpts are read, to fetch in one go what each hit would otherwise fetch on its own
  (page models may define it too).
Relations that excerpts and scoring read belong in `search_public_queryset()`
(select_related / prefetch_related): a search reads up to 200 hits per source.
A registered model that does not exist (an app left out of INSTALLED_APPS) is skipped.
"""

from django.apps import apps
from wagtail.search.index import get_indexed_models

from .registry import PAGE, registry


def page_content_type(page_model):
    return registry.page_types.get(page_model._meta.app_label, PAGE)


def public_queryset(model):
    """What visitors may see of a model: its own rule if it has one, its manager's public(),
    else published rows."""
    if hasattr(model, "search_public_queryset"):
        return model.search_public_queryset()
    if hasattr(model._default_manager, "public"):
        return model._default_manager.public()
    field_names = {field.name for field in model._meta.get_fields()}
    queryset = model._default_manager.all()
    if "live" in field_names:
        queryset = queryset.filter(live=True)
    if "is_published" in field_names:
        queryset = queryset.filter(is_published=True)
    return queryset


def prepare_hits(model, objects):
    """Let the model fetch in bulk what its hits' URLs and excerpts need."""
    if objects and hasattr(model, "search_prepare"):
        model.search_prepare(objects)


def prepare_page_hits(pages):
    """The same for page hits, by the page class that defines the hook (chapters and sections
    of the guide share theirs, so they are prepared together)."""
    groups = {}
    for page in pages:
        owner = next(
            (klass for klass in type(page).__mro__ if "search_prepare" in vars(klass)), None
        )
        if owner is not None:
            groups.setdefault(owner, []).append(page)
    for owner, group in groups.items():
        owner.search_prepare(group)


def model_sources():
    """(model, content type) for every registered model that exists."""
    found = []
    for label, content_type in registry.models:
        try:
            found.append((apps.get_model(label), content_type))
        except LookupError:
            continue
    return found


def indexed_source_models():
    """Every indexed model behind the model sources, subclasses included (multi-table
    inheritance: directory organisations are indexed as facilitators or employers)."""
    roots = tuple(model for model, _content_type in model_sources())
    return [model for model in get_indexed_models() if issubclass(model, roots)]


def facet_table(pks, department_pairs, sector_pairs):
    """{pk: (département codes, sector slugs)} from (pk, code) and (pk, slug) pairs: what a
    model's `search_facets` returns."""
    facets = {pk: (set(), set()) for pk in pks}
    for pk, code in department_pairs:
        facets[pk][0].add(code)
    for pk, slug in sector_pairs:
        facets[pk][1].add(slug)
    return facets

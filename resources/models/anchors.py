"""Links from the site search to an anchor on the one page that lists a record."""

from core.memo import per_generation

# The site search links glossary terms, publications and statistical series to their anchor on
# the one page that lists them. That page is looked up once for all the hits of a search (the
# `search_prepare` hook of search/sources.py), not once per hit.
_LIST_PAGE_URL = "_search_list_page_url"


@per_generation  # the same page for every search until the content changes
def _list_page_url(page_model):
    """The URL of the live public page of that type, or None if there is none."""
    page = page_model.objects.live().public().first()
    return page.url if page else None


def share_list_page_url(objects, page_model):
    url = _list_page_url(page_model)
    for obj in objects:
        setattr(obj, _LIST_PAGE_URL, url)


def public_page_url(obj, page_model, anchor):
    """The URL of an anchor on the live public page of that type, or None if there is none."""
    if not hasattr(obj, _LIST_PAGE_URL):
        setattr(obj, _LIST_PAGE_URL, _list_page_url(page_model))
    url = getattr(obj, _LIST_PAGE_URL)
    return f"{url}#{anchor}" if url else None

"""Editors' picks (Wagtail's search promotions) shown above the results of a query."""

from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import normalise_query_string


def _as_link(pick):
    if pick.page_id and pick.page.live and not pick.page.get_view_restrictions().exists():
        return {"title": pick.page.title, "url": pick.page.url, "text": pick.description}
    if pick.external_link_url:
        return {
            "title": pick.external_link_text,
            "url": pick.external_link_url,
            "text": pick.description,
        }
    return None


def promotions_for(query):
    stored = Query.objects.filter(query_string=normalise_query_string(query)).first()
    if stored is None:
        return []
    picks = stored.editors_picks.select_related("page").order_by("sort_order")
    return [link for link in map(_as_link, picks) if link is not None]

"""Editors' picks (Wagtail's search promotions) shown above the results of a query."""

from django.db.models import Prefetch
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.utils import normalise_query_string

from core.memo import per_generation


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


@per_generation  # a few dozen picks at most, asked by every search
def _promotions():
    """{normalised query: [link]} of every query that has editors' picks."""
    links = {}
    picks = (
        Query.objects.prefetch_related(
            Prefetch(
                "editors_picks",
                SearchPromotion.objects.select_related("page").order_by("sort_order"),
            )
        )
        .filter(editors_picks__isnull=False)
        .distinct()
    )
    for stored in picks:
        found = [link for link in map(_as_link, stored.editors_picks.all()) if link is not None]
        links[stored.query_string] = found
    return links


def promotions_for(query):
    return _promotions().get(normalise_query_string(query), [])

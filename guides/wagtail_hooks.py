"""Admin: the legal bases snippet, and the "prepare the next edition" action."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_views import with_slug_from_title

from . import admin_views
from .dashboard import EditionsDashboardPanel, edition_buttons
from .models import LegalBasis
from .moderation import label_approvals


class LegalBasisViewSet(SnippetViewSet):
    model = LegalBasis
    icon = "doc-full-inverse"
    menu_label = "Bases juridiques"
    menu_name = "bases-juridiques"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["title", "current_articles", "mechanism", "review_status"]
    list_filter = ["mechanism", "review_status"]
    search_fields = ["title", "current_articles", "former_articles"]
    # Substring search in the database: the search index only answers on autocomplete fields.
    search_backend_name = None
    ordering = ["sort_order", "title"]
    panels = with_slug_from_title(LegalBasis.panels)  # slug typed from the title


register_snippet(LegalBasisViewSet)


@hooks.register("register_admin_urls")
def register_guide_admin_urls():
    return [
        path(
            "guide/preparer-edition/<int:page_id>/",
            admin_views.prepare_next_edition,
            name="guides_prepare_next_edition",
        ),
        path(
            "guide/publier-edition/<int:page_id>/",
            admin_views.publish_whole_edition,
            name="guides_publish_edition",
        ),
        path(
            "guide/publication/<int:job_id>/",
            admin_views.edition_publication,
            name="guides_edition_publication",
        ),
        path(
            "guide/relire-edition/<int:page_id>/",
            admin_views.review_edition,
            name="guides_review_edition",
        ),
    ]


@hooks.register("construct_page_action_menu")
def approval_labels(menu_items, request, context):
    label_approvals(menu_items, context.get("page"))


@hooks.register("construct_homepage_panels")
def add_editions_panel(request, panels):
    panels.insert(0, EditionsDashboardPanel(request.user))


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    return edition_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def page_listing_buttons(page, user, next_url=None):
    # In the row's "…" menu, where Wagtail sizes the icons (a top-level listing button
    # showed a full-size icon).
    return edition_buttons(page, user)

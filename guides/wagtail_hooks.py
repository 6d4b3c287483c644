"""Admin: the legal bases snippet, and the "prepare the next edition" action."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_views import with_slug_from_title

from .admin_views import prepare_next_edition, publish_whole_edition
from .models import GuideEditionPage, LegalBasis


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
            prepare_next_edition,
            name="guides_prepare_next_edition",
        ),
        path(
            "guide/publier-edition/<int:page_id>/",
            publish_whole_edition,
            name="guides_publish_edition",
        ),
    ]


class PrepareEditionButton(Button):
    pass


def _prepare_button(page, user):
    specific = page.specific if hasattr(page, "specific") else page
    if not isinstance(specific, GuideEditionPage):
        return []
    buttons = []
    if specific.permissions_for_user(user).can_publish():
        buttons.append(
            PrepareEditionButton(
                "Publier l'édition entière",
                reverse("guides_publish_edition", args=[page.pk]),
                icon_name="upload",
                priority=26,
            )
        )
    parent = page.get_parent()
    if parent is None or not parent.permissions_for_user(user).can_add_subpage():
        return buttons
    return buttons + [
        PrepareEditionButton(
            f"Préparer l'édition {specific.year + 1}",
            reverse("guides_prepare_next_edition", args=[page.pk]),
            icon_name="copy",
            priority=25,
        )
    ]


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    return _prepare_button(page, user)


@hooks.register("register_page_listing_buttons")
def page_listing_buttons(page, user, next_url=None):
    return _prepare_button(page, user)

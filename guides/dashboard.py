"""The guide's part of the editors' dashboard, and the edition buttons of the page explorer."""

from django.urls import reverse
from wagtail.admin.widgets import Button

from core.dashboard import UserPanel

from . import content, publishing
from .models import GuideContentPage, GuideEditionPage


class EditionButton(Button):
    pass


def _next_year_exists(edition):
    return GuideEditionPage.objects.filter(year=edition.year + 1).exists()


def _edition_of_draft(page):
    """The edition a reviewer compares, for an edition page or a page below one not in force."""
    if not isinstance(page, GuideContentPage | GuideEditionPage):
        return None
    edition = page.get_edition()
    if edition is None or (edition.live and edition.in_force_from <= content.today()):
        return None
    return edition


def edition_buttons(page, user):
    specific = page.specific if hasattr(page, "specific") else page
    buttons = []
    edition = _edition_of_draft(specific)
    if edition is not None and specific.permissions_for_user(user).can_edit():
        buttons.append(
            EditionButton(
                "Comparer avec l'édition en vigueur",
                reverse("guides_review_edition", args=[edition.pk]),
                icon_name="doc-full",
                priority=24,
            )
        )
    if not isinstance(specific, GuideEditionPage):
        return buttons
    if specific.permissions_for_user(user).can_publish():
        buttons.append(
            EditionButton(
                "Publier l'édition entière",
                reverse("guides_publish_edition", args=[page.pk]),
                icon_name="upload",
                priority=26,
            )
        )
    parent = page.get_parent()
    can_add = parent is not None and parent.permissions_for_user(user).can_add_subpage()
    if can_add and not _next_year_exists(specific):
        buttons.append(
            EditionButton(
                f"Préparer l'édition {specific.year + 1}",
                reverse("guides_prepare_next_edition", args=[page.pk]),
                icon_name="copy",
                priority=25,
            )
        )
    return buttons


def upcoming_editions():
    """Editions not yet in force: drafts, scheduled ones, and published ones to come."""
    today = content.today()
    return [
        edition
        for edition in GuideEditionPage.objects.order_by("-year")
        if not edition.live or edition.in_force_from > today
    ]


class EditionSummary:
    def __init__(self, edition, user):
        pages = publishing.edition_pages(edition)
        self.edition = edition
        self.waiting = publishing.pages_in_review(pages)
        self.changed = [page for page in pages if not page.live or page.has_unpublished_changes]
        self.page_count = len(pages)
        self.publication = publishing.active_publication(edition)
        self.can_publish = edition.permissions_for_user(user).can_publish()


class EditionsDashboardPanel(UserPanel):
    """ "Guide : prochaine édition": drafts, pages waiting for review, publication under way."""

    name = "guides_editions"
    template_name = "guides/admin/dashboard_editions.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["summaries"] = [EditionSummary(e, self.user) for e in upcoming_editions()]
        context["in_force"] = content.edition_in_force()
        return context

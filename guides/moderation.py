"""What happens when the review workflow approves a page (settings.WAGTAIL_FINISH_WORKFLOW_ACTION).

Loaded by Wagtail while its models are being defined: nothing is imported at module level.
"""


def finish_workflow(workflow_state, user=None):
    """Wagtail publishes the approved page at once; a page of an edition that is not live yet
    instead waits for its edition, and goes live with it (guides.publishing)."""
    from wagtail.models import Page
    from wagtail.workflows import publish_workflow_state

    from .publishing import hold_for_edition

    content = workflow_state.content_object
    if isinstance(content, Page) and hold_for_edition(content, user):
        return
    publish_workflow_state(workflow_state, user=user)


APPROVE_LABELS = {False: "Approuver", True: "Approuver avec un commentaire"}


def label_approvals(menu_items, page):
    """In a page's action menu, the approval reads « Approuver et publier » where it publishes
    (Wagtail's label, corrected in locale/fr), and « Approuver » alone where the page then waits
    for its edition (see finish_workflow)."""
    from .publishing import edition_not_in_force

    approvals = [item for item in menu_items if getattr(item, "name", None) == "approve"]
    if not approvals or page is None or edition_not_in_force(page) is None:
        return
    for item in approvals:
        item.label = APPROVE_LABELS[bool(item.launch_modal)]

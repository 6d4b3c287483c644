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

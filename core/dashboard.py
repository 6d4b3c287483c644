"""What every panel of the editors' dashboard shares (the panels live in their apps)."""

from wagtail.admin.ui.components import Component


class UserPanel(Component):
    """A dashboard panel built for the user who sees it (Wagtail's construct_homepage_panels
    hook gives the request; the panels keep its user to check permissions)."""

    def __init__(self, user):
        self.user = user

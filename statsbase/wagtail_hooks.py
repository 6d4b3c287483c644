"""Admin hooks of the base: its pages and its menu entry (views in admin_views.py)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import ADD, ReturnImportView, returns_view, withdraw_return


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("statistiques/bilans/", returns_view, name="statsbase_returns"),
        path("statistiques/bilans/importer/", ReturnImportView.as_view(), name="statsbase_import"),
        path("statistiques/bilans/<int:pk>/retirer/", withdraw_return, name="statsbase_withdraw"),
    ]


class ReturnsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(ADD)


@hooks.register("register_admin_menu_item")
def returns_menu_item():
    return ReturnsMenuItem(
        "Bilans statistiques", reverse("statsbase_returns"), icon_name="table", order=320
    )

"""Public views of this app that live outside Wagtail's page tree (included by centre/urls.py)."""

urlpatterns = []

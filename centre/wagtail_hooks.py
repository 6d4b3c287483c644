import django_filters
from django.http import Http404
from wagtail import hooks
from wagtail.admin.active_filters import register_filter_adapter_class

from core.admin_views import YesNoFilterAdapter
from core.publication import has_unpublished_ancestor

# Every yes/no filter of every admin listing: « Publiée : oui » in the active-filter chips.
register_filter_adapter_class(django_filters.BooleanFilter, YesNoFilterAdapter)


@hooks.register("before_serve_page")
def hide_pages_below_unpublished(page, request, serve_args, serve_kwargs):
    """A live page below a draft or scheduled one (a chapter published before its edition) is
    not published yet: 404, as for the draft itself."""
    if has_unpublished_ancestor(page):
        raise Http404


@hooks.register("construct_homepage_panels")
def add_editor_panels(request, panels):
    """Corrections to review and the last imports (centre/dashboard.py)."""
    from .dashboard import editor_panels

    panels.extend(editor_panels(request.user))

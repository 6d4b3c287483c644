"""The admin's preview panel shows a page (or a snippet) in an iframe of the admin itself.

Wagtail renders a preview through a fake request for the page's public address, so the
public Content-Security-Policy (`frame-ancestors 'none'`) would reach the preview and the
browser would refuse to show it in the panel. This middleware, placed after django-csp's (so
its response runs first), lets the admin's own origin frame preview responses, and only them:
public pages keep `frame-ancestors 'none'`.
"""

from csp.constants import SELF


class PreviewFramingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Wagtail marks the request while building a preview; never set on public requests.
        if getattr(request, "is_preview", False):
            replace = dict(getattr(response, "_csp_replace", None) or {})
            replace["frame-ancestors"] = [SELF]
            response._csp_replace = replace
        return response

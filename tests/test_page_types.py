"""The list of public page types (centre/page_types.py) covers every page a person can reach:
a new page model, URL pattern or routable route fails here until it is listed, so the
phone-width browser test (tests/e2e/test_phone_widths.py) cannot skip it."""

from wagtail.models import Page, get_page_models

from centre.page_types import FILES, NOT_OURS, PAGES, public_route_names


def test_every_page_model_has_an_example_page():
    listed = {model for page_type in PAGES for model in page_type.models}
    models = {model._meta.label for model in get_page_models() if model is not Page}
    missing = sorted(models - listed)
    assert not missing, f"types de page absents de centre/page_types.py : {missing}"


def test_every_public_route_is_a_listed_page_or_file():
    listed = {route for page_type in PAGES for route in page_type.routes}
    missing = sorted(public_route_names() - listed - set(FILES) - set(NOT_OURS))
    assert not missing, f"adresses publiques absentes de centre/page_types.py : {missing}"


def test_the_list_names_no_route_that_no_longer_exists():
    listed = {route for page_type in PAGES for route in page_type.routes} | set(FILES)
    assert listed <= public_route_names()

"""core.deferred: the deferred fields of many objects read in one query per class."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from core.deferred import load_deferred

pytestmark = pytest.mark.django_db


def test_the_deferred_fields_of_many_pages_come_in_one_query_per_page_type(demo):
    pages = list(Page.objects.live().specific(defer=True)[:40])
    types = {type(page) for page in pages if page.get_deferred_fields()}
    assert types, "the demo has page types with fields of their own"
    with CaptureQueriesContext(connection) as queries:
        load_deferred(pages)
    assert len(queries) == len(types)
    assert not any(page.get_deferred_fields() for page in pages)
    # What each page then shows is its own, as if it had been read in full.
    for page in pages:
        assert page.specific.title == page.title
        for name in ("body", "intro"):
            if hasattr(page, name):
                assert getattr(page, name) == getattr(Page.objects.get(pk=page.pk).specific, name)


def test_objects_read_in_full_cost_nothing(demo):
    pages = list(Page.objects.live().specific()[:5])
    with CaptureQueriesContext(connection) as queries:
        load_deferred(pages)
    assert len(queries) == 0

"""The directory demo is written without per-row save signals (directory/demo/quiet.py): what
it leaves must be what saving each organisation would have left."""

import pytest
from wagtail.models import ReferenceIndex

from directory.models import FacilitatorStructure, InclusiveEmployer

pytestmark = pytest.mark.usefixtures("directory_demo")


def references(obj):
    return set(
        ReferenceIndex.get_references_for_object(obj).values_list(
            "content_type__model", "to_content_type__model", "to_object_id", "model_path"
        )
    )


@pytest.mark.parametrize("model", [FacilitatorStructure, InclusiveEmployer])
def test_demo_organisations_are_counted_where_their_commune_and_departement_are_used(model):
    obj = model.objects.filter(is_demo=True).exclude(commune=None).order_by("slug").first()
    recorded = references(obj)
    assert {(to, model_path) for _, to, _, model_path in recorded} == {
        ("commune", "commune"),
        ("department", "department"),
    }
    ReferenceIndex.remove_for_object(obj)
    ReferenceIndex.create_or_update_for_object(obj)  # what a save records
    assert references(obj) == recorded


def test_demo_organisations_are_found_by_the_site_search(client):
    employer = InclusiveEmployer.objects.filter(is_demo=True).order_by("slug").first()
    response = client.get("/recherche/", {"q": employer.name})
    assert employer.get_absolute_url() in response.content.decode()

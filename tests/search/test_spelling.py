"""'Did you mean…?': a query without result is offered the closest words of the site's titles,
and only of what visitors may see."""

import pytest
from bs4 import BeautifulSoup

from centre.models import StandardPage
from core.demo_tools import ensure_child_page

pytestmark = pytest.mark.django_db


def suggestion(client, query):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    return (
        text.split("Vouliez-vous dire « ")[1].split(" »")[0] if "Vouliez-vous dire" in text else ""
    )


@pytest.fixture
def beekeeping(home):
    page, _ = ensure_child_page(
        home, StandardPage, "ruches-urbaines", title="Ruches urbaines et apiculteurs"
    )
    return page


def test_a_misspelt_word_is_offered_the_title_word_it_is_close_to(client, beekeeping):
    assert suggestion(client, "apicultuers") == "apiculteurs"


def test_an_unpublished_title_is_no_longer_offered(client, beekeeping):
    assert suggestion(client, "apicultuers") == "apiculteurs"
    beekeeping.unpublish()
    assert suggestion(client, "apicultuers") == ""

"""Whatever a visitor types into the calculator or the fill-in form: a page, never a 500."""

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _without_rate_limits():
    """Dozens of downloads from one address in a second: the limits have their own tests."""
    with override_settings(RATELIMIT_ENABLE=False):
        yield


FIELDS = ["montant", "part", "cout_horaire", "taux", "heures", "duree", "acheteur", "objet"]
typed = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "Ville\x00\x0b\ufffe",
            "1 200 000,50",
            "1\u00a0200\u00a0000",
            "-1",
            "0",
            "1e400",
            "NaN",
            "40 %",
        ]
    ),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.dictionaries(st.sampled_from(FIELDS), typed, max_size=6))
def test_calculator_and_clause_never_fail(client, clauses, params):
    assert client.get("/calculateur/", params).status_code == 200
    assert client.get("/clauses/condition-execution-heures/", params).status_code == 200
    assert client.get("/clauses/", params).status_code == 200


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.dictionaries(st.sampled_from(FIELDS), typed, max_size=6))
def test_downloads_never_fail(client, clauses, params):
    assert client.get("/clauses/condition-execution-heures/docx/", params).status_code == 200
    assert client.get("/clauses/condition-execution-heures/pdf/", params).status_code == 200


def test_control_characters_in_the_buyer_name_are_dropped_from_downloads(client, clauses):
    params = {"acheteur": "Ville\x00 de\x0b Lille\ufffe", "heures": "800"}
    response = client.get("/clauses/condition-execution-heures/docx/", params)
    assert response.status_code == 200
    import io

    from docx import Document

    text = " ".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Ville de Lille" in text

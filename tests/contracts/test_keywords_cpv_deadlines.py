"""Upcoming contracts as a supplier looks for them (issue 16.9): keywords found in the object,
the buyer and the CPV label, CPV codes shown with their label, what is still to come listed
first and past deadlines apart, and no contradictory date hint."""

import datetime
import re

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from contracts import cpv
from contracts.filters import ContractFilter, snapshots
from contracts.models import CpvCode, UpcomingContract


def titles(response):
    return re.findall(r'class="fr-card__link" href="[^"]+">([^<]+)</a>', response.content.decode())


def test_the_cpv_table_holds_the_whole_2008_nomenclature_in_french(db):
    cpv.load()  # idempotent: the demo content loaded it already
    assert CpvCode.objects.count() == 9454
    assert CpvCode.objects.get(code="90910000-9").label == "Services de nettoyage"
    assert CpvCode.objects.get(code="45000000-7").label == "Travaux de construction"
    assert cpv.load() == (0, 0)


def test_keywords_search_object_buyer_and_cpv_label_ignoring_accents(client, make_contract):
    make_contract(title="Réfection de la toiture du gymnase")
    make_contract(title="Entretien des locaux municipaux", cpv_code="90910000-9")
    assert titles(client.get("/marches-a-venir/?q=refection")) == [
        "Réfection de la toiture du gymnase"
    ]
    # "nettoyage" is only in the label of the CPV code 90910000-9.
    assert titles(client.get("/marches-a-venir/?q=NETTOYAGE")) == [
        "Entretien des locaux municipaux"
    ]
    # The buyer's name, and two words found in two different places.
    assert len(titles(client.get("/marches-a-venir/?q=ville+paris"))) == 2
    assert titles(client.get("/marches-a-venir/?q=paris+nettoyage")) == [
        "Entretien des locaux municipaux"
    ]
    assert titles(client.get("/marches-a-venir/?q=introuvablissime")) == []


def test_alert_digest_matches_the_cpv_label_as_the_list_does(make_contract):
    contract = make_contract(title="Entretien des locaux", cpv_code="90910000-9")
    keyword, _errors = ContractFilter.from_params({"q": "nettoyage"})
    (snapshot,) = snapshots(UpcomingContract.objects.filter(pk=contract.pk))
    assert keyword.matches(snapshot)
    other, _errors = ContractFilter.from_params({"q": "toiture"})
    assert not other.matches(snapshot)


def test_cpv_code_is_shown_with_its_label(client, make_contract):
    contract = make_contract(title="Nettoyage des écoles", cpv_code="90910000-9")
    expected = "90910000-9 — Services de nettoyage"
    assert expected in client.get("/marches-a-venir/").content.decode()
    assert expected in client.get(contract.get_absolute_url()).content.decode()


def test_upcoming_first_and_past_deadlines_apart(client, make_contract):
    today = timezone.localdate()
    for days in range(1, 13):
        make_contract(
            title=f"En retard {days:02d}",
            expected_notice_date=today - datetime.timedelta(days=days),
        )
    make_contract(title="Bientôt", expected_notice_date=today + datetime.timedelta(days=2))
    make_contract(title="Plus tard", expected_notice_date=today + datetime.timedelta(days=40))
    make_contract(title="Le jour même", expected_notice_date=today)

    response = client.get("/marches-a-venir/")
    assert titles(response) == ["Le jour même", "Bientôt", "Plus tard"]
    page = response.content.decode()
    assert "3 marchés à venir" in page
    assert "12 autres marchés correspondent" in page
    assert 'href="/marches-a-venir/?echeance=passee"' in page

    past = client.get("/marches-a-venir/?echeance=passee")
    listed = titles(past)
    assert listed[0] == "En retard 01" and len(listed) == 12  # most recent first
    assert "Revenir aux 3 marchés à venir" in past.content.decode()


def test_past_deadlines_keep_the_filters_and_their_pages(client, make_contract):
    today = timezone.localdate()
    for days in range(1, 23):
        make_contract(
            title=f"Nettoyage en retard {days:02d}",
            expected_notice_date=today - datetime.timedelta(days=days),
        )
    first = client.get("/marches-a-venir/?q=nettoyage&echeance=passee")
    assert len(titles(first)) == 20
    assert "q=nettoyage&amp;echeance=passee&amp;page=2" in first.content.decode()
    second = client.get("/marches-a-venir/?q=nettoyage&echeance=passee&page=2")
    assert titles(second) == ["Nettoyage en retard 21", "Nettoyage en retard 22"]
    # The form without JavaScript sends empty fields: the short address keeps the section.
    redirected = client.get("/marches-a-venir/?q=nettoyage&secteur=&echeance=passee")
    assert redirected.status_code == 302
    assert redirected["Location"] == "/marches-a-venir/?q=nettoyage&echeance=passee"


def test_date_inputs_carry_no_contradictory_format_hint(client, db):
    page = client.get("/marches-a-venir/").content.decode()
    assert 'type="date" id="ctr-avis_du"' in page
    assert "AAAA-MM-JJ" not in page


def test_head_on_the_csv_export_answers_like_get(client, make_contract):
    make_contract(title="Nettoyage")
    head = client.head("/marches-a-venir/export.csv?q=nettoyage")
    assert head.status_code == 200
    assert head["Content-Type"].startswith("text/csv")


FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
@FUZZ
@given(
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    past=st.sampled_from(["", "passee", "x"]),
    page=st.sampled_from(["", "2", "-1", "abc", "99999999999999999999"]),
)
@example(text="%", past="", page="")
@example(text="_", past="passee", page="")
@example(text="\x00", past="", page="")
@example(text="' OR 1=1 --", past="", page="")
@example(text="a " * 40, past="", page="")
def test_keyword_fuzz_never_breaks_the_list(client, text, past, page):
    response = client.get("/marches-a-venir/", {"q": text, "echeance": past, "page": page})
    assert response.status_code in (200, 302)
    feed = client.get("/marches-a-venir/export.csv", {"q": text})
    assert feed.status_code == 200

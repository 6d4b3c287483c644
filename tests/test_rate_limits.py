"""Rate limits: every public form and the search answer 429 in French past their limit (JSON under
/api/), the admin logins are throttled per address and per username, and a blocked request
changes nothing."""

import json
import os
import types

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from contracts.models import AlertSubscription
from core.ratelimits import LIMITS, in_words
from directory.models import Correction, Organisation

pytestmark = pytest.mark.usefixtures("demo")

CLAUSE = "/clauses/condition-execution-heures/"
FILL = "acheteur=Ville+de+Lille&montant=1200000&part=40&cout_horaire=30&taux=5"

# (limit, URL, a cheaper URL counted by the same limit): every public GET form and the search.
GET_LIMITS = [
    ("search", "/recherche/?q=clause", "/recherche/?q="),
    ("search-api", "/api/recherche/?q=clause", "/api/recherche/?q="),
    ("suggestions", "/api/recherche/suggestions/?q=cla", "/api/recherche/suggestions/?q="),
    ("calculator", "/calculateur/?montant=1000000&part=40&cout_horaire=30&taux=5", ""),
    ("clause-list", "/clauses/?marche=travaux", ""),
    ("clause-fill", f"{CLAUSE}?{FILL}", ""),
    ("clause-download", f"{CLAUSE}pdf/?{FILL}", f"{CLAUSE}docx/"),
    ("clause-download", f"{CLAUSE}docx/?{FILL}", ""),
    ("directory-search", "/annuaire/?q=insertion", "/annuaire/?page=2"),
    ("facilitator", "/annuaire/facilitateur/?code_postal=33000", ""),
    ("lever", "/annuaire/levier/?secteur=&departement=33&montant=500000", ""),
]


@pytest.fixture(autouse=True)
def _no_page_cache_and_a_still_clock(settings, monkeypatch):
    """Every request reaches its view (no page cache), and the clock stands still so that no
    rate window ends in the middle of a test."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.RATELIMIT_ENABLE = True
    now = 1_900_000_000.0
    monkeypatch.setattr("django_ratelimit.core.time", types.SimpleNamespace(time=lambda: now))
    # Counters outlive their window by this much (real time): longer than any test here.
    monkeypatch.setattr("django_ratelimit.core.EXPIRATION_FUDGE", 3600)


def limit_of(name):
    return LIMITS[name].count


def assert_french_429(response, title):
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.find("html")["lang"] == "fr"
    assert page.h1.get_text(strip=True) == title
    text = page.get_text(" ", strip=True)
    assert "Erreur 429" in text and "Réessayez dans" in text
    return page


def assert_json_429(response):
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["erreur"].startswith("Trop de")
    assert "Réessayez dans" in body["message"]
    assert body["reessayer_dans_secondes"] == int(response["Retry-After"]) > 0
    return body


@pytest.mark.parametrize(
    ("name", "url", "filler"), GET_LIMITS, ids=[url for _, url, _ in GET_LIMITS]
)
def test_get_form_answers_429_in_french_past_its_limit_only(client, name, url, filler):
    allowed = limit_of(name)
    statuses = {client.get(filler or url).status_code for _ in range(allowed - 1)}
    statuses.add(client.get(url).status_code)
    assert statuses == {200}
    blocked = client.get(url)
    if url.startswith("/api/"):
        body = assert_json_429(blocked)
        assert body["limite"] == LIMITS[name].label
    else:
        page = assert_french_429(blocked, LIMITS[name].title)
        # The visitor keeps what was typed: the retry link repeats the same request.
        assert page.find("a", string="relancez la même demande")["href"] == url
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.get(url).status_code == 200


def test_limits_are_generous_for_get_and_strict_for_post():
    assert LIMITS["search"].rate == "30/m"
    assert LIMITS["search-api"].rate == "60/m"
    assert LIMITS["suggestions"].rate == "120/m"
    assert LIMITS["clause-download"].rate == "20/m"
    assert LIMITS["correction"].rate == LIMITS["alert-subscription"].rate == "5/h"
    assert LIMITS["admin-login-username"].rate == "5/m"
    assert LIMITS["admin-login-ip"].rate == "20/m"
    assert in_words(1) == "1 seconde" and in_words(45) == "45 secondes"
    assert in_words(61) == "2 minutes" and in_words(3600) == "1 heure"


def test_following_links_without_a_query_is_never_limited(client):
    for url in ("/calculateur/", CLAUSE, "/annuaire/levier/"):
        statuses = {client.get(url).status_code for _ in range(limit_of("calculator") + 5)}
        assert statuses == {200}, url


def test_pdf_and_docx_share_one_download_limit(client):
    for index in range(limit_of("clause-download")):
        kind = "pdf" if index % 2 else "docx"
        assert client.get(f"{CLAUSE}{kind}/").status_code == 200
    assert_french_429(client.get(f"{CLAUSE}pdf/"), "Trop de téléchargements")
    assert_french_429(client.get(f"{CLAUSE}docx/"), "Trop de téléchargements")


def test_429_page_carries_the_security_headers(client):
    for _ in range(limit_of("search")):
        client.get("/recherche/?q=")
    blocked = client.get("/recherche/?q=guide")
    assert blocked.status_code == 429
    assert "'unsafe-inline'" not in blocked["Content-Security-Policy"]
    assert blocked["X-Content-Type-Options"] == "nosniff"
    assert "geolocation=()" in blocked["Permissions-Policy"]
    assert "X-Cache" not in blocked  # never stored by the page cache


def test_switch_turns_every_limit_off(client, settings):
    settings.RATELIMIT_ENABLE = False
    url = "/api/recherche/?q="
    statuses = {client.get(url).status_code for _ in range(limit_of("search-api") + 3)}
    assert statuses == {200}


def test_settings_read_the_switch_from_the_environment():
    from centre.settings import base
    from tests.test_settings import run_manage

    if "RATELIMIT_ENABLE" not in os.environ:
        assert base.RATELIMIT_ENABLE is True  # on by default
    assert base.RATELIMIT_VIEW == "core.ratelimits.rate_limited"
    code = "from django.conf import settings as s; print(s.RATELIMIT_ENABLE)"
    off = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DJANGO_SETTINGS_MODULE="centre.settings.dev",
        RATELIMIT_ENABLE="false",
    )
    assert off.stdout.split()[-1] == "False", off.stderr


# Public POST forms: strict limits, and nothing is saved or sent when blocked.


def post_correction(client, organisation, value):
    return client.post(
        organisation.get_absolute_url() + "signaler/",
        {"field": "phone", "proposed_value": value, "comment": ""},
    )


def test_blocked_correction_is_not_saved(client):
    organisation = Organisation.objects.public().first()
    for index in range(limit_of("correction")):
        assert post_correction(client, organisation, f"04 00 00 00 0{index}").status_code == 200
    assert Correction.objects.count() == 5
    blocked = post_correction(client, organisation, "04 99 99 99 99")
    page = assert_french_429(blocked, "Trop de signalements envoyés")
    assert "n'a pas été enregistré" in page.get_text(" ")
    assert not Correction.objects.filter(proposed_value="04 99 99 99 99").exists()
    # Reading the record is not a POST: still served.
    assert client.get(organisation.get_absolute_url()).status_code == 200


def test_blocked_alert_subscription_stores_and_sends_nothing(client):
    for index in range(limit_of("alert-subscription")):
        response = client.post(
            "/marches-a-venir/alertes/", {"email": f"p{index}@example.org", "site_web": ""}
        )
        assert response.status_code == 302
    sent = len(mail.outbox)
    blocked = client.post(
        "/marches-a-venir/alertes/", {"email": "bloque@example.org", "site_web": ""}
    )
    assert_french_429(blocked, "Trop de demandes d'abonnement")
    assert not AlertSubscription.objects.filter(email="bloque@example.org").exists()
    assert len(mail.outbox) == sent
    assert client.get("/marches-a-venir/alertes/").status_code == 200


# Admin logins.

LOGINS = ["/admin/login/", "/django-admin/login/"]


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        "redactrice", "redactrice@example.org", "mot-de-passe-solide-2026"
    )


def login(client, url, username, password="mauvais"):
    return client.post(url, {"username": username, "password": password})


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", LOGINS)
def test_login_is_throttled_per_username_even_with_the_right_password(client, editor, url):
    for _ in range(limit_of("admin-login-username")):
        assert login(client, url, "Redactrice").status_code == 200  # the form again, with errors
    blocked = login(client, url, "redactrice", "mot-de-passe-solide-2026")
    assert_french_429(blocked, "Trop de tentatives de connexion")
    assert not logged_in(client)
    # From another address too: the account is what is protected.
    elsewhere = Client(REMOTE_ADDR="198.51.100.4")
    assert login(elsewhere, url, "redactrice", "mot-de-passe-solide-2026").status_code == 429
    assert not logged_in(elsewhere)
    # Another account from the first address can still sign in; showing the form is never limited.
    get_user_model().objects.create_superuser("autre", "autre@example.org", "autre-mot-de-passe-9")
    assert client.get(url).status_code == 200
    assert login(client, url, "autre", "autre-mot-de-passe-9").status_code == 302
    assert logged_in(client)


@pytest.mark.parametrize("url", LOGINS)
def test_login_is_throttled_per_address(client, editor, url):
    for index in range(limit_of("admin-login-ip")):
        assert login(client, url, f"inconnu-{index}").status_code == 200
    blocked = login(client, url, "redactrice", "mot-de-passe-solide-2026")
    assert_french_429(blocked, "Trop de tentatives de connexion")
    assert not logged_in(client)
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert login(elsewhere, url, "redactrice", "mot-de-passe-solide-2026").status_code == 302


def test_login_under_the_limits_works(client, editor):
    for _ in range(limit_of("admin-login-username") - 1):
        login(client, "/admin/login/", "redactrice")
    response = login(client, "/admin/login/", "redactrice", "mot-de-passe-solide-2026")
    assert response.status_code == 302
    assert logged_in(client)

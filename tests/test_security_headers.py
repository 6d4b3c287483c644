"""Security headers on real responses of the public pages, and cookies, in test and production
settings."""

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from directory.models import Organisation

pytestmark = pytest.mark.usefixtures("demo")

ROOT = Path(__file__).resolve().parents[1]

PUBLIC_PAGES = [
    "/",
    "/guide/",
    "/guide/mises-a-jour/",
    "/bases-juridiques/",
    "/clauses/",
    "/clauses/condition-execution-heures/?montant=100000&part=40&cout_horaire=30&taux=5",
    "/main-d-oeuvre/",
    "/calculateur/?montant=1000000&part=40&cout_horaire=30&taux=5",
    "/annuaire/",
    "/annuaire/facilitateur/?code_postal=33000",
    "/annuaire/carte/",
    "/annuaire/levier/",
    "/marches-a-venir/",
    "/marches-a-venir/alertes/",
    "/recherche/?q=insertion",
    "/ressources/publications/",
    "/ressources/statistiques/",
    "/glossaire/",
    "/accessibilite/",
    "/page-qui-n-existe-pas/",
]
OTHER_RESPONSES = [
    "/api/recherche/?q=clause",
    "/main-d-oeuvre/export.csv",
    "/sitemap.xml",
    "/robots.txt",
    "/clauses/condition-execution-heures/pdf/",
]
# Features the site never uses: switched off in the Permissions-Policy.
DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"]


def directives(policy):
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def assert_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in DENIED_FEATURES:
        assert f"{feature}=()" in permissions
    assert "clipboard-write=(self)" in permissions


def assert_strict_csp(response):
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "unsafe-hashes" not in policy and "*" not in policy.replace("*.", "")
    parsed = directives(policy)
    assert parsed["default-src"] == ["'self'"]
    assert parsed["script-src"] == ["'self'"]
    assert parsed["style-src"] == ["'self'"]
    assert parsed["object-src"] == ["'none'"]
    assert parsed["frame-ancestors"] == ["'none'"]
    assert parsed["base-uri"] == ["'self'"]
    assert parsed["form-action"] == ["'self'"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_has_every_security_header_and_no_inline_code(client, url):
    response = client.get(url)
    assert response.status_code == (404 if "n-existe-pas" in url else 200)
    assert_security_headers(response)
    assert_strict_csp(response)
    # The strict policy holds because the pages carry no inline script or style.
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert [s for s in page.find_all("script") if not s.get("src")] == []
    assert page.find_all("style") == []
    assert page.find_all(style=True) == []
    handlers = [
        (tag.name, name) for tag in page.find_all(True) for name in tag.attrs if name[:2] == "on"
    ]
    assert handlers == []


@pytest.mark.parametrize("url", OTHER_RESPONSES)
def test_other_public_responses_have_the_headers_too(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_security_headers(response)
    assert_strict_csp(response)


def test_cached_page_keeps_every_header(client):
    first = client.get("/glossaire/")
    again = client.get("/glossaire/")
    assert again.get("X-Cache") == "hit"
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "X-Frame-Options",
    ):
        assert again[header] == first[header], header


def test_csrf_and_session_cookies_are_http_only(client):
    organisation = Organisation.objects.public().first()
    response = client.get(organisation.get_absolute_url())  # holds the correction form
    csrf = response.cookies["csrftoken"]
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"
    user = get_user_model().objects.create_superuser("cookie", "c@example.org", "cookie-passe-1")
    response = client.post(
        "/admin/login/", {"username": user.username, "password": "cookie-passe-1"}
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


def test_no_script_of_ours_reads_cookies():
    """CSRF_COOKIE_HTTPONLY holds because forms carry the token in a hidden field."""
    sources = [
        *ROOT.glob("*/static/**/*.js"),
        *ROOT.glob("templates/**/*.html"),
        *ROOT.glob("*/templates/**/*.html"),
    ]
    assert sources
    readers = [str(path) for path in sources if "document.cookie" in path.read_text()]
    assert readers == []


# Production settings: read in a subprocess (they refuse to load without SECRET_KEY), then applied
# to a client that speaks HTTPS through the proxy header.

PRODUCTION_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "PERMISSIONS_POLICY",
    "CONTENT_SECURITY_POLICY",
]


@pytest.fixture(scope="module")
def production_security_settings(tmp_path_factory):
    from tests.test_settings import run_manage

    code = (
        "import json; from django.conf import settings as s;"
        f"print(json.dumps({{k: getattr(s, k) for k in {PRODUCTION_SETTINGS!r}}}))"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DJANGO_SETTINGS_MODULE="centre.settings.production",
        SECRET_KEY="production-like-key-" + "x" * 40,
        ALLOWED_HOSTS="clauses.example.fr",
        DATABASE_URL=f"sqlite:///{tmp_path_factory.mktemp('prod') / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def test_production_settings_are_strict(production_security_settings):
    values = production_security_settings
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SECURE_SSL_REDIRECT"] is True


def test_production_answers_with_hsts_and_secure_cookies(production_security_settings):
    with override_settings(ALLOWED_HOSTS=["clauses.example.fr"], **production_security_settings):
        https = Client(HTTP_HOST="clauses.example.fr", HTTP_X_FORWARDED_PROTO="https")
        organisation = Organisation.objects.public().first()
        response = https.get(organisation.get_absolute_url())
        assert response.status_code == 200
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        assert_security_headers(response)
        assert_strict_csp(response)
        csrf = response.cookies["csrftoken"]
        assert csrf["secure"] is True and csrf["httponly"] is True
        get_user_model().objects.create_superuser("prod", "p@example.org", "prod-mot-de-passe-1")
        login = https.post(
            "/admin/login/",
            {"username": "prod", "password": "prod-mot-de-passe-1"},
        )
        assert login.status_code == 302
        session = login.cookies["sessionid"]
        assert session["secure"] is True and session["httponly"] is True
        # Plain HTTP is sent to HTTPS, except the container's health check.
        plain = Client(HTTP_HOST="clauses.example.fr")
        redirect = plain.get("/glossaire/")
        assert redirect.status_code == 301
        assert redirect["Location"] == "https://clauses.example.fr/glossaire/"
        assert plain.get("/sante/").status_code in (200, 503)

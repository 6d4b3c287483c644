"""Settings come from the environment; production refuses to start unsafely."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from search.backends import (
    POSTGRES_SEARCH_BACKEND,
    POSTGRES_SEARCH_CONFIG,
    SQLITE_SEARCH_BACKEND,
    search_backends_from_env,
)

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args, **env):
    # Test-only variables (the browser tests allow async-unsafe calls) must not reach a
    # production check.
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="centre.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_deploy_check_with_https_environment(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="centre.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="clauses.example.fr",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.db'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_environment_selects_database_and_hosts(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.DATABASES['default']['NAME']);"
        "print(','.join(s.ALLOWED_HOSTS));"
        "print(s.MEDIA_ROOT)"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DJANGO_SETTINGS_MODULE="centre.settings.dev",
        DATABASE_URL="postgres://u:p@db.example:5432/centre",
        ALLOWED_HOSTS="a.example, b.example",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    engine, name, hosts, media_root = result.stdout.split()[-4:]
    assert engine == "django.db.backends.postgresql"
    assert name == "centre"
    assert hosts == "a.example,b.example"
    assert media_root == str(tmp_path / "media")


def test_database_search_by_default_with_french_configuration_on_postgres():
    assert search_backends_from_env("", postgres=False) == {
        "default": {"BACKEND": SQLITE_SEARCH_BACKEND, "AUTO_UPDATE": True}
    }
    postgres = search_backends_from_env("", postgres=True)
    assert postgres["default"]["SEARCH_CONFIG"] == POSTGRES_SEARCH_CONFIG
    assert postgres["default"]["BACKEND"] == POSTGRES_SEARCH_BACKEND


def test_elasticsearch_url_switches_backend_and_keeps_database_fallback():
    backends = search_backends_from_env("http://es.example:9200", postgres=True)
    assert backends["default"]["BACKEND"] == "search.engines.elasticsearch9"
    assert backends["default"]["URLS"] == ["http://es.example:9200"]
    analyzer = backends["default"]["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]
    assert {"french_elision", "asciifolding", "french_stemmer"} <= set(analyzer["filter"])
    assert backends["database"]["BACKEND"] == POSTGRES_SEARCH_BACKEND


def test_opensearch_url_selects_opensearch_with_the_same_french_analyser():
    backends = search_backends_from_env(opensearch_url="http://os.example:9200", postgres=False)
    assert backends["default"]["BACKEND"] == "search.engines.opensearch2"
    assert backends["default"]["URLS"] == ["http://os.example:9200"]
    elasticsearch = search_backends_from_env("http://es.example:9200", postgres=False)
    assert backends["default"]["INDEX_SETTINGS"] == elasticsearch["default"]["INDEX_SETTINGS"]
    # A stopped engine costs one short try, not a retry storm.
    assert backends["default"]["OPTIONS"]["max_retries"] == 0
    assert backends["database"]["BACKEND"] == SQLITE_SEARCH_BACKEND


def test_both_engine_urls_is_a_configuration_error():
    with pytest.raises(ValueError, match="not both"):
        search_backends_from_env("http://es:9200", opensearch_url="http://os:9200")


def test_engine_searches_wait_less_than_writes():
    """A frozen engine costs a visitor under a second before the database answers; publishing
    or importing may wait longer on a busy node."""
    from search.engines.opensearch2 import SearchBackend

    config = search_backends_from_env(opensearch_url="http://127.0.0.1:9")["default"]
    backend = SearchBackend({key: value for key, value in config.items() if key != "BACKEND"})
    assert backend.search_timeout < 1 < config["TIMEOUT"]

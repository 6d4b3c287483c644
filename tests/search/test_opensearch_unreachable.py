"""`rebuild_search_index` with OPENSEARCH_URL pointing at nothing: it says so in French, names
the engine's address, rebuilds the database fallback and exits in error. No node is needed: the
discard port (9) has nobody listening."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from wagtail.search.index import get_indexed_models

from search.backends import search_backends_from_env

STOPPED = "http://127.0.0.1:9"
ROOT = Path(__file__).resolve().parents[2]


def test_the_command_exits_in_error_naming_the_stopped_engine(tmp_path):
    """As an operator runs it: a process of its own, its exit status, its French message."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "centre.settings.test",
        "OPENSEARCH_URL": STOPPED,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'vide.sqlite3'}",  # never read: engine only
    }
    env.pop("ELASTICSEARCH_URL", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "rebuild_search_index", "--backend", "default"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "Le moteur de recherche « default » est injoignable" in done.stderr
    assert f"opensearch2, {STOPPED}" in done.stderr
    assert "Relancez la commande quand il répondra" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.django_db
def test_the_database_fallback_is_rebuilt_and_the_engine_named(demo):
    backends = search_backends_from_env(
        postgres=connection.vendor == "postgresql", opensearch_url=STOPPED
    )
    stdout, stderr = io.StringIO(), io.StringIO()
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), pytest.raises(CommandError) as error:
        call_command("rebuild_search_index", stdout=stdout, stderr=stderr)
    message = str(error.value)
    assert "« default » est injoignable" in message and STOPPED in message
    assert "Reconstruits : « database »" in message
    out = stdout.getvalue()
    assert "  default : ÉCHEC, est injoignable" in out
    assert "  database : " in out and "objets indexés" in out
    assert sum(model.get_indexed_objects().count() for model in get_indexed_models()) > 100

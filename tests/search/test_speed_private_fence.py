"""modelsearch's backend internals are reached only through core/wagtail_private.py, and those
the SQLite backend (search.sqlite) builds on are still there with the shape it uses: an upgrade
that changes them fails here, naming the API, instead of breaking the site search."""

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from django.db import connection

from core import wagtail_private

ROOT = Path(__file__).resolve().parents[2]
FENCE = ROOT / "core" / "wagtail_private.py"
# Internal modules: their names may change in any release.
PRIVATE_PREFIXES = ("modelsearch.backends", "wagtail.search.backends.database")
PROJECT_PACKAGES = ("core", "search", "guides", "directory", "clauses", "resources", "contracts")


def _imports(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_backend_internals_are_imported_only_behind_the_fence():
    offenders = []
    for package in PROJECT_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if path == FENCE or "migrations" in path.parts:
                continue
            offenders += [
                f"{path.relative_to(ROOT)} imports {module}"
                for module in _imports(path)
                if module.startswith(PRIVATE_PREFIXES)
            ]
    assert offenders == [], "Use core.wagtail_private instead: " + "; ".join(offenders)


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="modelsearch registers its SQLite index models only when the database is SQLite",
)
def test_sqlite_backend_internals_used_by_search_sqlite():
    module = importlib.import_module(wagtail_private.SQLITE_BACKEND_MODULE)
    for name in wagtail_private.SQLITE_BACKEND_NAMES:
        assert getattr(wagtail_private, name) is getattr(module, name), f"{name} missing"
    signature = list(inspect.signature(module.SQLiteSearchQueryCompiler.search).parameters)
    assert signature[:5] == ["self", "config", "start", "stop", "score_field"], (
        f"SQLiteSearchQueryCompiler.search now takes {signature} (search.sqlite overrides it)"
    )
    assert callable(getattr(module.SQLiteSearchResults, "_do_count", None)), (
        "SQLiteSearchResults._do_count gone (search.sqlite overrides it to count in one query)"
    )
    entry_fields = {field.name for field in module.SQLiteFTSIndexEntry._meta.get_fields()}
    assert {"title", "body", "autocomplete", "index_entry"} <= entry_fields, (
        f"SQLiteFTSIndexEntry columns are now {sorted(entry_fields)} (search.sqlite matches them)"
    )


def test_unknown_private_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        wagtail_private.NoSuchBackendClass  # noqa: B018

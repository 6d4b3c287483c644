"""The apps depend on each other in one direction only (README, « Où vit chaque chose »).

Each project package has a rank; a module may import a package of a lower rank only. Imports
inside functions count too: a late import is still a dependency. Migrations are left out (their
references are strings frozen at the time they were written).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. Packages of the same rank are peers and must not import each other.
RANKS = {
    "core": 0,  # vocabulary, French text, open data, filters, imports, progress, PDF, blocks
    "search": 1,  # the engine; apps register their sources into it
    "guides": 2,
    "directory": 3,
    "clauses": 4,
    "resources": 4,
    "contracts": 5,
    "statsbase": 5,  # the national statistics base: facilitators' yearly returns, panoramas
    "centre": 6,  # composition root: settings, URLs, home page, demo loader
}


def imported_packages(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in RANKS:
                yield top, node.lineno


def project_modules():
    for package in RANKS:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield package, path


def forbidden_imports():
    found = []
    for package, path in project_modules():
        for target, line in imported_packages(path):
            if target != package and RANKS[target] >= RANKS[package]:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    return found


def test_apps_import_only_the_layers_below_them():
    assert forbidden_imports() == []


def test_the_check_sees_a_forbidden_import(tmp_path, monkeypatch):
    """The walk is real: an upward import written into a module is reported."""
    package = tmp_path / "core"
    package.mkdir()
    (package / "bad.py").write_text("def f():\n    from guides.models import LegalBasis\n")
    monkeypatch.setattr(
        "tests.test_architecture.project_modules", lambda: [("core", package / "bad.py")]
    )
    monkeypatch.setattr("tests.test_architecture.ROOT", tmp_path)
    assert forbidden_imports() == ["core/bad.py:2 imports guides"]


@pytest.mark.parametrize("package", sorted(RANKS))
def test_every_ranked_package_exists(package):
    assert (ROOT / package / "__init__.py").exists()

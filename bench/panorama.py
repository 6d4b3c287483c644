"""Statistics base benchmark: a regional panorama from 300 structures × 5 years of returns,
rendered uncached, and the import of one return.

    DATABASE_URL=postgres://u:p@localhost/scratch .venv/bin/python bench/panorama.py

BENCH_REUSE=1 keeps the returns of a previous run (same BENCH_STRUCTURES). The database given is migrated and its statistics tables and bench structures are replaced:
use a scratch database (SQLite in /tmp without DATABASE_URL). Prints the time to build the
returns and consolidate them, p50/p95/max of the regional page (/ressources/statistiques/75/,
full HTML through the test client, cache emptied before each request) and of the national
figures' CSV, and the median time of one return's import (checks, write, consolidation of its
three territories). Targets (issue 18): page < 200 ms on PostgreSQL, import < 1 s.
"""

import os
import sys

# This file's name is the standard library's "statistics" (SQLite's backend imports it): take
# its folder off the import path before anything imports it.
sys.path = [
    p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))
]

import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
STRUCTURES = int(os.environ.get("BENCH_STRUCTURES", "300"))
YEARS = [2021, 2022, 2023, 2024, 2025]
REGION = "75"  # Nouvelle-Aquitaine
RUNS = int(os.environ.get("BENCH_RUNS", "30"))


def setup():
    sys.path.insert(0, str(ROOT))
    # DEBUG off as in production (no query log), plain HTTP for the test client.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.gettempdir()}/bench_stats.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_structures():
    from directory import geography
    from directory.models import Department, FacilitatorStructure
    from statsbase.models import AnnualReturn

    if not Department.objects.exists():
        geography.load(only_departments=[])
    AnnualReturn.objects.all().delete()
    FacilitatorStructure.objects.filter(slug__startswith="bench-stats-").delete()
    departments = list(Department.objects.filter(region__code=REGION))
    for number in range(STRUCTURES):
        FacilitatorStructure.objects.create(
            name=f"Structure de mesure {number}",
            slug=f"bench-stats-{number}",
            department=departments[number % len(departments)],
            is_demo=True,
        )
    return list(FacilitatorStructure.objects.filter(slug__startswith="bench-stats-"))


def make_returns(structures):
    from statsbase.consolidation import consolidate_everything
    from statsbase.demo import demo_cells_with_zeros
    from statsbase.models import AnnualReturn, ReturnFigure

    rng = random.Random(18)
    started = time.perf_counter()
    figures = []
    for structure in structures:
        for year in YEARS:
            annual = AnnualReturn.objects.create(
                structure=structure, year=year, department=structure.department, is_demo=True
            )
            cells = demo_cells_with_zeros(rng, rng.uniform(1, 4), 1.0)
            figures += [
                ReturnFigure(annual_return=annual, dimension=d, category=c, value=v)
                for (d, c), v in cells.items()
            ]
    ReturnFigure.objects.bulk_create(figures, batch_size=5000)
    built = time.perf_counter() - started
    started = time.perf_counter()
    territories = consolidate_everything()
    consolidated = time.perf_counter() - started
    print(
        f"{len(structures)} structures × {len(YEARS)} ans : {len(figures)} chiffres écrits en "
        f"{built:.1f} s ; {territories} consolidations en {consolidated:.1f} s",
        flush=True,
    )


def timed(function, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return f"p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {times[-1]:.0f} ms"


def bench_pages():
    from django.core.cache import caches
    from django.test import Client

    client = Client(HTTP_HOST="localhost")

    def page(url):
        def get():
            for cache in caches.all():
                cache.clear()
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return get

    page(f"/ressources/statistiques/{REGION}/")()  # warm the code paths, not the data
    print(
        f"panorama régional ({REGION}) : {timed(page(f'/ressources/statistiques/{REGION}/'), RUNS)}"
    )
    print(
        f"CSV d'un chiffre (France) : {timed(page('/ressources/statistiques/france/heures-secteur.csv'), RUNS)}"
    )


def bench_import(structures):
    from statsbase.importer import ReturnImporter
    from tests.statistics.conftest import return_csv, return_rows

    content = return_csv(return_rows(structures[0].slug, 2025)).encode()
    print(
        "import d'un bilan (vérifications, écriture, consolidation) : "
        + timed(lambda: ReturnImporter().run(content, "bilan.csv"), max(5, RUNS // 3))
    )


def main():
    setup()
    from django.db import connection

    print(f"== {connection.vendor} ==", flush=True)
    from directory.models import FacilitatorStructure

    structures = list(FacilitatorStructure.objects.filter(slug__startswith="bench-stats-"))
    if not (os.environ.get("BENCH_REUSE") and len(structures) == STRUCTURES):
        structures = make_structures()
        make_returns(structures)
    bench_pages()
    bench_import(structures)


if __name__ == "__main__":
    main()

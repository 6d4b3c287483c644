"""Directory benchmark: import time and filtered-search latency at 10 000 and 100 000 employers.

    .venv/bin/python bench/directory.py                      # SQLite (a scratch file in /tmp)
    DATABASE_URL=postgres://u:p@localhost/db .venv/bin/python bench/directory.py
                                                             # SQLite, then PostgreSQL on that DB

The PostgreSQL database given is migrated and its directory tables are emptied: use a scratch
database. Prints, per backend and size: the import time (CSV → all-or-nothing import, checks
included) and p50/p95 of the /annuaire/ search view (rendered HTML, random filters). The view is
called directly, below the middleware: never from the page cache (each answer is checked for
it, bench/_common.py). The figures go to bench/RESULTS.md.
"""

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "10000,100000").split(",")]
QUERIES = int(os.environ.get("BENCH_QUERIES", "200"))
sys.path.append(str(ROOT / "bench"))  # after ROOT: "search" stays the app
from _common import UNCACHED, Report, Timings, check_cache, seconds, x_cache  # noqa: E402


def main():
    if os.environ.get("BENCH_CHILD"):
        run_child()
        return
    report = Report(__file__)
    postgres_url = os.environ.get("DATABASE_URL", "")
    targets = [("SQLite", f"sqlite:///{tempfile.gettempdir()}/bench_directory.sqlite3")]
    if postgres_url.startswith("postgres"):
        targets.append(("PostgreSQL", postgres_url))
    for label, url in targets:
        print(f"== {label} ==", flush=True)
        env = report.child_env(dict(os.environ, DATABASE_URL=url, BENCH_CHILD="1"))
        subprocess.run([sys.executable, __file__], env=env, check=True, cwd=ROOT)
    report.save()


def run_child():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings.dev")
    # 200 searches from one address would be throttled (429) by the directory's rate limit.
    os.environ["RATELIMIT_ENABLE"] = "false"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    report = Report(__file__)
    from directory import geography
    from directory.demo import SECTORS, _load_sectors

    started = time.perf_counter()
    geography.load()
    print(f"référentiel géographique : {time.perf_counter() - started:.1f} s", flush=True)
    _load_sectors()
    for size in SIZES:
        bench_size(report, size, SECTORS)
    report.save()


def synthetic_csv(size, sectors):
    from directory.demo import fake_siret
    from directory.models import Department

    rng = random.Random(size)
    codes = list(Department.objects.values_list("code", flat=True))
    kinds = ["EI", "AI", "ACI", "ETTI", "GEIQ", "EA", "ESAT", "RQ"]
    territories = ["", "", "", "pays", "rayon:30", "rayon:60"]
    lines = ["siret;nom;categorie;departement;effectif;secteurs;territoire"]
    seen = set()
    for number in range(size):
        siret = fake_siret(rng)
        while siret in seen:
            siret = fake_siret(rng)
        seen.add(siret)
        sector_names = "|".join(rng.sample(sectors, rng.choice([1, 1, 2])))
        lines.append(
            f"{siret};Structure synthétique {number};{rng.choice(kinds)};{rng.choice(codes)};"
            f"10-49;{sector_names};{rng.choice(territories)}"
        )
    return ("\n".join(lines) + "\n").encode()


def empty_directory():
    from django.db import connection

    from directory.models import Activity, Correction, InclusiveEmployer, Organisation

    tables = [
        Activity.served_departments.through._meta.db_table,
        Activity.regions.through._meta.db_table,
        Activity.departments.through._meta.db_table,
        Activity.communes.through._meta.db_table,
        Activity._meta.db_table,
        Correction._meta.db_table,
        InclusiveEmployer._meta.db_table,
        "directory_facilitatorstructure_covered_departments",
        "directory_facilitatorstructure_covered_communes",
        "directory_facilitatorstructure",
        Organisation._meta.db_table,
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")


def bench_size(report, size, sector_names):
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import RequestFactory

    from core.models import Sector
    from directory.importer import import_employers
    from directory.models import Department
    from directory.views import directory_index

    empty_directory()
    content = synthetic_csv(size, sector_names)
    started = time.perf_counter()
    imported = import_employers(content, "bench.csv")
    elapsed = time.perf_counter() - started
    database = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[connection.vendor]
    report.add(
        f"{database}, {size} employeurs : import CSV", seconds(elapsed), detail=str(imported)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    rng = random.Random(1)
    codes = list(Department.objects.values_list("code", flat=True))
    sectors = list(Sector.objects.values_list("slug", flat=True))
    factory = RequestFactory()
    timings = []
    for _ in range(QUERIES):
        params = {"departement": rng.choice(codes), "type": "employeur"}
        if rng.random() < 0.5:
            params["secteur"] = rng.choice(sectors)
        if rng.random() < 0.3:
            params["categorie"] = rng.choice(["EI", "ACI", "EA"])
        if rng.random() < 0.2:
            params["q"] = "synthétique 1"
        request = factory.get("/annuaire/", params)
        request.user = AnonymousUser()
        started = time.perf_counter()
        response = directory_index(request)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
        check_cache(UNCACHED, x_cache(response), "/annuaire/")
    report.add_timings(
        f"{database}, {size} employeurs : recherche filtrée, page /annuaire/ rendue",
        Timings(timings),
        UNCACHED,
        detail=" ; vue appelée directement, sans middleware, filtres tirés au hasard",
    )


if __name__ == "__main__":
    main()

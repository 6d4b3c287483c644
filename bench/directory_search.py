"""`/annuaire/?q=` with its facet counts, the code of today against the former path, back to back
(issue 14). Measures only: writes nothing to bench/RESULTS.md (bench/search.py owns that row).

    BENCH_DATABASE_URL=postgres://…/clauses_bench_dir .venv/bin/python bench/directory_search.py

On a database that bench/search.py filled (`--sizes 100000`), each of its 50 directory queries
is asked `--rounds` times through Django's test client, once with the narrow entries
(directory/narrow.py) and once without (the organisation rows, as before migration 0007), in a
random order each time so that the machine's load weighs on both alike. The shared cache is
emptied before every request (the word lookups and facet counts of a query asked once), each
request is made unique (`passe`) and checked on its X-Cache header: no page-cache hit.
"""

import argparse
import importlib.util
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bench_queries():
    """bench/search.py's QUERIES (loaded by path: its folder shadows the standard library)."""
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.QUERIES


def setup(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings.dev")
    os.environ["DEBUG"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.RATELIMIT_ENABLE = False
    call_command("migrate", verbosity=0)


def timed_get(client, query, passe):
    from _common import UNCACHED, check_cache, x_cache
    from django.core.cache import cache

    from directory import narrow
    from directory.filters import entries_count, until_content_changes

    cache.clear()
    # Kept until content changes: already there for a query asked once.
    entries_count()
    until_content_changes("cells", (), narrow.whole_cells)
    started = time.perf_counter()
    response = client.get("/annuaire/", {"q": query, "passe": passe})
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"/annuaire/?q={query}: {response.status_code}")
    check_cache(UNCACHED, x_cache(response), f"/annuaire/?q={query}")
    return elapsed


def run(queries, rounds):
    from django.test import Client

    from directory import narrow

    client = Client(HTTP_HOST="localhost")
    using = narrow.in_use
    modes = {"entrées": using, "avant (organisations)": lambda: False}
    timings = {mode: [] for mode in modes}
    per_query = {}
    passe = 0
    for _round in range(rounds):
        for query in queries:
            for mode in random.sample(list(modes), len(modes)):
                narrow.in_use = modes[mode]
                passe += 1
                elapsed = timed_get(client, query, passe)
                timings[mode].append(elapsed)
                per_query.setdefault(query, {}).setdefault(mode, []).append(elapsed)
    narrow.in_use = using
    return timings, per_query


def describe(values):
    cut = statistics.quantiles(values, n=20)
    return f"p50 {statistics.median(values) * 1000:.0f} ms, p95 {cut[18] * 1000:.0f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--slowest", type=int, default=8)
    arguments = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url.startswith("postgres") or url.rsplit("/", 1)[-1] in {"clauses", "postgres"}:
        raise SystemExit("BENCH_DATABASE_URL : la base du banc (PostgreSQL), pas celle du site")
    queries = bench_queries()
    sys.path.append(str(ROOT / "bench"))
    setup(url)
    from directory.models import Organisation

    print(f"{Organisation.objects.count()} organisations, {os.getloadavg()[0]:.1f} de charge")
    timings, per_query = run(queries, arguments.rounds)
    for mode, values in timings.items():
        print(f"/annuaire/?q= {mode} ({len(values)} mesures) : {describe(values)}")
    slowest = sorted(per_query.items(), key=lambda item: -max(item[1]["entrées"]))
    for query, by_mode in slowest[: arguments.slowest]:
        cells = ", ".join(f"{mode} {max(values) * 1000:.0f} ms" for mode, values in by_mode.items())
        print(f"  « {query} » : {cells}")


if __name__ == "__main__":
    main()

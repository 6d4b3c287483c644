"""Load test: the public site under gunicorn, a realistic mix of pages, and a static file for scale.

    .venv/bin/python bench/load.py [--users 8] [--duration 20] [--max-requests 200000]
                                   [--no-uncached] [--skip-setup]

Starts the site as in production (bench/_server.py: centre.settings.production, PostgreSQL
database clauses_bench, DatabaseCache, WhiteNoise, gunicorn with 2 workers on 127.0.0.1) with
RATELIMIT_ENABLE=0, since one client from one address would otherwise be throttled. Then,
with locust (bench/locustfile.py, FastHttpUser, users that do not wait: the server's capacity):

  1. the mix — home, guide chapters, directory searches (words and filters), full-text searches
     (French queries), model clause pages, clause PDFs (blank and filled in), the calculator —
     with the anonymous page cache on, as in production;
  2. one static file (the site's stylesheet) with the same client settings, same server: the
     ratio site rps / static rps says how far pages are from the cheapest possible answer;
  3. unless --no-uncached, the mix again on a server restarted with PAGE_CACHE_SECONDS=0: what
     building each page costs.

Each run is bounded in time (--duration seconds) and in requests (--max-requests). Prints
requests per second, p50/p95/p99 per page type and the errors; exits 1 if any request failed.
Before run 1 the home page must come from the page cache (X-Cache: hit), before run 3 it must
not: otherwise the script stops without figures (bench/_common.py). The figures go to
bench/RESULTS.md.
The load client runs on the same 2 cores as the server and PostgreSQL: compare ratios within
one run rather than absolute figures between machines.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    CACHED,
    MIXED,
    UNCACHED,
    Report,
    check_server_cache,
    ms,
    postgres_version,
    ratio,
    search_backend_from_env,
)
from _server import (
    DATABASE_URL,
    PYTHON,
    ROOT,
    SEARCH_QUERIES,
    SERVER_ENV,
    VENV_BIN,
    Server,
    discover_urls,
    http_get,
)

LOCUSTFILE = ROOT / "bench" / "locustfile.py"
REQUIREMENTS = ROOT / "bench" / "requirements.txt"
PAGE_TYPES = [
    "home",
    "guide chapter",
    "directory search",
    "full-text search",
    "clause page",
    "clause PDF",
    "calculator",
    "static CSS",
]


def ensure_locust():
    pinned = next(
        line.split("==")[1].strip()
        for line in REQUIREMENTS.read_text().splitlines()
        if line.startswith("locust==")
    )
    check = subprocess.run(
        [str(PYTHON), "-c", "import locust; print(locust.__version__)"],
        capture_output=True,
        text=True,
    )
    if check.stdout.strip() != pinned:
        print(f"Installation de locust {pinned} dans .venv …", flush=True)
        subprocess.run(
            [str(PYTHON), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)], check=True
        )
    return pinned


def run_locust(server, user_class, urls, args, outdir, label):
    prefix = Path(outdir) / label
    env = dict(os.environ, BENCH_URLS=json.dumps(urls), BENCH_MAX_REQUESTS=str(args.max_requests))
    command = [
        str(VENV_BIN / "locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.users),
        "--run-time",
        f"{args.duration}s",
        "--stop-timeout",
        "10",
        "--host",
        server.url,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "ERROR",
        "--exit-code-on-error",
        "0",
        user_class,
    ]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    stats_path = Path(f"{prefix}_stats.csv")
    if result.returncode != 0 or not stats_path.exists():
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise RuntimeError(f"locust failed ({label})")
    with open(stats_path, newline="") as stats_file:
        rows = {row["Name"]: row for row in csv.DictReader(stats_file)}
    failures = []
    with open(f"{prefix}_failures.csv", newline="") as failures_file:
        for row in csv.DictReader(failures_file):
            failures.append(f"{row['Occurrences']} × {row['Name']}: {row['Error']}")
    return rows, failures


def warm_up(server, urls):
    """The pages every visitor asks for, once each, as a cache that has been running would hold
    them: home, guide links, clause pages and blank PDFs, the usual searches. What stays
    uncached during the run is what visitors make unique (filters, amounts)."""
    paths = ["/", *urls["chapters"], *urls["clauses"]]
    paths += [f"{url}pdf/" for url in urls["clauses"]]
    paths += ["/recherche/?" + urllib.parse.urlencode({"q": q}) for q in SEARCH_QUERIES]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=server.workers) as pool:
        statuses = list(pool.map(lambda path: http_get(server.url + path, timeout=60)[0], paths))
    failed = [path for path, status in zip(paths, statuses, strict=True) if status != 200]
    print(
        f"Préchauffage du cache : {len(paths)} adresses en {time.monotonic() - started:.1f} s"
        + (f", ÉCHECS : {failed}" if failed else "")
    )
    return len(failed)


def print_table(report, cache, title, rows):
    print(f"\n== {title}")
    header = f"{'type de page':<18} {'requêtes':>9} {'req/s':>8} {'p50':>7} {'p95':>7} {'p99':>7}"
    print(f"{header} {'erreurs':>8}   (temps en ms)")
    ordered = [name for name in PAGE_TYPES if name in rows]
    ordered += [name for name in rows if name not in ordered and name != "Aggregated"]
    for name in [*ordered, "Aggregated"]:
        row = rows[name]
        label = "TOTAL" if name == "Aggregated" else name
        print(
            f"{label:<18} {int(row['Request Count']):>9} {float(row['Requests/s']):>8.1f}"
            f" {row['50%']:>7} {row['95%']:>7} {row['99%']:>7} {int(row['Failure Count']):>8}"
        )
        report.rows.append(
            {
                "label": f"{title} : {label}",
                "cache": cache,
                "result": " · ".join(f"p{q} {ms(float(row[f'{q}%']))}" for q in ("50", "95", "99")),
                "detail": f"{int(row['Request Count'])} requêtes, "
                f"{float(row['Requests/s']):.1f} req/s, ".replace(".", ",")
                + f"{int(row['Failure Count'])} erreurs",
            }
        )
    total = rows["Aggregated"]
    return float(total["Requests/s"]), int(total["Failure Count"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=8, help="simultaneous users (8)")
    parser.add_argument("--duration", type=int, default=20, help="seconds per run (20)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="per run (200000)")
    parser.add_argument("--no-uncached", action="store_true", help="skip the run without cache")
    parser.add_argument(
        "--skip-setup", action="store_true", help="no migrate/load_demo (database already ready)"
    )
    args = parser.parse_args()
    locust_version = ensure_locust()

    errors = 0
    report = Report(
        __file__,
        database=postgres_version(DATABASE_URL),
        search=search_backend_from_env(SERVER_ENV | dict(os.environ)),
    )
    with Server() as server, tempfile.TemporaryDirectory(prefix="clauses-load-") as outdir:
        try:
            server.prepare(skip_setup=args.skip_setup)
            server.start()
            workers = server.workers
            urls = discover_urls(server.url)
            print(
                f"\nServeur : gunicorn {server.workers} workers sur {server.url}, "
                f"centre.settings.production, {DATABASE_URL.rsplit('@', 1)[-1]}, DatabaseCache"
            )
            print("  RATELIMIT_ENABLE=0 : limites de débit coupées (un seul client, une adresse)")
            print(
                f"Client : locust {locust_version}, FastHttpUser, {args.users} utilisateurs "
                f"sans attente, {args.duration} s par série (au plus {args.max_requests} "
                "requêtes), même machine (2 cœurs)"
            )
            print(
                f"  {len(urls['chapters'])} liens du guide, {len(urls['clauses'])} clauses, "
                f"feuille de style {urls['css']}"
            )

            errors += warm_up(server, urls)
            check_server_cache(server.url, "/", CACHED)
            print("Cache de pages : X-Cache: hit à la 2e demande de / (vérifié)")

            def series(user_class, name, title, cache=MIXED):
                """One bounded locust run, its table printed; its requests per second."""
                nonlocal errors
                rows, failures = run_locust(server, user_class, urls, args, outdir, name)
                rps, failed = print_table(report, cache, title, rows)
                errors += failed
                for line in failures:
                    print(f"  ERREUR {line}")
                return rps

            site_rps = series(
                "SiteUser", "cached", "Mélange de pages, cache de pages actif (production)"
            )
            static_rps = series(
                "StaticUser",
                "static",
                f"Fichier statique {urls['css']}, mêmes réglages, même serveur",
                cache=None,
            )
            report.add("débit site (cache actif) / débit statique", ratio(site_rps / static_rps))
            print(
                f"\nDébit site (cache actif) {site_rps:.1f} req/s ; statique {static_rps:.1f} "
                f"req/s ; rapport site/statique = {site_rps / static_rps:.3f} ; "
                f"≈ {1000 * server.workers / site_rps:.0f} ms de worker par requête"
            )

            if not args.no_uncached:
                server.start(extra_env={"PAGE_CACHE_SECONDS": "0"})
                check_server_cache(server.url, "/", UNCACHED)
                uncached_rps = series(
                    "SiteUser",
                    "uncached",
                    "Mélange de pages, sans cache de pages (PAGE_CACHE_SECONDS=0)",
                    cache=UNCACHED,
                )
                report.add("gain du cache de pages (débit)", ratio(site_rps / uncached_rps))
                print(
                    f"\nDébit site sans cache {uncached_rps:.1f} req/s ; rapport au statique "
                    f"(mesuré plus haut) = {uncached_rps / static_rps:.3f} ; "
                    f"gain du cache ×{site_rps / uncached_rps:.1f} ; "
                    f"≈ {1000 * server.workers / uncached_rps:.0f} ms de worker par requête"
                )
        except KeyboardInterrupt:
            print("\nInterrompu.", file=sys.stderr)
            return 130
        except RuntimeError as error:
            print(f"\nÉCHEC : {error}\n{server.log_tail()}", file=sys.stderr)
            return 2
    print(f"\nErreurs : {errors}" + ("" if errors == 0 else " — ÉCHEC"))
    report.note(
        f"{args.users} utilisateurs locust sans attente, {args.duration} s par série, client et "
        f"serveur (gunicorn, {workers} workers) sur la même machine ; erreurs : {errors}."
    )
    report.save()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

"""Fault check: the site under gunicorn rides out a PostgreSQL restart and an Elasticsearch outage.

    .venv/bin/python bench/faults.py [--skip-setup] [--down 4]

Starts the site as bench/load.py does (bench/_server.py: production settings, PostgreSQL
clauses_bench, gunicorn with 2 workers on 127.0.0.1, RATELIMIT_ENABLE=0), then:

  (a) PostgreSQL restart. A thread asks for a guide chapter and /sante/ every 50 ms; after 3 s
      `pg_ctlcluster 15 main stop`, 4 s later `pg_ctlcluster 15 main start` (which takes 1-3 s
      here: ~5-6 s without PostgreSQL in all), then 10 s more.
      Checks: no failure before the stop, none once PostgreSQL has answered again (1 s of grace
      for the first reconnection), the last seconds all succeed, and the gunicorn workers are
      the same processes as before (recovered without a restart).
  (b) Elasticsearch unreachable. The server restarted with ELASTICSEARCH_URL=http://127.0.0.1:9
      (a closed port) and no page cache: /recherche/?q=insertion answers 200 with as many
      results as the database backend gave in (a), /api/recherche/ too, /sante/ still 200.

PostgreSQL is shared with other people's tests on this machine: the stop lasts at most --down
seconds before the start command (≤ 5) and PostgreSQL is started again in a `finally`, whatever happens (Ctrl-C too).
Prints a summary table; exits 1 if a check fails. In (b), the search page must not come from the
page cache (X-Cache checked, bench/_common.py), or the script stops. The summary goes to
bench/RESULTS.md.
"""

import argparse
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import UNCACHED, Report, check_server_cache, postgres_version
from _server import (
    DATABASE_URL,
    Server,
    discover_urls,
    http_get,
    pg_ctl,
    postgres_is_up,
    wait_for_postgres,
)

INTERVAL = 0.05  # seconds between two rounds of the request loop
REQUEST_TIMEOUT = 5
RECONNECT_GRACE = 1.0  # seconds after PostgreSQL answers again during which a failure is allowed


class Prober(threading.Thread):
    """Requests the given paths in turn every INTERVAL; records (time, path, status, seconds)."""

    def __init__(self, base_url, paths):
        super().__init__(daemon=True)
        self.base_url = base_url
        self.paths = paths
        self.records = []
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            for path in self.paths:
                started = time.monotonic()
                status = _status(self.base_url + path)
                self.records.append((started, path, status, time.monotonic() - started))
            self.stopping.wait(INTERVAL)


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0  # refused, reset or timed out


def postgres_restart(server, chapter, down_seconds):
    paths = [chapter, "/sante/"]
    pids_before = server.worker_pids()
    prober = Prober(server.url, paths)
    prober.start()
    stop_began = stop_done = start_began = up_at = None
    try:
        time.sleep(3)
        stop_began = time.monotonic()
        pg_ctl("stop")
        stop_done = time.monotonic()
        time.sleep(max(0.0, down_seconds - (stop_done - stop_began)))
    finally:
        start_began = time.monotonic()
        pg_ctl("start")  # always, even on Ctrl-C: other people's tests use this server
        wait_for_postgres()
        up_at = time.monotonic()
    print(
        f"  pg_ctlcluster stop : {stop_done - stop_began:.1f} s ; start lancé à "
        f"+{start_began - stop_began:.1f} s, PostgreSQL prêt (pg_isready) à "
        f"+{up_at - stop_began:.1f} s",
        flush=True,
    )
    time.sleep(10)
    prober.stopping.set()
    prober.join()
    pids_after = server.worker_pids()

    records = prober.records
    origin = stop_began
    failures = [r for r in records if r[2] != 200]
    before = [r for r in failures if r[0] < stop_began]
    # A request that started before the end of the outage may have failed during it.
    late = [r for r in failures if r[0] > up_at + RECONNECT_GRACE]
    tail = [r for r in records if r[0] > records[-1][0] - 3]
    print(f"  {len(records)} requêtes, {len(failures)} en échec :")
    for path in paths:
        mine = [r for r in records if r[1] == path]
        failed = [r for r in mine if r[2] != 200]
        statuses = sorted({r[2] for r in failed})
        span = (
            f"de +{failed[0][0] - origin:.2f} s à +{failed[-1][0] - origin:.2f} s, "
            f"statuts {statuses}"
            if failed
            else "aucun échec"
        )
        slowest = max(r[3] for r in mine)
        print(f"    {path:<32} {len(mine):>4} requêtes, {len(failed):>3} échecs {span}; ", end="")
        print(f"la plus lente {slowest:.2f} s")
    print(
        f"  (temps relatifs au début de l'arrêt ; PostgreSQL indisponible de +0.00 s à "
        f"+{up_at - origin:.2f} s)"
    )
    print(f"  workers gunicorn avant {pids_before}, après {pids_after}")
    return [
        ("(a) aucun échec avant l'arrêt de PostgreSQL", not before, f"{len(before)} échecs"),
        (
            "(a) échecs seulement pendant l'arrêt",
            not late,
            f"{len(late)} échecs plus de {RECONNECT_GRACE:.0f} s après le redémarrage"
            if late
            else f"{len(failures)} échecs, tous dans la fenêtre",
        ),
        (
            "(a) des échecs pendant l'arrêt (le test a porté)",
            bool(failures),
            "la base arrêtée n'a rien fait échouer" if not failures else "oui",
        ),
        (
            "(a) rétabli : 3 dernières secondes sans échec",
            all(r[2] == 200 for r in tail),
            f"{len(tail)} requêtes",
        ),
        (
            "(a) mêmes workers gunicorn (pas de redémarrage)",
            pids_before == pids_after and len(pids_after) == server.workers,
            f"{pids_before} → {pids_after}",
        ),
    ]


def search_count(base_url):
    """(status, results shown by /recherche/, results of /api/recherche/, seconds)."""
    started = time.monotonic()
    status, body = http_get(f"{base_url}/recherche/?q=insertion", timeout=30)
    elapsed = time.monotonic() - started
    match = re.search(r"(\d[\d  ]*) résultats? pour", body.decode(errors="replace"))
    shown = int(re.sub(r"\D", "", match.group(1))) if match else 0
    api_status, api_body = http_get(f"{base_url}/api/recherche/?q=insertion", timeout=30)
    api_count = json.loads(api_body)["count"] if api_status == 200 else -1
    return status, shown, api_count, elapsed


def elasticsearch_down(server, reference):
    server.start(extra_env={"ELASTICSEARCH_URL": "http://127.0.0.1:9", "PAGE_CACHE_SECONDS": "0"})
    check_server_cache(server.url, "/recherche/?q=insertion", UNCACHED)
    status, body = http_get(f"{server.url}/sante/")
    health = json.loads(body) if status == 200 else {}
    result = search_count(server.url)
    fallbacks = server.log_tail(400).count("Search backend 'default' failed")
    print(
        f"  /sante/ {status} {health}\n  /recherche/?q=insertion : {result[0]}, "
        f"{result[1]} résultats en {result[3]:.2f} s ; /api/recherche/ : {result[2]} résultats "
        f"(base seule, en (a) : {reference[1]} et {reference[2]}, en {reference[3]:.2f} s) ; "
        f"{fallbacks} échecs d'Elasticsearch journalisés"
    )
    return [
        (
            "(b) ES injoignable : /sante/ 200, moteur elasticsearch",
            status == 200 and "elasticsearch" in health.get("search_backend", ""),
            f"{status} {health.get('search_backend')}",
        ),
        (
            "(b) /recherche/?q=insertion 200 avec résultats",
            result[0] == 200 and result[1] > 0,
            f"{result[0]}, {result[1]} résultats",
        ),
        (
            "(b) mêmes résultats que la base seule",
            (result[1], result[2]) == reference[1:3] and result[2] > 0,
            f"{result[1]}/{result[2]} contre {reference[1]}/{reference[2]}",
        ),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-setup", action="store_true", help="no migrate/load_demo")
    parser.add_argument(
        "--down", type=float, default=4.0, help="seconds from stop to the start command (4)"
    )
    args = parser.parse_args()
    if not 0 < args.down <= 5:
        parser.error("--down: between 0 and 5 seconds (PostgreSQL is shared)")

    checks = []
    report = Report(
        __file__,
        database=postgres_version(DATABASE_URL),
        search="index de la base, en (b) Elasticsearch injoignable",
    )
    with Server() as server:
        try:
            server.prepare(skip_setup=args.skip_setup)
            server.start()
            urls = discover_urls(server.url)
            chapter = next(url for url in urls["chapters"] if "/pdf/" not in url)
            reference = search_count(server.url)
            print(f"\nServeur : gunicorn {server.workers} workers sur {server.url} (production)")
            print("  RATELIMIT_ENABLE=0 : limites de débit coupées (un seul client, une adresse)")
            print(
                f"\n== (a) redémarrage de PostgreSQL, requêtes toutes les 50 ms ({chapter}, /sante/)"
            )
            checks += postgres_restart(server, chapter, args.down)
            print("\n== (b) Elasticsearch injoignable (ELASTICSEARCH_URL=http://127.0.0.1:9)")
            checks += elasticsearch_down(server, reference)
        except KeyboardInterrupt:
            print("\nInterrompu.", file=sys.stderr)
            return 130
        except RuntimeError as error:
            print(f"\nÉCHEC : {error}\n{server.log_tail()}", file=sys.stderr)
            return 2
        finally:
            if not postgres_is_up():
                pg_ctl("start")
                wait_for_postgres()

    print("\n== Résumé")
    width = max(len(name) for name, _, _ in checks)
    for name, ok, detail in checks:
        print(f"  {'OK   ' if ok else 'ÉCHEC'}  {name:<{width}}  {detail}")
    failed = sum(1 for _, ok, _ in checks if not ok)
    print(f"\n{len(checks) - failed}/{len(checks)} vérifications réussies")
    report.rows += [
        {"label": name, "cache": None, "result": "OK" if ok else "ÉCHEC", "detail": detail}
        for name, ok, detail in checks
    ]
    report.note(
        f"{len(checks) - failed}/{len(checks)} vérifications réussies ; en (a) le cache de pages "
        "est actif (production), en (b) il est coupé."
    )
    report.save()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

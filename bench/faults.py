"""Fault check: the site under gunicorn rides out a PostgreSQL restart and a search engine outage.

    .venv/bin/python bench/faults.py [--part postgres|opensearch|all] [--skip-setup] [--down 4]

Starts the site as bench/load.py does (bench/_server.py: production settings, PostgreSQL
clauses_bench, gunicorn with 2 workers on 127.0.0.1, RATELIMIT_ENABLE=0), then:

Part "postgres" (section « bench/faults.py — PostgreSQL » of bench/RESULTS.md)
  (a) PostgreSQL restart. A thread asks for a guide chapter and /sante/ every 50 ms; after 3 s
      `pg_ctlcluster 15 main stop`, 4 s later `pg_ctlcluster 15 main start`, then 10 s more.
      Checks: no failure before the stop, none once PostgreSQL has answered again (1 s of grace
      for the first reconnection), the last seconds all succeed, and the gunicorn workers are
      the same processes as before (recovered without a restart).
  (b) Elasticsearch unreachable (ELASTICSEARCH_URL on a closed port, no page cache):
      /recherche/?q=insertion and /api/recherche/ answer 200 with the database's results.
  PostgreSQL is shared with other people's tests on this machine: the stop lasts at most --down
  seconds before the start command (≤ 5) and PostgreSQL is started again in a `finally`.

Part "opensearch" (section « bench/faults.py — OpenSearch »): real OpenSearch nodes started with
search/opensearch/run.sh on 9201/9202 (homes in .opensearch/faults-n1, -n2; never 9200), the
page cache off. Whether the engine answered a site search is read from the engine's own
counter (_nodes/stats query_total), not guessed from the page.
  (c') the node frozen (SIGSTOP): searches still 200, the first waits for the client's timeout
      (search/backends.py), later ones the probe's; resumed, the engine serves again after
      the next probe (search/fallback.py).
  (c) the node killed (SIGKILL) while a thread searches: every search 200, none more than 1 s
      slower than the median with the engine (the machine is shared), /sante/ says the
      database answers;
  (d) rebuild_search_index --backend default against the dead node exits non-zero naming it;
  (e) the node restarted: the time until a site search is served by it again, /sante/ says so;
  (f) two nodes (cluster manager + data node, one replica), the demo indexed and merged, every
      primary moved to the data node, which is then killed: every search still answered by the
      engine (no fallback logged), each query's results as in one of two fault-free passes
      before (the two copies order score ties differently, and the site ranks by position).
  Every node started here is stopped at the end, also on failure.

Prints a summary table per part; exits 1 if a check fails, 2 if the run could not be made.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# The project first: its "search" is the package, not bench/search.py.
sys.path[:0] = [str(BENCH.parent), str(BENCH)]
from _common import UNCACHED, Report, check_server_cache, postgres_version  # noqa: E402
from _server import (  # noqa: E402
    DATABASE_URL,
    PYTHON,
    Server,
    discover_urls,
    http_get,
    pg_ctl,
    postgres_is_up,
    wait_for_postgres,
)

from search.backends import ENGINE_TIMEOUT_SECONDS  # noqa: E402

# How often a worker pings a failed engine (search/fallback.py needs Django to import).
PROBE_SECONDS = int(
    re.search(
        r"^PROBE_SECONDS = (\d+)",
        (BENCH.parent / "search" / "fallback.py").read_text(),
        re.MULTILINE,
    ).group(1)
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


# ---------------------------------------------------------------------------- a real engine

RUN_SH = BENCH.parent / "search" / "opensearch" / "run.sh"
NODES_HOME = BENCH.parent / ".opensearch"  # gitignored; one home (data, logs, pid) per node
SEARCH_PATHS = ("/recherche/?q=insertion", "/api/recherche/?q=insertion")
ANSWER_LIMIT = 1.0  # seconds: a search must answer within this while the engine is gone
CLUSTER_QUERIES = ("insertion", "clause sociale", "marchés réservés", "SIAE", "nettoyage")


class Node:
    """One OpenSearch node started with search/opensearch/run.sh on 92NN/93NN, killed at will."""

    def __init__(self, number, cluster="clauses-faults", seeds=(), roles="", managers=""):
        self.name = f"faults-{number}"
        self.http_port, self.transport_port = 9200 + number, 9300 + number
        self.home = NODES_HOME / f"faults-n{number}"  # data wiped when fresh
        self.env = {
            "OPENSEARCH_HOME": str(self.home),
            "OPENSEARCH_PORT": str(self.http_port),
            "OPENSEARCH_TRANSPORT_PORT": str(self.transport_port),
            "OPENSEARCH_CLUSTER_NAME": cluster,
            "OPENSEARCH_NODE_NAME": self.name,
            "OPENSEARCH_SEED_HOSTS": ",".join(f"127.0.0.1:{9300 + n}" for n in seeds),
            "OPENSEARCH_INITIAL_MANAGERS": managers,
            "OPENSEARCH_ROLES": roles,
        }

    @property
    def url(self):
        return f"http://127.0.0.1:{self.http_port}"

    def run(self, action):
        result = subprocess.run(
            [str(RUN_SH), action], env=dict(os.environ, **self.env), capture_output=True, text=True
        )
        if result.returncode != 0:
            raise RuntimeError(f"run.sh {action} ({self.name}) : {result.stdout}{result.stderr}")
        return result.stdout

    def start(self, fresh=False):
        """Start the node (on empty data when fresh); seconds until it answered."""
        if fresh:
            shutil.rmtree(self.home / "data", ignore_errors=True)
        started = time.monotonic()
        self.run("start")
        return time.monotonic() - started

    def kill(self):
        """SIGKILL, as a crash or an OOM killer would: no goodbye to the cluster."""
        pid = int((self.home / "pid").read_text())
        os.kill(pid, signal.SIGKILL)
        while Path(f"/proc/{pid}").exists() and "Z" not in _proc_state(pid):
            time.sleep(0.05)
        (self.home / "pid").unlink(missing_ok=True)

    def pause(self, paused=True):
        """SIGSTOP (or SIGCONT): a hung engine, whose port still accepts connections."""
        os.kill(int((self.home / "pid").read_text()), signal.SIGSTOP if paused else signal.SIGCONT)

    def stop(self):
        self.run("stop")

    def get(self, path):
        status, body = http_get(self.url + path, timeout=30)
        if status != 200:
            raise RuntimeError(f"{self.url}{path} : {status} {body[:300]!r}")
        return json.loads(body)

    def query_total(self):
        """Searches the cluster has run (shard-level queries, every node): grows when the
        site's search was answered by the engine, stays put when the database answered."""
        stats = self.get("/_nodes/stats/indices/search")
        return sum(n["indices"]["search"]["query_total"] for n in stats["nodes"].values())


def _proc_state(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def engine_env(node):
    return {"OPENSEARCH_URL": node.url, "PAGE_CACHE_SECONDS": "0"}


def rebuild_engine_index(server, node):
    """manage.py rebuild_search_index --backend default against the node; (status, output, s)."""
    env = dict(server.env, **engine_env(node))
    started = time.monotonic()
    result = subprocess.run(
        [str(PYTHON), "manage.py", "rebuild_search_index", "--backend", "default"],
        cwd=BENCH.parent,
        env=env,
        capture_output=True,
        text=True,
    )
    return result.returncode, result.stdout + result.stderr, time.monotonic() - started


def api_results(base_url, query):
    """(status, [result URLs in order], seconds) of /api/recherche/."""
    started = time.monotonic()
    status, body = http_get(f"{base_url}/api/recherche/?q={urllib.parse.quote(query)}", timeout=30)
    elapsed = time.monotonic() - started
    urls = [result["url"] for result in json.loads(body)["results"]] if status == 200 else []
    return status, urls, elapsed


def health(base_url):
    status, body = http_get(f"{base_url}/sante/", timeout=30)
    return status, json.loads(body) if status == 200 else {}


def answered_by(health_data):
    """What /sante/ says answers searches (its own field when it has one)."""
    named = health_data.get("search_answered_by")
    if named:
        return named
    if health_data.get("checks", {}).get("search") == "ok":
        return health_data.get("search_backend", "?")
    return "database (moteur indisponible)"


def engine_answers(server, node, query="insertion"):
    """(status, the engine ran it?) for one site search; the engine's own counter decides."""
    before = node.query_total()
    status, _, _ = api_results(server.url, query)
    return status, node.query_total() > before


def engine_hung(server, node):
    """The node frozen (SIGSTOP): the client's timeout decides how long a search waits."""
    node.pause()
    try:
        timings = [api_results(server.url, "insertion") for _ in range(4)]
        started = time.monotonic()
        status, data = health(server.url)
        health_seconds = time.monotonic() - started
    finally:
        node.pause(False)
    print(
        "  nœud figé (SIGSTOP) : 4 recherches en "
        + ", ".join(f"{t[2]:.2f} s ({t[0]})" for t in timings)
        + f" ; /sante/ en {health_seconds:.2f} s : {answered_by(data)}"
    )
    time.sleep(PROBE_SECONDS + 1)  # the next probe finds the engine back
    status_back, by_engine = engine_answers(server, node)
    print(f"  nœud repris (SIGCONT) : recherche {status_back}, servie par le moteur {by_engine}")
    slowest = max(t[2] for t in timings)
    return [
        (
            "(c') moteur figé : recherches 200 (la première attend le délai du client)",
            all(t[0] == 200 for t in timings),
            f"{', '.join(seconds_fr(t[2]) for t in timings)} ; la plus lente "
            f"{seconds_fr(slowest)}, délai du client {ENGINE_TIMEOUT_SECONDS} s",
        ),
        (
            "(c') moteur figé puis repris : de nouveau servi par le moteur",
            status_back == 200 and by_engine,
            f"après {PROBE_SECONDS + 1} s ; /sante/ pendant le gel : {answered_by(data)}",
        ),
    ]


def engine_killed(server, node):
    """Searches every 50 ms; the node killed after 3 s; 5 s more. Then /sante/ and a rebuild."""
    prober = Prober(server.url, SEARCH_PATHS)
    prober.start()
    time.sleep(6)  # a baseline: on a shared machine a search may take a second by itself
    killed_at = time.monotonic()
    node.kill()
    print(f"  nœud {node.name} tué (SIGKILL) en {time.monotonic() - killed_at:.2f} s")
    time.sleep(8)
    prober.stopping.set()
    prober.join()
    before = [r[3] for r in prober.records if r[0] + r[3] <= killed_at]
    after = [r for r in prober.records if r[0] + r[3] > killed_at]
    failed = [r for r in prober.records if r[2] != 200]
    slowest = max((r[3] for r in after), default=0)
    added = slowest - statistics.median(before or [0])
    first = [r for r in after if r[0] >= killed_at][:4]
    print(
        f"  {len(prober.records)} recherches, {len(failed)} en échec ; avant l'arrêt (moteur) : "
        f"{len(before)}, médiane {statistics.median(before or [0]):.3f} s ; après (base) : "
        f"{len(after)}, médiane {statistics.median([r[3] for r in after] or [0]):.3f} s, "
        f"la plus lente {slowest:.3f} s ; les premières : "
        + ", ".join(f"{r[3]:.3f} s" for r in first)
    )
    status, data = health(server.url)
    print(f"  /sante/ après l'arrêt : {status} {data}")
    code, output, seconds = rebuild_engine_index(server, node)
    named = node.url.split("//")[1] in output and "injoignable" in output
    print(f"  rebuild_search_index --backend default : code {code} en {seconds:.1f} s")
    said = [line for line in output.splitlines() if "injoignable" in line or "default :" in line]
    print("    " + "\n    ".join(said))
    return [
        (
            "(c) moteur tué : toutes les recherches 200",
            not failed and bool(after),
            f"{len(prober.records)} recherches, {len(failed)} échecs",
        ),
        (
            f"(c) moteur tué : moins de {ANSWER_LIMIT:.0f} s de plus qu'avec le moteur",
            bool(before) and added < ANSWER_LIMIT,
            f"la plus lente après l'arrêt {seconds_fr(slowest)} ({len(after)} recherches), "
            f"médiane avant {seconds_fr(statistics.median(before or [0]))} ({len(before)}) : "
            f"{seconds_fr(added)} de plus",
        ),
        (
            "(c) /sante/ dit que la base répond",
            status == 200 and answered_by(data).startswith("database"),
            f"{status}, {answered_by(data)}, statut {data.get('status')}",
        ),
        (
            "(d) rebuild_search_index sur le moteur arrêté : code non nul, moteur nommé",
            code != 0 and named,
            f"code {code}, {'nomme ' + node.url if named else 'ne nomme pas le moteur'}",
        ),
    ]


def engine_back(server, node):
    """The node restarted: how long until a site search is answered by it again."""
    seconds = node.start()
    back_at = time.monotonic()
    print(f"  nœud relancé, prêt en {seconds:.0f} s")
    statuses, first_engine = [], None
    while time.monotonic() - back_at < 45:
        status, by_engine = engine_answers(server, node)
        statuses.append(status)
        if by_engine:
            first_engine = time.monotonic() - back_at
            break
        time.sleep(0.2)
    # Then several in a row (both gunicorn workers): every one answered by the engine.
    following = [engine_answers(server, node) for _ in range(6)]
    status, data = health(server.url)
    print(
        f"  première recherche servie par le moteur {seconds_fr(first_engine)} après son retour ; "
        f"6 suivantes : {[by for _, by in following]} ; /sante/ : {answered_by(data)}"
    )
    return [
        (
            "(e) moteur revenu : les recherches l'utilisent de nouveau",
            first_engine is not None and all(by for _, by in following),
            f"première servie par le moteur {seconds_fr(first_engine)} après son retour, "
            f"les 6 suivantes aussi : {all(by for _, by in following)}"
            if first_engine is not None
            else "jamais en 45 s",
        ),
        (
            "(e) /sante/ dit que le moteur répond",
            status == 200 and answered_by(data).startswith("opensearch"),
            f"{status}, {answered_by(data)}",
        ),
        ("(e) recherches pendant l'attente : toutes 200", set(statuses) <= {200}, f"{statuses}"),
    ]


def seconds_fr(value):
    return "—" if value is None else f"{value:.2f} s".replace(".", ",")


def run_engine(server):
    """One node on 9201: killed while the site searches, a rebuild against it, then back."""
    node = Node(1, cluster="clauses-faults-seul")
    checks = []
    try:
        print(f"\n== Moteur OpenSearch réel sur {node.url} (un nœud)")
        print(f"  nœud démarré en {node.start(fresh=True):.0f} s")
        code, output, seconds = rebuild_engine_index(server, node)
        if code != 0:
            raise RuntimeError(f"indexation sur {node.url} : {output[-2000:]}")
        print(f"  démo indexée dans le moteur en {seconds:.1f} s (rebuild_search_index)")
        server.start(extra_env=engine_env(node))
        check_server_cache(server.url, SEARCH_PATHS[0], UNCACHED)
        status, by_engine = engine_answers(server, node)
        status_h, data = health(server.url)
        print(f"  avant : recherche {status}, servie par le moteur : {by_engine} ; /sante/ {data}")
        checks.append(
            (
                "(c) avant : recherche servie par le moteur, /sante/ le dit",
                status == 200 and by_engine and answered_by(data).startswith("opensearch"),
                f"{status}, moteur {by_engine}, /sante/ {answered_by(data)}",
            )
        )
        print("\n== (c') le nœud figé (SIGSTOP) puis repris")
        checks += engine_hung(server, node)
        print("\n== (c) le nœud tué pendant que le site cherche (requêtes toutes les 50 ms)")
        checks += engine_killed(server, node)
        print("\n== (e) le nœud relancé")
        checks += engine_back(server, node)
        fallbacks = engine_failures(server)
        print(f"  {fallbacks} échecs du moteur journalisés par le site pendant cette partie")
    finally:
        node.stop()
    return checks


def engine_failures(server):
    """How many times the site's workers logged a failure of the engine (then used the base)."""
    try:
        return server.log_path.read_text(errors="replace").count("Search backend 'default' failed")
    except OSError:
        return 0


def cluster_results(server, node):
    """{query: [result URLs]} for CLUSTER_QUERIES, each answered by the engine (or not): a
    source whose engine query failed (timeout on a busy machine) was answered by the base."""
    failures = engine_failures(server)
    results, by_engine, slowest = {}, [], 0.0
    for query in CLUSTER_QUERIES:
        before = node.query_total()
        status, urls, seconds = api_results(server.url, query)
        by_engine.append(status == 200 and node.query_total() > before)
        results[query] = urls if status == 200 else None
        slowest = max(slowest, seconds)
    return results, all(by_engine) and engine_failures(server) == failures, slowest


def shard_layout(node):
    shards = json.loads(http_get(f"{node.url}/_cat/shards?format=json", timeout=30)[1])
    layout = {}
    for shard in shards:
        key = f"{shard['node']} {'primaires' if shard['prirep'] == 'p' else 'répliques'}"
        layout[key] = layout.get(key, 0) + 1
    return layout


def primaries_to(node, target):
    """Every primary shard moved to `target`: the primaries on other nodes are failed on
    purpose (reroute cancel, allow_primary), so their in-sync replicas on target take over.
    Killing target then takes every primary away: the harder case for the survivor."""
    shards = json.loads(http_get(f"{node.url}/_cat/shards?format=json", timeout=30)[1])
    commands = [
        {"cancel": {"index": s["index"], "shard": int(s["shard"]), "node": s["node"]}}
        for s in shards
        if s["prirep"] == "p" and s["node"] != target.name
    ]
    for command in commands:
        command["cancel"]["allow_primary"] = True
    if commands:
        request = urllib.request.Request(
            f"{node.url}/_cluster/reroute",
            data=json.dumps({"commands": commands}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
    node.get(
        "/_cluster/health?wait_for_status=green&wait_for_no_relocating_shards=true&timeout=120s"
    )
    return len(commands)


def index_cluster(server, manager, data_node):
    """The demo indexed through the manager, merged, every primary on the data node."""
    code, output, seconds = rebuild_engine_index(server, manager)
    if code != 0:
        raise RuntimeError(f"indexation sur la grappe : {output[-2000:]}")
    manager.get("/_cluster/health?wait_for_status=green&timeout=120s")
    # Wagtail indexes a page under each of its classes (same id, so deleted documents): merged
    # to one segment, both copies hold the same documents and score them alike.
    request = urllib.request.Request(
        f"{manager.url}/clauses_*/_forcemerge?max_num_segments=1", method="POST"
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
    moved = primaries_to(manager, data_node)
    health_data = manager.get("/_cluster/health")
    layout = shard_layout(manager)
    print(
        f"  démo indexée en {seconds:.1f} s, fusionnée ; santé {health_data['status']}, "
        f"{health_data['number_of_nodes']} nœuds ; {moved} primaires passées sur "
        f"{data_node.name} : fragments {layout}"
    )
    return health_data["status"], layout


def copies_agree(manager, data_node, query):
    """The page index asked on each node's copy only: do the two copies rank alike?"""

    def ranked(node):
        path = (
            f"/clauses_wagtailcore_page/_search?size=50&preference=_only_nodes:{node.name}"
            f"&q={urllib.parse.quote(query)}"
        )
        return [(hit["_id"], round(hit["_score"], 4)) for hit in manager.get(path)["hits"]["hits"]]

    return ranked(manager) == ranked(data_node)


def compare(before, after):
    """'identiques', or how the two result lists of a query differ."""
    if before == after:
        return "identiques"
    if before is None or after is None:
        return "une des deux recherches a échoué"
    common = len(set(before) & set(after))
    first = next((i for i, (x, y) in enumerate(zip(before, after, strict=False)) if x != y), None)
    where = f", ordre différent dès le rang {first + 1}" if first is not None else ""
    return f"{len(before)} → {len(after)} résultats, {common} en commun{where}"


def run_cluster(server):
    """Two nodes, one replica; the data-only node, holding every primary, killed: the same
    results from the replicas on the cluster manager (which the site talks to)?"""
    manager = Node(1, cluster="clauses-faults-duo", seeds=(2,), managers="faults-1")
    data_node = Node(2, cluster="clauses-faults-duo", seeds=(1,), roles="data,ingest")
    try:
        print(f"\n== (f) grappe de deux nœuds ({manager.url} et {data_node.url}), une réplique")
        print(f"  {manager.name} (cluster manager) prêt en {manager.start(fresh=True):.0f} s")
        print(f"  {data_node.name} (données) prêt en {data_node.start(fresh=True):.0f} s")
        status, layout = index_cluster(server, manager, data_node)
        agree = {query: copies_agree(manager, data_node, query) for query in CLUSTER_QUERIES}
        print(f"  les deux copies de l'index des pages classent pareil : {agree}")
        server.start(extra_env=engine_env(manager))
        cluster_results(server, manager)  # a warm-up pass: cold nodes can exceed the timeout
        before, engine_before, _ = cluster_results(server, manager)
        again, engine_again, _ = cluster_results(server, manager)  # stable without a fault?
        data_node.kill()
        killed_at = time.monotonic()
        after, engine_after, slowest = cluster_results(server, manager)
        took = time.monotonic() - killed_at
        after_again, engine_after_again, _ = cluster_results(server, manager)
        nodes = manager.get("/_cluster/health")
        print(
            f"  {data_node.name} tué ; {len(CLUSTER_QUERIES)} recherches en {took:.2f} s "
            f"(la plus lente {slowest:.2f} s), santé {nodes['status']}, "
            f"{nodes['number_of_nodes']} nœud(s)"
        )
        print(
            f"  passes sans repli sur la base : avant {engine_before}, {engine_again} ; "
            f"après {engine_after}, {engine_after_again}"
        )
        for query in CLUSTER_QUERIES:
            print(
                f"    {query!r} : deux passes avant {compare(before[query], again[query])} ; "
                f"avant/après {compare(before[query], after[query])} ; deux passes après "
                f"{compare(after[query], after_again[query])}"
            )
        # Each copy orders the engine's score ties its own way, and the site ranks by position:
        # before the kill both copies answer, after it one. The fault must change nothing more
        # than that choice: each query as in one of the fault-free passes, stable afterwards.
        as_before = all(after[q] in (before[q], again[q]) and after[q] for q in CLUSTER_QUERIES)
        return [
            (
                "(f) grappe : avant, toutes les recherches servies par le moteur",
                engine_before and engine_again and all(before.values()),
                f"{status}, {layout}",
            ),
            (
                "(f) avant, sans panne : deux passes identiques",
                before == again,
                ", ".join(f"{q} : {compare(before[q], again[q])}" for q in CLUSTER_QUERIES)
                + f" ; copies de l'index des pages d'accord : {agree}",
            ),
            (
                "(f) un nœud tué : toutes servies par le nœud restant (aucun repli)",
                engine_after and engine_after_again,
                f"santé {nodes['status']}, la plus lente {seconds_fr(slowest)}",
            ),
            (
                "(f) un nœud tué : résultats d'une passe sans panne, stables ensuite",
                as_before and after == after_again,
                ", ".join(f"{q} : {compare(before[q], after[q])}" for q in CLUSTER_QUERIES),
            ),
        ]
    finally:
        data_node.stop()
        manager.stop()


PARTS = ("postgres", "opensearch")


def run_postgres(server, args):
    """(a) PostgreSQL restart and (b) Elasticsearch on a closed port, under gunicorn."""
    report = Report(
        "faults.py — PostgreSQL",
        database=postgres_version(DATABASE_URL),
        search="index de la base, en (b) Elasticsearch injoignable",
    )
    report.capture()  # the timings of the outage go to the section too
    checks = []
    try:
        server.start()
        urls = discover_urls(server.url)
        chapter = next(url for url in urls["chapters"] if "/pdf/" not in url)
        reference = search_count(server.url)
        print(f"\nServeur : gunicorn {server.workers} workers sur {server.url} (production)")
        print("  RATELIMIT_ENABLE=0 : limites de débit coupées (un seul client, une adresse)")
        print(f"\n== (a) redémarrage de PostgreSQL, requêtes toutes les 50 ms ({chapter}, /sante/)")
        checks += postgres_restart(server, chapter, args.down)
        print("\n== (b) Elasticsearch injoignable (ELASTICSEARCH_URL=http://127.0.0.1:9)")
        checks += elasticsearch_down(server, reference)
    finally:
        if not postgres_is_up():
            pg_ctl("start")
            wait_for_postgres()
    return finish(report, checks, "en (a) le cache de pages est actif (production), en (b) coupé.")


def run_opensearch(server, args):
    """(c)-(e) one real node killed and restarted, (f) a two-node cluster losing a node."""
    report = Report(
        "faults.py — OpenSearch",
        database=postgres_version(DATABASE_URL),
        search="OpenSearch 2.19 (search/opensearch/run.sh) sur 9201 et 9202, repli sur la base",
    )
    report.capture()
    checks = run_engine(server)
    checks += run_cluster(server)
    return finish(
        report, checks, "cache de pages coupé (PAGE_CACHE_SECONDS=0) dans toute la partie."
    )


def finish(report, checks, note):
    """Print the summary table, save the section; the number of failed checks."""
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
    report.note(f"{len(checks) - failed}/{len(checks)} vérifications réussies ; {note}")
    report.save()
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-setup", action="store_true", help="no migrate/load_demo")
    parser.add_argument(
        "--down", type=float, default=4.0, help="seconds from stop to the start command (4)"
    )
    parser.add_argument(
        "--part", choices=(*PARTS, "all"), default="all", help="which faults to run (all)"
    )
    args = parser.parse_args()
    if not 0 < args.down <= 5:
        parser.error("--down: between 0 and 5 seconds (PostgreSQL is shared)")
    runners = {"postgres": run_postgres, "opensearch": run_opensearch}
    failed = 0
    with Server() as server:
        try:
            server.prepare(skip_setup=args.skip_setup)
            for part in PARTS if args.part == "all" else (args.part,):
                failed += runners[part](server, args)
        except KeyboardInterrupt:
            print("\nInterrompu.", file=sys.stderr)
            return 130
        except RuntimeError as error:
            print(f"\nÉCHEC : {error}\n{server.log_tail()}", file=sys.stderr)
            return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

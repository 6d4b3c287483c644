"""Shared by the scripts in bench/: what they ran on, figures that are what they say, RESULTS.md.

- `Report(__file__)` prints the machine (cores, load, Python, database, search backend) and the
  date, collects the script's figures and, on `save()`, writes them as the script's own section
  of bench/RESULTS.md (a later run of the same script replaces it; other sections stay).
- Request-level figures are declared UNCACHED or CACHED and checked on the X-Cache header that
  the page cache sets (core/cache.py: "hit" when it served the page, "miss" when it just stored
  it, absent when the page is not cacheable or the cache is off). Uncached figures run with the
  cache off (PAGE_CACHE_SECONDS=0), cached ones after a warm-up; a hit where "uncached" is
  claimed, or anything but a hit where "cached" is, raises CacheClaimError: no figure printed.
- Scripts that run one child process per database pass `report.child_env()` to the child; the
  child's `Report.save()` hands its figures to the parent instead of writing the file.
"""

import datetime
import io
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager, nullcontext
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
UNCACHED = "uncached"
CACHED = "cached"
# A load mix on a warmed cache: shared pages hit, what visitors make unique (filters) misses.
MIXED = "mixed"
CACHE_COLUMN = {
    UNCACHED: "sans",
    CACHED: "en cache",
    MIXED: "actif, préchauffé",
    None: "—",
}
PART_VARIABLE = "BENCH_REPORT_PART"
PARIS = ZoneInfo("Europe/Paris")
RESULTS_INTRO = """# Dernières mesures de `bench/`

Écrit par les scripts de `bench/` (`make bench` les lance tous, sauf `faults.py` qui arrête
PostgreSQL quelques secondes) : ne pas modifier à la main, les chiffres cités ailleurs sont
copiés d'ici. Une section par script, remplacée quand le script est relancé ; en tête de chaque
section, la machine, la date et la charge pendant la mesure.

Colonne « Cache de pages » : *sans* = cache de pages coupé (`PAGE_CACHE_SECONDS=0`) ou vue
appelée directement, sans middleware (dit dans le détail), chaque réponse vérifiée sans
`X-Cache: hit` ; *en cache* = cache préchauffé, chaque réponse vérifiée avec `X-Cache: hit` ;
*actif, préchauffé* = mélange de pages de `load.py` sur un cache préchauffé (vérifié sur
l'accueil), les adresses propres à chaque visiteur restant à construire ; *—* = mesure qui ne
passe pas par une requête HTTP. Un script qui reçoit autre chose que ce qu'il annonce s'arrête
sans écrire de chiffre.

Ces machines sont partagées (2 cœurs) : une charge moyenne proche du nombre de cœurs ou au-delà
signale une machine occupée par d'autres travaux, dont les temps absolus sont gonflés.
Comparez plutôt les rapports mesurés dans une même section.
"""


class CacheClaimError(RuntimeError):
    """A response that the page cache did (or did not) serve, against what the figure claims."""


# ---------------------------------------------------------------------------- the cache guard


def x_cache(response):
    """The X-Cache header of a Django or urllib response, None when absent."""
    return response.headers.get("X-Cache")


def check_cache(claim, state, url):
    """Raise CacheClaimError when the X-Cache state contradicts the claim."""
    if claim not in (UNCACHED, CACHED):
        raise ValueError(f"claim must be {UNCACHED!r} or {CACHED!r}, not {claim!r}")
    if claim == UNCACHED and state == "hit":
        raise CacheClaimError(
            f"{url} : servi par le cache de pages (X-Cache: hit) alors que la mesure se dit "
            "sans cache ; aucun chiffre donné"
        )
    if claim == CACHED and state != "hit":
        raise CacheClaimError(
            f"{url} : X-Cache: {state or 'absent'} alors que la mesure se dit en cache "
            "(le cache de pages n'a pas répondu) ; aucun chiffre donné"
        )


@contextmanager
def page_cache_off():
    """In this process: the page cache bypassed, as PAGE_CACHE_SECONDS=0 does in production."""
    from django.test import override_settings

    with override_settings(PAGE_CACHE_SECONDS=0):
        yield


def check_server_cache(base_url, path, claim, timeout=30):
    """Ask a running server for path twice; the second answer must match the claim.

    For the servers of load.py and faults.py: on a server started with PAGE_CACHE_SECONDS=0 an
    "uncached" check passes, on one with the cache on a "cached" check does."""
    state = None
    for _ in range(2):
        with urllib.request.urlopen(base_url + path, timeout=timeout) as response:
            response.read()
            state = x_cache(response)
    check_cache(claim, state, path)
    return state


# ---------------------------------------------------------------------------- timings


class Timings:
    """Durations in milliseconds, with what was measured."""

    def __init__(self, values, size=None):
        self.values = sorted(values)
        self.size = size

    @property
    def p50(self):
        return statistics.median(self.values)

    def percentile(self, fraction):
        index = max(0, min(len(self.values) - 1, round(fraction * len(self.values)) - 1))
        return self.values[index]

    @property
    def p95(self):
        return self.percentile(0.95)

    def summary(self):
        return f"p50 {ms(self.p50)} · p95 {ms(self.p95)}"


def time_requests(client, url, claim, runs=30, warmup=3, content_type=None, before_each=None):
    """`runs` GETs of url with Django's test client, each checked against the claim.

    UNCACHED runs with the page cache off, so that even a page cached earlier is built again;
    CACHED warms the cache first. `before_each` runs untimed before each request (e.g. to
    delete a file cache)."""
    timings = []
    with page_cache_off() if claim == UNCACHED else nullcontext():
        for _ in range(max(warmup, 1 if claim == CACHED else 0)):
            _expect_ok(client.get(url), url, content_type)
        for _ in range(runs):
            if before_each:
                before_each()
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            _expect_ok(response, url, content_type)
            check_cache(claim, x_cache(response), url)
    return Timings(timings, size=len(response.content))


def _expect_ok(response, url, content_type):
    if response.status_code != 200:
        raise RuntimeError(f"{url} a répondu {response.status_code}")
    if content_type and not response["Content-Type"].startswith(content_type):
        raise RuntimeError(f"{url} : {response['Content-Type']} au lieu de {content_type}")


def ms(value):
    """A duration in milliseconds, French style: '0,21 ms', '12,3 ms', '223 ms'."""
    digits = 2 if value < 1 else 1 if value < 100 else 0
    return f"{value:.{digits}f} ms".replace(".", ",")


def seconds(value):
    return f"{value:.2f} s".replace(".", ",")


def ratio(value):
    digits = 0 if value >= 100 else 1 if value >= 1 else 3
    return f"×{value:.{digits}f}".replace(".", ",")


# ---------------------------------------------------------------------------- the machine


class LoadSampler(threading.Thread):
    """The 1-minute load average every 2 s while the script runs: how busy the machine was."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples = [os.getloadavg()[0]]
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(2):
            self.samples.append(os.getloadavg()[0])

    def describe(self):
        cores = os.cpu_count() or 1
        mean, peak = statistics.mean(self.samples), max(self.samples)
        text = f"charge moyenne (1 min) {mean:.1f}, au plus {peak:.1f}, pour {cores} cœurs"
        if mean >= cores / 2:
            text += " — **machine occupée par d'autres travaux**"
        return text.replace(".", ",")


def django_database():
    """'SQLite 3.45.1' or 'PostgreSQL 15.10 (clauses_bench)', from Django's connection."""
    from django.db import connection

    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        where = "en mémoire" if ":memory:" in name or "mode=memory" in name else "fichier"
        return f"SQLite {connection.Database.sqlite_version} ({where})"
    connection.ensure_connection()
    major, minor = divmod(connection.pg_version, 10000)
    return f"PostgreSQL {major}.{minor} ({connection.settings_dict['NAME']})"


def postgres_version(database_url):
    """The server version behind a postgres:// URL, asked with psql (of the maintenance
    database: the benchmark's own may not be created yet)."""
    maintenance = database_url.rsplit("/", 1)[0] + "/postgres"
    result = subprocess.run(
        ["psql", maintenance, "-tAc", "SHOW server_version"],
        capture_output=True,
        text=True,
        check=False,
    )
    version = result.stdout.strip().split(" ")[0] or "?"
    return f"PostgreSQL {version} ({database_url.rsplit('/', 1)[-1]})"


def django_search_backend():
    from django.conf import settings

    return settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]


def search_backend_from_env(env):
    """What a server started with env searches with (centre/settings/base.py's order)."""
    if env.get("OPENSEARCH_URL"):
        return "OpenSearch"
    if env.get("ELASTICSEARCH_URL"):
        return "Elasticsearch"
    return "index de la base de données"


# ---------------------------------------------------------------------------- the report


class Report:
    """The figures of one script run, printed as they come and saved to bench/RESULTS.md."""

    def __init__(self, script, database=None, search=None, results=RESULTS):
        self.script = f"bench/{Path(script).name}"
        self.results = Path(results)
        self.started = datetime.datetime.now(PARIS)
        self.rows = []
        self.notes = []
        self.databases = []
        self.searches = []
        self.load = LoadSampler()
        self.load.start()
        self.part_path = None
        self._captured = None
        self.describe(database, search)

    def describe(self, database=None, search=None):
        """Record (and print) the database and search backend; from Django when not given."""
        database = database or _django_ready() and django_database()
        search = search or _django_ready() and django_search_backend()
        for value, found in ((database, self.databases), (search, self.searches)):
            if value and value not in found:
                found.append(value)
        print(f"== {self.script} — {self.machine()}", flush=True)

    def machine(self):
        parts = [
            self.started.strftime("le %d/%m/%Y à %H:%M %Z"),
            f"{os.cpu_count()} cœurs",
            f"Python {platform.python_version()}",
        ]
        if self.databases:
            parts.append("base " + " ; ".join(self.databases))
        if self.searches:
            parts.append("recherche : " + " ; ".join(self.searches))
        return " · ".join(parts)

    def add(self, label, result, cache=None, detail=""):
        """One line of the table; printed at once."""
        self.rows.append({"label": label, "cache": cache, "result": result, "detail": detail})
        shown = f"  [{CACHE_COLUMN[cache]}]" if cache else ""
        print(f"{label:<44} {result}{shown}" + (f"  ({detail})" if detail else ""), flush=True)

    def add_timings(self, label, timings, cache, detail=""):
        size = f", {timings.size / 1024:.1f} Ko".replace(".", ",") if timings.size else ""
        self.add(label, timings.summary(), cache, f"{len(timings.values)} requêtes{size}{detail}")
        return timings

    def note(self, text):
        self.notes.append(text)
        print(text, flush=True)

    def capture(self):
        """From now until save(), what the script prints goes to its section too (code block)."""
        self._captured = io.StringIO()
        self._stdout = sys.stdout
        sys.stdout = _Tee(self._stdout, self._captured)

    def child_env(self, env):
        """env for a child process whose Report hands its figures to this one."""
        if self.part_path is None:
            handle, path = tempfile.mkstemp(prefix="bench-part-", suffix=".jsonl")
            os.close(handle)
            self.part_path = Path(path)
        return dict(env, **{PART_VARIABLE: str(self.part_path)})

    def save(self):
        self.load.stopping.set()
        if self._captured is not None:
            sys.stdout = self._stdout
            self.notes.append("```\n" + self._captured.getvalue().rstrip() + "\n```")
            self._captured = None
        part = os.environ.get(PART_VARIABLE)
        if part:
            with open(part, "a") as stream:
                stream.write(json.dumps(self._as_part()) + "\n")
            return
        self._absorb_parts()
        write_section(self.results, self.script, self.section())
        print(f"Section {self.script} écrite dans {self.results.relative_to(ROOT)}", flush=True)

    def _as_part(self):
        return {
            "rows": self.rows,
            "notes": self.notes,
            "databases": self.databases,
            "searches": self.searches,
            "load": self.load.samples,
        }

    def _absorb_parts(self):
        if self.part_path is None:
            return
        for line in self.part_path.read_text().splitlines():
            part = json.loads(line)
            self.rows += part["rows"]
            self.notes += part["notes"]
            self.load.samples += part["load"]
            for key in ("databases", "searches"):
                found = getattr(self, key)
                found += [value for value in part[key] if value not in found]
        self.part_path.unlink(missing_ok=True)

    def section(self):
        lines = [f"## `{self.script}`", "", f"{self.machine()} · {self.load.describe()}.", ""]
        if self.rows:
            lines += ["| Mesure | Cache de pages | Résultat | Détail |", "|---|---|---|---|"]
            lines += [
                f"| {_cell(row['label'])} | {CACHE_COLUMN[row['cache']]} | "
                f"{_cell(row['result'])} | {_cell(row['detail'])} |"
                for row in self.rows
            ]
            lines.append("")
        for text in self.notes:
            lines += [text, ""]
        return "\n".join(lines)


def _django_ready():
    if "django" not in sys.modules:
        return False
    from django.apps import apps

    return apps.ready


def _cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


class _Tee(io.TextIOBase):
    def __init__(self, *streams):
        self.streams = streams

    def write(self, text):
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self):
        for stream in self.streams:
            stream.flush()


def write_section(path, script, section):
    """Replace (or add) the section of script in the results file; sections sorted by script."""
    path = Path(path)
    text = path.read_text() if path.exists() else ""
    sections = {}
    for block in re.split(r"^(?=## )", text, flags=re.MULTILINE):
        heading = re.match(r"## `([^`]+)`", block)
        if heading:
            sections[heading.group(1)] = block.rstrip() + "\n"
    sections[script] = section.rstrip() + "\n"
    body = "\n".join(sections[name] for name in sorted(sections))
    path.write_text(RESULTS_INTRO + "\n" + body)

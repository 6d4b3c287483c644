"""Shared by bench/load.py, bench/faults.py and bench/lighthouse.sh: the site under gunicorn.

Production settings on a scratch PostgreSQL database (clauses_bench, created if missing), static
files collected into a temporary STATIC_ROOT, demo content loaded (idempotent), then gunicorn
with two workers on a free loopback port. Stopped at exit, on Ctrl-C and on SIGTERM.

    .venv/bin/python bench/_server.py serve [--port 8123] [--skip-setup] [--urls]
        # prepares, starts, prints "READY http://127.0.0.1:PORT" and serves until killed
        # (without "serve" it only prints this help, so that `make bench` passes over it)
"""

import argparse
import atexit
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://clauses:clauses@localhost/clauses_bench"
)
DB_NAME = DATABASE_URL.rsplit("/", 1)[-1]
PG_CLUSTER = ("15", "main")

# What the server is told; printed by the scripts so that the figures can be read in context.
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "centre.settings.production",
    "SECRET_KEY": "bench",
    "SECURE_SSL_REDIRECT": "0",
    "ALLOWED_HOSTS": "127.0.0.1",
    "DATABASE_URL": DATABASE_URL,
    # One client from one address would be throttled by the rate limits: off for benchmarks.
    "RATELIMIT_ENABLE": "0",
    "LOG_LEVEL": "WARNING",
    "PYTHONUNBUFFERED": "1",
}


def _as_postgres(command):
    if os.geteuid() == 0:
        return ["su", "postgres", "-c", command]
    return ["sudo", "-u", "postgres", "sh", "-c", command]


def _as_root(args):
    return args if os.geteuid() == 0 else ["sudo", *args]


def postgres_is_up():
    result = subprocess.run(
        ["pg_isready", "-q", "-h", "localhost"], capture_output=True, check=False
    )
    return result.returncode == 0


def pg_ctl(action):
    """`pg_ctlcluster 15 main start|stop`; start is a no-op when already up."""
    result = subprocess.run(
        _as_root(["pg_ctlcluster", *PG_CLUSTER, action]), capture_output=True, text=True
    )
    if result.returncode != 0 and not (action == "start" and postgres_is_up()):
        raise RuntimeError(f"pg_ctlcluster {action}: {result.stderr.strip()}")


def wait_for_postgres(timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if postgres_is_up():
            return
        time.sleep(0.2)
    raise RuntimeError("PostgreSQL does not answer")


def ensure_database():
    """PostgreSQL started, role clauses/clauses and the scratch database present."""
    if not postgres_is_up():
        pg_ctl("start")
        wait_for_postgres()

    def query(sql):
        result = subprocess.run(
            _as_postgres(f'psql -tAc "{sql}"'), capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    if query("SELECT 1 FROM pg_roles WHERE rolname='clauses'") != "1":
        subprocess.run(
            _as_postgres("psql -qc \"CREATE ROLE clauses LOGIN SUPERUSER PASSWORD 'clauses'\""),
            check=True,
        )
    if query(f"SELECT 1 FROM pg_database WHERE datname='{DB_NAME}'") != "1":
        subprocess.run(_as_postgres(f"createdb -O clauses {DB_NAME}"), check=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url, timeout=10):
    """(status, body bytes); status 0 when the connection fails."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (OSError, urllib.error.URLError):
        return 0, b""


class Server:
    """gunicorn on 127.0.0.1, prepared once; start() may be called again with other settings."""

    def __init__(self, workers=2, extra_env=None, quiet=False):
        self.workers = workers
        self.quiet = quiet
        self.tmp = Path(tempfile.mkdtemp(prefix="clauses-bench-"))
        self.env = dict(os.environ)
        self.env.update(SERVER_ENV)
        self.env["STATIC_ROOT"] = str(self.tmp / "static")
        self.env["MEDIA_ROOT"] = str(self.tmp / "media")
        self.env.update(extra_env or {})
        self.process = None
        self.port = None
        self.log_path = self.tmp / "gunicorn.log"
        atexit.register(self.cleanup)
        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, self._on_signal)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def _say(self, message):
        if not self.quiet:
            print(message, file=sys.stderr, flush=True)

    def manage(self, *args, env=None):
        started = time.monotonic()
        result = subprocess.run(
            [str(PYTHON), "manage.py", *args],
            cwd=ROOT,
            env=env or self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
            raise RuntimeError(f"manage.py {' '.join(args)} failed")
        self._say(f"  manage.py {' '.join(args)}: {time.monotonic() - started:.1f} s")
        return result.stdout

    def prepare(self, skip_setup=False):
        """Cache tables and static files always; migrations and demo content unless skipped."""
        self._say(f"Préparation de {DATABASE_URL} …")
        ensure_database()
        # Setup runs without ELASTICSEARCH_URL: the database index is what the fallback reads.
        env = {k: v for k, v in self.env.items() if k != "ELASTICSEARCH_URL"}
        # The cache tables first: under production settings every save, even migrate's own
        # bookkeeping rows, moves the page-cache generation on (centre/cache.py), and on a
        # database without django_cache that fails with "relation does not exist".
        self.manage("createcachetable", env=env)
        if not skip_setup:
            self.manage("migrate", "--noinput", "-v0", env=env)
        self.manage("collectstatic", "--noinput", "-v0", env=env)
        if not skip_setup:
            self.manage("load_demo", env=env)

    def start(self, extra_env=None, port=None):
        self.stop()
        env = dict(self.env)
        env.update(extra_env or {})
        self.port = port or free_port()
        self.log = open(self.log_path, "a")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "centre.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--error-logfile",
                "-",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us only; we stop the group ourselves
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            status, _ = http_get(f"{self.url}/sante/", timeout=5)
            if status == 200 and len(self.worker_pids()) == self.workers:
                return self
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer on {self.url}:\n{self.log_tail()}")

    def worker_pids(self):
        """The gunicorn master's children, read from /proc."""
        if self.process is None:
            return []
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid …: comm may hold spaces, so split after the last ")".
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == self.process.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self):
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)  # the group we created: gunicorn alone
            process.wait(timeout=15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self.log.close()

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _on_signal(self, signum, frame):
        self.cleanup()
        sys.exit(128 + signum)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.cleanup()


# What visitors type in the site search: frequent words, phrases, accents, acronyms, articles.
SEARCH_QUERIES = [
    "insertion",
    "clause sociale",
    "marchés réservés",
    "marches reserves",
    "heures d'insertion",
    "critère d'attribution",
    "SIAE",
    "entreprise adaptée",
    "facilitateur",
    "L2113-12",
    "nettoyage",
    "mutualisation des heures",
    "travailleurs handicapés",
    "espaces verts",
]


def discover_urls(base_url):
    """Real addresses of the demo content, read from the listing pages."""

    def links(path, pattern):
        status, body = http_get(base_url + path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        found = []
        for href in re.findall(r'href="([^"#?]+)"', body.decode()):
            if re.fullmatch(pattern, href) and href not in found:
                found.append(href)
        return found

    chapters = links("/guide/", r"/guide/\d{4}/[a-z0-9-]+/")
    clauses = links("/clauses/", r"/clauses/[a-z0-9-]+/")
    employers = [
        href
        for href in links("/annuaire/", r"/annuaire/[a-z0-9-]+/")
        if href.rsplit("/", 2)[1] not in {"facilitateur", "carte", "levier"}
    ]
    status, home = http_get(base_url + "/")
    css = re.search(r'href="(/static/[^"]+\.css)"', home.decode())
    if not chapters or not clauses or css is None:
        raise RuntimeError(f"no guide chapter, clause or stylesheet: {chapters} {clauses}")
    return {"chapters": chapters, "clauses": clauses, "employers": employers, "css": css.group(1)}


def main():
    if sys.argv[1:2] != ["serve"]:
        print(__doc__)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("serve")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--skip-setup", action="store_true", help="no migrate, no demo content")
    parser.add_argument("--urls", action="store_true", help="print the discovered URLs (JSON)")
    args = parser.parse_args()
    server = Server()
    signal.signal(signal.SIGINT, server._on_signal)
    server.prepare(skip_setup=args.skip_setup)
    server.start(port=args.port or None)
    if args.urls:
        print(json.dumps(discover_urls(server.url)), flush=True)
    print(f"READY {server.url}", flush=True)
    while server.process is not None and server.process.poll() is None:
        time.sleep(1)
    sys.exit("gunicorn stopped:\n" + server.log_tail())


if __name__ == "__main__":
    main()

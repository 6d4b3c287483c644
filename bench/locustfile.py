"""Load mix for the public site, run by bench/load.py (or by hand against a running server):

    .venv/bin/locust -f bench/locustfile.py --headless -u 8 -r 8 -t 30s \\
        --host http://127.0.0.1:8000 --only-summary SiteUser      # or StaticUser

Users do not wait between requests (a closed loop): the figures are the server's capacity, and
the same client settings against a static file give the reference bench/load.py divides by.
The addresses come from BENCH_URLS (JSON written by bench/load.py) or, if absent, from the
listing pages of the host. BENCH_MAX_REQUESTS stops the run after that many requests.
"""

import json
import os
import random
import re
import sys
from pathlib import Path

import gevent
from locust import constant, events, task
from locust.contrib.fasthttp import FastHttpUser

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server import SEARCH_QUERIES, discover_urls

URLS = {}
ENVIRONMENT = []
MAX_REQUESTS = int(os.environ.get("BENCH_MAX_REQUESTS", "0"))
_count = 0

# Names and places that the demo directory holds, and one word that matches nothing there.
DIRECTORY_QUERIES = [
    "Gironde",
    "Nord",
    "Rhône",
    "Paris",
    "Ressourcerie",
    "Atelier",
    "PLIE",
    "insertion",
]
DIRECTORY_FILTERS = {
    "type": ["employeur", "facilitateur"],
    "categorie": ["ACI", "EI", "ETTI", "EA", "ESAT", "GEIQ"],
    "departement": ["33", "13", "69", "75", "59", "35"],
    "secteur": [
        "proprete-et-nettoyage",
        "espaces-verts-et-entretien-des-paysages",
        "batiment-et-travaux-publics",
        "restauration-collective-et-traiteur",
    ],
}


@events.test_start.add_listener
def _load_urls(environment, **kwargs):
    ENVIRONMENT.append(environment)
    data = os.environ.get("BENCH_URLS")
    found = json.loads(data) if data else discover_urls(environment.host)
    found["chapters"] = [
        url for url in found["chapters"] if not re.search(r"/(pdf|comparer)/", url)
    ]
    URLS.update(found)


@events.request.add_listener
def _count_requests(**kwargs):
    global _count
    _count += 1
    if MAX_REQUESTS and _count == MAX_REQUESTS and ENVIRONMENT:
        gevent.spawn(ENVIRONMENT[0].runner.quit)  # not from this greenlet, which quit() kills


def _fill_in_values():
    """Amounts as buyers type them: mostly different from one request to the next."""
    return {
        "montant": random.randrange(50_000, 5_000_000, 1_000),
        "part": random.choice([25, 30, 35, 40, 45, 50, 60]),
        "cout_horaire": random.choice([25, 28, 30, 32, 35]),
        "taux": random.choice([3, 5, 7, 10]),
    }


class SiteUser(FastHttpUser):
    """The public pages, weighted roughly as visitors use them."""

    wait_time = constant(0)

    def _get(self, path, name, params=None, check=None):
        with self.client.get(path, params=params, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif check is not None and not check(response):
                response.failure("unexpected body")

    @task(10)
    def home(self):
        self._get("/", "home", check=lambda r: b"<main" in r.content)

    @task(20)
    def guide_chapter(self):
        self._get(random.choice(URLS["chapters"]), "guide chapter")

    @task(12)
    def directory_search(self):
        params = {}
        if random.random() < 0.6:
            params["q"] = random.choice(DIRECTORY_QUERIES)
        for name in random.sample(sorted(DIRECTORY_FILTERS), k=random.randint(0, 2)):
            params[name] = random.choice(DIRECTORY_FILTERS[name])
        if not params:
            params["q"] = random.choice(DIRECTORY_QUERIES)
        self._get("/annuaire/", "directory search", params=params)

    @task(12)
    def full_text_search(self):
        self._get("/recherche/", "full-text search", params={"q": random.choice(SEARCH_QUERIES)})

    @task(6)
    def clause_page(self):
        self._get(random.choice(URLS["clauses"]), "clause page")

    @task(3)
    def clause_pdf(self):
        # Half the blank model, half filled in with the buyer's figures.
        params = _fill_in_values() if random.random() < 0.5 else None
        url = random.choice(URLS["clauses"]) + "pdf/"
        self._get(url, "clause PDF", params=params, check=lambda r: r.content[:5] == b"%PDF-")

    @task(5)
    def calculator(self):
        self._get("/calculateur/", "calculator", params=_fill_in_values())


class StaticUser(FastHttpUser):
    """One static file, served by WhiteNoise in the same gunicorn workers: the reference."""

    wait_time = constant(0)

    @task
    def stylesheet(self):
        with self.client.get(URLS["css"], name="static CSS", catch_response=True) as response:
            if response.status_code != 200 or not response.content:
                response.failure(f"HTTP {response.status_code}")

"""Site search benchmark: index build time and query latency at 10 000 and 100 000 documents.

    .venv/bin/python bench/search.py                         # SQLite (a scratch file in /tmp)
    DATABASE_URL=postgres://u:p@localhost/db .venv/bin/python bench/search.py
                                                             # SQLite, then PostgreSQL on that DB
    ELASTICSEARCH_URL=http://localhost:9200 …                # and Elasticsearch, if it answers
    BENCH_SIZES=10000 BENCH_REPEAT=1 …                       # sizes, timed passes per query

The PostgreSQL database given is migrated, gets the demo content and synthetic employers: use a
scratch database (e.g. `createdb -O clauses bench_search`). The documents are inclusive employers
of the directory (the directory importer writes them, search.indexing indexes them: the index
build time), with varied French descriptions. Prints, per backend and size, p50/p95 over 50 varied
queries (frequent and rare words, two or three words, missing accents, acronyms, places, no match)
of (a) the backend query as the site search runs it for the directory source,
`get_search_backend().search(q, Organisation.objects.public(), operator="and")[:200]` evaluated,
and (b), informative, `search.engine.search_site(q)` end to end (every source, excerpts, facets).
On PostgreSQL, (a) and the index build are also timed with Wagtail's own database backend
(modelsearch) on the same data, and the ratios printed: these machines are noisy, ratios within
one run are what compare.

The pages as visitors get them, through Django's test client, each request made unique by a
`passe` parameter so that the page cache never answers (issue 14):
- `/recherche/?q=` on the demo content alone, then at each size, over SITE_QUERIES: 1 to 4
  words, frequent ("insertion", "clause sociale"), rare ("apiculture", "lutherie"), the
  trade's acronyms, missing accents, and navigational queries naming a tool of the site
  ("calculateur", "carte des facilitateurs");
- `/annuaire/?q=` with its facet counts, at each size, over the directory QUERIES;
- pathological queries on the demo: a 30-word query and the 50 most frequent words of the
  index in one query (each must answer in under a second).
A table sums up the run at the end (p50 / p95 in ms, per measure and size).

Wagtail's SQLite backend ranks each match with a correlated full-text subquery: its time grows
with the square of the number of matches (seconds at 10 000 rows for a frequent word). So that
the script ends, a query on SQLite is interrupted after BENCH_TIMEOUT seconds (2) and counted as
that long (its percentiles are then lower bounds, printed "≥"), and each series of measures stops
after BENCH_BUDGET seconds (45).
"""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "10000,100000").split(",")]
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))  # timed passes over the 50 queries
SOURCE = "banc d'essai recherche"  # marks the synthetic employers, removed between sizes
MAX_RESULTS = 200  # as search.fallback.MAX_RESULTS_PER_SOURCE
INDEX_BLOCK = 5000
sys.path.append(str(ROOT / "bench"))  # after ROOT: "search" stays the app
from _common import Report  # noqa: E402 - machine, date and bench/RESULTS.md

TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "2"))  # seconds per query, SQLite only
BUDGET = float(os.environ.get("BENCH_BUDGET", "45"))  # seconds per series of measures

# 50 queries: frequent and rare words, two or three words, accents missing, acronyms, places,
# and queries that match nothing.
QUERIES = [
    "insertion",
    "employeur inclusif",
    "nettoyage",
    "espaces verts",
    "bâtiment",
    "batiment",
    "restauration collective",
    "blanchisserie",
    "marchés réservés",
    "marches reserves",
    "ETTI",
    "ACI",
    "EA",
    "GEIQ",
    "ESAT",
    "régie de quartier",
    "Gironde",
    "33",
    "Bouches-du-Rhône",
    "recyclage des déchets",
    "ressourcerie",
    "menuiserie",
    "couture",
    "déménagement",
    "logistique",
    "numérique",
    "saisie de données",
    "imprimerie",
    "rénovation énergétique",
    "travailleurs handicapés",
    "RSA",
    "jeunes",
    "chantier d'insertion",
    "clause sociale",
    "heures d'insertion",
    "entretien du linge",
    "traiteur",
    "maraîchage",
    "maraichage bio",
    "vélo",
    "apiculture",
    "lutherie",
    "Tremplin",
    "Passerelle Bocage",
    "insertion nettoyage Gironde",
    "accompagnement socioprofessionnel",
    "Qualiopi",
    "Élan Estuaire",
    "xylophone",
    "quantique photonique",
]

# What visitors type in the site's search box: 1 to 4 words, frequent and rare terms,
# acronyms, missing accents, and navigational queries that name a tool or a listing page.
SITE_QUERIES = [
    "insertion",
    "clause sociale",
    "heures d'insertion",
    "marché réservé",
    "marches reserves",
    "SIAE",
    "PLIE",
    "GEIQ",
    "pénalités",
    "pénalité",
    "condition d'exécution",
    "critère d'attribution",
    "travaux lot SIAE",
    "calcul heures insertion",
    "main d'oeuvre nettoyage",
    "apprentis",
    "référent de parcours",
    "QPV",
    "ANRU",
    "allotissement",
    "sous-traitance",
    "facilitateur Gironde",
    "espaces verts",
    "apiculture",
    "lutherie",
    "calculateur",
    "marchés à venir",
    "qui est mon facilitateur",
    "carte des facilitateurs",
    "quel levier",
    "alerte marchés",
    "glossaire",
    "guide pdf",
    "xylophone",
]

NAME_HEADS = [
    "Atelier",
    "Chantier",
    "Ressourcerie",
    "Jardins",
    "Horizons",
    "Tremplin",
    "Passerelle",
    "Régie",
    "Coopérative",
    "Net Services",
    "Bâti",
    "Recyclerie",
    "Cuisine",
    "Blanchisserie",
    "Envol",
    "Avenir",
    "Rebond",
    "Élan",
    "Solidarité",
    "Trait d'union",
]
NAME_TAILS = [
    "du Bocage",
    "de l'Estuaire",
    "des Trois Vallées",
    "Solidaire",
    "Insertion",
    "Emploi",
    "du Littoral",
    "des Coteaux",
    "du Val",
    "Verte",
    "Services",
    "Plus",
    "de la Plaine",
    "Nord",
    "Sud",
    "des Îles",
    "du Lac",
    "Bleue",
    "Ouest",
    "Centre",
]
# What the structure does, by sector (the sector names are indexed too).
TRADE_SENTENCES = [
    "Nous intervenons en nettoyage de locaux, vitrerie et entretien des parties communes.",
    "Chantiers d'espaces verts : tonte, taille de haies, débroussaillage et élagage.",
    "Second œuvre du bâtiment : peinture, plâtrerie, carrelage et menuiserie.",
    "Restauration collective, portage de repas à domicile et service traiteur.",
    "Blanchisserie : collecte, lavage, repassage et livraison du linge des établissements.",
    "Collecte et tri des déchets, recyclage et réemploi d'objets en ressourcerie.",
    "Déménagements, manutention et logistique de proximité pour les collectivités.",
    "Saisie de données, numérisation d'archives et services numériques aux entreprises.",
    "Maraîchage biologique et vente de paniers de légumes de saison.",
    "Réparation de vélos, atelier d'autoréparation et vélo-école.",
    "Couture, retouches et confection de textiles en petites séries.",
    "Rénovation énergétique : isolation des combles, des murs et des façades.",
    "Conditionnement, mise sous pli et travaux à façon pour l'industrie.",
    "Accueil, gardiennage et conciergerie d'entreprise.",
    "Transport de personnes à mobilité réduite et livraisons en triporteur.",
    "Imprimerie, reprographie et façonnage de documents.",
    "Entretien de la voirie, propreté urbaine et ramassage des encombrants.",
]
GENERIC_SENTENCES = [
    "Structure d'insertion par l'activité économique conventionnée par l'État.",
    "Nous accompagnons des demandeurs d'emploi de longue durée vers un emploi durable.",
    "Accompagnement socioprofessionnel, formation et levée des freins périphériques à l'emploi.",
    "Nous répondons aux marchés réservés et aux clauses sociales des acheteurs publics.",
    "Partenaire des facilitateurs de la clause sociale du département.",
    "Nous accueillons des bénéficiaires du RSA, des jeunes sans qualification et des seniors.",
    "Heures d'insertion réalisées en sous-traitance, en cotraitance ou en mise à disposition.",
    "Nos salariés en parcours préparent un titre professionnel reconnu.",
    "Une équipe d'encadrants techniques et une chargée d'insertion professionnelle.",
    "Nous travaillons avec les entreprises du territoire et les bailleurs sociaux.",
]
DISABILITY_SENTENCES = [
    "Des travailleurs handicapés accompagnés par une équipe médico-sociale.",
    "Nous répondons aux marchés réservés aux entreprises adaptées et aux ESAT.",
]
RARE_SENTENCES = [  # about one employer in 500 each
    "Apiculture urbaine : ruches en entreprise et production de miel.",
    "Lutherie et réparation d'instruments de musique.",
    "Certification Qualiopi pour nos actions de formation.",
]
DISABILITY_KINDS = {"EA", "EATT", "ESAT"}
KINDS = ["EI"] * 22 + ["AI"] * 14 + ["ACI"] * 22 + ["ETTI"] * 10 + ["EITI"] * 3 + ["GEIQ"] * 5
KINDS += ["RQ"] * 6 + ["EA"] * 10 + ["EATT"] * 2 + ["ESAT"] * 6


def main():
    if os.environ.get("BENCH_CHILD"):
        run_child()
        return
    report = Report(__file__)
    base_env = {k: v for k, v in os.environ.items() if k != "ELASTICSEARCH_URL"}
    postgres_url = os.environ.get("DATABASE_URL", "")
    sqlite_url = f"sqlite:///{tempfile.gettempdir()}/bench_search.sqlite3"
    targets = [("SQLite", dict(base_env, DATABASE_URL=sqlite_url))]
    if postgres_url.startswith("postgres"):
        targets.append(("PostgreSQL", dict(base_env, DATABASE_URL=postgres_url)))
    else:
        print("(PostgreSQL : ignoré, DATABASE_URL ne désigne pas une base PostgreSQL)")
    elasticsearch_url = os.environ.get("ELASTICSEARCH_URL", "")
    if not elasticsearch_url:
        print("(Elasticsearch : ignoré, ELASTICSEARCH_URL n'est pas défini)")
    elif not answers(elasticsearch_url):
        print(f"(Elasticsearch : ignoré, {elasticsearch_url} ne répond pas)")
    else:
        database = postgres_url if postgres_url.startswith("postgres") else sqlite_url
        env = dict(base_env, DATABASE_URL=database, ELASTICSEARCH_URL=elasticsearch_url)
        targets.append(("Elasticsearch", env))
    for label, env in targets:
        print(f"== {label} ==", flush=True)
        env.update(BENCH_CHILD="1", BENCH_LABEL=label, DEBUG="false")
        env.setdefault("DIRECTORY_DEMO_SIZE", "small")
        subprocess.run([sys.executable, __file__], env=report.child_env(env), check=True, cwd=ROOT)
    report.save()


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status < 500
    except OSError:
        return False


def run_child():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    call_command("migrate", verbosity=0)
    # Function calls, no HTTP request: the page cache plays no part. What follows is printed
    # and kept for bench/RESULTS.md.
    report = Report(__file__)
    report.capture()
    started = time.perf_counter()
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"contenu de démonstration : {time.perf_counter() - started:.1f} s", flush=True)
    backend = get_search_backend("default")
    print(
        f"moteur : {type(backend).__module__}.{type(backend).__name__} "
        f"({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})",
        flush=True,
    )
    table = {}
    bench_demo(table)
    summary = []
    for number, size in enumerate(SIZES):
        summary.append((size, bench_size(size, first=number == 0, table=table)))
    if len(summary) > 1:
        (small, first), (large, last) = summary[0], summary[-1]
        for key, label in [("backend", "requête du moteur"), ("site", "search_site")]:
            print(
                f"{label} : p95 à {large} / p95 à {small} = "
                f"{last[key][1] / max(first[key][1], 0.001):.1f}",
                flush=True,
            )
    print_table(table)
    report.save()


def page_timer(timer, path):
    """A function that GETs `path?q=…` through the test client, never from the page cache."""
    from django.conf import settings
    from django.db.utils import OperationalError
    from django.test import Client

    settings.RATELIMIT_ENABLE = False  # one address asks hundreds of questions here
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    passes = iter(range(10**9))

    def get(query):
        response = client.get(path, {"q": query, "passe": next(passes)})
        if response.status_code != 200 and timer.expired():
            raise OperationalError("interrupted")  # counted as TIMEOUT, as the other measures
        if response.status_code != 200:
            raise RuntimeError(f"{path}?q={query}: {response.status_code}")

    return get


def bench_demo(table):
    """`/recherche/` on the demo content alone, and the pathological queries."""
    from collections import Counter

    from wagtail.models import Page

    from directory.models import Organisation

    remove_synthetic()  # a previous run's employers: the demo content alone here
    timer = Timer()
    get = page_timer(timer, "/recherche/")
    for query in SITE_QUERIES:  # a first pass, not timed: connections and caches warm
        get(query)
    timings, interrupted = timer.series(get, REPEAT, SITE_QUERIES)
    table[("/recherche/", "démo")] = percentiles(timings)
    print(f"démo : /recherche/ sans cache {describe(timings, interrupted)}", flush=True)
    words = Counter()
    texts = list(Page.objects.values_list("title", flat=True))
    texts += Organisation.objects.values_list("description", flat=True)[:5000]
    for text in texts:
        words.update(word for word in text.lower().split() if word.isalpha())
    pathological = {
        "30 mots": " ".join(SITE_QUERIES[:30]),
        "50 mots les plus fréquents": " ".join(word for word, _ in words.most_common(50)),
    }
    for label, query in pathological.items():
        elapsed, _ = timer(get, query)
        table[(f"/recherche/ {label}", "démo")] = (elapsed, elapsed)
        print(f"démo : /recherche/ requête de {label} : {elapsed:.0f} ms", flush=True)


def print_table(table):
    sizes = sorted({size for _, size in table}, key=lambda size: (size != "démo", size))
    print("\n| mesure | " + " | ".join(str(size) for size in sizes) + " |", flush=True)
    print("|---" * (len(sizes) + 1) + "|")
    for measure in dict.fromkeys(measure for measure, _ in table):
        cells = []
        for size in sizes:
            found = table.get((measure, size))
            cells.append(f"p50 {found[0]:.0f} / p95 {found[1]:.0f}" if found else "")
        print(f"| {measure} | " + " | ".join(cells) + " |", flush=True)


def synthetic_csv(size):
    from directory.demo import SECTORS, fake_siret
    from directory.models import Department

    rng = random.Random(size)
    codes = list(Department.objects.values_list("code", flat=True))
    territories = ["", "", "", "pays", "rayon:30", "rayon:60"]
    lines = ["siret;nom;categorie;departement;effectif;secteurs;territoire;description;source"]
    seen = set()
    for _ in range(size):
        siret = fake_siret(rng)
        while siret in seen:
            siret = fake_siret(rng)
        seen.add(siret)
        kind = rng.choice(KINDS)
        sectors = rng.sample(range(len(SECTORS)), rng.choice([1, 1, 2]))
        sentences = [TRADE_SENTENCES[i % len(TRADE_SENTENCES)] for i in sectors]
        sentences += rng.sample(GENERIC_SENTENCES, rng.randint(1, 3))
        if kind in DISABILITY_KINDS:
            sentences.append(rng.choice(DISABILITY_SENTENCES))
        sentences += [sentence for sentence in RARE_SENTENCES if rng.random() < 0.002]
        if rng.random() < 0.3:
            sentences.append(rng.choice(TRADE_SENTENCES))
        rng.shuffle(sentences)
        name = f"{rng.choice(NAME_HEADS)} {rng.choice(NAME_TAILS)}"
        lines.append(
            ";".join(
                [
                    siret,
                    name,
                    kind,
                    rng.choice(codes),
                    rng.choice(["0-9", "10-49", "50-249"]),
                    "|".join(SECTORS[i] for i in sectors),
                    rng.choice(territories),
                    '"' + " ".join(sentences).replace('"', "'") + '"',
                    SOURCE,
                ]
            )
        )
    return ("\n".join(lines) + "\n").encode()


def remove_synthetic():
    """Delete the synthetic employers of a previous size, and their index entries."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models import CharField
    from django.db.models.functions import Cast
    from wagtail.search import models as search_models

    from directory.models import Activity, InclusiveEmployer, Organisation

    employers = InclusiveEmployer.objects.filter(source=SOURCE)
    ids = employers.annotate(text_id=Cast("pk", CharField())).values("text_id")
    content_types = ContentType.objects.get_for_models(Organisation, InclusiveEmployer).values()
    entries = search_models.IndexEntry.objects.filter(
        content_type__in=list(content_types), object_id__in=ids
    )
    fts = getattr(search_models, "SQLiteFTSIndexEntry", None)
    if fts is not None and connection.vendor == "sqlite":
        fts.objects.filter(index_entry__in=entries.values("pk"))._raw_delete(connection.alias)
    entries._raw_delete(connection.alias)
    activities = Activity.objects.filter(employer__source=SOURCE).values("pk")
    for through in [
        Activity.served_departments.through,
        Activity.regions.through,
        Activity.departments.through,
        Activity.communes.through,
    ]:
        through.objects.filter(activity__in=activities)._raw_delete(connection.alias)
    Activity.objects.filter(employer__source=SOURCE)._raw_delete(connection.alias)
    organisation_ids = list(employers.values_list("pk", flat=True))
    employers._raw_delete(connection.alias)
    for start in range(0, len(organisation_ids), 5000):
        Organisation.objects.filter(pk__in=organisation_ids[start : start + 5000])._raw_delete(
            connection.alias
        )


def build_index(size):
    """Import `size` employers (not timed as index), then index them: the index build time."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from directory.importer import import_employers
    from directory.models import InclusiveEmployer
    from search.indexing import index_objects

    remove_synthetic()
    content = synthetic_csv(size)
    started = time.perf_counter()
    with mock.patch("directory.importer.index_queryset"):  # indexed below, and timed apart
        report = import_employers(content, "bench.csv")
    print(
        f"{size} employeurs : import sans indexation {time.perf_counter() - started:.1f} s "
        f"({report})",
        flush=True,
    )

    started = time.perf_counter()
    if "elasticsearch" in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]:
        call_command("update_index", backend_name="default", verbosity=0)
        note = "update_index, Elasticsearch et base, tout le site"
    else:
        # As the importer does (search.indexing), by blocks: one block's rows in memory at a time.
        pks = list(
            InclusiveEmployer.objects.filter(source=SOURCE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        last = started
        for start in range(0, len(pks), INDEX_BLOCK):
            block = pks[start : start + INDEX_BLOCK]
            objects = InclusiveEmployer.get_indexed_objects().filter(pk__in=block)
            index_objects(InclusiveEmployer, objects)
            now = time.perf_counter()
            if now - last > 15 or start + INDEX_BLOCK >= len(pks):
                last = now
                done = min(start + INDEX_BLOCK, len(pks))
                print(f"  indexation {done}/{len(pks)} ({now - started:.0f} s)", flush=True)
        note = "search.indexing.index_objects par blocs de 5000"
    elapsed = time.perf_counter() - started
    maintenance = ""
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk write: GIN pending lists merged, statistics.
        maintenance_started = time.perf_counter()
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE wagtailsearch_indexentry")
            cursor.execute("ANALYZE")
        maintenance = f", puis VACUUM ANALYZE {time.perf_counter() - maintenance_started:.1f} s"
    print(
        f"{size} employeurs : construction de l'index {elapsed:.1f} s ({note}){maintenance}",
        flush=True,
    )


def percentiles(timings):
    timings = sorted(timings)
    return statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)]


class Timer:
    """Times calls in ms. On SQLite a call is interrupted after TIMEOUT seconds (its SQL is
    aborted): it then counts as TIMEOUT, and the percentiles it enters are lower bounds."""

    def __init__(self):
        from django.db import connection

        self.deadline = None
        self.sqlite = connection.vendor == "sqlite"
        if self.sqlite:
            connection.ensure_connection()
            connection.connection.set_progress_handler(self.expired, 10_000)

    def expired(self):
        return int(self.deadline is not None and time.perf_counter() > self.deadline)

    def __call__(self, run, query):
        """(ms, interrupted)"""
        from django.db.utils import OperationalError

        started = time.perf_counter()
        self.deadline = started + TIMEOUT if self.sqlite else None
        try:
            run(query)
        except OperationalError:
            if not self.expired():
                raise
            return TIMEOUT * 1000, True
        finally:
            self.deadline = None
        return (time.perf_counter() - started) * 1000, False

    def series(self, run, repeat, queries=None):
        """Timings of `repeat` passes over the queries (the directory's by default), in a fixed
        shuffled order, stopping early once BUDGET seconds are spent. Returns (timings,
        interrupted count)."""
        order = list(queries or QUERIES)
        random.Random(50).shuffle(order)
        timings, interrupted, started = [], 0, time.perf_counter()
        for _ in range(repeat):
            for query in order:
                if time.perf_counter() - started > BUDGET:
                    return timings, interrupted
                elapsed, stopped = self(run, query)
                timings.append(elapsed)
                interrupted += stopped
        return timings, interrupted


def describe(timings, interrupted):
    p50, p95 = percentiles(timings)
    bound = "≥ " if interrupted else ""
    note = f", dont {interrupted} interrompues à {TIMEOUT:.0f} s" if interrupted else ""
    return (
        f"({len(timings)} mesures{note}) : p50 {bound if p50 >= TIMEOUT * 1000 else ''}"
        f"{p50:.1f} ms, p95 {bound}{p95:.1f} ms"
    )


def compare_index_build(backend):
    """Wagtail's own PostgreSQL index vs this site's, on the same 5000 employers."""
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    from directory.models import InclusiveEmployer

    objects = list(InclusiveEmployer.get_indexed_objects().filter(source=SOURCE)[:5000])
    durations = []
    for candidate in [PostgresSearchBackend({"SEARCH_CONFIG": backend.config}), backend]:
        index = candidate.get_index_for_model(InclusiveEmployer)
        started = time.perf_counter()
        for start in range(0, len(objects), 500):
            index.add_items(InclusiveEmployer, objects[start : start + 500])
        durations.append(time.perf_counter() - started)
    print(
        f"  indexation de {len(objects)} employeurs : moteur de Wagtail d'origine "
        f"{durations[0]:.1f} s, celui du site {durations[1]:.1f} s "
        f"(×{durations[0] / durations[1]:.1f})",
        flush=True,
    )


def bench_size(size, first, table):
    import logging

    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
    from wagtail.search.backends import get_search_backend

    from directory.models import Organisation
    from search.engine import search_site

    logging.disable(logging.CRITICAL)  # the site logs the queries interrupted on SQLite
    build_index(size)
    backend = get_search_backend("default")
    queryset = Organisation.objects.public()
    postgres = isinstance(backend, PostgresSearchBackend)
    if first and postgres and type(backend) is not PostgresSearchBackend:
        compare_index_build(backend)
    timer = Timer()
    hits = {}

    def backend_query(query, backend=backend, keep=False):
        found = [obj.pk for obj in backend.search(query, queryset, operator="and")[:MAX_RESULTS]]
        if keep:
            hits[query] = found

    # A first pass, not timed: warms the caches, keeps the results.
    first_pass = [timer(lambda q: backend_query(q, keep=True), query) for query in QUERIES]
    if any(stopped for _elapsed, stopped in first_pass):
        matches_note = ""
    else:
        matches = sorted(
            backend.search(query, queryset, operator="and").count() for query in QUERIES
        )
        matches_note = (
            f"{matches.count(0)} sans résultat, min {matches[0]}, "
            f"médiane {statistics.median(matches):.0f}, max {matches[-1]} ; "
        )
    print(
        f"{size} employeurs : correspondances par requête : {matches_note}"
        f"{sum(len(found) == MAX_RESULTS for found in hits.values())} requêtes atteignent "
        f"les {MAX_RESULTS} résultats gardés",
        flush=True,
    )
    results = {}
    timings, interrupted = timer.series(backend_query, REPEAT)
    results["backend"] = percentiles(timings)
    print(
        f"{size} employeurs : (a) requête du moteur, annuaire {describe(timings, interrupted)}",
        flush=True,
    )
    if postgres and type(backend) is not PostgresSearchBackend:
        stock = PostgresSearchBackend({"SEARCH_CONFIG": backend.config})
        stock_hits = {}
        for query in QUERIES:
            stock_hits[query] = [
                obj.pk for obj in stock.search(query, queryset, operator="and")[:MAX_RESULTS]
            ]
        same = sum(stock_hits[query] == hits[query] for query in QUERIES)
        same_set = sum(set(stock_hits[query]) == set(hits[query]) for query in QUERIES)
        stock_timings, _ = timer.series(lambda q: backend_query(q, stock), 1)
        stock_p50, stock_p95 = percentiles(stock_timings)
        p50, p95 = results["backend"]
        print(
            f"{size} employeurs :     moteur de Wagtail d'origine (modelsearch, "
            f"{len(stock_timings)} mesures) : p50 {stock_p50:.1f} ms, p95 {stock_p95:.1f} ms, "
            f"soit ×{stock_p50 / p50:.1f} et ×{stock_p95 / p95:.1f}",
            flush=True,
        )
        print(
            f"{size} employeurs :     mêmes {MAX_RESULTS} premiers résultats que lui : "
            f"{same}/50 requêtes dans le même ordre, {same_set}/50 même ensemble",
            flush=True,
        )
    timings, interrupted = timer.series(search_site, 1)
    results["site"] = percentiles(timings)
    print(
        f"{size} employeurs : (b) search_site de bout en bout {describe(timings, interrupted)}",
        flush=True,
    )
    table[("(a) requête du moteur, annuaire", size)] = results["backend"]
    table[("(b) search_site", size)] = results["site"]
    for path, queries in [("/recherche/", SITE_QUERIES), ("/annuaire/", QUERIES)]:
        get = page_timer(timer, path)
        timings, interrupted = timer.series(get, 1, queries)
        table[(f"{path} sans cache", size)] = percentiles(timings)
        print(f"{size} employeurs : {path}?q= sans cache {describe(timings, interrupted)}")
    return results


if __name__ == "__main__":
    main()

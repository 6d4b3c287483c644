"""Site search benchmark (issues 13 and 14): one run, one table for SQLite, PostgreSQL and
OpenSearch, from the demo content alone up to 100 000 directory entries.

    .venv/bin/python bench/search.py                          # every backend available
    OPENSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/search.py   # OpenSearch too
    .venv/bin/python bench/search.py --backend sqlite --sizes 0 --repeat 1  # quick: demo only
    .venv/bin/python bench/search.py --backend postgresql --backend opensearch \\
        --sizes 10000,100000 --no-stock                       # the issue-13 comparison

Targets, each in a child process of its own, one after the other:
- SQLite: a fresh scratch file (removed at the end), sizes up to 10 000 only;
- PostgreSQL: the bench's own database `clauses_bench_search` (BENCH_DATABASE_URL to choose
  another) on the server of DATABASE_URL (default postgres://clauses:clauses@localhost:5432),
  dropped and created afresh (`--reuse-database` keeps it); never the site's `clauses`;
- OpenSearch, when OPENSEARCH_URL answers (`make opensearch`): the same PostgreSQL database,
  Wagtail's opensearch2 backend with indices prefixed `bench_` (never the site's `clauses_…`
  nor another's), deleted at the end (`--keep-indices` keeps them). A series that the database
  fallback answered instead of the engine stops the run: it would measure the database.

Each target: the demo content (on OpenSearch, its index built: time), then for each size the
synthetic employers of the directory imported (the importer writes them), the index built
(database backends: search.indexing by blocks, as the importer does; OpenSearch: `update_index`,
the whole site in a new index, alias swapped), and timed:
- (a) the backend query of the directory source alone,
  `get_search_backend().search(q, Organisation.objects.public(), operator="and")[:200]`, over
  QUERIES (50: frequent and rare words, two or three words, missing accents, acronyms, places,
  no match); on PostgreSQL also with Wagtail's own backend (modelsearch) and the ratio, unless
  `--no-stock`;
- (b) `search.engine.search_site(q)` end to end (every source, excerpts, facets), over QUERIES;
- the pages as visitors get them, through Django's test client, each request made unique by a
  `passe` parameter and checked on its X-Cache header (bench/_common.py: no page-cache hit):
  `/recherche/?q=` over SITE_QUERIES and `/annuaire/?q=` (with its facet counts) over QUERIES;
- whether the directory's text search ignores accents (result counts with and without);
- at the largest size, a cProfile of the slowest `search_site` call of (b).
On the demo alone: `/recherche/` over SITE_QUERIES (`--repeat` passes), two pathological
queries (30 words; the 50 most frequent words of titles and descriptions), each timed once, and
the relevance: the MRR of tests/search/queries.yaml computed as tests/search/test_relevance.py
does.

SITE_QUERIES, the mix of what visitors type (34 queries, 1 to 4 words): frequent terms of the
trade ("insertion", "clause sociale", "heures d'insertion": about a third), rare ones that
match one or two documents or none ("apiculture", "lutherie", "allotissement", "xylophone"),
acronyms ("SIAE", "PLIE", "QPV"), missing accents ("marches reserves"), singular and plural
("pénalités", "pénalité"), and navigational queries naming a tool or listing page of the site
("calculateur", "carte des facilitateurs", "qui est mon facilitateur", "alerte marchés": about
a quarter).

The summary table, printed at the end and written to bench/RESULTS.md, has a row per measure
and size, a column per backend and the goal of issue 14 (issue 13 for OpenSearch), with ✓/✗ and
the ratio p95 / goal. These machines are shared and noisy: the header gives the load, and
ratios between columns of one run compare better than absolute figures between runs.

On SQLite a query is interrupted after BENCH_TIMEOUT seconds (2) and counted as that long (its
percentiles are then lower bounds, printed "≥"); on every backend a series of measures stops
after BENCH_BUDGET seconds (45), so that the script ends.
"""

import os
import sys

# bench/statistics.py has the standard library's module name (SQLite's backend imports it): take
# this folder off the import path before anything imports it; _common is appended below.
sys.path = [
    p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))
]

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from pathlib import Path  # noqa: E402
from unittest import mock  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "10000,100000").split(",") if size]
SIZES = [size for size in SIZES if size > 0]  # 0: the demo alone
BACKENDS = ("sqlite", "postgresql", "opensearch")
SQLITE_MAX_SIZE = 10000  # beyond, the embedded default is not the deployment choice
DEFAULT_POSTGRES_SERVER = "postgres://clauses:clauses@localhost:5432/postgres"
BENCH_DATABASE = "clauses_bench_search"  # the bench's own, created when missing
PROTECTED_DATABASES = {"clauses", "postgres", "template0", "template1"}
# cProfile listings: the call chain (cumulative time), then where the time is spent (own time).
PROFILE_LISTINGS = [
    ("cumulative", 20, "fonctions par temps cumulé"),
    ("tottime", 12, "fonctions par temps propre"),
]
ENGINE_INDEX_PREFIX = "bench_"
BUILD_TIMEOUT = 120  # seconds, the engine client's while the index is built (queries: the site's)  # before the site's "clauses_": never the site's indices
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))  # timed passes over the 50 queries
SOURCE = "banc d'essai recherche"  # marks the synthetic employers, removed between sizes
MAX_RESULTS = 200  # as search.fallback.MAX_RESULTS_PER_SOURCE
INDEX_BLOCK = 5000
sys.path.append(str(ROOT / "bench"))  # after ROOT: "search" stays the app
from _common import (  # noqa: E402 - machine, date, cache guard and bench/RESULTS.md
    CACHE_COLUMN,
    UNCACHED,
    Report,
    check_cache,
    ratio,
    seconds,
    x_cache,
)

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


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--backend",
        action="append",
        choices=BACKENDS,
        help="backend to measure (repeatable); all available by default",
    )
    parser.add_argument(
        "--sizes",
        default=os.environ.get("BENCH_SIZES", "10000,100000"),
        help="directory sizes, comma-separated, 0 for the demo alone (SQLite: 10000 at most)",
    )
    parser.add_argument(
        "--repeat", type=int, default=REPEAT, help="timed passes over the queries, demo"
    )
    parser.add_argument(
        "--no-stock",
        action="store_true",
        help="skip the comparison with Wagtail's own PostgreSQL backend (saves minutes)",
    )
    parser.add_argument(
        "--keep-indices",
        action="store_true",
        help=f"leave the OpenSearch indices {ENGINE_INDEX_PREFIX}* in place at the end",
    )
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help=f"keep the PostgreSQL database {BENCH_DATABASE} of a previous run (faster start)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        help="write the section there instead of bench/RESULTS.md (a partial run; a path "
        "inside the project)",
    )
    arguments = parser.parse_args(argv)
    if arguments.results:
        arguments.results = arguments.results.resolve()
        if not arguments.results.is_relative_to(ROOT):
            parser.error(f"--results : un chemin dans {ROOT}")
    arguments.sizes = [int(size) for size in arguments.sizes.split(",") if size.strip()]
    arguments.backend = arguments.backend or list(BACKENDS)
    return arguments


def main():
    if os.environ.get("BENCH_CHILD"):
        run_child()
        return
    arguments = parse_arguments()
    report = Report(__file__, **({"results": arguments.results} if arguments.results else {}))
    # Never the site's engine nor the site's database: the bench's own are set per target.
    base_env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("ELASTICSEARCH_URL", "OPENSEARCH_URL", "DATABASE_URL")
    }
    base_env.update(
        BENCH_REPEAT=str(arguments.repeat),
        BENCH_NO_STOCK="1" if arguments.no_stock else "",
        DEBUG="false",
    )
    base_env.setdefault("DIRECTORY_DEMO_SIZE", "small")
    arguments.scratch = Path(tempfile.mkdtemp(prefix="bench-search-"))  # a fresh SQLite file
    table_path = arguments.scratch / "table.jsonl"
    table_path.touch()
    targets = bench_targets(arguments, base_env)
    try:
        for label, env, sizes in targets:
            print(f"== {label} ==", flush=True)
            env.update(
                BENCH_CHILD="1",
                BENCH_LABEL=label,
                BENCH_SIZES=",".join(str(size) for size in sizes),
                BENCH_TABLE=str(table_path),
            )
            result = subprocess.run(
                [sys.executable, __file__], env=report.child_env(env), check=False, cwd=ROOT
            )
            if result.returncode:
                print(f"({label} : le processus de mesure a échoué, code {result.returncode})")
    finally:
        if "opensearch" in arguments.backend and not arguments.keep_indices:
            delete_engine_indices(os.environ.get("OPENSEARCH_URL", "").strip())
        entries = [json.loads(line) for line in table_path.read_text().splitlines() if line]
        shutil.rmtree(arguments.scratch, ignore_errors=True)
    report.note(summary_table(entries, [label for label, _env, _sizes in targets]))
    report.save()


def bench_targets(arguments, base_env):
    """[(label, env, sizes)] for the backends asked for and available."""
    targets = []
    postgres_url = None
    if "sqlite" in arguments.backend:
        sizes = [size for size in arguments.sizes if size <= SQLITE_MAX_SIZE]
        dropped = sorted(set(arguments.sizes) - set(sizes))
        if dropped:
            print(f"(SQLite : {SQLITE_MAX_SIZE} entrées au plus, {dropped} ignorées)")
        sqlite_url = f"sqlite:///{arguments.scratch}/bench_search.sqlite3"
        targets.append(("SQLite", dict(base_env, DATABASE_URL=sqlite_url), sizes))
    if {"postgresql", "opensearch"} & set(arguments.backend):
        postgres_url = bench_database(arguments.reuse_database)
    if "postgresql" in arguments.backend and postgres_url:
        targets.append(("PostgreSQL", dict(base_env, DATABASE_URL=postgres_url), arguments.sizes))
    opensearch_url = os.environ.get("OPENSEARCH_URL", "").strip()
    if "opensearch" not in arguments.backend:
        pass
    elif not opensearch_url:
        print("(OpenSearch : ignoré, OPENSEARCH_URL n'est pas défini)")
    elif not answers(opensearch_url):
        print(f"(OpenSearch : ignoré, {opensearch_url} ne répond pas ; `make opensearch`)")
    elif not postgres_url:
        print("(OpenSearch : ignoré, il lui faut la base PostgreSQL du banc)")
    else:
        env = dict(
            base_env,
            DATABASE_URL=postgres_url,
            OPENSEARCH_URL=opensearch_url,
            BENCH_INDEX_PREFIX=ENGINE_INDEX_PREFIX,
        )
        targets.append(("OpenSearch", env, arguments.sizes))
    return targets


def bench_database(reuse=False):
    """The bench's own PostgreSQL database (BENCH_DATABASE_URL, or clauses_bench_search on the
    server of DATABASE_URL), created afresh unless `reuse`; None when no server answers."""
    url = os.environ.get("BENCH_DATABASE_URL", "").strip()
    if not url:
        server = os.environ.get("DATABASE_URL", "")
        if not server.startswith("postgres"):
            server = DEFAULT_POSTGRES_SERVER
        url = server.rsplit("/", 1)[0] + "/" + BENCH_DATABASE
    name = url.rsplit("/", 1)[-1]
    if name in PROTECTED_DATABASES:
        raise SystemExit(f"{name} : base du site, le banc d'essai en veut une à lui")
    maintenance = url.rsplit("/", 1)[0] + "/postgres"
    found = subprocess.run(
        ["psql", maintenance, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode:
        print(f"(PostgreSQL : ignoré, le serveur ne répond pas : {found.stderr.strip()})")
        return None
    if found.stdout.strip() == "1" and reuse:
        return url
    if found.stdout.strip() == "1":  # a fresh one: a previous run's content could differ
        subprocess.run(["psql", maintenance, "-qc", f'DROP DATABASE "{name}"'], check=True)
    subprocess.run(["psql", maintenance, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    print(f"(PostgreSQL : base {name} créée)")
    return url


def delete_engine_indices(url):
    """Delete the bench's own indices (and only them) on the OpenSearch node."""
    try:
        deleted = _delete_engine_indices(url) if url and answers(url) else 0
    except (OSError, ValueError) as error:  # the figures matter more: say it and go on
        print(f"OpenSearch : index {ENGINE_INDEX_PREFIX}* non supprimés ({error})", flush=True)
        return
    print(f"OpenSearch : {deleted} index {ENGINE_INDEX_PREFIX}* supprimés", flush=True)


def _delete_engine_indices(url):
    with urllib.request.urlopen(
        f"{url}/_cat/indices/{ENGINE_INDEX_PREFIX}*?h=index&format=json", timeout=10
    ) as response:
        names = [row["index"] for row in json.load(response)]
    for name in names:
        if not name.startswith(ENGINE_INDEX_PREFIX):
            continue
        request = urllib.request.Request(f"{url}/{name}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()
    return len(names)


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status < 500
    except OSError:
        return False


# ---------------------------------------------------------------------------- the summary table

# Measures, in the table's order: key -> label. Each child appends its figures as JSON lines.
SEARCH_PAGE = "recherche"
LONG_QUERY = "30 mots"
FREQUENT_WORDS = "50 mots"
SITE = "site"
BACKEND_QUERY = "moteur"
DIRECTORY_PAGE = "annuaire"
ACCENTS = "accents"
BUILD = "construction"
RELEVANCE = "mrr"
MEASURES = {
    SEARCH_PAGE: "`/recherche/` sans cache, 1 à 4 mots",
    LONG_QUERY: "`/recherche/` requête de 30 mots",
    FREQUENT_WORDS: "`/recherche/` les 50 mots les plus fréquents",
    SITE: "`search_site` de bout en bout",
    BACKEND_QUERY: "requête du moteur seule, source annuaire",
    DIRECTORY_PAGE: "`/annuaire/?q=` avec facettes, sans cache",
    ACCENTS: "`/annuaire/` : résultats sans accents / avec",
    BUILD: "construction de l'index",
    RELEVANCE: "pertinence, MRR de `tests/search/queries.yaml`",
}
UNCACHED_MEASURES = {SEARCH_PAGE, LONG_QUERY, FREQUENT_WORDS, DIRECTORY_PAGE}
DEMO = "démo"
SAME_COUNTS = {"*": "="}  # ACCENTS: as many results without accents as with
RATIO_PAIRS = [("OpenSearch", "PostgreSQL"), ("PostgreSQL", "SQLite")]
# Issue 14's goals (and issue 13's for OpenSearch), in ms (MRR: a floor): (measure, size) ->
# {backend or "*": (p50 at most, p95 at most)}.
GOALS = {
    (SEARCH_PAGE, DEMO): {"SQLite": (50, 150)},
    (SEARCH_PAGE, 10000): {"SQLite": (None, 250), "PostgreSQL": (None, 100)},
    (SEARCH_PAGE, 100000): {"PostgreSQL": (None, 100)},
    (DIRECTORY_PAGE, 100000): {"PostgreSQL": (None, 100)},
    (SITE, 100000): {"OpenSearch": (None, 100)},
    (LONG_QUERY, DEMO): {"*": (None, 1000)},
    (FREQUENT_WORDS, DEMO): {"*": (None, 1000)},
    (RELEVANCE, DEMO): {"*": 0.9},
}


def record(measure, size, value, interrupted=0):
    """Hand one figure to the parent's summary table: value is (p50, p95) in ms, a duration in
    s (BUILD), an MRR, or a pair of counts (ACCENTS)."""
    path = os.environ.get("BENCH_TABLE")
    if not path:
        return
    entry = {
        "backend": os.environ.get("BENCH_LABEL", "?"),
        "measure": measure,
        "size": size,
        "value": value,
        "interrupted": interrupted,
    }
    with open(path, "a") as stream:
        stream.write(json.dumps(entry) + "\n")


def summary_table(entries, backends):
    """One Markdown table: a row per measure and size, a column per backend, then the goal."""
    found = {(e["measure"], e["size"], e["backend"]): e for e in entries}
    sizes = sorted({e["size"] for e in entries}, key=lambda size: (size != DEMO, str(size)))
    sizes = [DEMO] * (DEMO in sizes) + sorted(size for size in sizes if size != DEMO)
    header = ["Mesure", "Entrées de l'annuaire", "Cache de pages", *backends, "Objectif"]
    lines = ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    for measure, label in MEASURES.items():
        for size in sizes:
            cells = [format_cell(found.get((measure, size, b)), b) for b in backends]
            goal = GOALS.get((measure, size), SAME_COUNTS if measure == ACCENTS else {})
            if not any(cells) and (not goal or measure == ACCENTS):
                continue
            cache = CACHE_COLUMN[UNCACHED if measure in UNCACHED_MEASURES else None]
            where = f"démo + {size:,}".replace(",", " ") if size != DEMO else "démo"
            lines.append(
                f"| {label} | {where} | {cache} | "
                + " | ".join(cell or "—" for cell in cells)
                + f" | {describe_goal(goal)} |"
            )
    legend = (
        "\nEn ms, p50 / p95 ; « ≥ » : des requêtes interrompues au délai (SQLite), les "
        "percentiles sont des minorants. ✓ / ✗ : objectif atteint ou non, avec le rapport "
        "p95 / objectif. Machine partagée : comparer les colonnes d'une même exécution."
    )
    return "\n".join(lines) + "\n" + legend + ratio_lines(entries, backends)


def ratio_lines(entries, backends):
    """p95 of one backend over another's, measure by measure, within this run: on a busy
    machine these compare better than the absolute figures."""
    found = {(e["measure"], e["size"], e["backend"]): e["value"] for e in entries}
    pairs = [(a, b) for a, b in RATIO_PAIRS if a in backends and b in backends]
    lines = []
    for measure in (SEARCH_PAGE, SITE, BACKEND_QUERY, DIRECTORY_PAGE):
        for size in dict.fromkeys(e["size"] for e in entries):
            for first, second in pairs:
                a, b = found.get((measure, size, first)), found.get((measure, size, second))
                if a and b and b[1] > 0:
                    where = "démo" if size == DEMO else f"{size:,}".replace(",", " ")
                    lines.append(
                        f"- {MEASURES[measure]}, {where} : p95 {first} / {second} "
                        f"{ratio(a[1] / b[1])}"
                    )
    if not lines:
        return ""
    return "\n\nRapports entre moteurs dans cette exécution (p95) :\n" + "\n".join(lines)


def format_cell(entry, backend):
    if entry is None:
        return ""
    value, measure = entry["value"], entry["measure"]
    if measure == BUILD:
        return seconds(value)
    if measure == ACCENTS:
        return f"{value[0]} / {value[1]} {'✓' if value[0] == value[1] else '✗'}"
    goal = GOALS.get((measure, entry["size"]), {})
    goal = goal.get(backend, goal.get("*"))
    if measure == RELEVANCE:
        text = f"{value:.3f}".replace(".", ",")
        return text + ("" if goal is None else " ✓" if value >= goal else " ✗")
    p50, p95 = value
    bound = "≥ " if entry["interrupted"] else ""
    text = f"{bound}{p50:.0f} / {bound}{p95:.0f}"
    if goal is None:
        return text
    p50_goal, p95_goal = goal
    met = p95 < p95_goal and (p50_goal is None or p50 < p50_goal)
    return f"{text} {'✓' if met else '✗'} {ratio(p95 / p95_goal)}"


def describe_goal(goal):
    parts = []
    for backend, target in goal.items():
        who = "" if backend == "*" else f"{backend} : "
        if target == SAME_COUNTS["*"]:
            parts.append("autant de résultats : insensible aux accents")
            continue
        if isinstance(target, float):
            parts.append(f"{who}≥ {target}".replace(".", ","))
            continue
        p50, p95 = target
        parts.append(who + (f"p50 < {p50}, " if p50 else "") + f"p95 < {p95}")
    return " ; ".join(parts) or "—"


def run_child():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    use_bench_indices()
    call_command("migrate", verbosity=0)
    # What follows is printed and kept for bench/RESULTS.md; the page measures go through
    # Django's test client, each checked against the page cache's X-Cache header.
    report = Report(__file__)
    report.capture()
    load_demo()
    backend = get_search_backend("default")
    print(
        f"moteur : {type(backend).__module__}.{type(backend).__name__} "
        f"({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})",
        flush=True,
    )
    bench_demo()
    summary = []
    for number, size in enumerate(SIZES):
        summary.append((size, bench_size(size, first=number == 0)))
    if len(summary) > 1:
        (small, first), (large, last) = summary[0], summary[-1]
        for key, label in [("backend", "requête du moteur"), ("site", "search_site")]:
            print(
                f"{label} : p95 à {large} / p95 à {small} = "
                f"{last[key][1] / max(first[key][1], 0.001):.1f}",
                flush=True,
            )
    report.save()


def engine_configured():
    from django.conf import settings

    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return "opensearch" in backend or "elasticsearch" in backend


def use_bench_indices():
    """On an engine, the bench's own indices ("bench_clauses_…"), never the site's; the engine
    is written in bulk after loading, not row by row."""
    from django.conf import settings

    prefix = os.environ.get("BENCH_INDEX_PREFIX", "")
    for config in settings.WAGTAILSEARCH_BACKENDS.values():
        if "INDEX_PREFIX" in config:
            if not prefix:
                raise SystemExit("moteur de recherche sans BENCH_INDEX_PREFIX : refusé")
            config["INDEX_PREFIX"] = prefix + config["INDEX_PREFIX"]
    if engine_configured():
        settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False
        # The client logs each 404 of update_index deleting an index that is not there yet.
        logging.getLogger("opensearch").setLevel(logging.ERROR)


def load_demo():
    """The demo content; on an engine, then its whole index built (the demo's build time)."""
    from django.core.management import call_command

    remove_synthetic()  # a previous run's employers: the demo content alone here
    started = time.perf_counter()
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"contenu de démonstration : {time.perf_counter() - started:.1f} s", flush=True)
    if engine_configured():
        elapsed = rebuild_engine_index()
        record(BUILD, DEMO, elapsed)
        print(f"démo : construction de l'index du moteur {elapsed:.1f} s", flush=True)


def rebuild_engine_index():
    """The engine's whole index rebuilt (a new index per model, then the alias swapped), then
    refreshed so that every document is searchable; seconds."""
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend
    from wagtail.search.index import get_indexed_models

    config = settings.WAGTAILSEARCH_BACKENDS["default"]
    query_timeout = config.get("TIMEOUT")
    # The site's client timeout (2 s) is for queries: refreshing a 100 000-document index on
    # a busy machine takes longer, and update_index then fails (seen here).
    config["TIMEOUT"] = BUILD_TIMEOUT
    try:
        started = time.perf_counter()
        call_command("update_index", backend_name="default", verbosity=0)
        backend = get_search_backend("default")
        for model in get_indexed_models():
            backend.get_index_for_model(model).refresh()
        return time.perf_counter() - started
    finally:
        config["TIMEOUT"] = query_timeout


def check_engine_answered(label):
    """On an engine, a series that the database fallback answered would measure the database:
    say so and stop."""
    from search import fallback

    if engine_configured() and fallback.backend_is_resting("default"):
        raise RuntimeError(f"{label} : le moteur a échoué, la base a répondu ; aucun chiffre")


def page_timer(timer, path):
    """A function that GETs `path?q=…` through the test client, never from the page cache: each
    request is made unique (`passe`), and its X-Cache header checked (no hit)."""
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
        check_cache(UNCACHED, x_cache(response), f"{path}?q={query}")

    return get


def bench_demo():
    """`/recherche/` on the demo content alone, the pathological queries and the relevance."""
    timer = Timer()
    get = page_timer(timer, "/recherche/")
    for query in SITE_QUERIES:  # a first pass, not timed: connections and caches warm
        get(query)
    timings, interrupted = timer.series(get, REPEAT, SITE_QUERIES)
    check_engine_answered("démo")
    record(SEARCH_PAGE, DEMO, percentiles(timings), interrupted)
    print(f"démo : /recherche/ sans cache {describe(timings, interrupted)}", flush=True)
    for measure, (label, query) in pathological_queries().items():
        elapsed, stopped = timer(get, query)
        record(measure, DEMO, (elapsed, elapsed), int(stopped))
        print(f"démo : /recherche/ {label} ({len(query.split())} mots) : {elapsed:.0f} ms")
    relevance()


def pathological_queries():
    """A 30-word query, and the 50 most frequent words of the indexed titles and descriptions."""
    from collections import Counter

    from wagtail.models import Page

    from directory.models import Organisation

    words = Counter()
    texts = list(Page.objects.values_list("title", flat=True))
    texts += Organisation.objects.values_list("description", flat=True)[:5000]
    for text in texts:
        words.update(word for word in text.lower().split() if word.isalpha())
    thirty = " ".join(" ".join(SITE_QUERIES).split()[:30])
    return {
        LONG_QUERY: ("requête de 30 mots", thirty),
        FREQUENT_WORDS: (
            "les 50 mots les plus fréquents",
            " ".join(word for word, _ in words.most_common(50)),
        ),
    }


def relevance():
    """The mean reciprocal rank of tests/search/queries.yaml on this backend (as the relevance
    test computes it, with the demo content alone)."""
    from tests.search.test_relevance import TOP, evaluate, load_entries, reciprocal_rank

    started = time.perf_counter()
    evaluated = evaluate(load_entries())
    check_engine_answered("pertinence")
    mrr = sum(reciprocal_rank(rank) for _entry, rank, _found in evaluated) / len(evaluated)
    misses = [entry["query"] for entry, rank, _found in evaluated if not rank or rank > TOP]
    record(RELEVANCE, DEMO, mrr)
    print(
        f"démo : pertinence MRR {mrr:.3f} sur {len(evaluated)} requêtes "
        f"({time.perf_counter() - started:.1f} s), hors des {TOP} premiers : "
        + (", ".join(misses) or "aucune"),
        flush=True,
    )


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
    """Import `size` employers (not timed as index), then index them: the index build time.

    On the database backends the new employers are indexed by blocks, as the importer does; on
    an engine its whole index is rebuilt (what `update_index` does after an import), and the
    database fallback is left without the synthetic employers."""
    from directory.importer import import_employers

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
    if engine_configured():
        elapsed = rebuild_engine_index()
        note = "update_index : tout le site dans un index neuf du moteur, alias basculé"
    else:
        elapsed = index_database_blocks()
        note = "search.indexing.index_objects par blocs de 5000"
    record(BUILD, size, elapsed)
    maintenance = database_maintenance()
    print(
        f"{size} employeurs : construction de l'index {elapsed:.1f} s ({note}){maintenance}",
        flush=True,
    )


def index_database_blocks():
    """As the importer does (search.indexing), by blocks: one block's rows in memory at a time."""
    from directory.models import InclusiveEmployer
    from search.indexing import index_objects

    started = last = time.perf_counter()
    pks = list(
        InclusiveEmployer.objects.filter(source=SOURCE).order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(pks), INDEX_BLOCK):
        block = pks[start : start + INDEX_BLOCK]
        objects = InclusiveEmployer.get_indexed_objects().filter(pk__in=block)
        index_objects(InclusiveEmployer, objects)
        now = time.perf_counter()
        if now - last > 15 or start + INDEX_BLOCK >= len(pks):
            last = now
            done = min(start + INDEX_BLOCK, len(pks))
            print(f"  indexation {done}/{len(pks)} ({now - started:.0f} s)", flush=True)
    return time.perf_counter() - started


def database_maintenance():
    """On PostgreSQL, what autovacuum does after a bulk write: GIN pending lists merged,
    statistics. Returns what to print."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return ""
    started = time.perf_counter()
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE wagtailsearch_indexentry")
        cursor.execute("ANALYZE")
    return f", puis VACUUM ANALYZE {time.perf_counter() - started:.1f} s"


def percentiles(timings):
    timings = sorted(timings)
    return statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)]


class Timer:
    """Times calls in ms. On SQLite a call is interrupted after TIMEOUT seconds (its SQL is
    aborted): it then counts as TIMEOUT, and the percentiles it enters are lower bounds."""

    def __init__(self):
        from django.db import connection

        self.deadline = None
        self.slowest = (0, "")  # (ms, query) of the last series
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
        self.slowest = (0, "")
        for _ in range(repeat):
            for query in order:
                if time.perf_counter() - started > BUDGET:
                    return timings, interrupted
                elapsed, stopped = self(run, query)
                timings.append(elapsed)
                interrupted += stopped
                self.slowest = max(self.slowest, (elapsed, query))
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


def bench_size(size, first):
    from search.engine import search_site

    logging.disable(logging.CRITICAL)  # the site logs the queries interrupted on SQLite
    build_index(size)
    timer = Timer()
    results = {"backend": backend_query_series(size, first, timer)}
    timings, interrupted = timer.series(search_site, 1)
    check_engine_answered(f"{size} search_site")
    results["site"] = percentiles(timings)
    record(SITE, size, results["site"], interrupted)
    print(
        f"{size} employeurs : (b) search_site de bout en bout {describe(timings, interrupted)}",
        flush=True,
    )
    slowest = timer.slowest[1]
    for measure, path, queries in [
        (SEARCH_PAGE, "/recherche/", SITE_QUERIES),
        (DIRECTORY_PAGE, "/annuaire/", QUERIES),
    ]:
        get = page_timer(timer, path)
        timings, interrupted = timer.series(get, 1, queries)
        check_engine_answered(f"{size} {path}")
        record(measure, size, percentiles(timings), interrupted)
        print(f"{size} employeurs : {path}?q= sans cache {describe(timings, interrupted)}")
    directory_accents(size)
    if size == SIZES[-1]:
        profile_search(slowest)
    return results


def backend_query_series(size, first, timer):
    """(a) the backend query of the directory source alone; on PostgreSQL, against Wagtail's
    own backend too (unless BENCH_NO_STOCK). Returns (p50, p95)."""
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
    from wagtail.search.backends import get_search_backend

    from directory.models import Organisation

    backend = get_search_backend("default")
    queryset = Organisation.objects.public()
    compare = isinstance(backend, PostgresSearchBackend) and not os.environ.get("BENCH_NO_STOCK")
    compare = compare and type(backend) is not PostgresSearchBackend
    if first and compare:
        compare_index_build(backend)
    hits = {}

    def backend_query(query, backend=backend, keep=False):
        found = [obj.pk for obj in backend.search(query, queryset, operator="and")[:MAX_RESULTS]]
        if keep:
            hits[query] = found

    # A first pass, not timed: warms the caches, keeps the results.
    first_pass = [timer(lambda q: backend_query(q, keep=True), query) for query in QUERIES]
    matches_note = ""
    if not any(stopped for _elapsed, stopped in first_pass):
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
    timings, interrupted = timer.series(backend_query, REPEAT)
    result = percentiles(timings)
    record(BACKEND_QUERY, size, result, interrupted)
    print(
        f"{size} employeurs : (a) requête du moteur, annuaire {describe(timings, interrupted)}",
        flush=True,
    )
    if compare:
        compare_stock(size, backend, queryset, hits, timer, result)
    return result


def compare_stock(size, backend, queryset, hits, timer, result):
    """The same backend queries with Wagtail's own PostgreSQL backend: time and same results."""
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    stock = PostgresSearchBackend({"SEARCH_CONFIG": backend.config})
    stock_hits = {}
    for query in QUERIES:
        stock_hits[query] = [
            obj.pk for obj in stock.search(query, queryset, operator="and")[:MAX_RESULTS]
        ]
    same = sum(stock_hits[query] == hits[query] for query in QUERIES)
    same_set = sum(set(stock_hits[query]) == set(hits[query]) for query in QUERIES)
    stock_timings, _ = timer.series(
        lambda q: list(stock.search(q, queryset, operator="and")[:MAX_RESULTS]), 1
    )
    stock_p50, stock_p95 = percentiles(stock_timings)
    p50, p95 = result
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


def directory_accents(size):
    """The directory's text search and accents: results without accents / with, for the same
    words (issue 14 wants them equal)."""
    from django.http import QueryDict

    from directory.filters import DirectoryQuery, results

    pairs = [("batiment", "bâtiment"), ("marches reserves", "marchés réservés")]
    counts = [0, 0]
    for plain, accented in pairs:
        for index, query in enumerate((plain, accented)):
            params = QueryDict(mutable=True)
            params["q"] = query
            counts[index] += results(DirectoryQuery.from_params(params)).count()
    record(ACCENTS, size, counts)
    print(
        f"{size} employeurs : /annuaire/ « batiment », « marches reserves » : {counts[0]} "
        f"résultats, avec accents : {counts[1]}",
        flush=True,
    )


def profile_search(query):
    """Where one slow search_site call spends its time (cProfile, cumulative)."""
    from search.engine import search_site

    if not query:
        return
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.runcall(search_site, query)
    elapsed = (time.perf_counter() - started) * 1000
    print(
        f"profil de search_site({query!r}), la plus lente de la série ({elapsed:.0f} ms sous "
        "cProfile)",
        flush=True,
    )
    for order, lines, label in PROFILE_LISTINGS:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(lines)
        listing = out.getvalue().split("   ncalls", 1)[-1]
        print(f"{label}, {lines} premières :\n   ncalls" + listing.rstrip(), flush=True)


if __name__ == "__main__":
    main()

"""Benchmark: a filled model clause rendered as PDF and DOCX, and the calculator page.

Prints p50/p95 over 30 requests, each figure both without the page cache (PAGE_CACHE_SECONDS=0:
the document is really built) and from it (warmed first, every answer checked X-Cache: hit):
  - GET /clauses/condition-execution-heures/pdf/?acheteur=…&montant=…  (WeasyPrint via core.pdf)
  - GET /clauses/condition-execution-heures/docx/?…                      (python-docx)
  - GET /calculateur/?montant=1200000&part=40&cout_horaire=30&taux=5     (HTML page)
Each request goes through Django's test client (full middleware, templates, database queries).
The figures go to bench/RESULTS.md (bench/_common.py).

Database: a throw-away in-memory SQLite database, created by running every migration and then
loading only this app's demo content (clauses.demo: référentiel 2025-2026 and the
model clauses). It never touches db.sqlite3 nor a DATABASE_URL you may have set: the variable
is overridden before Django starts. Settings: centre.settings.test (DEBUG off), rate limits off.

Usage: .venv/bin/python bench/clause_pdf.py [--runs 30]
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# bench/ is on the path as the script's folder, after ROOT: "search" stays the app.
from _common import CACHED, UNCACHED, Report, ratio, time_requests  # noqa: E402

FILL = (
    "?acheteur=Ville+de+Lille&objet=R%C3%A9habilitation+de+l%27%C3%A9cole+Jules-Ferry"
    "&montant=1+200+000&part=40&cout_horaire=30&taux=5&duree=18"
)
TARGETS = [
    ("clause remplie, PDF", "/clauses/condition-execution-heures/pdf/" + FILL, "application/pdf"),
    (
        "clause remplie, DOCX",
        "/clauses/condition-execution-heures/docx/" + FILL,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "calculateur (page HTML)",
        "/calculateur/?montant=1200000&part=40&cout_horaire=30&taux=5",
        "text/html",
    ),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ["DJANGO_SETTINGS_MODULE"] = "centre.settings.test"
    # One client asking 30 times for a document built each time would be throttled (429).
    os.environ["RATELIMIT_ENABLE"] = "false"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    report = Report(__file__)
    started = time.perf_counter()
    call_command("migrate", verbosity=0, stdout=io.StringIO())
    from clauses import demo

    demo._load_referential()
    demo._load_clauses()
    print(f"Base SQLite en mémoire prête en {time.perf_counter() - started:.1f} s")

    client = Client()
    for label, url, content_type in TARGETS:
        built = report.add_timings(
            label,
            time_requests(client, url, UNCACHED, args.runs, content_type=content_type),
            UNCACHED,
        )
        served = report.add_timings(
            label,
            time_requests(client, url, CACHED, args.runs, content_type=content_type),
            CACHED,
        )
        report.add(
            f"{label} : sans cache / en cache",
            ratio(built.p50 / served.p50),
            detail="rapport des p50",
        )
    report.save()


if __name__ == "__main__":
    main()

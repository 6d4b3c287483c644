"""Benchmark: a filled model clause rendered as PDF and DOCX, and the calculator page.

Prints p50/p95 over 30 runs (after 3 warm-up runs) for:
  - GET /clauses/condition-execution-heures/pdf/?acheteur=…&montant=…  (WeasyPrint via core.pdf)
  - GET /clauses/condition-execution-heures/docx/?…                      (python-docx)
  - GET /calculateur/?montant=1200000&part=40&cout_horaire=30&taux=5     (HTML page)
Each request goes through Django's test client (full middleware, templates, database queries).

Database: a throw-away in-memory SQLite database, created by running every migration and then
loading only this app's demo content (clauses.demo: référentiel 2025-2026 and the
model clauses). It never touches db.sqlite3 nor a DATABASE_URL you may have set: the variable
is overridden before Django starts. Settings: centre.settings.test (DEBUG off).

Usage: .venv/bin/python bench/clause_pdf.py [--runs 30]
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ["DJANGO_SETTINGS_MODULE"] = "centre.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    started = time.perf_counter()
    call_command("migrate", verbosity=0, stdout=io.StringIO())
    from clauses import demo

    demo._load_referential()
    demo._load_clauses()
    print(f"Base SQLite en mémoire prête en {time.perf_counter() - started:.1f} s")

    client = Client()
    print(f"{'mesure':<28} {'p50':>9} {'p95':>9} {'taille':>10}  ({args.runs} essais)")
    for label, url, content_type in TARGETS:
        for _ in range(3):
            client.get(url)
        timings, size = [], 0
        for _ in range(args.runs):
            t0 = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            assert response["Content-Type"].startswith(content_type), response["Content-Type"]
            size = len(response.content)
        print(
            f"{label:<28} {statistics.median(timings):>7.1f}ms {percentile(timings, 0.95):>7.1f}ms "
            f"{size / 1024:>8.1f}ko"
        )


if __name__ == "__main__":
    main()

"""Benchmark of the guide's PDF: whole 2026 edition, one chapter, and a chapter PDF request
uncached vs cached (p50/p95 over 50 requests), plus the chapter's HTML page for reference.

Self-contained: it creates a temporary SQLite database (migrations, then the site's and the
guide's demo content only — not the other apps'), and a temporary MEDIA_ROOT for the PDF cache.
Nothing touches the development database. Run from the project root:

    .venv/bin/python bench/guide_pdf.py
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="bench-guide-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "centre.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

REQUESTS = 50
CHAPTER = "calcul-heures"


def percentiles(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main():
    settings.MEDIA_ROOT = TMP / "media"
    print(f"Base temporaire : {TMP / 'bench.sqlite3'}")
    call_command("migrate", verbosity=0)
    from centre import demo as centre_demo
    from guides import demo as guides_demo

    with transaction.atomic():
        centre_demo.load(io.StringIO())
        elapsed, summary = timed(lambda: guides_demo.load(io.StringIO()))
    print(f"Chargement du guide de démonstration : {elapsed:.2f} s ({summary})")

    from guides import content, pdf
    from guides.models import GuideChapterPage

    edition = content.public_edition(2026)
    chapter = GuideChapterPage.objects.child_of(edition).get(slug=CHAPTER)
    units = len(content.edition_units(edition))

    elapsed, data = timed(lambda: pdf.render(edition))
    print(f"PDF de l'édition 2026 ({units} paragraphes, {len(data) // 1024} Kio) : {elapsed:.2f} s")
    elapsed, data = timed(lambda: pdf.render(edition, chapter))
    print(f"PDF du chapitre « {chapter.title} » : {elapsed:.2f} s")

    client = Client()
    url = f"/guide/2026/{CHAPTER}/pdf/"
    uncached = []
    for _ in range(REQUESTS):
        pdf.pdf_path(edition, chapter).unlink(missing_ok=True)
        elapsed, response = timed(lambda: client.get(url))
        assert response.status_code == 200
        uncached.append(elapsed)
    cached = []
    for _ in range(REQUESTS):
        elapsed, response = timed(lambda: client.get(url))
        assert response.status_code == 200
        cached.append(elapsed)
    print(
        f"{url} sans cache : p50 {percentiles(uncached)[0]:.0f} ms, p95 {percentiles(uncached)[1]:.0f} ms"
        f" ({REQUESTS} requêtes)"
    )
    print(
        f"{url} en cache   : p50 {percentiles(cached)[0]:.1f} ms, p95 {percentiles(cached)[1]:.1f} ms"
        f" ({REQUESTS} requêtes)"
    )
    html = []
    for _ in range(REQUESTS):
        elapsed, response = timed(lambda: client.get(f"/guide/2026/{CHAPTER}/"))
        assert response.status_code == 200
        html.append(elapsed)
    print(
        f"Page HTML /guide/2026/{CHAPTER}/ : p50 {percentiles(html)[0]:.1f} ms, "
        f"p95 {percentiles(html)[1]:.1f} ms ({REQUESTS} requêtes)"
    )


if __name__ == "__main__":
    main()

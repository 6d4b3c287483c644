"""Benchmark of the guide's PDF: whole 2026 edition and one chapter rendered, then the chapter's
PDF and HTML addresses requested (p50/p95 over --runs requests) with and without each cache:

  - chapter PDF, no PDF file cache and no page cache: the PDF is rendered on every request;
  - chapter PDF, from the PDF file cache (MEDIA_ROOT), no page cache;
  - chapter PDF and HTML page, no page cache (PAGE_CACHE_SECONDS=0) and from the page cache
    (warmed first, every answer checked X-Cache: hit; bench/_common.py).

Self-contained: it creates a temporary SQLite database (migrations, then the site's and the
guide's demo content only — not the other apps'), and a temporary MEDIA_ROOT for the PDF cache.
Nothing touches the development database. Rate limits are off (one client asks 30 times).
The figures go to bench/RESULTS.md. From the root:

    .venv/bin/python bench/guide_pdf.py [--runs 30]
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="bench-guide-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "centre.settings.test"
# One client asking 30 times for a document built each time would be throttled (429).
os.environ["RATELIMIT_ENABLE"] = "false"
os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

# bench/ is on the path as the script's folder, after ROOT: "search" stays the app.
from _common import CACHED, UNCACHED, Report, ratio, seconds, time_requests  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

CHAPTER = "calcul-heures"


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    settings.MEDIA_ROOT = TMP / "media"
    report = Report(__file__)
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
    report.add(
        "PDF de l'édition 2026, rendu (guides.pdf.render)",
        seconds(elapsed),
        detail=f"une fois, {units} paragraphes, {len(data) // 1024} Ko",
    )
    elapsed, data = timed(lambda: pdf.render(edition, chapter))
    report.add(f"PDF du chapitre « {chapter.title} », rendu", seconds(elapsed), detail="une fois")

    client = Client()
    url = f"/guide/2026/{CHAPTER}/pdf/"
    rendered = report.add_timings(
        f"{url} sans fichier PDF en cache",
        time_requests(
            client,
            url,
            UNCACHED,
            args.runs,
            content_type="application/pdf",
            before_each=lambda: pdf.pdf_path(edition, chapter).unlink(missing_ok=True),
        ),
        UNCACHED,
        detail=" ; fichier du cache PDF supprimé avant chaque requête : PDF rendu",
    )
    from_file = report.add_timings(
        f"{url} depuis le fichier PDF en cache",
        time_requests(client, url, UNCACHED, args.runs, content_type="application/pdf"),
        UNCACHED,
        detail=" ; fichier lu dans MEDIA_ROOT",
    )
    served = report.add_timings(
        url, time_requests(client, url, CACHED, args.runs, content_type="application/pdf"), CACHED
    )
    report.add(
        "PDF du chapitre : rendu / fichier en cache",
        ratio(rendered.p50 / from_file.p50),
        detail="rapport des p50",
    )
    report.add(
        "PDF du chapitre : rendu / cache de pages",
        ratio(rendered.p50 / served.p50),
        detail="rapport des p50",
    )

    page = f"/guide/2026/{CHAPTER}/"
    built = report.add_timings(
        f"{page} (page HTML)", time_requests(client, page, UNCACHED, args.runs), UNCACHED
    )
    cached = report.add_timings(
        f"{page} (page HTML)", time_requests(client, page, CACHED, args.runs), CACHED
    )
    report.add(
        "page HTML du chapitre : sans cache / en cache",
        ratio(built.p50 / cached.p50),
        detail="rapport des p50",
    )
    report.save()


if __name__ == "__main__":
    main()

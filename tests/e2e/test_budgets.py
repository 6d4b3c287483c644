"""Page-weight budgets, measured in Chromium: the home page, a guide chapter of the edition in
force, a directory search with results and a model clause each weigh under 200 KB transferred
(HTML, CSS, JS, fonts, images; PDFs aside) and load nothing from another host.

Every request of the page load is recorded; "transferred" is what Chromium received for it,
headers and (encoded) body, as Playwright's `request.sizes()` reports it. A fresh browser
context per page: nothing comes from the browser's cache. The weights are printed and written
to test-artifacts/budgets.json.
"""

import json
import threading
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest

from .conftest import ARTIFACTS

BUDGET_BYTES = 200 * 1024  # 204 800
BUDGETS_FILE = ARTIFACTS / "budgets.json"
_write_lock = threading.Lock()


def _guide_chapter_path():
    """The first chapter of the guide edition in force, as the outline numbers it."""
    from guides import content

    edition = content.edition_in_force()
    assert edition is not None, "aucune édition du guide en vigueur dans le contenu de démo"
    outline = content.edition_outline(edition)
    assert outline, f"l'édition {edition.year} n'a aucun chapitre publié"
    return outline[0].page.url


PAGES = {
    "accueil": lambda: "/",
    "guide-chapitre": _guide_chapter_path,
    "annuaire-recherche": lambda: "/annuaire/?q=emploi",
    "clause-type": lambda: "/clauses/condition-execution-heures/",
}
# What each page must show, so that a page that failed to render is not measured as light.
EXPECTED = {
    "accueil": ".fr-entry-points .fr-card",
    "guide-chapitre": "main#contenu h1",
    "annuaire-recherche": ".dir-results .dir-card",
    "clause-type": "main#contenu h1",
}


def _is_pdf(request, response):
    content_type = (response.headers.get("content-type", "") if response else "").lower()
    path = urlsplit(request.url).path.lower()
    return "application/pdf" in content_type or path.endswith((".pdf", "/pdf/"))


def measure_page_load(tab, url):
    """Load `url` in the tab and return every request it made, with its transferred size."""
    finished, failed = [], []
    tab.on("requestfinished", lambda request: finished.append(request))
    tab.on("requestfailed", lambda request: failed.append(request))
    tab.goto(url, wait_until="networkidle")
    rows = []
    for request in finished:
        response = request.response()
        sizes = request.sizes()
        rows.append(
            {
                "url": request.url,
                "type": request.resource_type,
                "status": response.status if response else None,
                "body_bytes": sizes["responseBodySize"],
                "transferred_bytes": sizes["responseHeadersSize"] + sizes["responseBodySize"],
                "pdf": _is_pdf(request, response),
            }
        )
    return rows, [request.url for request in failed]


def _record(name, entry):
    """Merge this page's weight into test-artifacts/budgets.json (one test writes one page)."""
    with _write_lock:
        ARTIFACTS.mkdir(exist_ok=True)
        try:
            data = json.loads(BUDGETS_FILE.read_text())
        except (OSError, ValueError):
            data = {}
        data.setdefault("pages", {})[name] = entry
        data["budget_bytes"] = BUDGET_BYTES
        data["updated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        BUDGETS_FILE.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


@pytest.mark.parametrize("name", PAGES, ids=PAGES.keys())
def test_page_weighs_under_budget_and_loads_nothing_third_party(page, name):
    path = PAGES[name]()
    server = urlsplit(page.base_url)
    rows, failed = measure_page_load(page, page.base_url + path)
    assert page.locator(EXPECTED[name]).count() > 0, f"{path} : la page n'a pas son contenu"

    local_schemes = {"data", "blob", "about"}
    third_party = sorted(
        {
            row["url"]
            for row in rows
            if urlsplit(row["url"]).scheme not in local_schemes
            and (urlsplit(row["url"]).scheme, urlsplit(row["url"]).netloc)
            != (server.scheme, server.netloc)
        }
        | {url for url in failed if urlsplit(url).netloc != server.netloc}
    )
    counted = [row for row in rows if not row["pdf"]]
    transferred = sum(row["transferred_bytes"] for row in counted)
    by_type = {}
    for row in counted:
        by_type[row["type"]] = by_type.get(row["type"], 0) + row["transferred_bytes"]
    entry = {
        "path": path,
        "transferred_bytes": transferred,
        "transferred_kb": round(transferred / 1024, 1),
        "body_bytes": sum(row["body_bytes"] for row in counted),
        "requests": len(rows),
        "by_type": by_type,
        "clauses": [
            {key: row[key] for key in ("url", "type", "status", "transferred_bytes")}
            for row in rows
        ],
        "third_party": third_party,
    }
    _record(name, entry)
    print(
        f"\n{name} {path}: {transferred} octets transférés ({entry['transferred_kb']} Ko), "
        f"{len(rows)} requêtes, {by_type}"
    )

    assert not third_party, f"{path} charge des ressources tierces : {third_party}"
    assert not failed, f"{path} : requêtes échouées {failed}"
    errors = [row["url"] for row in rows if row["status"] is None or row["status"] >= 400]
    assert not errors, f"{path} : réponses en erreur {errors}"
    assert {"document", "stylesheet", "script"} <= set(by_type), (
        f"{path} : le document, la feuille de style et le script doivent être mesurés ({by_type})"
    )
    assert transferred < BUDGET_BYTES, (
        f"{path} pèse {transferred} octets (> {BUDGET_BYTES}) : "
        + ", ".join(
            f"{row['url']} {row['transferred_bytes']}"
            for row in sorted(counted, key=lambda row: -row["transferred_bytes"])[:5]
        )
    )

#!/usr/bin/env python
"""Screenshots and measurements of the twelve public journeys of issue 16 (and the regional
panorama of issue 18), taken against a running site so that two checkouts can be compared.

    .venv/bin/python scripts/journey_shots.py http://127.0.0.1:8802 after

writes test-artifacts/journeys/<label>/: one PNG per page and width, the downloaded PDFs and DOCX
with a PNG of their first page, and measures.json (page widths at 320 and 375 px, a few facts
per journey, the hosts found in each channel's absolute URLs). Nothing is asserted: the PNGs are
for a person to look at, the figures for the note.
"""

import argparse
import datetime
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
import zlib
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE, DESKTOP = 375, 1280
# Long pages are cut: the top of a page is what a visitor judges first.
MAX_SHOT_HEIGHT = 2400

# Demo pages present in both versions compared: a Gironde facilitator (département article), the
# chapter with the legal levers (sections 4.x), the two-half-day training.
FICHE = "/annuaire/association-clauses-et-emploi-gironde-nord-33/"
CHAPTER = "/guide/2026/leviers-juridiques/"
TRAINING = "/ressources/formations/formation-facilitateurs-suivi-execution/"

# (point, name, path, widths, facts): `facts` is a script run in the page at 375 px whose
# result is kept in measures.json.
FACTS_FIRST_RESULT = """() => {
    const hit = document.querySelector('.fr-search-result a, .dir-card a, main article a');
    return hit ? {first_link_top: Math.round(hit.getBoundingClientRect().top + scrollY),
                  text: hit.textContent.trim().slice(0, 80)} : null;
}"""
FACTS_GLOSSARY = """() => {
    const links = [...document.querySelectorAll('main a[href*="/glossaire/"]')];
    return {glossary_links: links.length, terms: links.slice(0, 8).map(a => a.textContent.trim())};
}"""
FACTS_HEADINGS = """() => ({
    headings: [...document.querySelectorAll('main h2, main h3')].slice(0, 8)
        .map(h => h.textContent.trim().replace(/\\s+/g, ' ').slice(0, 70)),
    paragraph_numbers: [...document.querySelectorAll('main [id^="p-"]')].slice(0, 5)
        .map(p => p.textContent.trim().replace(/\\s+/g, ' ').slice(0, 30)),
    toc: [...document.querySelectorAll('nav a, .fr-summary a')]
        .map(a => a.textContent.trim().replace(/\\s+/g, ' '))
        .filter(t => /^\\d/.test(t)).slice(0, 6),
})"""
FACTS_FORM = """() => ({
    fields: [...document.querySelectorAll('main form label')]
        .map(l => l.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60)),
})"""
FACTS_SVG_TEXT = """() => {
    const sizes = [...document.querySelectorAll('main svg text')].map(t => {
        const box = t.getBoundingClientRect();
        return Math.round(box.height * 10) / 10;
    }).filter(h => h > 0);
    sizes.sort((a, b) => a - b);
    return {svg_labels: sizes.length, smallest_label_px: sizes[0] || null,
            median_label_px: sizes[Math.floor(sizes.length / 2)] || null};
}"""
FACTS_TEXT = """() => document.querySelector('main') ? document.querySelector('main').innerText
    .replace(/\\s+/g, ' ').slice(0, 600) : ''"""

SHOTS = [
    ("01", "annuaire", "/annuaire/", [PHONE], FACTS_FIRST_RESULT),
    ("01", "fiche", FICHE, [PHONE], FACTS_TEXT),
    ("01", "carte", "/annuaire/carte/", [PHONE], None),
    ("01", "levier-form", "/annuaire/levier/", [PHONE], None),
    ("03", "chapitre", CHAPTER, [DESKTOP, PHONE], FACTS_HEADINGS),
    ("04", "glossaire-chapitre", CHAPTER, [], FACTS_GLOSSARY),
    ("06", "clause-lot-reserve", "/clauses/lot-reserve-siae-avis/", [DESKTOP, PHONE], FACTS_FORM),
    (
        "06",
        "clause-lot-reserve-remplie",
        "/clauses/lot-reserve-siae-avis/?acheteur=Ville+de+Roubaix&objet=Entretien+des+%C3%A9coles"
        "&lot_numero=3&lot_intitule=Nettoyage+des+locaux",
        [DESKTOP],
        FACTS_TEXT,
    ),
    (
        "07",
        "levier-btp-59",
        "/annuaire/levier/?secteur=batiment-et-travaux-publics&departement=59&montant=150000",
        [DESKTOP, PHONE],
        FACTS_TEXT,
    ),
    (
        "08",
        "facilitateur-roubaix",
        "/annuaire/facilitateur/?commune=Roubaix",
        [DESKTOP, PHONE],
        FACTS_TEXT,
    ),
    ("08", "facilitateur-2a004", "/annuaire/facilitateur/?commune=2A004", [PHONE], FACTS_TEXT),
    (
        "08",
        "facilitateur-59-000",
        "/annuaire/facilitateur/?code_postal=59+000",
        [PHONE],
        FACTS_TEXT,
    ),
    ("09", "marches-nettoyage", "/marches-a-venir/?q=nettoyage", [DESKTOP, PHONE], FACTS_TEXT),
    ("10", "recherche-insertion", "/recherche/?q=insertion", [PHONE], FACTS_FIRST_RESULT),
    ("11", "statistiques", "/ressources/statistiques/", [PHONE, DESKTOP], FACTS_SVG_TEXT),
    ("12", "formations", "/ressources/formations/", [DESKTOP], FACTS_TEXT),
    ("12", "formation", TRAINING, [DESKTOP], FACTS_TEXT),
    (
        "18",
        "panorama-nouvelle-aquitaine",
        "/ressources/statistiques/75/",
        [DESKTOP, PHONE],
        FACTS_SVG_TEXT,
    ),
]

# Absolute URLs by channel (point 2): which hosts each one uses.
CHANNELS = {
    "sitemap": "/sitemap.xml",
    "guide_atom": "/guide/flux.atom",
    "contracts_atom": "/marches-a-venir/flux.atom",
    "contracts_ical": "/marches-a-venir/calendrier.ics",
    "contracts_csv": "/marches-a-venir/export.csv",
    "contracts_json": "/marches-a-venir/export.json",
    "directory_csv": "/annuaire/export.csv",
    "directory_json": "/annuaire/export.json",
    "trainings_ical": "/ressources/formations/calendrier.ics",
    "home_html": "/",
}
ABSOLUTE_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?::\d+)?")
HEAD_CSV = (
    "/marches-a-venir/export.csv",
    "/annuaire/export.csv",
    "/main-d-oeuvre/export.csv",
    "/ressources/statistiques/heures-insertion.csv",
)
FRENCH_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)


def fetch(base, path, method="GET"):
    """(status, body bytes, content type); a refused request is a status, not an exception."""
    request = urllib.request.Request(base + path, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (local site)
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


def shoot(page, url, width, target):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url, wait_until="load")
    height = page.evaluate("document.documentElement.scrollHeight")
    # A page wider than the screen is shot whole, so that what overflows shows.
    wide = page.evaluate("document.documentElement.scrollWidth")
    clip = {"x": 0, "y": 0, "width": max(width, wide), "height": min(height, MAX_SHOT_HEIGHT)}
    page.screenshot(path=str(target), full_page=True, clip=clip)


def measure_page(page, url, facts):
    """scrollWidth at 320 and 375 px, the HTTP status, and the page's own facts at 375 px."""
    result = {}
    for width in (320, PHONE):
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(url, wait_until="load")
        result["status"] = response.status if response else None
        result[f"scroll_width_{width}"] = page.evaluate("document.documentElement.scrollWidth")
    if facts:
        result["facts"] = page.evaluate(facts)
    return result


def capture_pages(base, out):
    measures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="fr-FR")
        for point, name, path, widths, facts in SHOTS:
            entry = {"path": path, **measure_page(page, base + path, facts)}
            for width in widths:
                shoot(page, base + path, width, out / f"{point}-{name}-{width}.png")
            measures[f"{point}-{name}"] = entry
            sys.stdout.write(f"{point} {name}: {entry.get('status')} {path}\n")
        browser.close()
    return measures


def hosts_by_channel(base):
    channels = {}
    for name, path in CHANNELS.items():
        status, body, _ = fetch(base, path)
        counts = {}
        # iCalendar folds long lines (RFC 5545): unfolded first, so no URL is cut.
        text = body.decode("utf-8", "replace").replace("\r\n ", "").replace("\n ", "")
        for host in ABSOLUTE_URL.findall(text):
            counts[host] = counts.get(host, 0) + 1
        # The schemas and licences the files cite are not the site's own URLs.
        own = {h: n for h, n in counts.items() if "127.0.0.1" in h or "localhost" in h}
        channels[name] = {"status": status, "site_hosts": own}
    return channels


def run_tool(*command):
    done = subprocess.run(command, capture_output=True, check=False)  # noqa: S603
    return done.stdout.decode("utf-8", "replace")


def pdf_facts(path, out_png):
    info = run_tool("pdfinfo", str(path))
    facts = {
        key: value.strip()
        for key, _, value in (line.partition(":") for line in info.splitlines())
        if key in ("Tagged", "Page size", "Pages", "PDF version", "Title")
    }
    run_tool(
        "pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(path), str(out_png)
    )
    text = run_tool("pdftotext", "-l", "2", str(path), "-")
    online = re.search(r"Version en ligne\s*:?\s*(\S+)", text)
    facts["version_en_ligne"] = online.group(1) if online else None
    facts["lang"] = pdf_language(path.read_bytes())
    return facts


def pdf_language(data):
    """The catalog's /Lang, which may sit in a compressed object stream."""
    chunks = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            chunks.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    for chunk in chunks:
        lang = re.search(rb"/Lang\s*\(([^)]*)\)", chunk)
        if lang:
            return lang.group(1).decode("latin-1")
    return None


def docx_facts(path):
    with zipfile.ZipFile(path) as docx:
        document = docx.read("word/document.xml").decode()
        styles = (
            docx.read("word/styles.xml").decode() if "word/styles.xml" in docx.namelist() else ""
        )
    size = re.search(r'<w:pgSz[^>]*w:w="(\d+)"[^>]*w:h="(\d+)"', document)
    langs = sorted(set(re.findall(r'<w:lang[^>]*w:val="([^"]+)"', styles + document)))
    page = f"{size.group(1)} x {size.group(2)} twips" if size else None
    return {"page_size": page, "a4": page == "11906 x 16838 twips", "languages": langs}


def capture_documents(base, out):
    """Point 5: the clause's DOCX and PDF and the guide edition's PDF."""
    documents = {
        "clause.docx": "/clauses/condition-execution-heures/docx/",
        "clause.pdf": "/clauses/condition-execution-heures/pdf/",
        "guide.pdf": "/guide/2026/pdf/",
    }
    facts = {}
    for name, path in documents.items():
        status, body, kind = fetch(base, path)
        target = out / f"05-{name}"
        target.write_bytes(body)
        entry = {"path": path, "status": status, "type": kind}
        if status == 200 and name.endswith(".pdf"):
            entry.update(pdf_facts(target, out / f"05-{name.replace('.', '-')}"))
        elif status == 200:
            entry.update(docx_facts(target))
        facts[name] = entry
    return facts


def leading_past_contracts(base):
    """Point 9: how many items the contracts list shows, from the top, whose expected date has
    passed, before the first upcoming one."""
    html = fetch(base, "/marches-a-venir/")[1].decode("utf-8", "replace")
    months = FRENCH_MONTHS.split("|")
    today = datetime.date.today()
    leading = 0
    for day, month, year in re.findall(
        rf"Avis attendu le <strong>(\d+)(?:er)? ({FRENCH_MONTHS}) (\d{{4}})", html
    ):
        if datetime.date(int(year), months.index(month) + 1, int(day)) >= today:
            break
        leading += 1
    return leading


def small_things(base):
    """Point 12, read from the HTML: French ordinals, Atom autodiscovery, CSV HEAD, spellings."""
    pages = ["/ressources/formations/", TRAINING, FICHE]
    pages += ["/annuaire/carte/", "/annuaire/facilitateur/?departement=33", "/guide/mises-a-jour/"]
    # Buyers' names (« Centre hospitalier de la Gironde ») and their dates are in the open data.
    pages += ["/marches-a-venir/export.csv", "/ressources/publications/?par_page=100"]
    pages += ["/marches-a-venir/", "/marches-a-venir/?q=nettoyage"]
    text = ""
    for path in pages:
        text += fetch(base, path)[1].decode("utf-8", "replace")
    _, guide, _ = fetch(base, "/guide/")
    chapter_html = fetch(base, CHAPTER)[1].decode("utf-8", "replace")
    return {
        "first_of_month_plain": sorted(set(re.findall(rf"\b1 (?:{FRENCH_MONTHS})\b", text))),
        "first_of_month_er": len(re.findall(rf"\b1er (?:{FRENCH_MONTHS})\b", text)),
        "alliance_ville_emploi": text.count("Alliance Ville Emploi"),
        "alliance_villes_emploi": text.count("Alliance Villes Emploi"),
        "du_gironde": text.count("du Gironde"),
        "de_la_gironde": text.count("de la Gironde"),
        "guide_atom_link": bool(re.search(rb"<link[^>]+application/atom\+xml", guide)),
        "paragraph_history_links": chapter_html.count("/guide/paragraphe/"),
        "head_csv": {path: fetch(base, path, "HEAD")[0] for path in HEAD_CSV},
        "training_hours": sorted(set(re.findall(r"\d{1,2} h \d\d – \d{1,2} h \d\d", text)))[:6],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="adresse du site, ex. http://127.0.0.1:8802")
    parser.add_argument("label", help="nom du dossier de sortie, ex. before ou after")
    parser.add_argument("--out", default=str(ROOT / "test-artifacts" / "journeys"))
    args = parser.parse_args()
    base = args.base.rstrip("/")
    out = Path(args.out) / args.label
    out.mkdir(parents=True, exist_ok=True)
    measures = {"base": base}
    measures["pages"] = capture_pages(base, out)
    measures["channels"] = hosts_by_channel(base)
    measures["documents"] = capture_documents(base, out)
    measures["small_things"] = small_things(base)
    measures["contracts_past_first"] = leading_past_contracts(base)
    (out / "measures.json").write_text(json.dumps(measures, ensure_ascii=False, indent=2))
    sys.stdout.write(f"{out / 'measures.json'}\n")


if __name__ == "__main__":
    main()

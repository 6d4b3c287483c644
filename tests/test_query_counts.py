"""Query budgets of the public pages: how many SQL queries each page type may run, and that the
list pages do not run more of them when there are more rows to list (no N+1 can creep in).

The page cache (centre/cache.py) is off in these tests, so that the views really run. Each URL
is asked twice and the second answer is counted: the first one fills the per-process caches
(Wagtail's site root paths, the content generation) that every visitor after the first finds
full.

BUDGETS were measured on 2026-11-23 with the demo content (tests/conftest.py), on SQLite and on
PostgreSQL, and set just above the higher of the two counts: a page that needs more queries
than its budget says has grown a query per row, or a new one per request; look at
`QueryCount.report()` in the failure message before raising a budget.
"""

import collections
import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

EXTRA_ROWS = 20  # rows added by the growth checks
# A list page may run one more query when there is more to show (a second page of results
# that needs its own "next" link, a facet value that appears), never one more per row.
GROWTH_TOLERANCE = 1
FREQUENT_QUERY = "insertion"  # for the site search
DIRECTORY_QUERY = "emploi"  # 46 of the demo's organisations: more than a page of results

FILL_IN = (
    "acheteur=Ville+de+Lyon&objet=Nettoyage+des+locaux&montant=850000&part=60"
    "&cout_horaire=30&taux=7&duree=24"
)


class QueryCount:
    def __init__(self, url, status, queries):
        self.url, self.status, self.queries = url, status, queries

    def __len__(self):
        return len(self.queries)

    def report(self, top=8):
        """The most repeated statements (numbers masked): where an N+1 shows first."""
        shapes = collections.Counter(
            re.sub(r"\d+", "N", query["sql"])[:180] for query in self.queries
        )
        lines = [f"{self.url}: {len(self)} requêtes"]
        lines += [f"  {count} × {sql}" for sql, count in shapes.most_common(top)]
        return "\n".join(lines)


def count_queries(client, url):
    client.get(url)  # fills the per-process caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return QueryCount(url, response.status_code, context.captured_queries)


@pytest.fixture
def measure(client, settings, demo):
    settings.PAGE_CACHE_SECONDS = 0

    def run(url):
        return count_queries(client, url)

    return run


# ------------------------------------------------------------------------------ per page type


def _organisation_slug(kind):
    from directory.models import Organisation

    return Organisation.objects.public().filter(kind=kind).order_by("slug").first().slug


def _contract_slug():
    from contracts.models import UpcomingContract

    return UpcomingContract.objects.public().order_by("slug").first().slug


CLAUSE = "condition-execution-heures"

# Page type: (URL, or a function returning it, budget). The comment after each budget gives the
# counts measured on 2026-11-23 on SQLite / PostgreSQL; the budget is the higher one plus 2
# (plus 6 for the site search, which asks each source for each synonym of the query).
BUDGETS = {
    "accueil": ("/", 8),  # 5 / 6
    "guide-edition-en-vigueur": ("/guide/", 29),  # 26 / 27
    "guide-edition": ("/guide/2026/", 24),  # 21 / 22
    "guide-chapitre": ("/guide/2026/calcul-heures/", 23),  # 20 / 21
    "guide-section": ("/guide/2026/leviers-juridiques/condition-execution/", 27),  # 24 / 25
    "bases-juridiques": ("/bases-juridiques/", 18),  # 16 / 16
    "base-juridique": ("/bases-juridiques/condition-execution/", 24),  # 22 / 22
    "clauses": ("/clauses/", 6),  # 4 / 4
    "clause-remplie": (f"/clauses/{CLAUSE}/?{FILL_IN}", 5),  # 3 / 3
    "clause-pdf": (f"/clauses/{CLAUSE}/pdf/?{FILL_IN}", 4),  # 2 / 2
    "main-d-oeuvre": ("/main-d-oeuvre/", 6),  # 4 / 4
    "main-d-oeuvre-annee": ("/main-d-oeuvre/2025/", 5),  # 3 / 3
    "main-d-oeuvre-csv": ("/main-d-oeuvre/export.csv", 3),  # 1 / 1
    "main-d-oeuvre-json": ("/main-d-oeuvre/export.json", 3),  # 1 / 1
    "calculateur": ("/calculateur/?montant=850000&part=60&cout_horaire=30&taux=7", 6),  # 4 / 4
    "annuaire": ("/annuaire/", 14),  # 12 / 12
    "annuaire-recherche": (f"/annuaire/?q={DIRECTORY_QUERY}", 14),  # 12 / 12
    "annuaire-facilitateur": (
        lambda: f"/annuaire/{_organisation_slug('facilitateur')}/",
        7,
    ),  # 5 / 5
    "annuaire-employeur": (lambda: f"/annuaire/{_organisation_slug('employeur')}/", 10),  # 8 / 8
    "facilitateur-code-postal": ("/annuaire/facilitateur/?code_postal=75001", 7),  # 5 / 5
    "facilitateur-departement": ("/annuaire/facilitateur/?departement=33", 6),  # 4 / 4
    # + the coverage shares: communes and population per département, all and covered (one
    # grouped query each, whatever the number of départements); 8 on SQLite on 2026-11-24.
    "carte": ("/annuaire/carte/", 8),  # 5 / 5
    # On PostgreSQL the text filter first turns the word into commune and département ids
    # (remembered in the process until content changes): two more queries the first time.
    # + on PostgreSQL, the query word looked up in the directory's word list (once per word).
    "annuaire-csv": (f"/annuaire/export.csv?q={DIRECTORY_QUERY}", 10),  # 5 / 8
    "annuaire-json": (f"/annuaire/export.json?q={DIRECTORY_QUERY}", 9),  # 5 / 7
    "marches": ("/marches-a-venir/", 11),  # 9 / 9
    "marche": (lambda: f"/marches-a-venir/{_contract_slug()}/", 8),  # 6 / 6
    "marches-atom": ("/marches-a-venir/flux.atom", 4),  # 2 / 2
    "marches-ics": ("/marches-a-venir/calendrier.ics", 4),  # 2 / 2
    "marches-json": ("/marches-a-venir/export.json", 6),  # 4 / 4
    "marches-csv": ("/marches-a-venir/export.csv", 6),  # 4 / 4
    "publications": ("/ressources/publications/", 22),  # 19 / 20
    # + the folded filters: the sector list and one count query per facet (sector, mechanism,
    # buyer kind, tag), none per practice; 22 on SQLite on 2026-11-24.
    "bonnes-pratiques": ("/ressources/bonnes-pratiques/", 22),  # 18 / 19
    "boites-a-outils": ("/ressources/boites-a-outils/", 15),  # 12 / 13
    "boite-a-outils": ("/ressources/boites-a-outils/acheteurs/", 21),  # 18 / 19
    "formations": ("/ressources/formations/", 22),  # 19 / 20
    "formations-ics": ("/ressources/formations/calendrier.ics", 11),  # 9 / 9
    # + the national panorama of the statistics base (aggregates, coverage, legal bases…)
    "statistiques": ("/ressources/statistiques/", 25),  # 22 / 23
    "statistiques-region": ("/ressources/statistiques/75/", 13),  # 10 / ?
    "glossaire": ("/glossaire/", 12),  # 9 / 10
    "recherche": (f"/recherche/?q={FREQUENT_QUERY}", 81),  # 74 / 75
    "api-recherche": (f"/api/recherche/?q={FREQUENT_QUERY}", 76),  # 69 / 70
    "sitemap": ("/sitemap.xml", 27),  # 24 / 25
}


@pytest.mark.parametrize("name", BUDGETS)
def test_page_type_stays_within_its_query_budget(measure, name):
    url, budget = BUDGETS[name]
    counted = measure(url() if callable(url) else url)
    print(f"{name}: {len(counted)} ({connection.vendor})")
    assert len(counted) <= budget, counted.report()


# ------------------------------------------------------------------------------ growth checks
# Each helper adds EXTRA_ROWS public rows that the list pages show first (names starting with
# "Aaa", dates soonest) and that hold the frequent query's word.


def add_organisations(count=EXTRA_ROWS):
    from core.models import Sector
    from directory import coverage
    from directory.models import (
        Activity,
        Commune,
        Department,
        FacilitatorStructure,
        InclusiveEmployer,
    )

    gironde = Department.objects.get(code="33")
    commune = Commune.objects.filter(department=gironde).order_by("code").first()
    sectors = list(Sector.objects.order_by("slug")[:2])
    for number in range(count // 2):
        facilitator = FacilitatorStructure.objects.create(
            name=f"Aaa facilitateur insertion et emploi {number:02d}",
            subkind="plie",
            department=gironde,
            commune=commune,
            description="Clause sociale d'insertion : accompagnement des acheteurs.",
        )
        facilitator.covered_departments.set([gironde])
        facilitator.covered_communes.set([commune])
        employer = InclusiveEmployer.objects.create(
            name=f"Aaa employeur insertion et emploi {number:02d}",
            subkind="EI",
            siret=f"999{number:011d}",
            department=gironde,
            commune=commune,
            description="Entreprise d'insertion du bâtiment.",
        )
        for sector in sectors:
            activity = Activity.objects.create(employer=employer, sector=sector)
            activity.departments.set([gironde])
            coverage.refresh_activity(activity)


def add_contracts(count=EXTRA_ROWS):
    from contracts.models import ContractLot, UpcomingContract
    from core.models import Sector
    from directory.models import Department, PublicBuyer
    from guides.models import LegalBasis

    buyer = PublicBuyer.objects.filter(department__isnull=False).order_by("pk").first()
    sectors = list(Sector.objects.order_by("slug")[:2])
    departments = list(Department.objects.filter(code__in=["33", "75"]))
    basis = LegalBasis.objects.get(slug="condition-execution")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for number in range(count):
        contract = UpcomingContract(
            title=f"Aaa marché d'insertion {number:02d}",
            slug=f"aaa-marche-insertion-{number:02d}",
            buyer=buyer,
            description="Travaux avec clause sociale d'insertion.",
            kind="travaux",
            legal_basis=basis,
            expected_notice_date=tomorrow,
            live=True,
        )
        contract.sectors = sectors
        contract.departments = departments
        contract.lots = [
            ContractLot(number=1, title="Gros œuvre"),
            ContractLot(number=2, title="Espaces verts", reservation="siae"),
        ]
        contract.save()
    contract.save_revision()  # one revision is enough for the "last published" dates


def add_clauses(count=EXTRA_ROWS):
    from clauses.models import ModelClause
    from guides.models import LegalBasis

    basis = LegalBasis.objects.get(slug="condition-execution")
    for number in range(count):
        ModelClause.objects.create(
            title=f"Aaa clause d'insertion {number:02d}",
            slug=f"aaa-clause-insertion-{number:02d}",
            summary="Heures d'insertion à réaliser par le titulaire.",
            mechanism="condition_execution",
            legal_basis=basis,
            document="ccap",
            for_works=True,
            text="Le titulaire réalise {heures} heures d'insertion.",
            version_year=2026,
            guide_links="/guide/2026/calcul-heures/ Calcul des heures",
            live=True,
        )


def add_publications(count=EXTRA_ROWS):
    from resources.models import Audience, Publication

    audiences = list(Audience.objects.order_by("slug")[:2])
    for number in range(count):
        publication = Publication(
            ref=f"aaa-pub-{number:02d}",
            title=f"Aaa guide de l'insertion {number:02d}",
            publisher="Éditeur d'essai",
            year=2026,
            month=1,
            date_label="Janv. 2026",
            purpose="Mettre en œuvre les clauses sociales d'insertion.",
            kind="guide",
            url="https://example.org/guide-insertion",
            live=True,
        )
        publication.audiences = audiences
        publication.save()


def add_practices(count=EXTRA_ROWS):
    from core.models import Sector
    from resources.models import GoodPracticeIndexPage, GoodPracticePage

    index = GoodPracticeIndexPage.objects.get()
    building = Sector.objects.named(["Bâtiment et travaux publics"])
    for number in range(count):
        practice = GoodPracticePage(
            title=f"Aaa bonne pratique d'insertion {number:02d}",
            slug=f"aaa-bonne-pratique-{number:02d}",
            summary="Une clause sociale d'insertion dans un marché de travaux.",
            territory="Gironde",
            sectors=building,
            mechanism="condition_execution",
            buyer_kind="commune",
            results="Des heures d'insertion réalisées.",
            first_published_at=timezone.now(),
        )
        practice.tags.add("insertion", f"essai-{number:02d}")
        index.add_child(instance=practice)


def add_events(count=EXTRA_ROWS):
    from resources.models import Audience, EventIndexPage, EventPage

    index = EventIndexPage.objects.get()
    audiences = list(Audience.objects.order_by("slug")[:2])
    start = timezone.now() + datetime.timedelta(days=1)
    for number in range(count):
        event = EventPage(
            title=f"Aaa formation à l'insertion {number:02d}",
            slug=f"aaa-formation-{number:02d}",
            start=start + datetime.timedelta(hours=number),
            end=start + datetime.timedelta(hours=number + 1),
            kind="formation",
            summary="Rédiger une clause sociale d'insertion.",
            first_published_at=timezone.now(),
        )
        event.audiences = audiences
        index.add_child(instance=event)


def add_series(count=EXTRA_ROWS):
    from decimal import Decimal

    from resources.models import DataPoint, DataSeries

    for number in range(count):
        series = DataSeries(
            title=f"Aaa heures d'insertion {number:02d}",
            slug=f"aaa-heures-insertion-{number:02d}",
            topic="volumes",
            unit="heures",
            description="Heures d'insertion réalisées.",
            source="Source d'essai",
            live=True,
        )
        series.points = [
            DataPoint(label=str(year), value=Decimal(1000 + year), year=year)
            for year in (2023, 2024, 2025)
        ]
        series.save()


def add_glossary_terms(count=EXTRA_ROWS):
    from resources.models import GlossaryTerm

    for number in range(count):
        GlossaryTerm.objects.create(
            term=f"AAA{number:02d}",
            expansion=f"Acronyme d'insertion {number:02d}",
            definition="Un terme de l'insertion par l'activité économique.",
        )


def add_legal_bases(count=EXTRA_ROWS):
    from guides.models import LegalBasis

    for number in range(count):
        LegalBasis.objects.create(
            slug=f"aaa-base-{number:02d}",
            title=f"Aaa fondement d'insertion {number:02d}",
            current_articles=f"L. 9999-{number}",
            former_articles="Article 99 du décret d'essai",
            summary="Permet une clause sociale d'insertion.",
        )


def add_labour_share_rows(count=EXTRA_ROWS):
    from decimal import Decimal

    from clauses.models import LabourShareRow
    from clauses.queries import current_year

    year = current_year()
    for number in range(count):
        LabourShareRow.objects.create(
            year=year,
            category="travaux",
            work_type=f"Aaa prestation d'insertion {number:02d}",
            share_low=Decimal("40"),
            share_high=Decimal("50") if number % 2 else None,
            hourly_cost=Decimal("30"),
            insertion_rate=Decimal("5"),
            source="Source d'essai",
        )


def add_search_hits(count=EXTRA_ROWS):
    """Rows of every model source that hold the frequent query's word."""
    for add in (
        add_organisations,
        add_contracts,
        add_clauses,
        add_publications,
        add_series,
        add_glossary_terms,
        add_legal_bases,
        add_labour_share_rows,
        add_practices,
    ):
        add(count)


GROWTH = {
    "annuaire": (
        add_organisations,
        [
            "/annuaire/",
            f"/annuaire/?q={DIRECTORY_QUERY}",
            "/annuaire/?departement=33&tri=-nom",
            "/annuaire/export.csv",
            f"/annuaire/export.json?q={DIRECTORY_QUERY}",
            "/annuaire/carte/",
            "/annuaire/facilitateur/?departement=33",
            "/annuaire/facilitateur/?code_postal=33000",
        ],
    ),
    "marches": (
        add_contracts,
        [
            "/marches-a-venir/",
            "/marches-a-venir/flux.atom",
            "/marches-a-venir/calendrier.ics",
            "/marches-a-venir/export.json",
            "/marches-a-venir/export.csv",
            "/bases-juridiques/condition-execution/",
        ],
    ),
    "clauses": (
        add_clauses,
        ["/clauses/", "/bases-juridiques/condition-execution/", "/sitemap.xml"],
    ),
    "publications": (add_publications, ["/ressources/publications/", "/ressources/"]),
    "bonnes-pratiques": (add_practices, ["/ressources/bonnes-pratiques/", "/sitemap.xml"]),
    "formations": (
        add_events,
        ["/ressources/formations/", "/ressources/formations/calendrier.ics", "/ressources/"],
    ),
    "statistiques": (add_series, ["/ressources/statistiques/"]),
    "glossaire": (add_glossary_terms, ["/glossaire/"]),
    "bases-juridiques": (add_legal_bases, ["/bases-juridiques/"]),
    "main-d-oeuvre": (
        add_labour_share_rows,
        ["/main-d-oeuvre/", "/main-d-oeuvre/export.csv", "/main-d-oeuvre/export.json"],
    ),
    "recherche": (
        add_search_hits,
        [f"/recherche/?q={FREQUENT_QUERY}", f"/api/recherche/?q={FREQUENT_QUERY}"],
    ),
}


@pytest.mark.parametrize("name", GROWTH)
def test_list_pages_do_not_query_per_row(measure, client, name):
    add_rows, urls = GROWTH[name]
    before = {url: measure(url) for url in urls}
    add_rows()
    after = {url: measure(url) for url in urls}
    for url in urls:
        print(f"{name}: {url} {len(before[url])} → {len(after[url])} ({connection.vendor})")
    grown = [
        f"{len(before[url])} → {len(after[url])}\n{after[url].report()}"
        for url in urls
        if len(after[url]) > len(before[url]) + GROWTH_TOLERANCE
    ]
    assert not grown, f"+{EXTRA_ROWS} lignes :\n" + "\n".join(grown)


def test_growth_rows_are_shown(measure, client):
    """The growth checks mean something only if the added rows reach the pages."""
    add_organisations(2)
    add_contracts(2)
    add_clauses(2)
    add_publications(2)
    assert (
        "Aaa employeur insertion et emploi 00" in client.get(f"/annuaire/?q={DIRECTORY_QUERY}").text
    )
    assert "Aaa marché d&#x27;insertion 00" in client.get("/marches-a-venir/").text
    assert "Aaa clause d&#x27;insertion 00" in client.get("/clauses/").text
    assert "Aaa guide de l&#x27;insertion 00" in client.get("/ressources/publications/").text
    results = json.loads(client.get(f"/api/recherche/?q={FREQUENT_QUERY}").content)["results"]
    titles = {result["title"] for result in results}
    assert {"Aaa clause d'insertion 00", "Aaa marché d'insertion 00"} <= titles


def test_bodies_decoded_together_give_the_same_units(demo):
    """guides.content.prefetch_bodies decodes many pages' bodies at once (for the legal-basis
    pages, the comparison and the search): the units must be those of a page-by-page decoding."""
    from guides import content

    def units(prefetch):
        edition = content.edition_in_force()
        outline = content.edition_outline(edition)
        if prefetch:
            content.prefetch_bodies(page for page, _n, _c in content.outline_pages(outline))
        return [
            (unit.pid, unit.number, unit.kind, unit.html, unit.text, unit.legal_basis_ids)
            for page, number, chapter in content.outline_pages(outline)
            for unit in content.block_units(page, number, chapter)
        ]

    one_by_one = units(prefetch=False)
    assert any(legal_ids for *_rest, legal_ids in one_by_one)
    with CaptureQueriesContext(connection) as together:
        prefetched = units(prefetch=True)
    assert prefetched == one_by_one
    legal_basis_queries = [q for q in together.captured_queries if "guides_legalbasis" in q["sql"]]
    assert len(legal_basis_queries) <= 2  # paragraphs' bases, legal references' bases

"""A territory's panorama: the consolidated figures of the base as charts, tables and CSV.

The national panorama is a section of /ressources/statistiques/; a region's is its own page,
/ressources/statistiques/<code INSEE or slug>/. Hidden cells (confidentiality.py) are shown as
« s » and drawn as gaps; the region's shares are compared with the national ones.
"""

from dataclasses import dataclass, field
from html import escape

from django.db.models import Q
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from resources.charts import Bar, bar_chart, fr_number

from .confidentiality import RULE_TEXT
from .models import NATIONAL_CODE, Aggregate, Coverage, Level
from .vocabulary import DIMENSIONS, ENSEMBLE, REQUIRED

NATIONAL_KEY = "france"
CONFIDENTIAL = "secret statistique"
MISSING = "pas de donnée"
BASE_SOURCE = (
    "base statistique nationale des clauses sociales, bilans annuels des structures porteuses "
    "de facilitateurs"
)

SECTIONS = [
    ("tendance", "Volumes et tendance", REQUIRED),
    (
        "bases-juridiques",
        "Bases juridiques utilisées",
        ["heures_base_juridique", "marches_base_juridique", "marches_base_juridique_taille"],
    ),
    (
        "acheteurs-marches",
        "Acheteurs, marchés et entreprises",
        [
            "heures_acheteur",
            "marches_montant",
            "marches_taille_entreprise",
            "heures_taille_entreprise",
        ],
    ),
    ("secteurs-metiers", "Secteurs et métiers", ["heures_secteur", "beneficiaires_metier"]),
    (
        "profil",
        "Profil des personnes en insertion",
        [
            "beneficiaires_categorie",
            "beneficiaires_sexe",
            "beneficiaires_age",
            "beneficiaires_origine",
            "beneficiaires_qualification",
            "beneficiaires_sexe_age",
            "beneficiaires_categorie_sexe",
            "beneficiaires_qualification_age",
            "beneficiaires_prescripteur",
        ],
    ),
    (
        "sorties",
        "Situation des personnes après leur premier contrat",
        ["sorties_6_mois", "sorties_12_mois", "sorties_18_mois", "sorties_24_mois"],
    ),
]
# Hand-entered national series (resources) that measure the same thing as a total of the base.
SAME_MEASURE = {"heures_total": "heures-insertion", "beneficiaires_total": "personnes-en-insertion"}


@dataclass
class Territory:
    level: str
    code: str
    name: str
    key: str  # in URLs: the region's slug, or "france"

    @property
    def url(self):
        if self.level == Level.NATIONAL:
            return "/ressources/statistiques/#panorama-national"
        return reverse("statsbase_region", args=[self.key])

    @property
    def in_name(self):
        return "en France" if self.level == Level.NATIONAL else f"— {self.name}"


def national():
    return Territory(Level.NATIONAL, NATIONAL_CODE, "France entière", NATIONAL_KEY)


def region_key(region):
    return slugify(region.name)


def find_territory(key):
    """The national territory, or the region of this INSEE code or slug; None if unknown."""
    from directory.models import Region

    key = str(key).strip().lower()
    if key == NATIONAL_KEY:
        return national()
    for region in Region.objects.all():
        if key in (region.code.lower(), region_key(region)):
            return Territory(Level.REGION, region.code, region.name, region_key(region))
    return None


def unit_text(value, unit):
    return f"{fr_number(value)}\u00a0{unit}"


def share(value, total):
    """'23,5 %' (one decimal, none when whole)."""
    if not total:
        return ""
    text = f"{100 * value / total:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text}\u00a0%"


@dataclass
class Cell:
    label: str
    value: int | None  # None: hidden or missing
    hidden: bool = False
    link: str = ""
    cells: list = field(default_factory=list)  # more columns of the table row

    @property
    def text(self):
        if self.hidden:
            return "s"
        return "" if self.value is None else fr_number(self.value)


@dataclass
class Figure:
    dimension: object
    title: str
    columns: list  # headers after the first
    rows: list  # [Cell]
    svg: str = ""
    note: str = ""
    csv_url: str = ""
    cross: bool = False
    sources: list = field(default_factory=lambda: [BASE_SOURCE])

    @property
    def slug(self):
        return self.dimension.code.replace("_", "-")

    @property
    def body(self):
        """The table's rows, built here rather than in the template: a panorama has ~1 500
        cells and the template language is the slow part of its page."""
        return mark_safe("".join(row_html(row, self) for row in self.rows))  # noqa: S308 - escaped

    @property
    def has_hidden(self):
        return any(r.hidden or any(c == "s" for c in r.cells) for r in self.rows)


HIDDEN_HTML = '<abbr title="secret statistique">s</abbr>'


def cell_html(text, numeric=True):
    # Plain formatting with escape(): about 1 500 cells per page, format_html is slow there.
    content = HIDDEN_HTML if text == "s" else escape(text)
    return f'<td class="lib-num">{content}</td>' if numeric else f"<td>{content}</td>"


def row_html(row, figure):
    label = escape(row.label)
    if row.link:
        label = f'<a href="{escape(row.link)}">{label}</a>'
    value = "s" if row.hidden else ("—" if row.value is None else row.text)
    numeric = not figure.dimension.is_total
    cells = [cell_html(cell, numeric) for cell in row.cells]
    cells = [*cells, cell_html(value)] if figure.cross else [cell_html(value), *cells]
    return f'<tr><th scope="row">{label}</th>{"".join(cells)}</tr>'


class Figures:
    """The aggregates of one territory, every year, read in one query."""

    def __init__(self, territory, coverage=None):
        self.territory = territory
        self.cells = {}
        self.coverage = coverage
        if coverage is None:
            self.coverage = dict(
                Coverage.objects.filter(level=territory.level, code=territory.code).values_list(
                    "year", "structures"
                )
            )

    def load(self, year):
        """The cells of `year`, and the totals of every year (for the trends)."""
        rows = (
            Aggregate.objects.filter(level=self.territory.level, code=self.territory.code)
            .filter(Q(year=year) | Q(dimension__in=REQUIRED))
            .values_list("year", "dimension", "category", "value", "suppressed")
        )
        for row_year, dimension, category, value, suppressed in rows:
            self.cells[(row_year, dimension, category)] = (value, suppressed)
        return self

    def get(self, year, dimension, category):
        """(value or None, hidden)."""
        value, hidden = self.cells.get((year, dimension, category), (None, False))
        return (None, True) if hidden else (value, False)

    def years(self):
        return sorted(self.coverage)


def coverage_text(territory, reporting):
    from directory.models import FacilitatorStructure

    known = FacilitatorStructure.objects.public()
    if territory.level == Level.REGION:
        known = known.filter(department__region__code=territory.code)
    total = known.count()
    ratio = f" ({share(reporting, total)})" if total else ""
    return (
        f"{reporting} structure{'s' if reporting > 1 else ''} porteuse{'s' if reporting > 1 else ''} "
        f"de facilitateurs sur {total} recensée{'s' if total > 1 else ''} dans l'annuaire{ratio}"
    )


SOURCES_APART = (
    "La série nationale saisie couvre l'ensemble des structures porteuses de facilitateurs ; la "
    "base ne compte que celles qui ont déposé leur bilan. Un écart entre les deux sources ne se "
    "lit donc pas comme une évolution."
)


def bar_label(year, source, hand_series):
    """The year, and where a hand-entered series joins the base, which source the bar comes
    from: the two do not cover the same structures, so a drop between them is not a trend."""
    if not hand_series or not source:
        return str(year)
    if source.startswith("Base"):
        return f"{year} — base statistique"
    return f"{year} — série nationale saisie"


def trend_figure(figures, code, years, hand_series=None):
    dimension = DIMENSIONS[code]
    first = years[0]
    if hand_series:
        first = min(first, min(p.year for p in hand_series.points.all() if p.year))
    hand = {p.year: p for p in hand_series.points.all()} if hand_series else {}
    rows, bars = [], []
    for year in range(first, years[-1] + 1):
        value, hidden = figures.get(year, code, "total")
        source = f"Base statistique ({figures.coverage.get(year, 0)} structures)"
        if value is None and not hidden and year in hand:
            value, source = int(hand[year].value), hand[year].source or hand_series.source
        if year not in figures.coverage and year not in hand:
            source = ""
        rows.append(Cell(str(year), value, hidden, cells=[source]))
        text = (
            CONFIDENTIAL
            if hidden
            else (MISSING if value is None else unit_text(value, dimension.unit))
        )
        bars.append(Bar(bar_label(year, source, hand_series), value, text))
    hand_sources = list(
        dict.fromkeys(
            row.cells[0] for row in rows if row.cells[0] and not row.cells[0].startswith("Base")
        )
    )
    return Figure(
        dimension,
        f"{dimension.label} par année {figures.territory.in_name}",
        ["Source"],
        rows,
        svg=bar_chart(f"graphique-{code}", dimension.label, bars),
        note=SOURCES_APART if hand_sources else "",
        sources=[BASE_SOURCE, *(f"série saisie : {s}" for s in hand_sources)],
    )


def split_figure(figures, national_figures, code, year, links):
    dimension = DIMENSIONS[code]
    total_code, total_category = (
        (code, ENSEMBLE) if dimension.is_cohort else (dimension.total, "total")
    )
    total, total_hidden = figures.get(year, total_code, total_category)
    national_total = (
        national_figures.get(year, total_code, total_category)[0] if national_figures else None
    )
    rows, bars = [], []
    for category, label in dimension.categories:
        value, hidden = figures.get(year, code, category)
        extra = [share(value, total) if value is not None and not total_hidden else ""]
        if national_figures:
            national_value, national_hidden = national_figures.get(year, code, category)
            extra.append("s" if national_hidden else share(national_value or 0, national_total))
        rows.append(Cell(label, value, hidden, link=links.get(category, ""), cells=extra))
        text = (
            CONFIDENTIAL
            if hidden
            else (
                MISSING
                if value is None
                else " ".join(
                    filter(
                        None,
                        [unit_text(value, dimension.unit), f"({extra[0]})" if extra[0] else ""],
                    )
                )
            )
        )
        bars.append(Bar(label, value, text))
    if dimension.is_cohort:
        rows.append(
            Cell(
                "Ensemble des personnes suivies",
                total,
                total_hidden,
                cells=["100\u00a0%"] + (["100\u00a0%"] if national_figures else []),
            )
        )
    columns = ["Part"] + (["Part en France"] if national_figures else [])
    return Figure(
        dimension,
        f"{dimension.label} en {year} {figures.territory.in_name}",
        columns,
        rows,
        svg=bar_chart(f"graphique-{code}", f"{dimension.label} en {year}", bars),
    )


def cross_figure(figures, code, year):
    dimension = DIMENSIONS[code]
    row_dim, column_dim = (DIMENSIONS[c] for c in dimension.crosses)
    rows = []
    for row, row_label in row_dim.categories:
        cells = []
        for column, _ in column_dim.categories:
            value, hidden = figures.get(year, code, f"{row}+{column}")
            cells.append(Cell("", value, hidden).text)
        margin, margin_hidden = figures.get(year, row_dim.code, row)
        rows.append(Cell(row_label, margin, margin_hidden, cells=cells))
    columns = [label for _, label in column_dim.categories]
    return Figure(
        dimension,
        f"{dimension.label} en {year} {figures.territory.in_name}",
        columns,
        rows,
        cross=True,
        note="Lecture : chaque ligne se lit avec son total (dernière colonne).",
    )


def legal_links():
    """{category: URL of the guide's legal basis page} for the legal-basis categories."""
    from guides.models import LegalBasis

    links = {}
    for basis in LegalBasis.objects.public().order_by("sort_order", "title"):
        links.setdefault(basis.mechanism.replace("_", "-"), basis.get_absolute_url())
    return links


def hand_series_for(code):
    from resources.models import DataSeries

    slug = SAME_MEASURE.get(code)
    return (
        DataSeries.objects.public().filter(slug=slug).prefetch_related("points").first()
        if slug
        else None
    )


@dataclass
class Panorama:
    territory: Territory
    year: int | None
    years: list
    coverage: str
    sections: list  # [(anchor, title, [Figure])]
    departments: list = field(default_factory=list)
    rule: str = RULE_TEXT

    @property
    def figures(self):
        return [figure for _, _, figures in self.sections for figure in figures]


def build(territory, year=None):
    figures = Figures(territory)
    years = figures.years()
    if not years:
        return Panorama(territory, None, [], coverage_text(territory, 0), [])
    year = year if year in years else years[-1]
    figures.load(year)
    national_figures = None
    if territory.level != Level.NATIONAL:
        national_figures = Figures(national(), coverage={}).load(year)
    links = legal_links()
    sections = []
    for anchor, title, codes in SECTIONS:
        found = []
        for code in codes:
            found.append(figure_of(figures, national_figures, code, year, years, links))
        sections.append((anchor, title, found))
    for figure in (f for _, _, fs in sections for f in fs):
        figure.csv_url = reverse("statsbase_figure_csv", args=[territory.key, figure.slug])
    panorama = Panorama(
        territory, year, years, coverage_text(territory, figures.coverage[year]), sections
    )
    if territory.level == Level.REGION:
        panorama.departments = department_rows(territory, year)
    return panorama


def figure_of(figures, national_figures, code, year, years, links):
    dimension = DIMENSIONS[code]
    if dimension.is_total:
        hand = hand_series_for(code) if figures.territory.level == Level.NATIONAL else None
        return trend_figure(figures, code, years, hand)
    if dimension.is_cross:
        return cross_figure(figures, code, year)
    return split_figure(
        figures, national_figures, code, year, links if "base_juridique" in code else {}
    )


def department_rows(territory, year):
    """[(département, structures, hours Cell)] of the region, for the chosen year."""
    from directory.models import Department

    departments = Department.objects.filter(region__code=territory.code).order_by("code")
    codes = [d.code for d in departments]
    coverage = dict(
        Coverage.objects.filter(level=Level.DEPARTMENT, code__in=codes, year=year).values_list(
            "code", "structures"
        )
    )
    hours = {
        code: (value, suppressed)
        for code, value, suppressed in Aggregate.objects.filter(
            level=Level.DEPARTMENT, code__in=codes, year=year, dimension="heures_total"
        ).values_list("code", "value", "suppressed")
    }
    rows = []
    for department in departments:
        value, hidden = hours.get(department.code, (None, False))
        rows.append(
            (
                department,
                coverage.get(department.code, 0),
                Cell("", None if hidden else value, hidden),
            )
        )
    return rows


def national_section(request):
    """The national panorama on /ressources/statistiques/ (registered with resources)."""
    from directory.models import Region

    panorama = build(national(), year_param(request))
    return {
        "template": "statsbase/includes/national_section.html",
        "panorama": panorama,
        "regions": [(region, region_key(region)) for region in Region.objects.order_by("name")],
    }


def year_param(request):
    text = request.GET.get("annee", "")
    return int(text) if text.isdigit() and len(text) == 4 else None

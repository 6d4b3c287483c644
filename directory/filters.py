"""The directory's filters (not the site search): text, facets with counts per value, sort.
Shared by the page and the exports (a filtered export gives exactly the rows of the same
query). Built on `core.filters`: the text filter ignores accents and case."""

import hashlib
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, CharField, Expression, Func, Q
from django.db.models.expressions import Col
from django.db.models.lookups import Contains

from core.cache import content_generation
from core.filters import Facet, Filters, TextFilter, listing_words
from core.memo import per_generation
from core.models import Sector
from core.text import clean_query, fold_for_match
from core.vocabulary import SUBKIND_LABELS, OrganisationKind

from . import counting, coverage, geography, narrow
from .models import Commune, Department, InclusiveEmployer, Organisation, Region

FACET_CACHE_SECONDS = 600

# Sorts the name's index gives, in either direction (narrow.Walk).
WALKED_SORTS = {"nom", "-nom"}
SORTS = {
    "nom": ("name", "id"),
    "-nom": ("-name", "-id"),
    "departement": ("department__code", "name", "id"),
    "recent": ("-updated_at", "id"),
}
SORT_LABELS = {
    "nom": "Nom (A → Z)",
    "-nom": "Nom (Z → A)",
    "departement": "Département",
    "recent": "Mise à jour la plus récente",
}


class DirectoryFold(Func):
    """`directory_fold(...)`: PostgreSQL's folded text, as indexed by migrations/0005."""

    function = "directory_fold"
    output_field = CharField()


class OrganisationText(Col):
    """`<organisation table>.text_folded`: the folded name and presentation, a column that
    PostgreSQL keeps itself and that the trigram index of migrations/0005 covers."""

    def __init__(self):
        field = Organisation._meta.get_field("name")
        super().__init__(Organisation._meta.db_table, field, CharField())

    def resolve_expression(self, query=None, *args, **kwargs):
        # The table's alias in this query (it may be renamed inside a subquery).
        self.alias = query.get_initial_alias() if query is not None else self.alias
        return self

    def relabeled_clone(self, relabels):
        # Inside a subquery the table is renamed (U0…): follow it.
        clone = self.copy()
        clone.alias = relabels.get(self.alias, self.alias)
        return clone

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(self.alias)}.text_folded", []


class OrganisationWords(Expression):
    """`<organisation table>.text_words @@ '(a | b) & (c | d)'`: the rows holding, for each group
    of whole words, one of them; answered by the GIN index of migrations/0006 without reading
    any text. Several query words in one tsquery: one scan of the index, not one per word."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, *groups):
        super().__init__()
        self.groups = tuple(tuple(words) for words in groups)
        self.alias = Organisation._meta.db_table

    def resolve_expression(self, query=None, *args, **kwargs):
        found = self.copy()
        found.alias = query.get_initial_alias() if query is not None else self.alias
        return found

    def as_sql(self, compiler, connection):
        tsquery = " & ".join(
            "(" + " | ".join(quoted_lexeme(word) for word in words) + ")" for words in self.groups
        )
        return f"{compiler.quote_name_unless_alias(self.alias)}.text_words @@ %s::tsquery", [
            tsquery
        ]


def quoted_lexeme(word):
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


class EntryTextContains(OrganisationWords):
    """`(SELECT text_folded FROM <organisation> WHERE id = <entry>.id) LIKE '%<folded>%'`: an
    entry's folded text holds `folded`, read from its organisation row by row. A scalar
    subquery, which PostgreSQL cannot turn into a scan of every organisation (as it does an
    EXISTS or an IN): only the entries that its other conditions leave are read."""

    def __init__(self, folded):
        super().__init__()
        self.folded = folded

    def as_sql(self, compiler, connection):
        entry = compiler.quote_name_unless_alias(self.alias)
        pattern = "%" + connection.ops.prep_for_like_query(self.folded) + "%"
        return (
            f"(SELECT o.text_folded FROM {Organisation._meta.db_table} o "  # noqa: S608 - the model's table
            f"WHERE o.id = {entry}.id) LIKE %s",
            [pattern],
        )


# A query word of letters and digits only is looked for among the indexed words (0006).
PLAIN_WORD = re.compile(r"[a-z0-9]+")
# More indexed words than this holding the query word (one or two letters): the trigram path.
MAX_INDEXED_WORDS = 500


class DirectoryText(TextFilter):
    """The directory's text filter. On PostgreSQL each word is looked for through indexes: in the
    organisation's name and presentation (a plain word through the whole-word index, other words
    through the trigram one), and among the names of communes and départements, resolved first
    to their ids (a join in the condition would read every row). The same condition is written
    on the narrow entries for the page and its counts (`entry_condition`, narrow.py). Elsewhere,
    `core.filters.TextFilter` as is. All find the same rows."""

    def condition(self, value):
        if connection.vendor != "postgresql":
            return super().condition(value)
        return self.words_condition(value)

    def entry_condition(self, value):
        """The same condition on the narrow entries (narrow.py, PostgreSQL only)."""
        return self.words_condition(value, on_entries=True)

    def words_condition(self, value, on_entries=False):
        return parts_condition(self.words_parts(value, on_entries))

    def words_parts(self, value, on_entries=False):
        """A `WordPart` for each word of the query."""
        return [self.word_part(word, on_entries) for word in listing_words(value)]

    def word_part(self, word, on_entries=False):
        folded = fold_for_match(word)
        found = word_lookups(word)
        columns = {"department_id": found.departments} if found.departments else {}
        for name, choices in self.choice_fields.items():
            codes = [code for code, label in choices if folded in fold_for_match(str(label))]
            if codes:
                columns[name] = tuple(codes)
        if found.words and not (columns or found.communes or found.employers):
            return WordPart({}, Q(OrganisationWords(found.words)), found.words)
        if found.words is None:
            text = Q(Contains(OrganisationText(), folded))
            if on_entries:
                text = entry_text_condition(folded, text)
        else:
            text = Q(OrganisationWords(found.words)) if found.words else Q(pk__in=[])
        # The text last: on the entries, its check may read the organisation (see below).
        return WordPart(
            columns, Q(commune_id__in=found.communes) | Q(pk__in=found.employers) | text
        )


@dataclass(frozen=True)
class WordPart:
    """Where a query word is found: `columns` {column: values}, the rows whose own columns hold
    it (its type or category label, its département); `text`, a Q on the rest (its text, its
    commune, its SIRET). A row matches the word when one holds. `words`: the indexed words
    holding it when they are all there is to look at (no column, commune or SIRET)."""

    columns: dict
    text: Q
    words: tuple = ()


def parts_condition(parts):
    """A Q: every word matches, in its columns or its text. The words looked for only among the
    indexed words share one tsquery."""
    condition = Q()
    groups = []
    for part in parts:
        if part.words:
            groups.append(part.words)
        else:
            condition &= columns_condition(part.columns) | part.text
    if groups:
        condition &= Q(OrganisationWords(*groups))
    return condition


def columns_condition(columns):
    """A Q: one of `columns` ({column: values}) holds one of its values (none: nothing)."""
    condition = Q(pk__in=[])
    for name, values in columns.items():
        condition |= Q(**{f"{name}__in": values})
    return condition


def entry_text_condition(folded, contains):
    """A word that is not a plain word ("d'insertion", "velo-ecole"), on the entries: its most
    telling run of letters and digits (the one the fewest indexed words hold: "insertion",
    not "d") is inside one of the entry's whole words, which the GIN index answers, and only
    those entries are checked on their organisation's folded text, one by one. When no run
    can be looked up (too common), the organisations' trigram index answers (`contains`)."""
    runs = [words for words in run_words(folded) if words is not None]
    if not runs:
        return Q(pk__in=Organisation.objects.filter(contains).values("pk"))
    words = min(runs, key=len)
    if not words:
        return Q(pk__in=[])
    return Q(OrganisationWords(words)) & Q(EntryTextContains(folded))


def run_words(folded):
    """The indexed words holding each run of letters and digits of `folded`, until content
    changes."""
    runs = tuple(PLAIN_WORD.findall(folded))
    return until_content_changes("runs", runs, lambda: tuple(indexed_words(run) for run in runs))


@dataclass(frozen=True)
class WordLookups:
    """What a query word finds besides the organisations' own text, and the indexed words
    holding it (None: look in the text itself)."""

    communes: tuple
    departments: tuple
    employers: tuple
    words: tuple | None


def until_content_changes(name, arguments, compute):
    """`compute()`, kept in the shared cache for `name` and `arguments` until content changes
    (core.cache's content generation, which any save, publish or import moves on): every
    process and worker reads the same value, and the first request pays for all."""
    digest = hashlib.sha256(repr((content_generation(), arguments)).encode()).hexdigest()
    key = f"directory-{name}:{digest}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, FACET_CACHE_SECONDS)
    return found


def word_lookups(word):
    """A query word's `WordLookups`, until content changes."""
    return until_content_changes("word", word, lambda: _word_lookups(word))


def _word_lookups(word):
    folded = fold_for_match(word)
    communes = Commune.objects.filter(Contains(DirectoryFold("name"), folded))
    departments = Department.objects.filter(Contains(DirectoryFold("name"), folded))
    employers = InclusiveEmployer.objects.filter(siret=word)
    return WordLookups(
        tuple(communes.values_list("pk", flat=True)),
        tuple(departments.values_list("pk", flat=True)),
        tuple(employers.values_list("pk", flat=True)),
        indexed_words(folded),
    )


def indexed_words(folded):
    """The indexed words (migrations/0006) holding `folded`, or None when it is not a plain word
    or too many hold it."""
    if not PLAIN_WORD.fullmatch(folded):
        return None
    pattern = "%" + folded + "%"  # letters and digits: nothing to escape in LIKE
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM directory_word WHERE word LIKE %s LIMIT %s",
            [pattern, MAX_INDEXED_WORDS + 1],
        )
        words = tuple(sorted(row[0] for row in cursor.fetchall()))
    return None if len(words) > MAX_INDEXED_WORDS else words


TEXT = DirectoryText(
    fields=("name", "description", "commune__name", "department__name"),
    exact_fields=("inclusiveemployer__siret",),
    choice_fields={"kind": OrganisationKind.choices, "subkind": list(SUBKIND_LABELS.items())},
)
SECTOR_LOOKUP = "inclusiveemployer__activities__sector__slug"


# The facets' choices, read once per content generation (three queries a page otherwise).
@per_generation
def _departments():
    return [
        (code, f"{code} — {name}")
        for code, name in Department.objects.order_by("code").values_list("code", "name")
    ]


@per_generation
def _sectors():
    return list(Sector.objects.order_by("name").values_list("slug", "name"))


@per_generation
def _regions():
    return list(Region.objects.order_by("name").values_list("code", "name"))


def _facets():
    return [
        Facet(
            "type",
            "Type d'organisation",
            "kind",
            OrganisationKind.choices,
            unknown="Type d'organisation inconnu : le filtre est ignoré.",
            show_empty=True,
        ),
        Facet(
            "categorie",
            "Catégorie",
            "subkind",
            list(SUBKIND_LABELS.items()),
            unknown="Catégorie inconnue : le filtre est ignoré.",
        ),
        Facet(
            "secteur",
            "Secteur d'activité",
            SECTOR_LOOKUP,
            _sectors,
            show_empty=True,
        ),
        Facet(
            "region",
            "Région",
            "department__region__code",
            _regions,
            normalise=str.upper,
            show_empty=True,
        ),
        Facet(
            "departement",
            "Département",
            "department__code",
            _departments,
            unknown="Département inconnu : indiquez un code officiel (par exemple 01, 2A ou 974).",
            normalise=geography.normalise_department_code,
            show_empty=True,
        ),
    ]


# Facets on the organisation's own columns (and its département's region), counted together.
COLUMN_FACETS = {
    "type": "kind",
    "categorie": "subkind",
    "region": "department__region__code",
    "departement": "department__code",
}  # in the order of counting.grouped_counts' groups


class DirectoryFilters(Filters):
    """Filters whose facets are counted in one statement rather than one query each
    (`counting.grouped_counts`): the rows matching the text, grouped by type, category and
    département, are summed in Python for each column facet with the other facets' choices
    applied, and counted by sector with the column facets applied (the same counts as
    `Filters.counts`, one pass over the matches instead of five). The total comes with it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._groups = None
        self._sectors = None
        # The narrow entries to count instead of the queryset given (narrow.published), if set,
        # and their whole cells (narrow.whole_cells) when they are all the published ones.
        self.entries = None
        self.cells = None

    def _count(self, queryset):
        if self._groups is None:
            chosen = {name: self.values[name] for name in COLUMN_FACETS if self.values[name]}
            text = self.values[self.text.name] if self.text is not None else ""
            if self.cells is not None:
                groups, self._sectors = self._count_cells(text, chosen)
            elif self.entries is not None:
                queryset = self.entries
                if text:
                    queryset = queryset.filter(self.text.entry_condition(text))
                groups, self._sectors = narrow.grouped_counts(queryset, self["secteur"], chosen)
            else:
                if text:
                    queryset = queryset.filter(self.text.condition(text))
                groups, self._sectors = counting.grouped_counts(queryset, self["secteur"], chosen)
            self._groups = column_counts(groups, [self.values[name] for name in COLUMN_FACETS])

    def _count_cells(self, text, chosen):
        """The counts of the whole cells (narrow.cell_counts) plus those of the other matching
        entries, counted row by row (narrow.rest_condition)."""
        parts = self.text.words_parts(text, on_entries=True) if text else []
        groups, sectors = narrow.cell_counts(self.cells, parts, self["secteur"], chosen)
        matching = parts_condition(narrow.rest_parts(parts))
        rest = narrow.rest_condition(parts, matching, columns_condition)
        if rest is not None:
            more, more_sectors = narrow.grouped_counts(
                self.entries.filter(rest), self["secteur"], chosen
            )
            groups += more
            for slug, number in more_sectors.items():
                sectors[slug] = sectors.get(slug, 0) + number
        return groups, sectors

    def counts(self, queryset, facet):
        self._count(queryset)
        if facet.name == "secteur":
            return self._sectors
        return self._groups[0][facet.name]

    def total(self, queryset):
        """How many rows every filter selects."""
        self._count(queryset)
        return self._groups[1]


def column_counts(groups, chosen):
    """({column facet: {value: number}}, total) in one pass over `groups` [(kind, subkind, region,
    département, number)], `chosen` the chosen value of each column facet ("" for none): a
    facet counts the rows that every other chosen facet keeps (`Filters.counts`), the total
    those that all keep."""
    counts = {name: {} for name in COLUMN_FACETS}
    total = 0
    for *values, number in groups:
        values = [str(value) for value in values]
        missed = [i for i, value in enumerate(chosen) if value and values[i] != value]
        if len(missed) > 1:
            continue  # two chosen facets leave it out: no facet counts it
        if not missed:
            total += number
        for i, name in enumerate(COLUMN_FACETS):
            if not missed or missed[0] == i:
                by_value = counts[name]
                by_value[values[i]] = by_value.get(values[i], 0) + number
    return counts, total


# `intervient=<département>`: employers with an activity reaching the département (in the
# chosen sector when there is one), the query the lever tool counts with.
WORKS_IN = "intervient"


@dataclass
class DirectoryQuery:
    filters: Filters
    sort: str = "nom"
    works_in: object = None  # a Department, from `intervient`

    @classmethod
    def from_params(cls, params):
        sort = clean_query(str(params.get("tri") or ""), 20)
        query = cls(DirectoryFilters(params, _facets(), TEXT), sort if sort in SORTS else "nom")
        raw = clean_query(str(params.get(WORKS_IN) or ""), 5)
        if raw:
            code = geography.normalise_department_code(raw)
            query.works_in = Department.objects.filter(code=code).first() if code else None
            if query.works_in is None:
                query.filters.errors.append(
                    "Département d'intervention inconnu : le filtre est ignoré."
                )
        return query

    q = property(lambda self: self.filters["q"])
    kind = property(lambda self: self.filters["type"])
    subkind = property(lambda self: self.filters["categorie"])
    sector = property(lambda self: self.filters["secteur"])
    region = property(lambda self: self.filters["region"])
    department = property(lambda self: self.filters["departement"])
    errors = property(lambda self: self.filters.errors)

    def as_params(self):
        params = self.filters.selected
        if self.works_in is not None:
            params[WORKS_IN] = self.works_in.code
        if self.sort != "nom":
            params["tri"] = self.sort
        return params


def serving(query):
    """The employers serving the `intervient` département (in the chosen sector), or None."""
    if query is None or query.works_in is None:
        return None
    sector = Sector.objects.filter(slug=query.sector).first() if query.sector else None
    return coverage.employers_serving(query.works_in, sector)


def base_queryset(query=None):
    queryset = Organisation.objects.public()
    employers = serving(query)
    return queryset if employers is None else queryset.filter(pk__in=employers.values("pk"))


def results(query, total=None):
    """The organisations the query selects, sorted; `total`, their number when already counted,
    lets PostgreSQL choose how to sort (see `ordering`)."""
    queryset = query.filters.apply(base_queryset(query))
    if query.sector:
        queryset = queryset.distinct()  # one row per organisation across its activities
    queryset = queryset.select_related("department__region", "commune")
    return queryset.order_by(*ordering(query, total))


def page_results(query, total):
    """What the directory page lists, sliced by its paginator: on PostgreSQL the sorted narrow
    entries give the ids of the page shown and only those organisations are read
    (narrow.Results); elsewhere, or sorted by date, `results`."""
    if not narrow.in_use() or query.sort not in narrow.SORTS:
        return results(query, total)
    entries = narrow.matching(query.filters, serving(query))
    fields = entry_fields(ordering(query, total))
    plain = entry_fields(SORTS[query.sort])
    walk = None
    if query.sort in WALKED_SORTS and fields != plain:  # the matches sorted, not walked
        walk = narrow.Walk(plain, entries_count())
    return narrow.Results(entries.order_by(*fields), total, walk)


def entry_fields(fields):
    return [narrow.ENTRY_SORT_FIELDS.get(field, field) for field in fields]


class Unindexed(Func):
    """`(name || '')`: the same order, which the name's index cannot give."""

    template = "(%(expressions)s || '')"
    output_field = CharField()


def ordering(query, total=None):
    """The sort's fields. With a text filter on PostgreSQL, the name is sorted as an expression:
    otherwise the planner walks the name index, in name order, through every entry until it
    has a page of matches (a quarter of a second for a word whose names sort last), where the
    indexes find the matches at once and sorting them is cheap. When the query is known to
    match a quarter of the entries or more (`total`), the walk finds a page within a few rows
    whatever the names, and sorting them all would cost more."""
    fields = SORTS[query.sort]
    if not query.q or connection.vendor != "postgresql":
        return fields
    if total is not None and total * 4 >= entries_count():
        return fields
    return [
        Unindexed(field.lstrip("-")).desc()
        if field == "-name"
        else Unindexed(field).asc()
        if field == "name"
        else field
        for field in fields
    ]


def entries_count():
    """How many entries the directory lists, remembered until content changes."""
    return until_content_changes("entries", (), lambda: base_queryset().count())


def facets_and_total(query):
    """(facets, number of results), remembered until content changes (core.cache's content
    generation, which any save, publish or import moves on): an unfiltered directory page
    counts every entry five ways."""
    return until_content_changes(
        "facets",
        sorted(query.as_params().items()),
        lambda: (facets(query), query.filters.total(base_queryset(query))),
    )


def facets(query):
    """{parameter: FacetView}: each filter's values with the number of results if chosen."""
    if narrow.in_use():
        employers = serving(query)
        query.filters.entries = narrow.published(employers)
        if employers is None:
            query.filters.cells = until_content_changes("cells", (), narrow.whole_cells)
    views = {view.name: view for view in query.filters.facet_views(base_queryset(query))}
    if query.region:
        # Only the départements of the chosen region are offered.
        codes = set(
            Department.objects.filter(region__code=query.region).values_list("code", flat=True)
        )
        departments = views["departement"]
        departments.options = [o for o in departments.options if o["value"] in codes]
    return views

"""Wagtail's SQLite search backend, made to answer in milliseconds, with French word forms.

Wagtail's SQLite backend (modelsearch) scores each match with a correlated subquery on the
full-text table: its time grows with the square of the number of matches (seconds for a
frequent word at 10 000 directory entries). Here a ranked search is one FTS5 query ordered by
FTS5's own bm25 (title weighted above the body), restricted to the queryset's rows (its filters:
published, live, public…) and bounded to `RANK_LIMIT` candidates; the rows are then fetched by
primary key, best first.

SQLite's tokenizer folds accents but does not stem: each word of at least five letters is
matched from its French stem as a prefix ("pénalités" -> penalit*, "réservés" -> reserv*), so that
singular and plural, masculine and feminine forms meet as they do on PostgreSQL and OpenSearch.
French stop words are dropped ("marché de travaux" does not require "de").

Unranked searches, searches on explicit fields, phrases and fuzzy queries stay Wagtail's.
Autocomplete uses the same path on the `autocomplete` column, its last word as a prefix.
"""

import re
from functools import partial

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, Func, IntegerField, Lookup, Q
from django.db.models.expressions import RawSQL
from django.db.models.fields import FloatField
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.query import And, Boost, Or, PlainText

from core.text import STOP_WORDS, fold_for_match
from core.wagtail_private import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from search.objects import hit_objects

FTS = SQLiteFTSIndexEntry._meta.db_table
ENTRY = SQLiteFTSIndexEntry._meta.get_field("index_entry").remote_field.model._meta.db_table
RANK_LIMIT = 500
MIN_STEM_WORD = 5  # shorter words are matched as typed: "EA" must not find "eau"
# bm25 weights of the FTS5 columns (autocomplete, body, title): a word in the title counts more.
COLUMN_WEIGHTS = (0.0, 1.0, 4.0)
# French endings stripped before the prefix match, longest first.
ENDINGS = ("ements", "ement", "ations", "ation", "ees", "ee", "es", "e", "s", "x")


def stem(word):
    """A light French stem: 'penalites' -> 'penalit', 'reservee' -> 'reserv'."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def words(text):
    """The query's words as the index holds them: folded, without French stop words."""
    found = [word for word in re.findall(r"\w+", fold_for_match(text)) if word not in STOP_WORDS]
    return found or re.findall(r"\w+", fold_for_match(text))


def lexeme(word, prefix=False):
    if len(word) >= MIN_STEM_WORD:
        return f'"{stem(word)}"*'
    return f'"{word}"*' if prefix else f'"{word}"'


def match_string(query, last_is_prefix=False):
    """The FTS5 MATCH expression of a query, or None when this module does not handle it."""
    if isinstance(query, Boost):
        return match_string(query.subquery, last_is_prefix)
    if isinstance(query, PlainText):
        terms = words(query.query_string)
        if not terms:
            return None
        lexemes = [lexeme(word) for word in terms[:-1]]
        lexemes.append(lexeme(terms[-1], prefix=last_is_prefix))
        joiner = " AND " if query.operator.lower() == "and" else " OR "
        # Once each: "heures d'insertion" and its singular variant share their stems.
        return "(" + joiner.join(dict.fromkeys(lexemes)) + ")"
    if isinstance(query, (And, Or)):
        parts = [match_string(subquery, last_is_prefix) for subquery in query.subqueries]
        if not parts or None in parts:
            return None
        if len(set(parts)) == 1:
            return parts[0]
        return (
            "(" + (" AND " if isinstance(query, And) else " OR ").join(dict.fromkeys(parts)) + ")"
        )
    return None


class Match(Lookup):
    """`<fts table> MATCH '{columns} : (expression)'`, the expression passed as a parameter."""

    lookup_name = "fts_match"

    def __init__(self, columns, expression):
        self.columns, self.expression = columns, expression
        super().__init__(None, None)

    @staticmethod
    def expression_for(columns, expression):
        return f"{{{' '.join(columns)}}} : ({expression})"

    def as_sql(self, compiler, connection):
        table = SQLiteFTSIndexEntry._meta.db_table
        return f"{table} MATCH %s", [self.expression_for(self.columns, self.expression)]


def integer_key(model):
    """Whether the model's key (its parent's, for a child model) is a whole number."""
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    return isinstance(field, IntegerField)  # AutoField and BigAutoField too


class WeightedBM25(Func):
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        return BM25, []


BM25 = f"bm25({FTS}, {', '.join(str(weight) for weight in COLUMN_WEIGHTS)})"


class FastRankingMixin:
    COLUMNS = ["title", "body"]
    LAST_IS_PREFIX = False

    def ranked_matches(self, match, limit):
        """[(object id as text, bm25)] of the queryset's rows that match, best first."""
        if integer_key(self.queryset.model):
            return self.ranked_matches_sql(match, limit)
        entries = (
            SQLiteFTSIndexEntry.objects.filter(Match(self.COLUMNS, match))
            .filter(
                self.visible(),
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
            )
            .annotate(rank=WeightedBM25())
            .order_by("rank")
            .values_list("index_entry__object_id", "rank")
        )
        return list(entries[:limit]) if limit is not None else list(entries)

    def visible_sql(self, connection):
        """(SQL, params): the queryset's rows, correlated on the entry's key (SQLite reads each
        match's row by primary key, where `object_id IN (every visible key)` read every visible
        row first). Raises EmptyResultSet for a queryset that can hold nothing."""
        entry_key = RawSQL(f"CAST({ENTRY}.object_id AS integer)", ())  # noqa: S611 - a table name
        visible = self.queryset.order_by().filter(pk=entry_key)
        return visible.values("pk").query.get_compiler(connection=connection).as_sql()

    def content_types(self):
        return list(get_descendants_content_types_pks(self.queryset.model))

    def ranked_matches_sql(self, match, limit):
        """ranked_matches for a whole-number key, written as SQL: only the queryset's filters
        go through Django's compiler. Compiling the whole query (join, MATCH, EXISTS, bm25)
        took twice as long as SQLite took to answer it, for each source of every search."""
        connection = connections[self.queryset.db]
        try:
            visible_sql, visible_params = self.visible_sql(connection)
        except EmptyResultSet:  # a queryset that can hold nothing (`.none()`, `pk__in=[]`)
            return []
        content_types = self.content_types()
        # Table names, integers and compiled SQL only: the values stay in the parameters.
        sql = (
            f"SELECT {ENTRY}.object_id, {BM25} AS rank "  # noqa: S608
            f"FROM {FTS} INNER JOIN {ENTRY} ON {FTS}.rowid = {ENTRY}.id "
            f"WHERE {FTS} MATCH %s "
            f"AND {ENTRY}.content_type_id IN ({placeholders(content_types)}) "
            f"AND EXISTS ({visible_sql}) ORDER BY rank, {ENTRY}.id"
            + (f" LIMIT {int(limit)}" if limit is not None else "")
        )
        params = [Match.expression_for(self.COLUMNS, match), *content_types, *visible_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def visible(self):
        """The condition that an entry's object is in the queryset (its filters: published,
        live, public…), for a key that is not a whole number (ranked_matches_sql otherwise)."""
        visible = self.queryset.annotate(_text_pk=Cast("pk", CharField())).values("_text_pk")
        return Q(index_entry__object_id__in=visible)

    def fast_match(self):
        if self.fields is not None:
            return None
        return match_string(self.query, self.LAST_IS_PREFIX)

    def search(self, config, start, stop, score_field=None):
        match = self.fast_match()
        if match is None or not self.order_by_relevance:
            return super().search(config, start, stop, score_field=score_field)
        limit = max(RANK_LIMIT, stop) if stop is not None else None
        # Only the slice asked for is read from the queryset (the site search takes 200 of
        # the 500 ranked): reading every candidate row was half of a long query's time.
        return self.objects_by_rank(self.ranked_matches(match, limit)[start:stop], score_field)

    def objects_by_rank(self, ranked, score_field=None):
        """The queryset's objects of the (object id, bm25) rows `ranked`, in their order."""
        if not ranked:
            return []
        field = self.queryset.model._meta.pk
        order = {field.to_python(object_id): rank for rank, (object_id, _) in enumerate(ranked)}
        scores = {field.to_python(object_id): -score for object_id, score in ranked}
        objects = sorted(self.queryset.filter(pk__in=order), key=lambda obj: order[obj.pk])
        if score_field is not None:
            for obj in objects:
                setattr(obj, score_field, scores[obj.pk])
        return objects

    def shared_match(self, stop):
        """The MATCH expression of a bounded ranked search that can share its statement with
        other sources' (search_all); None otherwise."""
        if stop is None or not self.order_by_relevance or not integer_key(self.queryset.model):
            return None
        return self.fast_match()

    def count(self, config):
        match = self.fast_match()
        if match is None:
            return None
        return len(self.ranked_matches(match, None))


class FrenchSQLiteSearchQueryCompiler(FastRankingMixin, SQLiteSearchQueryCompiler):
    pass


class FrenchSQLiteAutocompleteQueryCompiler(FastRankingMixin, SQLiteAutocompleteQueryCompiler):
    COLUMNS = ["autocomplete"]
    LAST_IS_PREFIX = True


class FrenchSQLiteSearchResults(SQLiteSearchResults):
    def _do_count(self):
        count = self.query_compiler.count(self.query_compiler.get_config(self.backend))
        return count if count is not None else super()._do_count()

    @classmethod
    def fetch_all(cls, results):
        """Read the bounded slices among `results` (unread) that search the same words in one
        statement: the site search asks every source the same query, and each source's own
        statement read every match of every source (FTS5 matches the whole index) to keep its
        own, nine times over."""
        groups = {}
        for found in results:
            if found._results_cache is not None:
                continue
            compiler = found.query_compiler
            match = compiler.shared_match(found.stop)
            if match is not None:
                key = (match, tuple(compiler.COLUMNS), compiler.queryset.db)
                groups.setdefault(key, []).append(found)
        for (match, columns, database), group in groups.items():
            if len(group) > 1:
                search_all(group, Match.expression_for(columns, match), connections[database])


class FrenchSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = FrenchSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchSQLiteAutocompleteQueryCompiler
    results_class = FrenchSQLiteSearchResults


def search_all(group, expression, connection):
    """Fill in each search of `group` (same MATCH expression) from one statement: every match
    read once, given to the source its content type belongs to if that source's queryset shows
    it, the best `stop` of each source kept (same order as each source's own statement)."""
    sources, branches, params, limits = [], [], [], []
    for found in group:
        compiler = found.query_compiler
        try:
            visible_sql, visible_params = compiler.visible_sql(connection)
        except EmptyResultSet:  # a queryset that can hold nothing
            found._results_cache = []
            continue
        content_types = compiler.content_types()
        if any(set(content_types) & set(other) for _found, other in sources):
            return  # sources that share content types are asked one by one
        # Integers and compiled SQL only: the values stay in the parameters.
        branches.append(
            f"WHEN {ENTRY}.content_type_id IN ({placeholders(content_types)}) "
            f"AND EXISTS ({visible_sql}) THEN {len(sources)}"
        )
        params += [*content_types, *visible_params]
        limits.append(f"WHEN {len(sources)} THEN {int(found.stop)}")
        sources.append((found, content_types))
    if not sources:
        return
    every_type = [pk for _found, content_types in sources for pk in content_types]
    sql = (
        "SELECT ranked.source, ranked.object_id, ranked.rank FROM ("  # noqa: S608
        "SELECT matches.*, row_number() OVER ("
        "PARTITION BY matches.source ORDER BY matches.rank, matches.entry) AS position FROM ("
        f"SELECT CASE {' '.join(branches)} END AS source, {ENTRY}.object_id AS object_id, "
        f"{BM25} AS rank, {ENTRY}.id AS entry "
        f"FROM {FTS} INNER JOIN {ENTRY} ON {FTS}.rowid = {ENTRY}.id WHERE {FTS} MATCH %s "
        f"AND {ENTRY}.content_type_id IN ({placeholders(every_type)})"
        ") AS matches WHERE matches.source IS NOT NULL) AS ranked "
        f"WHERE ranked.position <= CASE ranked.source {' '.join(limits)} END "
        "ORDER BY ranked.source, ranked.position"
    )
    rows = {number: [] for number in range(len(sources))}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, expression, *every_type])
        for number, object_id, rank in cursor.fetchall():
            rows[number].append((object_id, rank))
    for number, (found, _content_types) in enumerate(sources):
        ranked = rows[number][found.start : found.stop]
        found._results_cache = hit_objects(
            found,
            [object_id for object_id, _rank in ranked],
            partial(found.query_compiler.objects_by_rank, ranked, found._score_field),
        )


def placeholders(values):
    return ", ".join(["%s"] * len(values))


SearchBackend = FrenchSQLiteSearchBackend

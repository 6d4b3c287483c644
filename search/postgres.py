"""Wagtail's PostgreSQL search backend, made to answer in milliseconds on a large index.

Wagtail's database backend (modelsearch) joins each searched row to its index entry on
`object_id = id::varchar`, matches `title || body` (which neither GIN index of the table serves)
and ranks every match: with 100 000 directory employers, a search read the whole index table and
ranked tens of thousands of rows. Building that query through Django's compiler also took longer
than PostgreSQL took to answer it. Here a ranked search is one SQL statement, written in this
module around the few expressions Django compiles (the key, the rank, the tsquery, the
queryset's filters), in two steps:

1. Candidates, from the index entries of the queryset's model (and its subclasses) only, found
   through the GIN indexes of search/migrations/0002: first the entries whose heading (title
   fields and boosted fields: a page's title, an employer's name) matches the query, then the
   other entries that match it. The queryset's filters (published, live, public…) apply there,
   before the bound: at most `RANK_LIMIT` visible candidates (a backend option, 500 by default,
   or the end of the requested slice if larger; four per requested hit for short slices, at
   least 200) are ranked, with Wagtail's own rank expression.
   A source whose entries all fit in the bound skips the tiers: all its matches are ranked.
2. The best-ranked candidates, as many as the slice asks for, are ordered best first (same rank,
   same tie-break as Wagtail), then fetched from the queryset by primary key.

Whenever the matches fit in the bound, results, order and scores are exactly Wagtail's. Beyond
it, heading matches come first and other matches fill the rest of the bound. The bound only
applies to sliced results ordered by relevance (the site search takes 200 per source): an
unsliced search, `count()` and facets still see every match. Operators ("and"/"or"), phrases,
`annotate_score()` and autocomplete (on the `autocomplete` vector) work as in Wagtail; fuzzy
searches and searches on explicit `fields` are left to Wagtail's code.

Indexing writes the same rows as Wagtail's backend, a few times faster (FrenchPostgresIndex).
"""

import re
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.models import Case, F, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from core.memo import per_generation
from core.wagtail_private import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
    apply_ordering_and_scoring,
    build_rank_expression,
    refresh_title_norms,
)
from search.objects import filters_key, hit_objects

DEFAULT_RANK_LIMIT = 500
ENTRY = IndexEntry._meta.db_table
# Weights of the boosted fields (the least boosted and unboosted fields get "D"): with the title
# fields, an entry's "heading". Must match the expression indexed by search/migrations/0002.
HEADING_WEIGHTS = "{a,b,c}"


# What entries are matched on, as indexed by search/migrations/0002: the whole entry, and its
# heading (the title and the boosted fields).
DOCUMENT = f"({ENTRY}.title || {ENTRY}.body)"
HEADING = f"({ENTRY}.title || ts_filter({ENTRY}.body, '{HEADING_WEIGHTS}'::\"char\"[]))"
AUTOCOMPLETE = f"{ENTRY}.autocomplete"


def concrete_pk(model):
    """The column an index entry's `object_id` holds, as a field (a child model's parent link
    resolves to the parent's primary key)."""
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    return field


class BoundedRankingMixin:
    """Candidates from the index (GIN), filtered by the queryset, then a bounded ranking."""

    def get_entry_vectors(self):
        """(vector, boost) on the index entry itself, as get_index_vectors() via the relation."""
        raise NotImplementedError

    MATCHED = DOCUMENT  # the vector an entry matches the query on

    def candidate_tiers(self):
        """Disjoint conditions on index entries, best first, that together select the matches:
        each a list of (vector, whether it matches the query)."""
        return [[(self.MATCHED, True)]]

    def handled(self):
        """Whether this class answers the search (else Wagtail's own code does)."""
        return not (
            self.fields is not None
            or isinstance(self.query, (MatchAll, Fuzzy))
            or (isinstance(self.query, Not) and isinstance(self.query.subquery, MatchAll))
        )

    def search(self, config, start, stop, score_field=None, backend=None):
        search_query = self.build_tsquery(self.query, config=config) if self.handled() else None
        if search_query is None:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        if self.order_by_relevance and stop is not None:
            sql, params = self.ranked_sql(search_query, config, rank_limit(backend, stop), stop)
            sql = f"SELECT ranked.pk FROM ({sql}) AS ranked"  # noqa: S608
        else:
            sql, params = self.matching_sql(search_query, config)
        # Compiled SQL; the values stay in `params`.
        candidates = RawSQL(sql, params, output_field=concrete_pk(self.queryset.model))  # noqa: S611
        queryset = self.queryset.filter(pk__in=candidates)
        rank_expression = build_rank_expression(self, self.get_index_vectors(search_query), config)
        return apply_ordering_and_scoring(self, queryset, rank_expression, start, stop, score_field)

    def ranked_plan(self, config, stop, backend=None):
        """(SQL, params) of the keys and ranks of a slice ordered by relevance, best first; None
        when the search is not one (Wagtail's queryset then answers)."""
        if not (self.order_by_relevance and stop is not None and self.handled()):
            return None
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            return None
        return self.ranked_sql(search_query, config, rank_limit(backend, stop), stop)

    def ranked_objects(self, config, start, stop, score_field=None, backend=None):
        """The slice of a search ordered by relevance, as a list, best first; None when it is
        not one (Wagtail's queryset then answers).

        The keys and ranks come from one SQL statement written here, and the objects from the
        queryset by key: building the same search as a Django queryset (the rank expression
        compiled twice, the ordering through the index relation) took longer than PostgreSQL
        took to answer it, for each source of every search."""
        plan = self.ranked_plan(config, stop, backend)
        if plan is None:
            return None
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(*plan)
            return self.objects_by_rank(cursor.fetchall()[start:stop], score_field)

    def objects_by_rank(self, ranked, score_field=None):
        """The queryset's objects of the (key, rank) rows `ranked`, in their order."""
        if not ranked:
            return []
        order = {key: position for position, (key, _rank) in enumerate(ranked)}
        objects = sorted(self.queryset.filter(pk__in=order), key=lambda obj: order[obj.pk])
        if score_field is not None:
            ranks = dict(ranked)
            for obj in objects:
                setattr(obj, score_field, ranks[obj.pk])
        return objects

    def content_types(self):
        return list(get_descendants_content_types_pks(self.queryset.model))

    def entries_exceed(self, limit):
        """Whether the queryset's model (and its subclasses) has more than `limit` entries."""
        counts = entry_counts(self.queryset.db, limit + 1)
        return sum(counts.get(content_type, 0) for content_type in self.content_types()) > limit

    def entry_key(self):
        # object_id is text; cast to the key's type to reach rows through their primary key
        # index. The CASE keeps the cast off other models' entries, whose ids may not be numbers.
        return Case(
            When(
                content_type_id__in=self.content_types(),
                then=Cast("object_id", output_field=concrete_pk(self.queryset.model)),
            )
        )

    def sql_parts(self, search_query, config):
        """{name: (SQL, params)}: an entry's object key, its rank, the query as a tsquery and the
        condition that an entry is one of the queryset's visible rows. Only these expressions
        are compiled by Django; the statements around them are written here."""
        connection = connections[self.queryset.db]

        def compiled(expression):
            entries = IndexEntry._default_manager.using(self.queryset.db).all().query
            compiler = entries.get_compiler(connection=connection)
            return compiler.compile(expression.resolve_expression(entries))

        content_types = self.content_types()
        parts = {
            "key": remembered(
                ("key", self.queryset.db, self.queryset.model, *content_types),
                lambda: compiled(self.entry_key()),
            ),
            # The same for every source a search asks: compiled once, not once per source.
            **remembered(
                (type(self), self.queryset.db, repr(self.query), config),
                lambda: {
                    "rank": compiled(build_rank_expression(self, self.get_entry_vectors(), config)),
                    "tsquery": compiled(search_query),
                },
            ),
        }
        filters = filters_key(self.queryset)

        def visible():
            return self.visible_sql(connection, content_types, parts["key"])

        # A source's filters are the same search after search: compiled once.
        parts["visible"] = (
            remembered(("visible", *filters, *content_types), visible) if filters else visible()
        )
        return parts

    def visible_sql(self, connection, content_types, key):
        """(SQL, params): an index entry is one of the queryset's visible rows."""
        where = f"{ENTRY}.content_type_id IN ({', '.join(['%s'] * len(content_types))})"
        where_params = list(content_types)
        if self.queryset.query.where:
            # The queryset's filters, before the bound: hidden rows take no candidate's place.
            visible = self.queryset.order_by().filter(pk=RawSQL(*key))  # noqa: S611
            visible_sql, visible_params = (
                visible.values("pk").query.get_compiler(connection=connection).as_sql()
            )
            where += f" AND EXISTS ({visible_sql})"
            where_params += visible_params
        return where, where_params

    def matching_sql(self, search_query, config):
        """(SQL, params) of the keys of every visible match."""
        parts = self.sql_parts(search_query, config)
        (key, key_params), (where, where_params) = parts["key"], parts["visible"]
        condition, condition_params = condition_sql([(self.MATCHED, True)], *parts["tsquery"])
        sql = f"SELECT {key} FROM {ENTRY} WHERE {where} AND {condition}"  # noqa: S608
        return sql, [*key_params, *where_params, *condition_params]

    def ranked_sql(self, search_query, config, limit, stop):
        """(SQL, params) of the `stop` best-ranked visible candidates, as (pk, rank) rows, best
        first: at most `limit` ranked, heading matches first."""
        parts = self.sql_parts(search_query, config)
        (key, key_params), (rank, rank_params) = parts["key"], parts["rank"]
        where, where_params = parts["visible"]
        # A source whose entries all fit in the bound has all its matches ranked: one tier finds
        # the same candidates as the heading-first tiers, for half the statement to plan.
        tiers_wanted = (
            self.candidate_tiers() if self.entries_exceed(limit) else [[(self.MATCHED, True)]]
        )
        tiers, params = [], []
        for number, tier in enumerate(tiers_wanted):
            condition, condition_params = condition_sql(tier, *parts["tsquery"])
            # Compiled SQL, table names and integers only: the values stay in `params`.
            tiers.append(
                f"SELECT * FROM (SELECT {key} AS pk, {rank} AS rank "  # noqa: S608
                f"FROM {ENTRY} WHERE {where} AND {condition} LIMIT {int(limit)}) "
                f"AS tier{number}"
            )
            params += [*key_params, *rank_params, *where_params, *condition_params]
        # UNION ALL reads the tiers in order and stops once `limit` candidates are found.
        sql = (
            f"SELECT candidate.pk, candidate.rank FROM ({' UNION ALL '.join(tiers)} "  # noqa: S608
            f"LIMIT {int(limit)}) AS candidate "
            f"ORDER BY candidate.rank DESC, candidate.pk DESC LIMIT {int(stop)}"
        )
        return sql, params


_compiled = {}
MAX_COMPILED = 512  # queries and models remembered (a few KB each): a bound, not a cache policy


def remembered(key, compile_sql):
    """SQL compiled by Django, remembered: it depends on the key alone (the search query and the
    compiler's class, or the model and its content types), and compiling the rank expression of a
    query with its variants took as long as PostgreSQL took to answer it."""
    if key not in _compiled:
        if len(_compiled) >= MAX_COMPILED:
            _compiled.clear()
        _compiled[key] = compile_sql()
    return _compiled[key]


@per_generation
def entry_counts(database, cap):
    """{content type id: index entries, counted up to `cap`}: one query per content generation
    (counting every entry of a 100 000-row index took 10 ms)."""
    with connections[database].cursor() as cursor:
        cursor.execute(
            f"SELECT type.id, (SELECT count(*) FROM (SELECT 1 FROM {ENTRY} "  # noqa: S608
            f"WHERE {ENTRY}.content_type_id = type.id LIMIT %s) AS capped) "
            f"FROM {ContentType._meta.db_table} AS type",
            [cap],
        )
        return dict(cursor.fetchall())


def condition_sql(vectors, tsquery_sql, tsquery_params):
    """(SQL, params): each (vector, matches) of `vectors` matches the query, or does not."""
    parts = [
        f"{'' if matches else 'NOT '}({vector} @@ ({tsquery_sql}))" for vector, matches in vectors
    ]
    return " AND ".join(parts), list(tsquery_params) * len(parts)


# Candidates ranked per hit asked, and at least: the partial search ("or", 50 hits per source)
# ranked 500 directory candidates to keep 50, a third of its statement's time.
RANK_PER_HIT = 4
MIN_RANK_LIMIT = 200


def rank_limit(backend, stop):
    """How many candidates a slice ending at `stop` ranks: RANK_PER_HIT per hit, at least
    MIN_RANK_LIMIT, at most the backend's RANK_LIMIT (unless the slice is longer)."""
    bound = getattr(backend, "rank_limit", DEFAULT_RANK_LIMIT)
    return max(min(bound, max(MIN_RANK_LIMIT, RANK_PER_HIT * stop)), stop)


def has_negation(query):
    if isinstance(query, Not):
        return True
    if isinstance(query, Boost):
        return has_negation(query.subquery)
    if isinstance(query, (And, Or)):
        return any(has_negation(subquery) for subquery in query.subqueries)
    return False


class FrenchPostgresSearchQueryCompiler(BoundedRankingMixin, PostgresSearchQueryCompiler):
    def get_entry_vectors(self):
        return [(F("title"), F("title_norm")), (F("body"), 1.0)]

    def candidate_tiers(self):
        in_heading = [(HEADING, True)]
        if has_negation(self.query):
            in_heading.append((DOCUMENT, True))  # else a match on the heading is one on the entry
        # Disjoint tiers: an entry is ranked once, and the bound counts distinct entries.
        return [in_heading, [(DOCUMENT, True), (HEADING, False)]]


class FrenchPostgresAutocompleteQueryCompiler(
    BoundedRankingMixin, PostgresAutocompleteQueryCompiler
):
    def get_entry_vectors(self):
        return [(F("autocomplete"), 1.0)]

    MATCHED = AUTOCOMPLETE


class FrenchPostgresIndex(PostgresIndex):
    """Wagtail's index, written faster: the same rows (vectors, weights, plain texts, title
    norms), but each object's fields are read once and the SQL is written directly rather than
    compiled from Django expressions, which took most of the time of a 100 000-row import."""

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        rows, params = [], []
        content_type_pk = get_content_type_pk(model)
        for obj in objs:
            title, body, autocomplete = [], [], []
            indexer = ObjectIndexer(obj, self.backend)
            for search_field in indexer.search_fields:
                for field, weight, value in indexer.prepare_field(obj, search_field):
                    if isinstance(field, AutocompleteField):
                        autocomplete.append((value.strip(), weight))
                    elif isinstance(field, SearchField):
                        texts = title if field.field_name == "title" else body
                        texts.append((value.strip(), weight))
            params.extend([content_type_pk, indexer.id])
            columns = []
            for texts, config in [
                (title, self.backend.config),
                (autocomplete, self.backend.autocomplete_config),
                (body, self.backend.config),
            ]:
                sql, vector_params = self.vector_sql(texts, config)
                columns.append(sql)
                params.extend(vector_params)
            params.append(" ".join(text for text, _weight in title if text))
            params.append(" ".join(text for text, _weight in body if text))
            rows.append(f"(%s, %s, {columns[0]}, {columns[1]}, {columns[2]}, 1.0, %s, %s)")
        if not rows:
            return
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title,
                    autocomplete, body, title_norm, title_text, body_text)
                VALUES {", ".join(rows)}
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,  # noqa: S608 - table name and placeholders; values are parameters
                params,
            )
        refresh_title_norms(self)

    @staticmethod
    def vector_sql(texts, config):
        """As ObjectIndexer.as_vector: the weighted vectors of the non-empty texts, in order."""
        texts = [(text, weight) for text, weight in texts if text]
        if not texts:
            return "''::tsvector", []
        if config is None:
            config_sql = ""
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", config):
            config_sql = f"'{config}'::regconfig, "
        else:
            raise ValueError(f"Unexpected text search configuration name: {config!r}")
        sql = " || ".join(
            f"setweight(to_tsvector({config_sql}%s), '{weight}')" for _text, weight in texts
        )
        return f"({sql})", [text for text, _weight in texts]


class FrenchPostgresSearchResults(PostgresSearchResults):
    def _do_search(self):
        compiler = self.query_compiler
        objects = compiler.ranked_objects(
            compiler.get_config(self.backend),
            self.start,
            self.stop,
            self._score_field,
            self.backend,
        )
        return objects if objects is not None else super()._do_search()

    def plan(self):
        compiler = self.query_compiler
        return compiler.ranked_plan(compiler.get_config(self.backend), self.stop, self.backend)

    @classmethod
    def fetch_all(cls, results):
        """Read the ranked slices among `results` (unread) in one SQL statement, then each
        source's objects by key: a site search asks every source, and each statement of its
        own cost a round trip and PostgreSQL's planning, even for a source without a match."""
        pending = []
        for found in results:
            plan = found.plan() if found._results_cache is None else None
            if plan is not None:
                pending.append((found, plan))
        databases = {found.query_compiler.queryset.db for found, _plan in pending}
        if len(pending) < 2 or len(databases) > 1:
            return  # a single search is its own statement
        branches, params = [], []
        for number, (_found, (sql, plan_params)) in enumerate(pending):
            # Keys as text: the sources' key types may differ, and UNION ALL needs one type.
            branches.append(
                f"SELECT {number} AS source, ranked.pk::text AS key, ranked.rank, "  # noqa: S608
                "row_number() OVER (ORDER BY ranked.rank DESC, ranked.pk DESC) AS position "
                f"FROM ({sql}) AS ranked"
            )
            params += plan_params
        sql = " UNION ALL ".join(branches) + " ORDER BY source, position"
        rows = {number: [] for number in range(len(pending))}
        with connections[databases.pop()].cursor() as cursor:
            cursor.execute(sql, params)
            for number, key, rank, _position in cursor.fetchall():
                rows[number].append((key, rank))
        for number, (found, _plan) in enumerate(pending):
            compiler = found.query_compiler
            to_key = concrete_pk(compiler.queryset.model).to_python
            ranked = [(to_key(key), rank) for key, rank in rows[number]][found.start : found.stop]
            found._results_cache = hit_objects(
                found,
                [key for key, _rank in ranked],
                partial(compiler.objects_by_rank, ranked, found._score_field),
            )


class FrenchPostgresSearchBackend(PostgresSearchBackend):
    """PostgreSQL search on the `french_unaccent` configuration, with indexed candidates and a
    bound on what is ranked. Option: RANK_LIMIT (how many candidates are ranked, 500)."""

    query_compiler_class = FrenchPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchPostgresAutocompleteQueryCompiler
    index_class = FrenchPostgresIndex
    results_class = FrenchPostgresSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.rank_limit = int(params.get("RANK_LIMIT", DEFAULT_RANK_LIMIT))


SearchBackend = FrenchPostgresSearchBackend

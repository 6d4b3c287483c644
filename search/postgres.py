"""Wagtail's PostgreSQL search backend, made to answer in milliseconds on a large index.

Wagtail's database backend (modelsearch) joins each searched row to its index entry on
`object_id = id::varchar`, matches `title || body` (which neither GIN index of the table serves)
and ranks every match: with 100 000 directory employers, a search read the whole index table and
ranked tens of thousands of rows. Here a search is one SQL query in two steps:

1. Candidates, from the index entries of the queryset's model (and its subclasses) only, found
   through the GIN indexes of search/migrations/0002: first the entries whose heading (title
   fields and boosted fields: a page's title, an employer's name) matches the query, then the
   other entries that match it. The queryset's filters (published, live, public…) apply there,
   before the bound: at most `RANK_LIMIT` visible candidates (a backend option, 500 by default,
   or the end of the requested slice if larger) are ranked, with Wagtail's own rank expression.
2. The best-ranked candidates, as many as the slice asks for, are fetched from the queryset by
   primary key and ordered best first (same rank, same tie-break as Wagtail).

Whenever the matches fit in the bound, results, order and scores are exactly Wagtail's. Beyond
it, heading matches come first and other matches fill the rest of the bound. The bound only
applies to sliced results ordered by relevance (the site search takes 200 per source): an
unsliced search, `count()` and facets still see every match. Operators ("and"/"or"), phrases,
`annotate_score()` and autocomplete (on the `autocomplete` vector) work as in Wagtail; fuzzy
searches and searches on explicit `fields` are left to Wagtail's code.

Indexing writes the same rows as Wagtail's backend, a few times faster (FrenchPostgresIndex).
"""

import re

from django.contrib.postgres.search import SearchVectorField
from django.db import connections
from django.db.models import Case, Exists, F, Func, OuterRef, Q, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from core.wagtail_private import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    apply_ordering_and_scoring,
    build_rank_expression,
    refresh_title_norms,
)

DEFAULT_RANK_LIMIT = 500
# Weights of the boosted fields (the least boosted and unboosted fields get "D"): with the title
# fields, an entry's "heading". Must match the expression indexed by search/migrations/0002.
HEADING_WEIGHTS = "{a,b,c}"


class Document(Func):
    """`title || body`: what an entry is matched on, as indexed by search/migrations/0002."""

    template = "(%(expressions)s)"
    arg_joiner = " || "
    output_field = SearchVectorField()

    def __init__(self, output_field=None):
        super().__init__(F("title"), F("body"), output_field=output_field)


class Heading(Func):
    """`title || ts_filter(body, '{a,b,c}')`: the title and boosted fields, also indexed."""

    template = f"(%(expressions)s || ts_filter(%(body)s, '{HEADING_WEIGHTS}'::\"char\"[]))"
    output_field = SearchVectorField()

    def __init__(self, output_field=None):
        super().__init__(F("title"), F("body"), output_field=output_field)

    def as_sql(self, compiler, connection, **extra_context):
        title_sql, title_params = compiler.compile(self.source_expressions[0])
        body_sql, body_params = compiler.compile(self.source_expressions[1])
        sql = self.template % {"expressions": title_sql, "body": body_sql}
        return sql, [*title_params, *body_params]


def concrete_pk(model):
    """The column an index entry's `object_id` holds, as a field (a child model's parent link
    resolves to the parent's primary key)."""
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    return field


class BoundedRankingMixin:
    """Candidates from the index (GIN), filtered by the queryset, then a bounded ranking."""

    RANK_PREFIX = "_candidate_"

    def get_entry_vectors(self):
        """(vector, boost) on the index entry itself, as get_index_vectors() via the relation."""
        raise NotImplementedError

    def get_match_condition(self, search_query):
        """The condition on index entries that match the query."""
        raise NotImplementedError

    def get_candidate_tiers(self, search_query, config):
        """Disjoint conditions on index entries, best first, that together select the matches."""
        return [self.get_match_condition(search_query)]

    def search(self, config, start, stop, score_field=None, backend=None):
        if (
            self.fields is not None
            or isinstance(self.query, (MatchAll, Fuzzy))
            or (isinstance(self.query, Not) and isinstance(self.query.subquery, MatchAll))
        ):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            return super().search(config, start, stop, score_field=score_field, backend=backend)

        if self.order_by_relevance and stop is not None:
            limit = getattr(backend, "rank_limit", DEFAULT_RANK_LIMIT)
            candidates = self.ranked_candidates(search_query, config, max(limit, stop), stop)
        else:
            candidates = self.matching_entries(search_query).values(self.RANK_PREFIX + "pk")
        queryset = self.queryset.filter(pk__in=candidates)
        rank_expression = build_rank_expression(self, self.get_index_vectors(search_query), config)
        return apply_ordering_and_scoring(self, queryset, rank_expression, start, stop, score_field)

    def entries(self):
        """Index entries of the queryset's model and its subclasses, with the object's key."""
        model = self.queryset.model
        content_types = get_descendants_content_types_pks(model)
        # object_id is text; cast to the key's type to reach rows through their primary key
        # index. The CASE keeps the cast off other models' entries, whose ids may not be numbers.
        object_pk = Case(
            When(
                content_type_id__in=content_types,
                then=Cast("object_id", output_field=concrete_pk(model)),
            )
        )
        return (
            IndexEntry._default_manager.using(self.queryset.db)
            .filter(content_type_id__in=content_types)
            .annotate(**{self.RANK_PREFIX + "pk": object_pk})
        )

    def matching_entries(self, search_query):
        return self.entries().filter(self.get_match_condition(search_query))

    def ranked_candidates(self, search_query, config, limit, stop):
        """SQL giving the keys of the `stop` best-ranked visible candidates, at most `limit` of
        them ranked, heading matches first."""
        pk_name, rank_name = self.RANK_PREFIX + "pk", self.RANK_PREFIX + "rank"
        entries = self.entries()
        if self.queryset.query.where:
            # The queryset's filters, before the bound: hidden rows take no candidate's place.
            visible = self.queryset.order_by().filter(pk=OuterRef(pk_name))
            entries = entries.filter(Exists(visible))
        entries = entries.annotate(
            **{rank_name: build_rank_expression(self, self.get_entry_vectors(), config)}
        )
        connection = connections[self.queryset.db]
        parts, params = [], []
        for number, condition in enumerate(self.get_candidate_tiers(search_query, config)):
            tier = entries.filter(condition).values_list(pk_name, rank_name)[:limit]
            sql, tier_params = tier.query.get_compiler(connection=connection).as_sql()
            # The SQL comes from Django's compiler; the values stay in `params`.
            parts.append(f"SELECT * FROM ({sql}) AS tier{number}")  # noqa: S608
            params.extend(tier_params)
        quote = connection.ops.quote_name
        # UNION ALL reads the tiers in order and stops once `limit` candidates are found.
        # Quoted names, integers and compiled SQL only: the values stay in `params`.
        sql = (
            f"SELECT candidate.{quote(pk_name)} FROM ("  # noqa: S608
            f"{' UNION ALL '.join(parts)} LIMIT {int(limit)}"
            f") AS candidate ORDER BY candidate.{quote(rank_name)} DESC, "
            f"candidate.{quote(pk_name)} DESC LIMIT {int(stop)}"
        )
        return RawSQL(sql, params, output_field=concrete_pk(self.queryset.model))  # noqa: S611


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

    def get_match_condition(self, search_query):
        return Q(_document_=search_query)

    def get_candidate_tiers(self, search_query, config):
        document = self.get_match_condition(search_query)
        in_heading = Q(_heading_=search_query)
        if has_negation(self.query):
            in_heading &= document  # without negation, a match on the heading is one on the entry
        # Disjoint tiers: an entry is ranked once, and the bound counts distinct entries.
        return [in_heading, document & ~Q(_heading_=search_query)]

    def entries(self):
        return (
            super()
            .entries()
            .alias(
                _document_=Document(),
                _heading_=Heading(),
            )
        )


class FrenchPostgresAutocompleteQueryCompiler(
    BoundedRankingMixin, PostgresAutocompleteQueryCompiler
):
    def get_entry_vectors(self):
        return [(F("autocomplete"), 1.0)]

    def get_match_condition(self, search_query):
        return Q(autocomplete=search_query)


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


class FrenchPostgresSearchBackend(PostgresSearchBackend):
    """PostgreSQL search on the `french_unaccent` configuration, with indexed candidates and a
    bound on what is ranked. Option: RANK_LIMIT (how many candidates are ranked, 500)."""

    query_compiler_class = FrenchPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchPostgresAutocompleteQueryCompiler
    index_class = FrenchPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.rank_limit = int(params.get("RANK_LIMIT", DEFAULT_RANK_LIMIT))


SearchBackend = FrenchPostgresSearchBackend

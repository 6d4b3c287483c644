"""One helper for the GET-form filters of list pages (directory, upcoming contracts, model
clauses, library), which work without JavaScript.

- `Facet`: one query parameter whose value must be one of `choices` ([(value, label)], a list
  or a function, called at most once per request and only when needed). `lookup` is the ORM
  lookup used to filter and to count, across relations, many-to-many ones too
  (`audiences__slug`).
- `TextFilter`: free text; every word must appear in at least one of `fields`, whatever the
  accents and the case ("reserve" finds "réservé", "oeuvre" finds "œuvre"), or in the label of
  a coded field's value (`choice_fields`: "insertion" finds the entreprises d'insertion).
- `Filters(params, facets, text)`: reads the query string (values cleaned with
  `core.text.clean_query`; an unknown value is dropped, with a French message when the facet
  gives one — never a server error), then `apply(queryset)` filters and
  `facet_views(queryset)` gives each facet's options with their counts, each computed with
  every *other* selected filter applied, so an option says how many results choosing it gives.

Accent folding in the database (`Fold`): PostgreSQL's `unaccent(lower(x))` (the `unaccent`
extension is created by search/migrations/0001_french_unaccent), SQLite's `core_fold(x)`, a
Python function registered on each connection. Both fold the same way as `fold_for_match`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.backends.signals import connection_created
from django.db.models import CharField, Count, Func, Q
from django.db.models.lookups import Contains
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from .text import STOP_WORDS, clean_query, fold_for_match

MAX_TEXT_WORDS = 10
# An elided article or pronoun before a word: « d'insertion », « l’ESAT », « qu'un ».
ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)


# -- accent-insensitive text in the database ------------------------------------------------

SQLITE_FUNCTION = "core_fold"


def _register_sqlite_fold(sender=None, connection=None, **kwargs):
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION, 1, fold_for_match, deterministic=True
        )


connection_created.connect(_register_sqlite_fold, dispatch_uid="core.filters.fold")


class Fold(Func):
    """The text of an expression lowercased and without accents, as `fold_for_match` does."""

    function = "LOWER"  # other databases: case-insensitive only
    output_field = CharField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra):
        # A connection opened before this module was imported missed the signal: register now.
        connection.ensure_connection()
        _register_sqlite_fold(connection=connection)
        return self.as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="unaccent(lower(%(expressions)s))")


def _labelled(folded, choice_fields):
    """A Q on the coded fields whose label holds the word: "insertion" finds the rows coded
    "EI" (Entreprise d'insertion), "ACI" (Atelier et chantier d'insertion)…"""
    condition = Q()
    for name, choices in choice_fields.items():
        codes = [code for code, label in choices if folded in fold_for_match(str(label))]
        if codes:
            condition |= Q(**{f"{name}__in": codes})
    return condition


def listing_words(text):
    """The words a list page's text filter looks for: without an elided article (« d'insertion »
    is looked for as « insertion », which « l'insertion » holds too) nor the small words (« de »,
    « la »: as parts of other words, nearly every row holds them), unless they are all there
    is; at most MAX_TEXT_WORDS."""
    words = [ELISION.sub("", word) for word in text.split()]
    words = [word for word in words if word]
    meaningful = [word for word in words if fold_for_match(word) not in STOP_WORDS]
    return (meaningful or words)[:MAX_TEXT_WORDS]


def text_condition(text, fields, exact_fields=(), choice_fields=None):
    """A Q where every word of `text` (`listing_words`) is in one of `fields` (accent- and
    case-insensitive), equals one of `exact_fields` (identifiers such as a SIRET), or is in
    the label of the value of one of `choice_fields` ({lookup: [(value, label)]})."""
    condition = Q()
    for word in listing_words(text):
        folded = fold_for_match(word)
        any_field = _labelled(folded, choice_fields or {})
        for name in fields:
            any_field |= Q(Contains(Fold(name), folded))
        for name in exact_fields:
            any_field |= Q(**{name: word})
        condition &= any_field
    return condition


# -- filters and facets ---------------------------------------------------------------------


@dataclass
class Facet:
    name: str  # query parameter
    label: str  # visible label of the <select>
    lookup: str  # ORM lookup used to filter and count
    choices: list | Callable = field(default_factory=list)  # [(value, label)]
    all_label: str = "Tous"
    # French message when the value is not a choice, "{value}" standing for it ("": no message)
    unknown: str = ""
    normalise: Callable | None = None  # e.g. str.upper, applied to the cleaned value
    show_empty: bool = False  # list the options that would give no result

    def read(self, params, options, errors):
        raw = clean_query(str(params.get(self.name) or ""), 60)
        value = (self.normalise(raw) or "") if self.normalise and raw else raw
        if raw and value not in {choice for choice, _label in options()}:
            if self.unknown:
                errors.append(self.unknown.format(value=raw))
            return ""
        return value

    def condition(self, value):
        return Q(**{self.lookup: value})


@dataclass
class TextFilter:
    fields: tuple  # ORM lookups of text fields, searched accent- and case-insensitively
    exact_fields: tuple = ()
    # {lookup: [(value, label)]}: coded fields matched on their labels, as visitors read them
    choice_fields: dict = field(default_factory=dict)
    name: str = "q"
    max_length: int = 200

    def read(self, params, options, errors):
        return clean_query(str(params.get(self.name) or ""), self.max_length)

    def condition(self, value):
        return text_condition(value, self.fields, self.exact_fields, self.choice_fields)


@dataclass
class FacetView:
    name: str
    label: str
    all_label: str
    selected: str
    options: list  # [{"value", "label", "count", "selected"}]

    @property
    def selected_label(self):
        return next((o["label"] for o in self.options if o["selected"]), "")

    @property
    def options_html(self):
        """Its values as <option> elements, each with its count. Built here rather than in a
        template loop: the directory's filters have some 150 options, and the loop took a
        fifth of a directory page's time."""
        return format_html_join(
            "",
            '<option value="{}"{}>{} ({})</option>',
            (
                (o["value"], SELECTED if o["selected"] else "", o["label"], localize(o["count"]))
                for o in self.options
            ),
        )


SELECTED = mark_safe(" selected")  # a constant


class Filters:
    """The filters of one request: read once, applied to a queryset, counted per facet."""

    def __init__(self, params, facets=(), text=None):
        self.facets = list(facets)
        self.text = text
        self.errors = []
        self.values = {}
        self._options = {}
        if text is not None:
            self.values[text.name] = text.read(params, tuple, self.errors)
        for facet in self.facets:
            # The choices are read from the database only when the parameter is given.
            self.values[facet.name] = facet.read(
                params, lambda facet=facet: self.options(facet), self.errors
            )

    def options(self, facet):
        """A facet's [(value, label)], its choices function called once per request."""
        if facet.name not in self._options:
            choices = facet.choices() if callable(facet.choices) else facet.choices
            self._options[facet.name] = [(str(value), label) for value, label in choices]
        return self._options[facet.name]

    def __getitem__(self, name):
        return self.values.get(name, "")

    @property
    def selected(self):
        """{parameter: value} of the filters in use, in the order of the form."""
        return {name: value for name, value in self.values.items() if value}

    def conditions(self, skip=None):
        parts = [self.text, *self.facets] if self.text is not None else self.facets
        return [
            part.condition(self.values[part.name])
            for part in parts
            if part.name != skip and self.values[part.name]
        ]

    def apply(self, queryset, skip=None):
        for condition in self.conditions(skip):
            queryset = queryset.filter(condition)
        return queryset

    def counts(self, queryset, facet):
        rows = (
            self.apply(queryset, skip=facet.name)
            .order_by()
            .values(facet.lookup)
            .annotate(n=Count("pk", distinct=True))
        )
        return {str(row[facet.lookup]): row["n"] for row in rows}

    def facet_views(self, queryset):
        views = []
        for facet in self.facets:
            counts = self.counts(queryset, facet)
            selected = self.values[facet.name]
            options = [
                {
                    "value": str(value),
                    "label": label,
                    "count": counts.get(str(value), 0),
                    "selected": str(value) == selected,
                }
                for value, label in self.options(facet)
            ]
            if not facet.show_empty:
                options = [o for o in options if o["count"] or o["selected"]]
            views.append(FacetView(facet.name, facet.label, facet.all_label, selected, options))
        return views

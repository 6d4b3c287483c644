"""Whatever a visitor (or a bot) puts in the search URLs: an answer, never an error.

Random text (any Unicode: emoji, NUL, control characters…) and fragments of query syntax that
the backends' parsers may choke on (tsquery on PostgreSQL, FTS5 MATCH on SQLite, Elasticsearch
query strings), with random facets and page numbers, known or not. The page must answer 200
(a 400 is not a design choice of these views either) and never show a backend's error text.

Surrogate code points are left out on purpose: they cannot be encoded in UTF-8, so no browser can
send them; what a browser sends instead (invalid percent-encoded UTF-8) is tested explicitly.
"""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from search import registry

pytestmark = pytest.mark.django_db

FUZZ_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Anything UTF-8 can carry: every category, surrogates excepted (see the module docstring).
ANY_CHARACTER = st.characters(codec="utf-8")
random_text = st.text(alphabet=ANY_CHARACTER, max_size=300)
short_text = st.text(alphabet=ANY_CHARACTER, max_size=12)

HOSTILE_FRAGMENTS = [
    '"',
    "'",
    "''",
    '""',
    '"clause sociale',
    "(",
    ")",
    "((",
    "))",
    "()",
    "AND OR NOT",
    "AND",
    "OR",
    "NOT",
    "-",
    "+",
    "*",
    "a*",
    "*a",
    "?",
    ":",
    "\\",
    "\\\\",
    "' OR 1=1 --",
    "1=1",
    ";",
    "--",
    "/*",
    "*/",
    "DROP TABLE wagtailsearch_indexentry;",
    "title:foo^3",
    "field:(a OR b)",
    "_all_text:x",
    "~",
    "~2",
    "clause~",
    "^",
    "&",
    "&&",
    "|",
    "||",
    "!",
    "!!",
    "<->",
    "<2>",
    "a & !b",
    "%",
    "%%",
    "%00",
    "_",
    "[",
    "]",
    "{",
    "}",
    "{{ x }}",
    "{% debug %}",
    "/",
    "//",
    "NEAR",
    "NEAR(a b, 2)",
    "<script>alert(1)</script>",
    "&amp;",
    "&#0;",
    "\x00",
    "\x00\x00",
    "\x01",
    "\x1b[31m",
    "\x7f",
    "\t",
    "\n",
    "\r\n",
    "\u00a0",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\ufffd",
    "\U0010ffff",
    "🙂",
    "👩‍👩‍👧",
    "ﬁ",
    "e\u0301",
    "ŒUVRE",
    "l'",
    "aujourd'hui",
    "l’insertion",
    "marché",
    "clauses",
    "insertion",
    "SIAE",
    "NULL",
    "null",
    "NaN",
    "1e309",
    "0",
    "-1",
]

fragments = st.lists(
    st.one_of(st.sampled_from(HOSTILE_FRAGMENTS), short_text), min_size=1, max_size=8
)
queries = st.one_of(
    random_text,
    st.sampled_from(HOSTILE_FRAGMENTS),
    st.tuples(fragments, st.sampled_from(["", " ", "+", ","])).map(lambda t: t[1].join(t[0])),
)


def odd_values(*known):
    """Known values, values of the wrong shape, and anything at all."""
    return st.one_of(
        st.sampled_from(list(known) + ["", "inconnu", "\x00", "' OR 1=1 --", "%", "_", "*"]),
        short_text,
    )


pages = st.one_of(
    st.sampled_from(
        ["0", "-1", str(10**9), "abc", "1", "2", "", "1.5", "1e3", " 2", "٣", "9" * 5000, "\x00"]
    ),
    st.integers().map(str),
    short_text,
)
types = odd_values(*registry.types_by_key(), "PAGE", "guide ")
editions = odd_values("toutes", "TOUTES", "2024", "2025", "2026", "0000", "9999", "99999", "٢٠٢٥")
departements = odd_values("75", "93", "13", "2A", "2a", "971", "976", "00", "999", "<b>")
secteurs = odd_values("btp", "batiment", "proprete", "espaces-verts", "restauration")

search_params = st.fixed_dictionaries(
    {"q": queries},
    optional={
        "page": pages,
        "type": types,
        "edition": editions,
        "departement": departements,
        "secteur": secteurs,
    },
)

# What a backend's error looks like when it reaches a page.
ERROR_MARKERS = [
    "Traceback",
    "syntax error",
    "ProgrammingError",
    "OperationalError",
    "DataError",
    "DatabaseError",
    "InternalError",
    "tsquery",
    "tsvector",
    "fts5",
    "MATCH expression",
    "unterminated",
    "NUL (0x00)",
    "parse_exception",
    "search_phase_execution_exception",
    "query_shard_exception",
    "Server Error (500)",
    "Internal Server Error",
]


def assert_no_error_text(body, params):
    """No backend error text in the answer (unless the visitor typed it: it is echoed back)."""
    sent = " ".join(str(value) for value in params.values()).lower()
    text = body.decode("utf-8", errors="replace").lower()
    leaked = [m for m in ERROR_MARKERS if m.lower() in text and m.lower() not in sent]
    assert leaked == [], f"backend error text {leaked} in the answer to {params!r}"


def check_page(client, params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200, params
    assert response["Content-Type"].startswith("text/html")
    assert_no_error_text(response.content, params)
    return response


def check_api(client, params):
    response = client.get("/api/recherche/", params)
    assert response.status_code == 200, params
    data = response.json()
    assert isinstance(data["results"], list)
    assert isinstance(data["count"], int) and data["count"] >= len(data["results"])
    assert_no_error_text(response.content, params)
    return data


def check_suggestions(client, params):
    response = client.get("/api/recherche/suggestions/", params)
    assert response.status_code == 200, params
    data = response.json()
    assert isinstance(data["suggestions"], list)
    assert_no_error_text(response.content, params)
    return data


@FUZZ_SETTINGS
@given(params=search_params)
@example(params={"q": "\x00", "departement": "\x00"})
@example(params={"q": "clauses", "page": str(10**9), "secteur": "\x00"})
@example(params={"q": "\u0300"})  # a combining accent alone
def test_search_page_always_answers(client, demo, params):
    check_page(client, params)


@FUZZ_SETTINGS
@given(params=search_params)
@example(params={"q": "\u0300"})
@example(params={"q": "clauses", "departement": "\x00", "secteur": "\x00"})
def test_search_api_always_answers_with_a_result_list(client, demo, params):
    check_api(client, params)


@FUZZ_SETTINGS
@given(q=queries)
@example(q="\u0300\u0301")
def test_suggestions_always_answer_with_a_list(client, demo, q):
    check_suggestions(client, {"q": q})


ODD_QUERIES = {
    "sans requête": {},
    "requête vide": {"q": ""},
    "espaces seuls": {"q": "   \t\n"},
    "2 000 caractères": {"q": "clause " * 285 + "fin"},
    "2 000 caractères d'un seul mot": {"q": "x" * 2000},
    "octet NUL": {"q": "\x00"},
    "NUL au milieu": {"q": "clause\x00sociale"},
    "NUL seul dans le département": {"q": "clauses", "departement": "\x00"},
    "NUL dans le secteur": {"q": "clauses", "secteur": "a\x00b"},
    "NUL dans le type et l'édition": {"q": "clauses", "type": "\x00", "edition": "\x00"},
    "page 0": {"q": "clauses", "page": "0"},
    "page -1": {"q": "clauses", "page": "-1"},
    "page 10⁹": {"q": "clauses", "page": "1000000000"},
    "page non numérique": {"q": "clauses", "page": "abc"},
    "page de 5 000 chiffres": {"q": "clauses", "page": "9" * 5000},
    "facettes inconnues": {"q": "clauses", "type": "x", "departement": "ZZ", "secteur": "zz"},
    "édition inconnue": {"q": "guide", "edition": "1789"},
    "syntaxe de requête": {"q": 'title:foo^3 field:(a OR b) "x <-> y" ~ * \\'},
    "injection SQL": {"q": "' OR 1=1 --", "departement": "' OR 1=1 --"},
    "emoji et contrôles": {"q": "🙂\x01\x1b[31m\u202e\ufeff👩‍👩‍👧"},
    "accent combinant seul": {"q": "\u0300"},
    "accents combinants après un mot": {"q": "clause \u0301\u0301"},
}


@pytest.mark.parametrize("params", ODD_QUERIES.values(), ids=ODD_QUERIES.keys())
def test_odd_requests(client, demo, params):
    check_page(client, params)
    check_api(client, params)
    check_suggestions(client, {"q": params.get("q", "")})


@pytest.mark.parametrize(
    "raw_query",
    [
        "q=%ED%A0%80",  # a UTF-16 surrogate, percent-encoded: invalid UTF-8
        "q=%FF%FE%FD",  # bytes that are not UTF-8 at all
        "q=%C3",  # a truncated UTF-8 sequence
        "q=%",  # a lone percent sign
        "q=%%25%ZZ",
        "q=a&q=b&q=c",  # the parameter repeated
        "q[]=a&page[]=2",
        "q=clauses&page=2&page=-1",
        "q=" + "%00" * 500,
    ],
)
def test_malformed_query_strings(client, demo, raw_query):
    for path in ("/recherche/", "/api/recherche/", "/api/recherche/suggestions/"):
        response = client.get(f"{path}?{raw_query}")
        assert response.status_code == 200, (path, raw_query)
        assert_no_error_text(response.content, {"raw": raw_query})


def test_page_far_beyond_the_end_shows_the_last_page(client, demo):
    first = check_page(client, {"q": "clauses"})
    paginator = first.context["results_page"].paginator
    assert paginator.count > 0, "the demo content should match 'clauses'"
    response = check_page(client, {"q": "clauses", "page": str(10**9)})
    shown = response.context["results_page"]
    assert shown.number == paginator.num_pages
    assert len(shown.object_list) > 0


@pytest.mark.parametrize("page", ["0", "-1"])
def test_page_zero_or_negative_shows_a_page_of_results(client, demo, page):
    response = check_page(client, {"q": "clauses", "page": page})
    assert len(response.context["results_page"].object_list) > 0

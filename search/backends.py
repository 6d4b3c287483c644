"""Search backend configuration, read by the settings.

Kept free of Django imports: the settings module imports it before Django is set up.
"""

# A French analyser for every text field: elision (l', d'), lowercase, accent folding,
# French stop words and the light French stemmer, so that "marche" finds "marchés". OpenSearch
# and Elasticsearch read the same settings (analysis-common provides these filters).
FRENCH_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "french_elision": {
                    "type": "elision",
                    "articles_case": True,
                    "articles": [
                        "l",
                        "m",
                        "t",
                        "qu",
                        "n",
                        "s",
                        "j",
                        "d",
                        "c",
                        "jusqu",
                        "quoiqu",
                        "lorsqu",
                        "puisqu",
                    ],
                },
                "french_stop": {"type": "stop", "stopwords": "_french_"},
                "french_stemmer": {"type": "stemmer", "language": "light_french"},
                # Autocomplete prefixes: Wagtail stops at 15 characters, so a whole word longer
                # than that ("professionnalisation", "zorglubclausepubliee") suggested nothing.
                "edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 30},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "french_elision",
                        "lowercase",
                        "asciifolding",
                        "french_stop",
                        "french_stemmer",
                    ],
                },
            },
        }
    }
}

ELASTICSEARCH_FRENCH_INDEX_SETTINGS = FRENCH_INDEX_SETTINGS  # the name the live tests know

# The text-search configuration created by search/migrations on PostgreSQL: French with unaccent.
POSTGRES_SEARCH_CONFIG = "french_unaccent"


# On PostgreSQL, Wagtail's database backend with GIN-indexed candidates and a bound on what is
# ranked (search/postgres.py); on SQLite, Wagtail's FTS5 backend ranked by FTS5's bm25 in one
# query, with French word forms (search/sqlite.py).
POSTGRES_SEARCH_BACKEND = "search.postgres"
SQLITE_SEARCH_BACKEND = "search.sqlite"


def database_backend(postgres):
    backend = {"BACKEND": SQLITE_SEARCH_BACKEND, "AUTO_UPDATE": True}
    if postgres:
        backend["BACKEND"] = POSTGRES_SEARCH_BACKEND
        backend["SEARCH_CONFIG"] = POSTGRES_SEARCH_CONFIG
    return backend


# The search engines the environment can select: its variable and Wagtail's backend for it.
# (Wagtail's, with a shorter timeout for searches: search/engines/.)
ENGINE_BACKENDS = {
    "OPENSEARCH_URL": "search.engines.opensearch2",
    "ELASTICSEARCH_URL": "search.engines.elasticsearch9",
}
# A stopped or stuck engine must cost a visitor little: search/fallback.py then answers from the
# database and rests the engine for a while. One try per request, no retry storm. Writes may
# take longer on a busy node than a visitor should wait for a search.
ENGINE_TIMEOUT_SECONDS = 5
ENGINE_SEARCH_TIMEOUT_SECONDS = 0.8
ENGINE_CLIENT_OPTIONS = {"max_retries": 0, "retry_on_timeout": False}


def engine_backend(backend, url):
    return {
        "BACKEND": backend,
        "URLS": [url],
        "INDEX_PREFIX": "clauses_",
        "TIMEOUT": ENGINE_TIMEOUT_SECONDS,
        "SEARCH_TIMEOUT": ENGINE_SEARCH_TIMEOUT_SECONDS,
        "OPTIONS": dict(ENGINE_CLIENT_OPTIONS),
        "INDEX_SETTINGS": FRENCH_INDEX_SETTINGS,
    }


def search_backends_from_env(elasticsearch_url="", postgres=False, opensearch_url=""):
    """The database backend alone, or an engine (OpenSearch or Elasticsearch 9) first with the
    database kept up to date beside it as the fallback."""
    urls = {"OPENSEARCH_URL": opensearch_url, "ELASTICSEARCH_URL": elasticsearch_url}
    chosen = [name for name, url in urls.items() if url]
    if len(chosen) > 1:
        raise ValueError("Set OPENSEARCH_URL or ELASTICSEARCH_URL, not both.")
    if not chosen:
        return {"default": database_backend(postgres)}
    return {
        "default": engine_backend(ENGINE_BACKENDS[chosen[0]], urls[chosen[0]]),
        "database": database_backend(postgres),
    }

"""Search backend configuration, read by the settings.

Kept free of Django imports: the settings module imports it before Django is set up.
"""

# A French analyser for every text field: elision (l', d'), lowercase, accent folding,
# French stop words and the light French stemmer, so that "marche" finds "marchés".
ELASTICSEARCH_FRENCH_INDEX_SETTINGS = {
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

# The text-search configuration created by search/migrations on PostgreSQL: French with unaccent.
POSTGRES_SEARCH_CONFIG = "french_unaccent"


# On PostgreSQL, Wagtail's database backend with GIN-indexed candidates and a bound on what is
# ranked (search/postgres.py); elsewhere (SQLite), Wagtail's own.
POSTGRES_SEARCH_BACKEND = "search.postgres"


def database_backend(postgres):
    backend = {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": True}
    if postgres:
        backend["BACKEND"] = POSTGRES_SEARCH_BACKEND
        backend["SEARCH_CONFIG"] = POSTGRES_SEARCH_CONFIG
    return backend


def search_backends_from_env(elasticsearch_url, postgres):
    """The database backend alone, or Elasticsearch first with the database kept as fallback."""
    if not elasticsearch_url:
        return {"default": database_backend(postgres)}
    return {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [elasticsearch_url],
            "INDEX_PREFIX": "clauses_",
            "TIMEOUT": 5,
            "INDEX_SETTINGS": ELASTICSEARCH_FRENCH_INDEX_SETTINGS,
        },
        "database": database_backend(postgres),
    }

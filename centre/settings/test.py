"""Test settings: fast password hashing, in-memory email, no persistent connections."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 - test settings, never deployed
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Static files come from the app folders (no collectstatic in tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# With OPENSEARCH_URL or ELASTICSEARCH_URL set, tests write their own indices, never the site's
# ("clauses_…"), one set per xdist worker ("test_gw0_clauses_…"): each worker has its database.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
for _backend in WAGTAILSEARCH_BACKENDS.values():  # noqa: F405
    if "INDEX_PREFIX" in _backend:
        _backend["INDEX_PREFIX"] = f"test_{_worker}_{_backend['INDEX_PREFIX']}"
    if "SEARCH_TIMEOUT" in _backend:
        # Tests check what the engine answers, on a busy machine: a slow search must not fall
        # back to the database there. bench/faults.py measures the production value.
        _backend["SEARCH_TIMEOUT"] = 10

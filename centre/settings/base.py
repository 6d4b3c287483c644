"""Settings shared by every environment.

Everything that differs between machines comes from the environment, so that the same code runs
in development (SQLite, database search), in CI (PostgreSQL, OpenSearch) and in production
(PostgreSQL and OpenSearch or Elasticsearch). `centre` is the design's `site/` package: Python's
own `site` module owns that name.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from search.backends import search_backends_from_env

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "centre",
    "core",
    "guides",
    "clauses",
    "directory",
    "resources",
    "contracts",
    "statsbase",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy on every answer, cached ones included.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Conditional GET (ETag, Last-Modified, 304) over both cached and freshly built responses.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous pages from the cache; everything below runs only on a miss.
    "core.cache.AnonymousPageCacheMiddleware",
    # The request's Wagtail site, remembered until content changes.
    "core.sites.RequestSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Below django-csp: a preview may be framed by the admin (frame-ancestors 'self').
    "core.preview_framing.PreviewFramingMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns django-ratelimit's Ratelimited into RATELIMIT_VIEW's French 429.
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "centre.urls"
WSGI_APPLICATION = "centre.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # date_fr and time_fr (French dates, « 1er ») in every template without {% load %}.
            "builtins": ["core.templatetags.core_tags"],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "centre.context_processors.navigation",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL says otherwise (postgres://user:pass@host/db).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French interface, French formats (1 234,5 ; 23 novembre 2026), Paris time.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: console in development; SMTP when EMAIL_HOST is given.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Centre de ressources des clauses sociales <ne-pas-repondre@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Our pages carry no inline script or style: the policy can stay strict. Wagtail's admin
# relies on inline code, so it is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"  # Wagtail sets SAMEORIGIN on its own preview views
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Browser features the site never uses are switched off, for us and for any frame.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "ambient-light-sensor": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "clipboard-read": [],
    "clipboard-write": ["self"],  # "copier le lien" of the guide and the clauses
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "interest-cohort": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
# No script of ours reads the cookies (forms carry the CSRF token in a hidden field).
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Rate limits (centre/ratelimits.py): French 429 pages; RATELIMIT_ENABLE=false turns them off
# (load benchmarks). Counts live in the default cache.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
RATELIMIT_VIEW = "core.ratelimits.rate_limited"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# One process-local cache in development and tests; production shares a database cache.
# "pages" holds whole anonymous pages, apart so that they never evict rate-limit counters.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# How long an anonymous page may stay in the cache at most (any content change empties it sooner).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# Wagtail
WAGTAIL_SITE_NAME = "Centre de ressources des clauses sociales"
# The one canonical base of every absolute URL that leaves the site (core/links.py).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
# Uploads (centre/uploads.py): content checked against the extension, size limits, a media
# folder that must accept the file. Documents go through Wagtail's view (serve_view): only PDFs
# open in the browser, everything else downloads as an attachment, with nosniff and a CSP that
# blocks any script. Images: raster formats only, never SVG.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx", "ods", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "centre.uploads.DocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "centre.uploads.ImageForm"
# Free space that must remain on the media disk after an upload.
UPLOAD_FREE_SPACE_MARGIN = 50 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
# Approving a page of an edition that is not live yet holds it for its edition (guides).
WAGTAIL_FINISH_WORKFLOW_ACTION = "guides.moderation.finish_workflow"
WAGTAIL_WORKFLOW_ENABLED = True

# Search: database backend by default; OpenSearch when OPENSEARCH_URL is set, Elasticsearch 9
# when ELASTICSEARCH_URL is, with the database index kept up to date beside the engine so that
# search degrades instead of failing.
WAGTAILSEARCH_BACKENDS = search_backends_from_env(
    os.environ.get("ELASTICSEARCH_URL", "").strip(),
    postgres=DATABASE_IS_POSTGRES,
    opensearch_url=os.environ.get("OPENSEARCH_URL", "").strip(),
)

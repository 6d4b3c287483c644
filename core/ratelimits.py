"""Rate limits of the public forms, the search and the admin login, answered with a French 429.

Each limit has a name; a view takes it with `@limit("name")`, which is django-ratelimit's own
decorator with `block=True`. Over the limit, django-ratelimit raises `Ratelimited`; its middleware
hands it to `RATELIMIT_VIEW` = `rate_limited` below, which answers 429 with a French page (JSON
under /api/) saying what happened and when to retry, plus a Retry-After header.

Counts live in the default cache, per client address (`RATELIMIT_IP_META_KEY` behind a proxy),
in fixed windows. Anonymous pages served by the page cache never reach the views, so they are
never counted. `RATELIMIT_ENABLE=false` in the environment turns every limit off (load tests).

GET forms whose page without parameters is a plain page (calculator, clause, directory...) are
counted only when a query string is present: following links is never limited, filling the form
in is.
"""

from dataclasses import dataclass
from functools import wraps

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django_ratelimit import ALL
from django_ratelimit.core import get_usage
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

PERIOD_WORDS = {"s": "seconde", "m": "minute", "h": "heure", "d": "jour"}
PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def submitted_username(group, request):
    """The username typed in a login form, as the user model would match it."""
    return request.POST.get("username", "").strip().lower()[:150]


@dataclass(frozen=True)
class Limit:
    rate: str  # "30/m": 30 requests a minute
    title: str
    explanation: str  # what happened, in a sentence
    key: object = "ip"
    method: object = ALL
    only_with_query: bool = False

    @property
    def count(self):
        return int(self.rate.split("/")[0])

    @property
    def period(self):
        return self.rate.split("/")[1]

    @property
    def seconds(self):
        return PERIOD_SECONDS[self.period]

    @property
    def label(self):
        """'30 par minute'."""
        return f"{self.count} par {PERIOD_WORDS[self.period]}"


SEARCHES = "Vous avez lancé beaucoup de recherches en peu de temps depuis votre connexion."
FORMS = "Vous avez envoyé ce formulaire beaucoup de fois en peu de temps depuis votre connexion."

LIMITS = {
    # Public GET forms and the search: generous, a person never reaches them.
    "search": Limit("30/m", "Trop de recherches", SEARCHES),
    "search-api": Limit("60/m", "Trop de recherches", SEARCHES),
    "suggestions": Limit("120/m", "Trop de demandes de suggestions", SEARCHES),
    "directory-search": Limit("30/m", "Trop de recherches", SEARCHES, only_with_query=True),
    "facilitator": Limit("60/m", "Trop de recherches", SEARCHES, only_with_query=True),
    "lever": Limit("60/m", "Trop de demandes", FORMS, only_with_query=True),
    "calculator": Limit("60/m", "Trop de calculs", FORMS, only_with_query=True),
    "clause-list": Limit("60/m", "Trop de recherches", SEARCHES, only_with_query=True),
    "clause-fill": Limit("60/m", "Trop de demandes", FORMS, only_with_query=True),
    "clause-download": Limit(
        "20/m",
        "Trop de téléchargements",
        "Vous avez téléchargé beaucoup de documents en peu de temps depuis votre connexion.",
    ),
    # Public POST forms: strict, they write to the database or send email.
    "correction": Limit(
        "5/h",
        "Trop de signalements envoyés",
        "Vous avez envoyé beaucoup de signalements en peu de temps depuis votre connexion.",
        method="POST",
    ),
    "alert-subscription": Limit(
        "5/h",
        "Trop de demandes d'abonnement",
        "Nous avons reçu beaucoup de demandes d'abonnement depuis votre connexion en peu de "
        "temps. Pour protéger les boîtes de réception contre les abus, elles sont suspendues.",
        method="POST",
    ),
    # Admin login (Wagtail and Django admin): per address and per username tried.
    "admin-login-ip": Limit(
        "20/m",
        "Trop de tentatives de connexion",
        "Beaucoup de tentatives de connexion sont venues de votre adresse en peu de temps.",
        method="POST",
    ),
    "admin-login-username": Limit(
        "5/m",
        "Trop de tentatives de connexion",
        "Beaucoup de tentatives de connexion ont visé cet identifiant en peu de temps : pour "
        "protéger le compte, elles sont suspendues.",
        key=submitted_username,
        method="POST",
    ),
}


def _rate_for(name):
    def rate(group, request):
        spec = LIMITS[name]
        if spec.only_with_query and not request.GET:
            return None  # no limit
        return spec.rate

    return rate


def limit(name):
    """Decorator: the view answers 429 past the named limit (see LIMITS)."""
    spec = LIMITS[name]
    group = f"centre:{name}"
    rate = _rate_for(name)

    def decorator(view):
        limited = ratelimit(group=group, key=spec.key, rate=rate, method=spec.method, block=True)(
            view
        )

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return limited(request, *args, **kwargs)
            except Ratelimited as exception:
                if not hasattr(exception, "limit"):  # the innermost limit reached tells
                    exception.limit = LIMITS[name]
                    usage = get_usage(
                        request, group=group, key=spec.key, rate=rate, method=spec.method
                    )
                    left = usage["time_left"] if usage else spec.seconds
                    exception.retry_after = min(max(int(left), 1), spec.seconds)
                raise

        return wrapped

    return decorator


def throttle_admin_login(view):
    """An admin login view limited per client address and per username tried."""
    return limit("admin-login-ip")(limit("admin-login-username")(view))


def in_words(seconds):
    """'45 secondes', '2 minutes', '1 heure' (rounded up)."""
    if seconds < 60:
        return f"{seconds} seconde{'s' if seconds > 1 else ''}"
    if seconds < 3600:
        minutes = -(-seconds // 60)
        return f"{minutes} minute{'s' if minutes > 1 else ''}"
    hours = -(-seconds // 3600)
    return f"{hours} heure{'s' if hours > 1 else ''}"


GENERIC = Limit("1/m", "Trop de demandes", "Vous avez fait beaucoup de demandes en peu de temps.")


def rate_limited(request, exception=None):
    """RATELIMIT_VIEW: 429, French page or JSON under /api/, with Retry-After."""
    spec = getattr(exception, "limit", None) or GENERIC
    retry_after = getattr(exception, "retry_after", None) or spec.seconds
    wait = in_words(retry_after)
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "erreur": spec.title,
                "message": f"{spec.explanation} Réessayez dans {wait}.",
                "limite": spec.label,
                "reessayer_dans_secondes": retry_after,
            },
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = render(
            request,
            "429.html",
            {
                "limit": spec,
                "wait": wait,
                "retry_url": request.get_full_path() if request.method == "GET" else "",
                "posted": request.method == "POST",
            },
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response

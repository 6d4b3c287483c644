"""The main navigation: fixed, stable public paths (see shared/URLS.md)."""

MAIN_NAVIGATION = [
    ("Guide", "/guide/"),
    ("Clauses types", "/clauses/"),
    ("Main-d'œuvre & calculateur", "/main-d-oeuvre/"),
    ("Annuaire", "/annuaire/"),
    ("Marchés à venir", "/marches-a-venir/"),
    ("Ressources", "/ressources/"),
    ("Recherche", "/recherche/"),
]


def navigation(request):
    path = getattr(request, "path", "")
    items = [
        {"label": label, "url": url, "current": path.startswith(url)}
        for label, url in MAIN_NAVIGATION
    ]
    return {"main_navigation": items}

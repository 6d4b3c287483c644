"""Every kind of public page, with one example address in the demo content, kept next to the
sitemap (centre/urls.py) so that the phone-width browser test visits each of them.

A new Wagtail page model, a new public URL pattern or a new route of a routable page must be
added here: tests/test_page_types.py fails until it is, either as a page (`PAGES`, an HTML
page a person reads) or as a file (`FILES`: feeds, exports, APIs, downloads, redirects).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageType:
    name: str  # what a person calls it, in the test's failure messages
    examples: tuple  # addresses, or functions giving one from the demo content
    models: tuple = ()  # "app_label.ModelName" of the Wagtail page models it shows
    routes: tuple = ()  # URL pattern names, or "Model.route_name" for routable pages
    # Pages another helper's branch makes fit (the directory); still checked like the others.
    owner: str = field(default="", compare=False)

    def addresses(self):
        return [example() if callable(example) else example for example in self.examples]


def _first_url(model_path, **filters):
    """A function giving the address of the first public object of a model (import deferred:
    this module is read at start-up, before the apps)."""

    def example():
        from django.apps import apps

        app_label, name = model_path.split(".")
        model = apps.get_model(app_label, name)
        queryset = model.objects.public() if hasattr(model.objects, "public") else model.objects
        found = queryset.filter(**filters).order_by("pk").first()
        return found.get_absolute_url() if found is not None else ""

    example.__name__ = f"first {model_path}"
    return example


def _page_url(model_path):
    def example():
        from django.apps import apps
        from wagtail.models import Page

        model = apps.get_model(*model_path.split("."))
        page = Page.objects.type(model).exact_type(model).live().public().first()
        return page.url if page is not None else ""

    example.__name__ = f"first {model_path} page"
    return example


def _labour_share_year():
    from clauses.models import LabourShareRow

    row = LabourShareRow.objects.published().order_by("year").first()
    return f"/main-d-oeuvre/{row.year}/" if row is not None else ""


PAGES = (
    PageType("Accueil", ("/",), models=("centre.HomePage",)),
    PageType(
        "Page simple", ("/accessibilite/", "/mentions-legales/"), models=("centre.StandardPage",)
    ),
    PageType(
        "Guide (édition en vigueur)",
        ("/guide/",),
        models=("guides.GuideIndexPage",),
        routes=("GuideIndexPage.index_route",),
    ),
    PageType(
        "Mises à jour du guide", ("/guide/mises-a-jour/",), routes=("GuideIndexPage.updates_route",)
    ),
    PageType("Guide par étape", ("/guide/etapes/",), routes=("GuideIndexPage.stages_route",)),
    PageType(
        "Édition du guide",
        ("/guide/2026/",),
        models=("guides.GuideEditionPage",),
        routes=("GuideEditionPage.edition_route",),
    ),
    PageType(
        "Versions d'un paragraphe", ("/guide/paragraphe/taux-5/",), routes=("paragraph_history",)
    ),
    PageType(
        "Comparaison d'éditions",
        ("/guide/2026/comparer/2025/",),
        routes=("GuideEditionPage.compare_route",),
    ),
    PageType(
        "Chapitre du guide",
        (_page_url("guides.GuideChapterPage"),),
        models=("guides.GuideChapterPage",),
        routes=("GuideChapterPage.chapter_route",),
    ),
    PageType(
        "Section du guide",
        (_page_url("guides.GuideSectionPage"),),
        models=("guides.GuideSectionPage",),
    ),
    PageType("Bases juridiques", ("/bases-juridiques/",), routes=("legal_basis_list",)),
    PageType("Base juridique", (_first_url("guides.LegalBasis"),), routes=("legal_basis_detail",)),
    PageType("Clauses types", ("/clauses/",), routes=("clauses:clause_list",)),
    PageType(
        "Clause type", (_first_url("clauses.ModelClause"),), routes=("clauses:clause_detail",)
    ),
    PageType(
        "Calculateur d'heures",
        ("/calculateur/", "/calculateur/?montant=1200000&part=40&cout_horaire=35&taux=7"),
        routes=("clauses:calculator",),
    ),
    PageType("Référentiel de main-d'œuvre", ("/main-d-oeuvre/",), routes=("clauses:labour_share",)),
    PageType(
        "Référentiel d'une année", (_labour_share_year,), routes=("clauses:labour_share_year",)
    ),
    PageType("Annuaire", ("/annuaire/",), routes=("directory:index",), owner="directory"),
    PageType(
        "Facilitateur d'une commune",
        ("/annuaire/facilitateur/", "/annuaire/facilitateur/?code_postal=59100"),
        routes=("directory:facilitator",),
        owner="directory",
    ),
    PageType(
        "Carte de couverture", ("/annuaire/carte/",), routes=("directory:map",), owner="directory"
    ),
    PageType(
        "Choix du levier", ("/annuaire/levier/",), routes=("directory:lever",), owner="directory"
    ),
    PageType(
        "Fiche de l'annuaire",
        (
            _first_url("directory.Organisation", kind="facilitateur"),
            _first_url("directory.Organisation", kind="employeur"),
        ),
        routes=("directory:detail",),
        owner="directory",
    ),
    PageType(
        "Signaler une correction",
        (lambda: _first_url("directory.Organisation")() + "signaler/",),
        routes=("directory:correction",),
        owner="directory",
    ),
    PageType(
        "Marchés à venir",
        ("/marches-a-venir/", "/marches-a-venir/?q=nettoyage"),
        routes=("contracts:list",),
    ),
    PageType(
        "Marché à venir", (_first_url("contracts.UpcomingContract"),), routes=("contracts:detail",)
    ),
    PageType(
        "Données ouvertes des marchés",
        ("/marches-a-venir/donnees-ouvertes/",),
        routes=("contracts:open_data",),
    ),
    PageType("Alertes marchés", ("/marches-a-venir/alertes/",), routes=("contracts:alerts",)),
    PageType(
        "Alerte envoyée", ("/marches-a-venir/alertes/envoye/",), routes=("contracts:alerts_sent",)
    ),
    PageType(
        "Lien d'alerte invalide",
        (
            "/marches-a-venir/alertes/confirmer/lien-invalide/",
            "/marches-a-venir/alertes/desabonnement/lien-invalide/",
        ),
        routes=("contracts:alerts_confirm", "contracts:alerts_unsubscribe"),
    ),
    PageType(
        "Recherche",
        ("/recherche/", "/recherche/?q=insertion", "/recherche/?q=heures+insertion&type=guide"),
        routes=("search",),
    ),
    PageType("Ressources", ("/ressources/",), models=("resources.ResourceHubPage",)),
    PageType(
        "Publications", ("/ressources/publications/",), models=("resources.PublicationIndexPage",)
    ),
    PageType("Statistiques", ("/ressources/statistiques/",), models=("resources.StatisticsPage",)),
    PageType(
        "Panorama d'une région",
        ("/ressources/statistiques/nouvelle-aquitaine/",),
        routes=("statsbase_region",),
    ),
    PageType(
        "Format du bilan annuel",
        ("/ressources/statistiques/format-du-bilan/",),
        routes=("statsbase_format",),
    ),
    PageType("Formations", ("/ressources/formations/",), models=("resources.EventIndexPage",)),
    PageType("Formation", (_page_url("resources.EventPage"),), models=("resources.EventPage",)),
    PageType(
        "Bonnes pratiques",
        ("/ressources/bonnes-pratiques/",),
        models=("resources.GoodPracticeIndexPage",),
    ),
    PageType(
        "Bonne pratique",
        (_page_url("resources.GoodPracticePage"),),
        models=("resources.GoodPracticePage",),
    ),
    PageType(
        "Boîtes à outils", ("/ressources/boites-a-outils/",), models=("resources.ToolboxIndexPage",)
    ),
    PageType(
        "Boîte à outils", (_page_url("resources.ToolboxPage"),), models=("resources.ToolboxPage",)
    ),
    PageType("Glossaire", ("/glossaire/",), models=("resources.GlossaryPage",)),
    PageType("Page introuvable", ("/cette-page-n-existe-pas/",)),
)

# Public addresses that are not pages to read on a screen.
FILES = (
    "health",
    "robots_txt",
    "sitemap",
    "search_api",
    "search_suggestions",
    "guide_updates_feed",
    "GuideEditionPage.pdf_route",
    "GuideEditionPage.paragraph_route",  # redirects to the paragraph's anchor
    "GuideChapterPage.pdf_route",
    "clauses:labour_share_csv",
    "clauses:labour_share_json",
    "clauses:clause_pdf",
    "clauses:clause_docx",
    "directory:export_csv",
    "directory:export_json",
    "directory:schema",
    "directory:communes",  # JSON suggestions for the commune field
    "resources_series_csv",
    "resources_events_calendar",
    "statsbase_return_schema",
    "statsbase_return_model",
    "statsbase_figure_schema",
    "statsbase_pdf",
    "statsbase_figure_csv",
    "contracts:feed",
    "contracts:calendar",
    "contracts:export_csv",
    "contracts:export_json",
    "contracts:schema",
)

# Django and Wagtail machinery, not pages of this site.
NOT_OURS = ("wagtailcore_authenticate_with_password", "wagtailcore_login", "wagtail_serve")


def public_route_names():
    """Names of every URL pattern outside the admin, and of every route of a routable page."""
    from django.urls import URLResolver, get_resolver
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import get_page_models

    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith(("admin/", "django-admin/", "documents/")):
                    continue
                prefix = f"{pattern.namespace}:" if pattern.namespace else ""
                walk(pattern.url_patterns, namespace + prefix)
            elif pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            seen_patterns = set()
            for route in model.get_subpage_urls():
                # Wagtail's default index route, shadowed by the page's own "" route.
                if str(route.pattern) not in seen_patterns:
                    names.add(f"{model.__name__}.{route.name}")
                seen_patterns.add(str(route.pattern))
    return names

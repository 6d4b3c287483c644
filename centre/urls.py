from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LoginView as WagtailLoginView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from clauses.sitemaps import ClausesSitemap
from contracts.sitemaps import UpcomingContractSitemap
from core.publication import PageSitemap
from core.ratelimits import throttle_admin_login
from search import views as search_views
from statsbase.sitemaps import StatisticsSitemap

from . import views

# Wagtail's pages, plus the public pages that apps serve with their own views.
SITEMAPS = {
    "pages": PageSitemap,
    "ressources": ClausesSitemap,
    "marches-a-venir": UpcomingContractSitemap,
    "statistiques": StatisticsSitemap,
}

urlpatterns = [
    # Both admin logins, throttled per address and per username (same views as the includes').
    path("django-admin/login/", throttle_admin_login(admin.site.login)),
    path("admin/login/", throttle_admin_login(WagtailLoginView.as_view())),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sante/", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("recherche/", search_views.search, name="search"),
    path("api/recherche/", search_views.search_api, name="search_api"),
    path("api/recherche/suggestions/", search_views.suggestions_api, name="search_suggestions"),
    path("", include("guides.urls")),
    path("", include("clauses.urls")),
    path("", include("directory.urls")),
    path("", include("statsbase.urls")),  # before resources: /ressources/statistiques/…
    path("", include("resources.urls")),
    path("", include("contracts.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree serves everything else; keep it last.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "centre.views.page_not_found"
handler500 = "centre.views.server_error"

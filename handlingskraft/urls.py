from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from handlingskraft.accounts.views.language import set_language
from handlingskraft.health import health

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("healthz/", health, name="health"),
    path("i18n/setlang/", set_language, name="set_language"),
]

if settings.OIDC_ENABLED:
    # Login with the organisation's own account; see docs/oidc.md.
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

urlpatterns += [
    path("", include("handlingskraft.accounts.urls")),
    # Before the plans: their "<org_slug>/" would otherwise take "hjalp/".
    path("", include("handlingskraft.help.urls")),
    path("", include("handlingskraft.plans.urls")),
    path("", include("handlingskraft.audit.urls")),
    path("", include("handlingskraft.followup.urls")),
    path("", include("handlingskraft.indicators.urls")),
    path("", include("handlingskraft.datacollection.urls")),
]

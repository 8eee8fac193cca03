from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from handlingskraft.accounts.views.language import set_language
from handlingskraft.health import health

# A database that cannot be reached outside a view (loading the session) gets
# the same 503 page as inside one; other errors Django's own server error.
handler500 = "handlingskraft.database_unavailable.server_error"

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
    # Public pages under offentligt/, and the coordinator's publishing pages.
    path("", include("handlingskraft.public.urls")),
    # The REST API under api/ and the token pages under konto/.
    path("", include("handlingskraft.api.urls")),
    path("", include("handlingskraft.plans.urls")),
    path("", include("handlingskraft.audit.urls")),
    path("", include("handlingskraft.followup.urls")),
    path("", include("handlingskraft.indicators.urls")),
    path("", include("handlingskraft.datacollection.urls")),
    path("", include("handlingskraft.training.urls")),
    # Reports and downloads (the plan document, the round's report, activity lists).
    path("", include("handlingskraft.exports.urls")),
]

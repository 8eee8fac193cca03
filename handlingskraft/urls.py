from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [path("admin/", admin.site.urls)]

if settings.OIDC_ENABLED:
    # Login with the organisation's own account; see docs/oidc.md.
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

urlpatterns += [
    path("", include("handlingskraft.accounts.urls")),
    path("", include("handlingskraft.plans.urls")),
    path("", include("handlingskraft.audit.urls")),
    path("", include("handlingskraft.followup.urls")),
]

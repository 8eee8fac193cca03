from django.urls import include, path

app_name = "plans"
# One URL module per area, so each can grow without touching the others.
urlpatterns = [
    path("", include("handlingskraft.plans.urls_pages")),
    path("", include("handlingskraft.plans.urls_editing")),
    path("", include("handlingskraft.plans.urls_versions")),
]

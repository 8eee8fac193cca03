from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("<slug:org_slug>/historik/", views.organization_log, name="organization_log"),
    path(
        "<slug:org_slug>/historik/export.csv",
        views.organization_log_csv,
        name="organization_log_csv",
    ),
    path(
        "<slug:org_slug>/historik/<str:kind>/<int:pk>/",
        views.object_history,
        name="object_history",
    ),
]

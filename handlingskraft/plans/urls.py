from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("<slug:org_slug>/planer/<slug:plan_slug>/", views.plan_detail, name="plan_detail"),
]

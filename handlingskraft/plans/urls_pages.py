from django.urls import path

from .views import pages

urlpatterns = [
    path("", pages.organization_list, name="organization_list"),
    path("<slug:org_slug>/planer/<slug:plan_slug>/", pages.plan_detail, name="plan_detail"),
]

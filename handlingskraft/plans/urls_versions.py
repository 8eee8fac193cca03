from django.urls import path

from .views import versions

urlpatterns = [
    path(
        "<slug:org_slug>/planer/<slug:plan_slug>/versioner/",
        versions.plan_versions,
        name="plan_versions",
    ),
    path(
        "<slug:org_slug>/planer/<slug:plan_slug>/revidera/",
        versions.plan_revise_view,
        name="plan_revise",
    ),
    path(
        "<slug:org_slug>/planer/<slug:plan_slug>/jamfor/",
        versions.plan_compare,
        name="plan_compare",
    ),
    path(
        "<slug:org_slug>/planer/<slug:plan_slug>/jamfor/skal/",
        versions.revision_note,
        name="revision_note",
    ),
    path(
        "<slug:org_slug>/planer/<slug:plan_slug>/anta/",
        versions.plan_adopt_view,
        name="plan_adopt",
    ),
]

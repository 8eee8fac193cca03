from django.urls import path

from .views import datasets, reporting, review, tables

# The namespace is the domain's word; the package is called datacollection only
# so that it cannot shadow Python's statistics module.
app_name = "statistics"

BASE = "<slug:org_slug>/statistik/"
DATA_SET = f"{BASE}<int:data_set_id>/"
REPORT = "<int:actor_id>/<str:period>/"

urlpatterns = [
    path(BASE, datasets.dataset_list, name="dataset_list"),
    path(f"{BASE}ny/", datasets.dataset_create, name="dataset_create"),
    path(f"{BASE}gransvarde/", datasets.threshold_edit, name="threshold_edit"),
    path(DATA_SET, datasets.dataset_detail, name="dataset_detail"),
    path(f"{DATA_SET}andra/", datasets.dataset_edit, name="dataset_edit"),
    path(f"{DATA_SET}uppgifter/ny/", datasets.element_create, name="element_create"),
    path(f"{DATA_SET}uppgifter/<int:element_id>/", datasets.element_edit, name="element_edit"),
    path(f"{DATA_SET}rapportera/{REPORT}", reporting.report, name="report"),
    path(f"{DATA_SET}granskning/", review.review_list, name="review_list"),
    path(f"{DATA_SET}granskning/{REPORT}", review.review, name="review"),
    path(f"{DATA_SET}rattelse/{REPORT}", review.correct, name="correct"),
    path(f"{DATA_SET}tabeller/", tables.tables, name="tables"),
    path(f"{DATA_SET}export/", tables.exports, name="exports"),
    path(
        f"{DATA_SET}export/<int:element_id>.csv",
        tables.element_export,
        name="element_export",
    ),
]

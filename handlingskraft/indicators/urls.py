from django.urls import path

from .views import kolada, measures, surveys, values

app_name = "indicators"

MEASURE = "<slug:org_slug>/matt/<int:measure_id>/"
SURVEY = "<slug:org_slug>/enhetsenkater/<int:survey_id>/"

urlpatterns = [
    path("<slug:org_slug>/matt/", measures.measure_list, name="measure_list"),
    path(MEASURE, measures.measure_detail, name="measure_detail"),
    path(f"{MEASURE}nytt-varde/", values.value_create, name="value_create"),
    path(f"{MEASURE}ny-enkat/", surveys.survey_create_view, name="survey_create"),
    path("<slug:org_slug>/enhetsenkater/", surveys.survey_list, name="survey_list"),
    path(SURVEY, surveys.survey_detail, name="survey_detail"),
    path(f"{SURVEY}svara/", surveys.survey_answer, name="survey_answer"),
    path(f"{SURVEY}stang/", surveys.survey_close_view, name="survey_close"),
    path("<slug:org_slug>/kolada/import/", kolada.kolada_import_view, name="kolada_import"),
    path("<slug:org_slug>/kolada/export/", kolada.kolada_export_view, name="kolada_export"),
]

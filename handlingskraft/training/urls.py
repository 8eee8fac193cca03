from django.urls import path

from .views import competence, participation, setup, surveys, trainings

app_name = "training"

BASE = "<slug:org_slug>/utbildning/"

urlpatterns = [
    path(BASE, trainings.training_list, name="training_list"),
    path(f"{BASE}ny/", trainings.training_create, name="training_create"),
    path(f"{BASE}<int:training_id>/", trainings.training_detail, name="training_detail"),
    path(f"{BASE}<int:training_id>/andra/", trainings.training_edit, name="training_edit"),
    path(
        f"{BASE}<int:training_id>/deltagande/<int:actor_id>/",
        participation.participation_edit,
        name="participation_edit",
    ),
    path(f"{BASE}kompetensplan/", competence.competence_plan, name="competence_plan"),
    path(f"{BASE}kompetensplan/ny/", competence.line_create, name="line_create"),
    path(f"{BASE}kompetensplan/<int:line_id>/", competence.line_edit, name="line_edit"),
    path(f"{BASE}tackning/", competence.coverage, name="coverage"),
    path(f"{BASE}medarbetarenkat/", surveys.survey_results, name="survey_results"),
    path(f"{BASE}medarbetarenkat/ny/", surveys.survey_result_create, name="survey_result_create"),
    path(f"{BASE}medarbetarenkat/import/", surveys.survey_import, name="survey_import"),
    path(f"{BASE}installningar/", setup.training_settings, name="settings"),
    path(f"{BASE}matt/", setup.measure_feeds, name="measure_feeds"),
]

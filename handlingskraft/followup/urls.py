from django.urls import path

from .views import assessments, consolidation, history, lists, reporting, review, rounds

app_name = "followup"

ROUND = "<slug:org_slug>/uppfoljning/<int:round_id>/"

urlpatterns = [
    path("<slug:org_slug>/uppfoljning/", rounds.round_list, name="round_list"),
    path("<slug:org_slug>/uppfoljning/ny/", rounds.round_create, name="round_create"),
    path("<slug:org_slug>/uppfoljning/listor/", lists.lists_edit, name="lists"),
    path(ROUND, rounds.round_detail, name="round_detail"),
    path(f"{ROUND}paminn/", rounds.round_remind, name="round_remind"),
    path(f"{ROUND}las/", rounds.round_lock_view, name="round_lock"),
    path(f"{ROUND}oppna-igen/", rounds.round_reopen_view, name="round_reopen"),
    path("<slug:org_slug>/att-rapportera/", reporting.todo, name="todo"),
    path(f"{ROUND}uppgift/<int:task_id>/", reporting.task_report, name="task_report"),
    path(f"{ROUND}granskning/", review.review_list, name="review_list"),
    path(f"{ROUND}granskning/<int:task_id>/", review.task_review, name="task_review"),
    path(
        f"{ROUND}samlad-status/<int:activity_id>/",
        consolidation.consolidate,
        name="consolidate",
    ),
    path(f"{ROUND}bedomning/", assessments.assessments, name="assessments"),
    path(
        "<slug:org_slug>/aktiviteter/<int:activity_id>/status/",
        history.activity_history,
        name="activity_history",
    ),
]

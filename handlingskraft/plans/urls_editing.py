"""Editing a plan (coordinators). Everything lives under the plan's
`redigera/` so the reading pages keep their own addresses. Plan-wide pages
work on the newest version unless ?version=N names another."""

from django.urls import path

from .views.editing import items, plan, structure

EDIT = "<slug:org_slug>/planer/<slug:plan_slug>/redigera/"
GOAL = f"{EDIT}malbilder/<int:goal_id>/"
PREREQUISITE = f"{EDIT}forutsattningar/<int:prerequisite_id>/"
MEASURE = f"{EDIT}matt/<int:measure_id>/"
ACTIVITY = f"{EDIT}aktiviteter/<int:activity_id>/"
RESPONSIBILITY = f"{EDIT}ansvar/<int:responsibility_id>/"

urlpatterns = [
    path("<slug:org_slug>/ny-plan/", plan.plan_create, name="plan_create"),
    path(EDIT, plan.plan_edit, name="plan_edit"),
    path(f"{EDIT}uppgifter/", plan.plan_update, name="plan_update"),
    path(f"{EDIT}malbilder/ny/", structure.goal_create, name="goal_create"),
    path(GOAL, structure.goal_update, name="goal_update"),
    path(f"{GOAL}ta-bort/", structure.goal_delete, name="goal_delete"),
    path(f"{GOAL}flytta/", structure.goal_move, name="goal_move"),
    path(f"{GOAL}forutsattningar/ny/", structure.prerequisite_create, name="prerequisite_create"),
    path(PREREQUISITE, structure.prerequisite_update, name="prerequisite_update"),
    path(f"{PREREQUISITE}ta-bort/", structure.prerequisite_delete, name="prerequisite_delete"),
    path(f"{EDIT}matt/ny/", items.measure_create, name="measure_create"),
    path(MEASURE, items.measure_update, name="measure_update"),
    path(f"{MEASURE}ta-bort/", items.measure_delete, name="measure_delete"),
    path(f"{EDIT}aktiviteter/ny/", items.activity_create, name="activity_create"),
    path(ACTIVITY, items.activity_update, name="activity_update"),
    path(f"{ACTIVITY}ta-bort/", items.activity_delete, name="activity_delete"),
    path(f"{ACTIVITY}flytta/", items.activity_move, name="activity_move"),
    path(f"{EDIT}ansvar/ny/", items.responsibility_create, name="responsibility_create"),
    path(RESPONSIBILITY, items.responsibility_update, name="responsibility_update"),
    path(f"{RESPONSIBILITY}ta-bort/", items.responsibility_delete, name="responsibility_delete"),
]

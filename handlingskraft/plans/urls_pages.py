from django.urls import path

from .views import pages, workspace

PLAN = "<slug:org_slug>/planer/<slug:plan_slug>/"

urlpatterns = [
    path("", pages.organization_list, name="organization_list"),
    path("<slug:org_slug>/", pages.organization_home, name="organization_home"),
    path(PLAN, pages.plan_detail, name="plan_detail"),
    # The goal's own name (målbild, utvecklingsområde …) varies by plan; the
    # address keeps one word for all of them.
    path(f"{PLAN}malbild/<int:number>/", pages.goal_detail, name="goal_detail"),
    path(f"{PLAN}aktiviteter/", workspace.activity_list, name="activity_list"),
    path(
        f"{PLAN}ansvar/<int:actor_id>/",
        workspace.actor_responsibility,
        name="actor_responsibility",
    ),
    path(f"{PLAN}tidslinje/", workspace.timeline, name="timeline"),
]

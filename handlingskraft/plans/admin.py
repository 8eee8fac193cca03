from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Activity,
    ActivityActor,
    Goal,
    Measure,
    MeasureTarget,
    Plan,
    Prerequisite,
    Responsibility,
)


class GoalInline(admin.StackedInline):
    model = Goal
    extra = 0
    fields = ["number", "title", "description"]


class ResponsibilityInline(admin.StackedInline):
    model = Responsibility
    extra = 0
    fk_name = "plan"
    autocomplete_fields = ["actor", "followed_up_by"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organization", "status", "decided_on"]
    list_filter = ["organization", "status"]
    search_fields = ["title"]
    autocomplete_fields = ["decided_by"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [GoalInline, ResponsibilityInline]


class PrerequisiteInline(admin.TabularInline):
    model = Prerequisite
    extra = 0


class MeasureInline(admin.StackedInline):
    model = Measure
    extra = 0
    exclude = ["plan"]


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "plan"]
    list_filter = ["plan__organization", "plan"]
    search_fields = ["title"]
    inlines = [PrerequisiteInline]


class ActivityActorInline(admin.TabularInline):
    model = ActivityActor
    extra = 0
    autocomplete_fields = ["actor"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["description", "plan", "goal", "status"]
    list_filter = ["plan__organization", "plan", "status", "prevention_level"]
    search_fields = ["description"]
    inlines = [ActivityActorInline]


class MeasureTargetInline(admin.TabularInline):
    model = MeasureTarget
    extra = 0


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["statement", "plan", "goal", "direction", "kind", "kolada_kpi"]
    list_filter = ["plan__organization", "direction", "kind"]
    search_fields = ["statement", "kolada_kpi"]
    inlines = [MeasureTargetInline]


@admin.register(Responsibility)
class ResponsibilityAdmin(SimpleHistoryAdmin):
    list_display = ["actor", "plan", "followed_up_by"]
    list_filter = ["plan__organization"]
    autocomplete_fields = ["actor", "followed_up_by"]

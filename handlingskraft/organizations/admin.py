from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Actor, Organization, Unit


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "municipality_code", "slug"]
    search_fields = ["name", "municipality_code"]
    prepopulated_fields = {"slug": ["name"]}


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "organization", "serves"]
    list_filter = ["organization", "kind"]
    search_fields = ["name", "abbreviation"]
    autocomplete_fields = ["serves"]
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "actor"]
    list_filter = ["kind", "actor__organization"]
    search_fields = ["name"]

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import HelpContact, HelpText, IndicatorLink, SharedIndicator


@admin.register(SharedIndicator)
class SharedIndicatorAdmin(SimpleHistoryAdmin):
    """Shared indicators are defined by the administrators (for a regional or
    national body); coordinators link their measures to them."""

    list_display = ["name", "code", "kolada_kpi", "is_count"]
    search_fields = ["name", "code", "kolada_kpi"]


@admin.register(IndicatorLink)
class IndicatorLinkAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "organization", "measure_lineage"]
    list_filter = ["organization"]


@admin.register(HelpContact)
class HelpContactAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organization", "kind", "phone", "position"]
    list_filter = ["organization", "kind"]


@admin.register(HelpText)
class HelpTextAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "language", "updated_at"]
    list_filter = ["organization", "language"]

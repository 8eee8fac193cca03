from django.urls import path

from .views import (
    comparison,
    downloads,
    help,
    help_editing,
    indicator_links,
    pages,
    publishing,
    statement,
    statistics,
)

app_name = "public"

# The public pages, open to everyone. The site-wide pages come before the
# organisation's: their words are reserved slugs (organizations/models.py).
OPEN = "offentligt/"
ORG = f"{OPEN}<slug:org_slug>/"
PLAN = f"{ORG}planer/<slug:plan_slug>/"
# The coordinator's pages, inside the organisation.
PUBLISHING = "<slug:org_slug>/publicering/"
HELP = f"{PUBLISHING}stod-och-hjalp/"

urlpatterns = [
    path(OPEN, pages.index, name="index"),
    path(f"{OPEN}tillganglighet/", statement.accessibility, name="accessibility"),
    path(f"{OPEN}jamforelse/", comparison.indicator_list, name="indicator_list"),
    path(f"{OPEN}jamforelse/<str:code>/", comparison.indicator_detail, name="indicator_detail"),
    path(f"{OPEN}jamforelse/<str:code>/data.csv", comparison.indicator_csv, name="indicator_csv"),
    path(ORG, pages.organization_home, name="organization"),
    path(f"{ORG}stod-och-hjalp/", help.help_page, name="help"),
    path(f"{ORG}stod-och-hjalp/<slug:language>/", help.help_page, name="help_language"),
    path(f"{ORG}statistik/", statistics.statistics_list, name="statistics_list"),
    path(
        f"{ORG}statistik/<int:data_set_id>/",
        statistics.statistics_detail,
        name="statistics_detail",
    ),
    path(
        f"{ORG}statistik/<int:data_set_id>/<int:element_id>.csv",
        statistics.statistics_csv,
        name="statistics_csv",
    ),
    path(PLAN, pages.plan_detail, name="plan"),
    path(f"{PLAN}matt/", pages.measures, name="measures"),
    path(f"{PLAN}uppfoljningar/", pages.round_list, name="round_list"),
    path(f"{PLAN}uppfoljningar/<int:round_id>/", pages.round_detail, name="round_detail"),
    path(f"{PLAN}plan.json", downloads.plan_json, name="plan_json"),
    path(f"{PLAN}status.csv", downloads.activities_csv, name="activities_csv"),
    path(f"{PLAN}matt.csv", downloads.measures_csv, name="measures_csv"),
    # The coordinator's side.
    path(PUBLISHING, publishing.publishing, name="publishing"),
    path(
        f"{PUBLISHING}planer/<slug:plan_slug>/",
        publishing.publishing_plan,
        name="publishing_plan",
    ),
    path(
        f"{PUBLISHING}version/<int:plan_id>/",
        publishing.plan_publication,
        name="plan_publication",
    ),
    path(
        f"{PUBLISHING}uppfoljning/<int:round_id>/",
        publishing.round_publication,
        name="round_publication",
    ),
    path(
        f"{PUBLISHING}statistik/<int:data_set_id>/",
        publishing.data_set_publication,
        name="data_set_publication",
    ),
    path(
        f"{PUBLISHING}jamforelse/",
        indicator_links.indicator_links,
        name="indicator_links",
    ),
    path(HELP, help_editing.help_edit, name="help_edit"),
    path(f"{HELP}kontakter/ny/", help_editing.contact_form, name="contact_create"),
    path(f"{HELP}kontakter/<int:contact_id>/", help_editing.contact_form, name="contact_edit"),
    path(
        f"{HELP}kontakter/<int:contact_id>/ta-bort/",
        help_editing.contact_delete,
        name="contact_delete",
    ),
    path(f"{HELP}texter/ny/", help_editing.text_form, name="text_create"),
    path(f"{HELP}texter/<int:text_id>/", help_editing.text_form, name="text_edit"),
    path(f"{HELP}texter/<int:text_id>/ta-bort/", help_editing.text_delete, name="text_delete"),
]

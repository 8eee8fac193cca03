"""The history pages: one object's changes, the organisation's log and its
CSV export."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.db.models import Model
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from handlingskraft.accounts.models import User
from handlingskraft.audit.models import AuditAction, AuditEntry
from handlingskraft.audit.views import ENTRIES_PER_PAGE
from handlingskraft.conftest import World
from handlingskraft.organizations.models import Actor, ActorKind
from handlingskraft.plans.models import ActivityActor

ClientAs = Callable[[str], Client]


def save_as(obj: Model, user: User | None, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)
    obj._history_user = user  # type: ignore[attr-defined]
    obj.save()


def history_url(world: World, kind: str, obj: Model) -> str:
    return reverse(
        "audit:object_history",
        kwargs={"org_slug": world.organization.slug, "kind": kind, "pk": obj.pk},
    )


def log_url(world: World, name: str = "audit:organization_log") -> str:
    return reverse(name, kwargs={"org_slug": world.organization.slug})


def add_entries(world: World, count: int, **fields: Any) -> None:
    """`count` log entries in the organisation, by several users."""
    users = [world.users["coordinator"], world.users["reader"], None]
    AuditEntry.objects.bulk_create(
        AuditEntry(
            organization=world.organization,
            user=users[index % 3],
            user_display=users[index % 3].username if users[index % 3] else "",
            timestamp=timezone.now() - datetime.timedelta(minutes=index),
            action=AuditAction.CHANGED,
            model="plans.activity" if index % 2 else "plans.goal",
            object_id=str(index),
            object_repr=f"Objekt {index}",
            changes=[{"field": "title", "label": "rubrik", "old": "a", "new": "b"}],
            **fields,
        )
        for index in range(count)
    )


# Login, session and membership checks included; what matters is that the
# number does not grow with the number of entries.
MAX_QUERIES = 16


def queries_for(client: Client, url: str, params: dict[str, str] | None = None) -> int:
    """How many queries one request (including a streamed body) takes."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


def csv_of(response: Any) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


# One object's history ------------------------------------------------------


def test_the_history_shows_each_change_newest_first_with_field_old_and_new_value(
    world: World, client_as: ClientAs
) -> None:
    save_as(world.activity, world.users["coordinator"], description="Informera alla föräldrar.")
    save_as(world.activity, world.users["working_group_member"], status_note="Startar i vår.")

    page = client_as("reader").get(history_url(world, "activity", world.activity))

    assert page.status_code == 200
    entries = list(page.context["entries"])
    assert [entry.changes[0]["field"] for entry in entries[:2]] == ["status_note", "description"]
    assert (entries[-1].model, entries[-1].action) == ("plans.activity", AuditAction.CREATED)
    html = page.content.decode()
    assert "Startar i vår." in html
    assert "Informera föräldrar." in html and "Informera alla föräldrar." in html
    assert "kommentar till status".capitalize() in html
    assert "samordnare" in html and "arbetsgrupp" in html
    assert "(tomt)" in html


def test_the_history_table_has_a_caption_and_column_headers(
    world: World, client_as: ClientAs
) -> None:
    html = client_as("reader").get(history_url(world, "plan", world.plan)).content.decode()
    assert '<caption id="historik-tabell">' in html
    assert 'aria-labelledby="historik-tabell"' in html
    assert html.count('<th scope="col">') == 7
    assert "style=" not in html and "<script" not in html


@pytest.mark.parametrize("kind", ["plan", "goal", "measure", "activity"])
def test_every_kind_of_object_has_a_history_page(
    kind: str, world: World, client_as: ClientAs
) -> None:
    obj = getattr(world, kind)
    assert client_as("working_group_member").get(history_url(world, kind, obj)).status_code == 200


@pytest.mark.parametrize("kind", ["plan", "goal", "measure", "activity"])
def test_another_organisations_object_answers_404(
    kind: str, world: World, client_as: ClientAs
) -> None:
    related = {"goal": "goals", "measure": "measures", "activity": "activities"}
    other = world.other_plan if kind == "plan" else getattr(world.other_plan, related[kind]).get()
    assert client_as("coordinator").get(history_url(world, kind, other)).status_code == 404


def test_an_unknown_kind_of_object_answers_404(world: World, client_as: ClientAs) -> None:
    url = history_url(world, "responsibility", world.plan.responsibilities.get())
    assert client_as("coordinator").get(url).status_code == 404


def test_an_activitys_history_includes_its_responsible_actors(
    world: World, client_as: ClientAs
) -> None:
    assignment = world.activity.assignments.get(actor=world.school)
    assignment._history_user = world.users["coordinator"]  # type: ignore[attr-defined]
    assignment.delete()

    html = client_as("reader").get(history_url(world, "activity", world.activity)).content
    assert "Ansvarig aktör: Utbildningsnämnden (Informera föräldrar.)" in html.decode()
    assert "Borttagen" in html.decode()


def edit_activity_many_times(world: World, times: int) -> None:
    partner, _created = Actor.objects.get_or_create(
        organization=world.organization, name="Polisen", kind=ActorKind.EXTERNAL_PARTNER
    )
    for number in range(times):
        save_as(world.activity, world.users["coordinator"], description=f"Version {number}.")
        ActivityActor.objects.create(activity=world.activity, actor=partner, position=9)
        world.activity.assignments.filter(actor=partner).delete()


def test_an_objects_history_renders_in_a_fixed_number_of_queries(
    world: World, client_as: ClientAs, django_assert_max_num_queries: Any
) -> None:
    client = client_as("reader")
    url = history_url(world, "activity", world.activity)
    edit_activity_many_times(world, 1)
    few = queries_for(client, url)
    edit_activity_many_times(world, 30)
    assert queries_for(client, url) == few
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url)


# The organisation's log ----------------------------------------------------


def test_the_log_lists_the_organisations_entries_only(world: World, client_as: ClientAs) -> None:
    save_as(world.other_plan, world.users["outsider"], title="Den andra planen")
    save_as(world.plan, world.users["coordinator"], title="Vår plan")

    html = client_as("coordinator").get(log_url(world)).content.decode()
    assert "Vår plan" in html
    assert "Den andra planen" not in html


def test_the_log_filters_by_user_type_and_dates(world: World, client_as: ClientAs) -> None:
    add_entries(world, 12)
    client = client_as("coordinator")
    reader = world.users["reader"]

    page = client.get(log_url(world), {"user": reader.pk, "what": "plans.activity"})
    entries = list(page.context["page"].object_list)
    assert entries
    assert all(entry.user == reader and entry.model == "plans.activity" for entry in entries)

    today = timezone.localdate()
    future = {"date_from": (today + datetime.timedelta(days=1)).isoformat()}
    assert not client.get(log_url(world), future).context["page"].object_list
    past = {"date_to": (today - datetime.timedelta(days=1)).isoformat()}
    assert not client.get(log_url(world), past).context["page"].object_list
    both = {"date_from": today.isoformat(), "date_to": today.isoformat()}
    assert client.get(log_url(world), both).context["page"].paginator.count > 0


def test_the_user_filter_offers_only_users_who_appear_in_the_log(
    world: World, client_as: ClientAs
) -> None:
    save_as(world.plan, world.users["working_group_member"], title="Ändrad")
    form = client_as("coordinator").get(log_url(world)).context["form"]
    offered = {label for _value, label in form.fields["user"].choices}
    assert "arbetsgrupp" in offered
    assert "lasare" not in offered
    kinds = {label for _value, label in form.fields["what"].choices}
    assert {"plan", "aktivitet", "organisation"} <= kinds


def test_the_log_shows_fifty_entries_a_page(world: World, client_as: ClientAs) -> None:
    AuditEntry.objects.all().delete()
    add_entries(world, ENTRIES_PER_PAGE + 5)
    client = client_as("coordinator")

    first = client.get(log_url(world), {"what": "plans.goal"})
    assert first.context["page"].paginator.count == 28
    first = client.get(log_url(world))
    assert len(first.context["page"].object_list) == ENTRIES_PER_PAGE
    assert "sida=2" in first.content.decode()
    second = client.get(log_url(world), {"sida": 2})
    assert len(second.context["page"].object_list) == 5


def test_the_next_page_link_keeps_the_filters(world: World, client_as: ClientAs) -> None:
    add_entries(world, 2 * ENTRIES_PER_PAGE)
    html = client_as("coordinator").get(log_url(world), {"what": "plans.goal"}).content.decode()
    assert "?what=plans.goal&amp;sida=2" in html


@pytest.mark.parametrize("filters", [{}, {"what": "plans.goal", "user": "1"}])
def test_the_log_renders_in_a_fixed_number_of_queries(
    filters: dict[str, str],
    world: World,
    client_as: ClientAs,
    django_assert_max_num_queries: Any,
) -> None:
    client = client_as("coordinator")
    add_entries(world, 3)
    few = queries_for(client, log_url(world), filters)
    add_entries(world, 2 * ENTRIES_PER_PAGE)
    assert queries_for(client, log_url(world), filters) == few
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(log_url(world), filters)


# The CSV export ------------------------------------------------------------


def test_the_export_has_a_header_and_one_row_per_changed_field(
    world: World, client_as: ClientAs
) -> None:
    AuditEntry.objects.all().delete()
    save_as(
        world.activity,
        world.users["coordinator"],
        description="Informera alla föräldrar.",
        status_note="Startar i vår.",
    )
    response = client_as("coordinator").get(log_url(world, "audit:organization_log_csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = csv_of(response)
    assert rows[0] == [
        "tidpunkt",
        "användare",
        "händelse",
        "typ",
        "objekt",
        "fält",
        "gammalt värde",
        "nytt värde",
    ]
    assert [row[1:] for row in rows[1:]] == [
        [
            "samordnare",
            "Ändrad",
            "aktivitet",
            "Informera alla föräldrar.",
            "beskrivning",
            "Informera föräldrar.",
            "Informera alla föräldrar.",
        ],
        [
            "samordnare",
            "Ändrad",
            "aktivitet",
            "Informera alla föräldrar.",
            "kommentar till status",
            "",
            "Startar i vår.",
        ],
    ]


def test_the_export_guards_against_spreadsheet_formulas(world: World, client_as: ClientAs) -> None:
    AuditEntry.objects.all().delete()
    save_as(world.plan, world.users["coordinator"], title='=HYPERLINK("http://x")')
    rows = csv_of(client_as("coordinator").get(log_url(world, "audit:organization_log_csv")))
    assert rows[1][4] == '\'=HYPERLINK("http://x")'
    assert rows[1][7] == '\'=HYPERLINK("http://x")'


def test_the_export_uses_the_same_filters_as_the_log(world: World, client_as: ClientAs) -> None:
    AuditEntry.objects.all().delete()
    add_entries(world, 10)
    response = client_as("coordinator").get(
        log_url(world, "audit:organization_log_csv"), {"what": "plans.goal"}
    )
    rows = csv_of(response)[1:]
    assert (
        len(rows)
        == AuditEntry.objects.filter(organization=world.organization, model="plans.goal").count()
    )
    assert {row[3] for row in rows} == {"målbild"}


def test_a_deletion_is_one_row_without_a_field(world: World, client_as: ClientAs) -> None:
    AuditEntry.objects.all().delete()
    world.goal.prerequisites.get().delete()
    rows = csv_of(client_as("coordinator").get(log_url(world, "audit:organization_log_csv")))
    assert rows[1][1:] == [
        "Systemet",
        "Borttagen",
        "förutsättning",
        "Kunskap finns om förebyggande arbete.",
        "",
        "",
        "",
    ]


def test_the_export_runs_in_a_fixed_number_of_queries(
    world: World, client_as: ClientAs, django_assert_max_num_queries: Any
) -> None:
    client = client_as("coordinator")
    url = log_url(world, "audit:organization_log_csv")
    add_entries(world, 3)
    few = queries_for(client, url)
    add_entries(world, 300)
    assert queries_for(client, url) == few
    with django_assert_max_num_queries(MAX_QUERIES):
        assert len(csv_of(client.get(url))) > 300

"""Which models move with an organisation, found from the foreign keys alone."""

from __future__ import annotations

from django.apps import apps

from handlingskraft.public.models import SharedIndicator
from handlingskraft.transfer.discovery import discover, is_history_model


def labels() -> list[str]:
    return [entry.label for entry in discover().moved]


def test_models_are_found_through_chains_of_foreign_keys():
    layout = discover()
    assert layout.by_label["plans.prerequisite"].lookups == ("goal__plan__organization",)
    assert layout.by_label["followup.statusreport"].lookups == ("task__round__organization",)
    assert layout.by_label["audit.auditentry"].lookups == ("organization",)


def test_automatic_many_to_many_tables_move_too():
    assert {"datacollection.dataelement_actors", "training.training_topics"} <= set(labels())


def test_every_moved_model_with_history_brings_its_history_after_it():
    layout = discover()
    order = labels()
    for model in apps.get_models():
        if is_history_model(model) and model.instance_type in layout.by_model:  # type: ignore[attr-defined]
            original = model.instance_type._meta.label_lower  # type: ignore[attr-defined]
            assert order.index(model._meta.label_lower) > order.index(original)


def test_rows_come_after_the_rows_they_point_at():
    layout = discover()
    order = labels()
    for entry in layout.moved:
        for reference in entry.references.values():
            if reference.kind == "row" and reference.target is not entry.model:
                assert order.index(reference.target._meta.label_lower) < order.index(entry.label)


def test_accounts_sessions_and_logins_stay_behind():
    moved = set(labels())
    for label in (
        "accounts.user",
        "accounts.historicaluser",
        "sessions.session",
        "axes.accessattempt",
        "axes.accesslog",
        "otp_totp.totpdevice",
        "auth.permission",
        "contenttypes.contenttype",
        "admin.logentry",
        "public.sharedindicator",
    ):
        assert label not in moved


def test_shared_rows_are_matched_by_their_natural_key():
    assert discover().shared[SharedIndicator] == ("code",)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "handlingskraft.audit"
    verbose_name = _("Historik")

    def ready(self) -> None:
        # Signals, against the project's habit, because this is cross-cutting
        # infrastructure rather than business flow: django-simple-history
        # already sees every create, change and delete of every domain model,
        # whichever code path made it (services, admin, imports), and the log
        # must miss none of them. Business actions still belong in services.
        from django.db.models.signals import pre_delete
        from simple_history.signals import post_create_historical_record

        from . import recording

        post_create_historical_record.connect(
            recording.record_history_entry, dispatch_uid="audit_record_history_entry"
        )
        pre_delete.connect(
            recording.note_deletion_origin, dispatch_uid="audit_note_deletion_origin"
        )

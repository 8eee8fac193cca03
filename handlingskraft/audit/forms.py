from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from handlingskraft.accounts.models import User

from .models import AuditEntry, model_verbose_name
from .recording import user_display


class LogFilterForm(forms.Form):
    """The organisation log's filters, read from the query string. The choices
    are what actually appears in the organisation's log."""

    user = forms.TypedChoiceField(
        label=_("Användare"), required=False, coerce=int, empty_value=None
    )
    what = forms.ChoiceField(label=_("Typ"), required=False)
    date_from = forms.DateField(
        label=_("Från och med"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Till och med"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, entries: QuerySet[AuditEntry], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        users = User.objects.filter(pk__in=entries.values("user_id")).order_by(
            "first_name", "last_name", "username"
        )
        user_field = cast(forms.ChoiceField, self.fields["user"])
        user_field.choices = [("", _("Alla")), *((u.pk, user_display(u)) for u in users)]
        labels = entries.order_by("model").values_list("model", flat=True).distinct()
        kinds = sorted(((label, model_verbose_name(label)) for label in labels), key=_by_name)
        cast(forms.ChoiceField, self.fields["what"]).choices = [("", _("Alla")), *kinds]

    def filter(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        """`entries` narrowed by the filters that are valid; an invalid one is
        left out (and the form says why). The form must be bound."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("user") is not None:
            entries = entries.filter(user_id=data["user"])
        if data.get("what"):
            entries = entries.filter(model=data["what"])
        if data.get("date_from"):
            entries = entries.filter(timestamp__date__gte=data["date_from"])
        if data.get("date_to"):
            entries = entries.filter(timestamp__date__lte=data["date_to"])
        return entries


def _by_name(choice: tuple[str, str]) -> str:
    return choice[1]

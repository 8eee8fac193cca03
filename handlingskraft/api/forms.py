"""The form for creating a personal API token."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from handlingskraft.accounts.models import User
from handlingskraft.lib.personal_data import validate_no_personal_data
from handlingskraft.organizations.models import Organization

from .tokens import TokenInput


def organizations_of(user: User) -> QuerySet[Organization]:
    """The organisations a user can create tokens for: their active
    memberships' (administrators: every organisation)."""
    if user.is_superuser:
        return Organization.objects.order_by("name")
    return Organization.objects.filter(
        memberships__user=user, memberships__is_active=True
    ).order_by("name")


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Namn"),
        max_length=100,
        validators=[validate_no_personal_data],
        help_text=gettext_lazy("Vad nyckeln används till, till exempel ”Ärendesystemets export”."),
    )
    organization = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organization.objects.none(),
        empty_label=None,
        help_text=gettext_lazy("Nyckeln når bara den organisationens uppgifter, med din roll där."),
    )
    expires_on = forms.DateField(
        label=gettext_lazy("Gäller till och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD. Tomt: tills du återkallar den."),
    )
    read_only = forms.BooleanField(
        label=gettext_lazy("Bara läsa"),
        required=False,
        help_text=gettext_lazy("Nyckeln kan läsa men inte skicka in rapporter eller värden."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organization"])
        field.queryset = organizations_of(user)

    def token_input(self) -> TokenInput:
        data = self.cleaned_data
        return TokenInput(
            name=data["name"],
            organization=data["organization"],
            expires_on=data["expires_on"],
            read_only=data["read_only"],
        )

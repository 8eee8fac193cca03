"""Forms for inviting and administering members, accepting an invitation and
giving a two-step code. Labels and messages are Swedish."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from handlingskraft.organizations.models import Actor, Organization

from .models import Invitation, Role, User

ACTOR_HELP = _(
    "Krävs för rapportörer och arbetsgruppsmedlemmar: den nämnd eller part de företräder."
)


class RoleAndActorForm(forms.Form):
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)
    actor = forms.ModelChoiceField(
        label=_("Företräder aktör"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("Ingen aktör"),
        help_text=ACTOR_HELP,
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the organisation's own actors can be chosen: another
        # organisation's actor is "not one of the available choices".
        self.fields["actor"].queryset = Actor.objects.filter(  # type: ignore[attr-defined]
            organization=organization
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if Role.needs_actor(cleaned.get("role", "")) and cleaned.get("actor") is None:
            self.add_error("actor", _("Rollen kräver att en aktör anges."))
        return cleaned


class InvitationForm(RoleAndActorForm):
    email = forms.EmailField(
        label=_("E-postadress"),
        help_text=_("Inbjudan skickas hit. Länken gäller i sju dagar och kan användas en gång."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    field_order = ["email", "role", "actor"]


class MembershipForm(RoleAndActorForm):
    pass


class AcceptInvitationForm(forms.Form):
    """A new account for the invited e-mail address."""

    username = forms.CharField(
        label=_("Användarnamn"),
        max_length=150,
        help_text=_("Högst 150 tecken: bokstäver, siffror och @ . + - _"),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    first_name = forms.CharField(
        label=_("Förnamn"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Efternamn"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Lösenordet igen"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Skriv samma lösenord en gång till."),
    )

    def __init__(self, *args: Any, invitation: Invitation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        User.username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Användarnamnet är upptaget. Välj ett annat."))
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Lösenorden är inte likadana."))
        elif password1:
            candidate = User(
                username=cleaned.get("username", ""),
                email=self.invitation.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, checked against `device`."""

    code = forms.CharField(
        label=_("Kod"),
        max_length=6,
        min_length=6,
        help_text=_("Sex siffror från autentiseringsappen i din telefon."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": "8"}
        ),
        error_messages={
            "min_length": _("Koden har sex siffror."),
            "max_length": _("Koden har sex siffror."),
        },
    )

    def __init__(self, *args: Any, user: User, device: TOTPDevice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = device
        # The device as saved by a successful check (with its last used step).
        self.verified_device: TOTPDevice | None = None

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("Koden har sex siffror."))
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("För många felaktiga koder. Vänta en stund och försök sedan igen.")
            )
        self.verified_device = verify_token(self.user, self.device.persistent_id, code)
        if self.verified_device is None:
            raise forms.ValidationError(
                _(
                    "Koden stämmer inte. Kontrollera att telefonens klocka går rätt "
                    "och skriv den kod som visas just nu."
                )
            )
        return code

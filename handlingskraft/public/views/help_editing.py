"""The coordinator edits the help page: its contacts and its texts per
language. Saved changes are public at once (the page is for finding help, and
there is nothing internal on it); every change is in the history."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handlingskraft.accounts.permissions import Capability, requires
from handlingskraft.organizations.models import Organization

from ..forms import HelpContactForm, HelpTextForm
from ..models import HelpContact, HelpText
from ..services import help_contact_delete, help_contact_save, help_text_delete, help_text_save
from .publishing import acting_user


def _edit_url(organization: Organization) -> str:
    return reverse("public:help_edit", args=[organization.slug])


@requires(Capability.PUBLISH)
def help_edit(request: HttpRequest, organization: Organization) -> HttpResponse:
    """The help page's contacts and texts, with links to change them."""
    context = {
        "organization": organization,
        "contacts": HelpContact.objects.filter(organization=organization),
        "texts": HelpText.objects.filter(organization=organization).order_by("language"),
    }
    return render(request, "public/publishing/help.html", context)


@requires(Capability.PUBLISH)
def contact_form(
    request: HttpRequest, organization: Organization, contact_id: int | None = None
) -> HttpResponse:
    """A new contact, or changes to one (saving one marks it as checked)."""
    contact = (
        get_object_or_404(HelpContact, pk=contact_id, organization=organization)
        if contact_id is not None
        else HelpContact(organization=organization)
    )
    if contact_id is None:
        contact.position = HelpContact.objects.filter(organization=organization).count()
    form = HelpContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        saved = help_contact_save(contact=form.save(commit=False), user=acting_user(request))
        if not saved.phone and not saved.web:
            messages.warning(
                request,
                _(
                    "”%(name)s” är sparad men visas inte på den offentliga sidan förrän den har "
                    "ett telefonnummer eller en webbadress."
                )
                % {"name": saved.name},
            )
        else:
            messages.success(request, _("”%(name)s” är sparad.") % {"name": saved.name})
        return redirect(_edit_url(organization))
    return render(
        request,
        "public/publishing/contact_form.html",
        {"organization": organization, "form": form, "contact": contact},
    )


@requires(Capability.PUBLISH)
@require_POST
def contact_delete(
    request: HttpRequest, organization: Organization, contact_id: int
) -> HttpResponse:
    contact = get_object_or_404(HelpContact, pk=contact_id, organization=organization)
    help_contact_delete(contact=contact, user=acting_user(request))
    messages.success(request, _("”%(name)s” är borttagen.") % {"name": contact.name})
    return redirect(_edit_url(organization))


@requires(Capability.PUBLISH)
def text_form(
    request: HttpRequest, organization: Organization, text_id: int | None = None
) -> HttpResponse:
    """The texts in one language: a new language, or changes to one."""
    text = (
        get_object_or_404(HelpText, pk=text_id, organization=organization)
        if text_id is not None
        else HelpText(organization=organization)
    )
    form = HelpTextForm(request.POST or None, instance=text, organization=organization)
    if request.method == "POST" and form.is_valid():
        saved = help_text_save(text=form.save(commit=False), user=acting_user(request))
        messages.success(
            request, _("Texten på %(language)s är sparad.") % {"language": saved.language_name}
        )
        return redirect(_edit_url(organization))
    return render(
        request,
        "public/publishing/text_form.html",
        {"organization": organization, "form": form, "text": text},
    )


@requires(Capability.PUBLISH)
@require_POST
def text_delete(request: HttpRequest, organization: Organization, text_id: int) -> HttpResponse:
    text = get_object_or_404(HelpText, pk=text_id, organization=organization)
    help_text_delete(text=text, user=acting_user(request))
    messages.success(
        request, _("Texten på %(language)s är borttagen.") % {"language": text.language_name}
    )
    return redirect(_edit_url(organization))

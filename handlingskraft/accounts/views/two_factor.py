"""Two-step verification: set up an authenticator app, give a code after the
password, remove the app."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..forms import CodeForm
from ..permissions import requires_login
from ..two_factor import confirmed_device, pending_device, two_factor_required


def _next_url(request: HttpRequest) -> str | None:
    """The page to continue to after a code, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _secret_text(device: TOTPDevice) -> str:
    """The key as authenticator apps ask for it when typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _qr_svg(device: TOTPDevice) -> SafeString:
    """The setup link as an inline SVG QR code (no data URL, no style attribute)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4,
        border=4,
        light="#fff",
        svgclass="qr-code",
        lineclass=None,
        title=_("QR-kod för att lägga till Handlingskraft i autentiseringsappen"),
    )
    # segno builds the SVG from the device's own key and our title; nothing
    # typed by a user reaches it.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))


def _verified(request: HttpRequest, device: TOTPDevice) -> None:
    """Mark the session as verified by `device`, under a new session key: the
    session now grants more than before, like after a password login."""
    request.session.cycle_key()
    django_otp.login(request, device)


def _page(request: HttpRequest, *, form: CodeForm | None = None) -> HttpResponse:
    user: Any = request.user
    device = confirmed_device(user)
    pending = None if device else pending_device(user)
    context: dict[str, Any] = {
        "device": device,
        "pending": pending,
        "required": two_factor_required(user),
        "next": _next_url(request),
        "form": form,
    }
    if pending is not None:
        context["secret"] = _secret_text(pending)
        context["qr_svg"] = _qr_svg(pending)
        context["form"] = form or CodeForm(user=user, device=pending)
    elif device is not None:
        context["form"] = form or CodeForm(user=user, device=device)
    return render(request, "accounts/two_factor.html", context)


@requires_login
@never_cache
def two_factor(request: HttpRequest) -> HttpResponse:
    """Whether two-step verification is on, and the way to turn it on or off."""
    return _page(request)


@requires_login
@require_POST
def two_factor_start(request: HttpRequest) -> HttpResponse:
    """Create the key to be confirmed (kept if one is already waiting)."""
    user: Any = request.user
    if confirmed_device(user) is None and pending_device(user) is None:
        TOTPDevice.objects.create(user=user, name=_("Autentiseringsapp"), confirmed=False)
    return redirect(_with_next("accounts:two_factor", request))


@requires_login
@require_POST
def two_factor_confirm(request: HttpRequest) -> HttpResponse:
    """Turn the app on once it shows a correct code; this also verifies the session."""
    user: Any = request.user
    pending = pending_device(user)
    if pending is None:
        return redirect("accounts:two_factor")
    form = CodeForm(request.POST, user=user, device=pending)
    if not form.is_valid() or form.verified_device is None:
        return _page(request, form=form)
    device = form.verified_device
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _verified(request, device)
    messages.success(
        request, _("Tvåstegsverifiering är på. Nästa gång du loggar in frågar vi efter en kod.")
    )
    return redirect(_next_url(request) or "accounts:two_factor")


@requires_login
@require_POST
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    """Turn the app off; a current code proves the phone is at hand."""
    user: Any = request.user
    device = confirmed_device(user)
    if device is None:
        return redirect("accounts:two_factor")
    form = CodeForm(request.POST, user=user, device=device)
    if not form.is_valid():
        return _page(request, form=form)
    device.delete()
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
    messages.success(request, _("Tvåstegsverifiering är avstängd."))
    return redirect("accounts:two_factor")


@requires_login
@never_cache
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of logging in: the code from the app."""
    user: Any = request.user
    device = confirmed_device(user)
    if device is None:
        return redirect(_with_next("accounts:two_factor", request))
    form = CodeForm(request.POST or None, user=user, device=device)
    if request.method == "POST" and form.is_valid():
        _verified(request, form.verified_device)
        return redirect(_next_url(request) or resolve_url(settings.LOGIN_REDIRECT_URL))
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/two_factor_verify.html", context)


def _with_next(view_name: str, request: HttpRequest) -> str:
    target = _next_url(request)
    url = resolve_url(view_name)
    return f"{url}?{urlencode({'next': target})}" if target else url

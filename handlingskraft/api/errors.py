"""Every error the API answers with has one shape, in Swedish:

    {"detail": "what went wrong", "errors": [{"field": "done", "message": "…"}]}

`errors` lists the fields that need correcting (empty when the error is not
about fields; `field` is null for a problem with the request as a whole). A
version conflict adds the two versions (`mine`, `theirs`) to the same shape."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

FieldError = dict[str, str | None]


class ApiError(Exception):
    """An answer other than success, with the Swedish message and the fields."""

    status = 400

    def __init__(
        self,
        detail: str,
        errors: Iterable[FieldError] = (),
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors)
        self.extra = dict(extra or {})

    def body(self) -> dict[str, Any]:
        return {"detail": self.detail, "errors": self.errors, **self.extra}


class Unauthorized(ApiError):
    status = 401


class Forbidden(ApiError):
    status = 403


class NotFound(ApiError):
    status = 404


class Conflict(ApiError):
    """Someone else saved first: the body carries both versions."""

    status = 409


class Unprocessable(ApiError):
    status = 422


def error_body(detail: str, errors: Iterable[FieldError] = ()) -> dict[str, Any]:
    return {"detail": detail, "errors": list(errors)}


def json_error(status: int, detail: str, errors: Iterable[FieldError] = ()) -> JsonResponse:
    """An error response outside django-ninja's handling (the rate limit)."""
    return JsonResponse(
        error_body(detail, errors), status=status, json_dumps_params={"ensure_ascii": False}
    )


def json_method_not_allowed(
    view: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """django-ninja answers a method a path does not have with a plain-text
    405; give it the one error shape (keeping the Allow header)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            answer = json_error(405, _("Metoden stöds inte här."))
            answer["Allow"] = response["Allow"]
            return answer
        return response

    return wrapper


def form_errors(
    form: forms.Form, field_name: Callable[[str], str | None] = lambda name: name
) -> list[FieldError]:
    """A form's errors as the API lists them. `field_name` turns a form field's
    name into the name the API's caller used; errors of the whole form have none."""
    errors: list[FieldError] = []
    for name, problems in form.errors.as_data().items():
        field = None if name == NON_FIELD_ERRORS else field_name(name)
        for problem in problems:
            errors += [{"field": field, "message": message} for message in problem.messages]
    return errors


def invalid(form: forms.Form, field_name: Callable[[str], str | None] = lambda n: n) -> ApiError:
    return Unprocessable(_("Uppgifterna behöver rättas."), form_errors(form, field_name))


# --- django-ninja's own errors, in Swedish --------------------------------------------


def _pydantic_message(error: Mapping[str, Any]) -> str:
    """A Swedish message for one of pydantic's error types."""
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    exact = {
        "missing": _("Uppgiften saknas."),
        "json_invalid": _("Innehållet är inte giltig JSON."),
        "extra_forbidden": _("Fältet finns inte."),
        "string_pattern_mismatch": _("Värdet har fel form."),
        "greater_than_equal": _("Värdet ska vara minst %(limit)s.") % {"limit": context.get("ge")},
        "greater_than": _("Värdet ska vara större än %(limit)s.") % {"limit": context.get("gt")},
        "less_than_equal": _("Värdet får vara högst %(limit)s.") % {"limit": context.get("le")},
        "less_than": _("Värdet ska vara mindre än %(limit)s.") % {"limit": context.get("lt")},
        "string_too_long": _("Texten får vara högst %(limit)s tecken.")
        % {"limit": context.get("max_length")},
        "literal_error": _("Välj ett av: %(choices)s.") % {"choices": context.get("expected")},
        "enum": _("Välj ett av: %(choices)s.") % {"choices": context.get("expected")},
    }
    if kind in exact:
        return exact[kind]
    prefixes = [
        ("int", _("Ange ett heltal.")),
        ("bool", _("Ange true eller false.")),
        ("string", _("Ange en text.")),
        ("decimal", _("Ange ett tal.")),
        ("float", _("Ange ett tal.")),
        ("date", _("Ange ett datum som ÅÅÅÅ-MM-DD.")),
        ("dict", _("Ange ett JSON-objekt.")),
        ("model", _("Ange ett JSON-objekt.")),
        ("list", _("Ange en lista.")),
    ]
    for prefix, message in prefixes:
        if kind.startswith(prefix):
            return message
    return _("Värdet är ogiltigt.")


def _pydantic_field(location: Iterable[Any]) -> str | None:
    """Where the error is, as the caller wrote it: "limit", "done",
    "elements.0.values"; ninja puts the source and, for a body, the
    parameter's name first."""
    parts = [str(part) for part in location]
    if parts[:1] == ["body"]:
        parts = parts[2:]
    elif parts:
        parts = parts[1:]
    return ".".join(parts) or None


def _validation_error(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    errors = [
        {"field": _pydantic_field(error.get("loc", ())), "message": _pydantic_message(error)}
        for error in exc.errors
    ]
    return api.create_response(
        request, error_body(_("Uppgifterna i anropet behöver rättas."), errors), status=422
    )


def _api_error(request: HttpRequest, exc: ApiError, api: NinjaAPI) -> HttpResponse:
    response = api.create_response(request, exc.body(), status=exc.status)
    if exc.status == 401:
        response["WWW-Authenticate"] = "Bearer"
    return response


def _not_found(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, error_body(_("Det efterfrågade finns inte.")), status=404)


def _forbidden(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    detail = str(exc) or _("Din roll ger inte behörighet till det här.")
    return api.create_response(request, error_body(detail), status=403)


def _unauthenticated(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    detail = _("Ange en giltig API-nyckel i rubriken Authorization, som ”Bearer hk_…”.")
    response = api.create_response(request, error_body(detail), status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


def _http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    messages = {
        400: _("Anropet kunde inte tolkas."),
        405: _("Metoden stöds inte här."),
        429: _("För många anrop. Vänta en stund och försök igen."),
    }
    detail = messages.get(exc.status_code, _("Anropet kunde inte utföras."))
    return api.create_response(request, error_body(detail), status=exc.status_code)


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every error django-ninja or our endpoints raise in the one shape."""

    def handler(function: Callable[[HttpRequest, Any, NinjaAPI], HttpResponse]) -> Any:
        return lambda request, exc: function(request, exc, api)

    api.add_exception_handler(ApiError, handler(_api_error))
    api.add_exception_handler(ValidationError, handler(_validation_error))
    api.add_exception_handler(AuthenticationError, handler(_unauthenticated))
    api.add_exception_handler(HttpError, handler(_http_error))
    api.add_exception_handler(Http404, handler(_not_found))
    api.add_exception_handler(PermissionDenied, handler(_forbidden))

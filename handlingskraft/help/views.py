"""The help pages: the user guides in docs/anvandarguide/, open to everyone."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import public

from .guides import GUIDES, INDEX, render_guide


@public
def help_index(request: HttpRequest) -> HttpResponse:
    return _guide_page(request, INDEX)


@public
def help_guide(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in GUIDES:
        raise Http404(_("Det finns ingen sådan hjälpsida."))
    return _guide_page(request, slug)


def _guide_page(request: HttpRequest, slug: str) -> HttpResponse:
    return render(
        request,
        "help/guide.html",
        {"guide": render_guide(slug), "is_index": slug == INDEX},
    )

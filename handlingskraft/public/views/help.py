"""The public help page "Få stöd och hjälp": where to turn, and short texts
for young people and for professionals in the languages the coordinator has
written them in (right to left where the language is written so)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from handlingskraft.accounts.permissions import public

from ..languages import DEFAULT_LANGUAGE, LANGUAGES
from ..models import HelpContact, HelpText
from ..published import organization_or_404

ORDER = {language.code: position for position, language in enumerate(LANGUAGES)}


@public
def help_page(request: HttpRequest, org_slug: str, language: str = "") -> HttpResponse:
    """The help page with the text in `language` (Swedish, or the first
    language written, when none is named)."""
    organization = organization_or_404(org_slug)
    texts = sorted(
        HelpText.objects.filter(organization=organization),
        key=lambda text: ORDER.get(text.language, len(ORDER)),
    )
    by_code = {text.language: text for text in texts}
    text: HelpText | None
    if language:
        if language not in by_code:
            raise Http404(_("Det finns ingen text på det språket."))
        text = by_code[language]
    else:
        text = by_code.get(DEFAULT_LANGUAGE) or (texts[0] if texts else None)
    context = {
        "organization": organization,
        "text": text,
        "other_texts": [other for other in texts if other is not text],
        "contacts": list(HelpContact.objects.shown().filter(organization=organization)),
    }
    return render(request, "public/help.html", context)

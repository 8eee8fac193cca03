"""The accessibility statement (tillgänglighetsredogörelse) that the law on
accessible digital public services (2018:1937, DOS-lagen) requires."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from handlingskraft.accounts.permissions import public

# When the statement was last reviewed against the site; change it with the text.
STATEMENT_DATE = datetime.date(2026, 11, 22)
# DIGG's form for reporting a public-sector website that does not comply.
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "statement_date": STATEMENT_DATE,
            "digg_report_url": DIGG_REPORT_URL,
        },
    )

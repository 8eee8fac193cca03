"""The health check a load balancer or monitor polls: the app answers and its
database accepts a query. No data, no cookies, nothing about the organisations."""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from handlingskraft.accounts.permissions import public

logger = logging.getLogger(__name__)


@public
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Hälsokontrollen nådde inte databasen")
        return JsonResponse({"status": "fel", "databas": "svarar inte"}, status=503)
    return JsonResponse({"status": "ok", "databas": "ok"})

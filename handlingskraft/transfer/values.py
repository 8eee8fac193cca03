"""Field values to and from JSON. Text forms are the ones Django's own
`to_python` reads back (ISO dates, decimals as strings, base64 for bytes), so
a value survives the round trip exactly."""

from __future__ import annotations

import base64
import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.duration import duration_iso_string


def encode(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None or isinstance(field, models.JSONField):
        return value
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def decode(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None or isinstance(field, models.JSONField):
        return value
    return field.to_python(value)

"""Rate limits: so many requests per period for each API token, and for each
IP address for requests without a (valid) token. Counted in Django's cache in
fixed windows; with several app servers the cache must be shared (Redis, see
docs/api.md), or each server counts on its own.

The limits come from the settings API_RATE_TOKEN and API_RATE_ANONYMOUS
("600/min", "60/min"; periods s, min, h, d)."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _

from .auth import presented_token
from .errors import json_error

_PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*([a-z]+)\s*$")


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int


def parse_rate(text: str) -> Rate:
    """ "60/min" → 60 requests a minute. ValueError for anything else."""
    match = _RATE.match(text.lower())
    if match is None or match.group(2) not in _PERIODS or int(match.group(1)) < 1:
        raise ValueError(f"Ogiltig gräns för antal anrop: {text!r} (till exempel 60/min).")
    return Rate(int(match.group(1)), _PERIODS[match.group(2)])


def hit(key: str, rate: Rate, now: float | None = None) -> int | None:
    """Count one request against `key`: None if it is within the rate, else
    the number of seconds until the window ends and requests are allowed again."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    cache_key = f"api-rate:{key}:{rate.seconds}:{window}"
    cache.add(cache_key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: a new window
        cache.set(cache_key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.requests:
        return None
    return max(1, math.ceil((window + 1) * rate.seconds - now))


def client_address(request: HttpRequest) -> str:
    """The caller's address: REMOTE_ADDR, or behind API_RATE_PROXIES trusted
    proxies the address the outermost of them saw (from X-Forwarded-For)."""
    proxies = settings.API_RATE_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return str(request.META.get("REMOTE_ADDR", ""))


def rate_limited(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Refuse the request with 429 and Retry-After once its token (or, without
    a usable token, its address) has used up its requests for the period."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        token = presented_token(request)
        if token is not None and token.is_usable:
            wait = hit(f"token:{token.pk}", parse_rate(settings.API_RATE_TOKEN))
        else:
            wait = hit(f"ip:{client_address(request)}", parse_rate(settings.API_RATE_ANONYMOUS))
        if wait is None:
            return view(request, *args, **kwargs)
        response = json_error(429, _("För många anrop. Vänta en stund och försök igen."))
        response["Retry-After"] = str(wait)
        return response

    return wrapper

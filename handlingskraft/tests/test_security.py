"""The security baseline: Django's deployment checklist passes in production,
production refuses the development key, every page carries a strict Content
Security Policy, and cookies are kept from scripts and plain HTTP."""

from __future__ import annotations

import json
import os
import re
import secrets
import string
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from handlingskraft.conftest import World

BASE_DIR = Path(settings.BASE_DIR)
TEMPLATE_DIR = BASE_DIR / "handlingskraft" / "templates"


def strong_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


def production_env(**extra: str) -> dict[str, str]:
    """A clean environment for a production server: nothing from this test
    run (DEBUG, demo mode, database) leaks in."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "PYTHONIOENCODING": "utf-8",
        "HANDLINGSKRAFT_PRODUCTION": "1",
        "ALLOWED_HOSTS": "example.se",
    }
    env.update(extra)
    return env


def run_python(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def production_settings(**extra: str) -> dict[str, object]:
    """Selected settings as a production server would load them."""
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "STORAGES",
    ]
    code = (
        "import json, handlingskraft.settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}))"
    )
    result = run_python("-c", code, env=production_env(SECRET_KEY=strong_secret_key(), **extra))
    assert result.returncode == 0, result.stderr
    loaded: dict[str, object] = json.loads(result.stdout)
    return loaded


def test_the_deployment_checklist_passes_without_warnings_in_production() -> None:
    result = run_python(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(SECRET_KEY=strong_secret_key()),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "identified no issues" in output


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = run_python("manage.py", "check", env=production_env())
    assert result.returncode != 0
    assert "SECRET_KEY måste sättas i produktion." in result.stderr


def test_production_cookies_are_secure_and_kept_from_scripts() -> None:
    loaded = production_settings(SECURE_COOKIES="0")
    assert loaded["DEBUG"] is False
    assert loaded["SESSION_COOKIE_SECURE"] is True
    assert loaded["SESSION_COOKIE_HTTPONLY"] is True
    assert loaded["CSRF_COOKIE_SECURE"] is True
    assert loaded["CSRF_COOKIE_HTTPONLY"] is True


def test_production_insists_on_https_with_hsts() -> None:
    loaded = production_settings()
    assert loaded["SECURE_SSL_REDIRECT"] is True
    assert loaded["SECURE_HSTS_SECONDS"] == 31_536_000
    assert loaded["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert loaded["SECURE_HSTS_PRELOAD"] is True
    assert loaded["SECURE_PROXY_SSL_HEADER"] is None


def test_https_settings_can_be_changed_by_environment() -> None:
    loaded = production_settings(
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_PRELOAD="0",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
    )
    assert loaded["SECURE_SSL_REDIRECT"] is False
    assert loaded["SECURE_HSTS_SECONDS"] == 3600
    assert loaded["SECURE_HSTS_PRELOAD"] is False
    assert loaded["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_serves_fingerprinted_compressed_static_files() -> None:
    storages = production_settings()["STORAGES"]
    assert isinstance(storages, dict)
    assert storages["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    # Elsewhere (tests, the live server, `make run`) nothing needs collecting.
    assert settings.STORAGES["staticfiles"]["BACKEND"] == (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def test_whitenoise_comes_right_after_the_security_middleware() -> None:
    middleware = settings.MIDDLEWARE
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[security + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert "csp.middleware.CSPMiddleware" in middleware


@pytest.mark.parametrize("persona", ["anonymous", "reader"])
def test_every_page_carries_a_strict_content_security_policy(
    persona: str, world: World, client_as: Callable[[str], Client]
) -> None:
    url = reverse(
        "plans:plan_detail",
        kwargs={"org_slug": world.organization.slug, "plan_slug": world.plan.slug},
    )
    response = client_as(persona).get(url)
    policy = response["Content-Security-Policy"]
    directives = {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.parametrize(
    "template", sorted(TEMPLATE_DIR.rglob("*.html")), ids=lambda path: path.name
)
def test_no_template_has_inline_script_style_or_event_handlers(template: Path) -> None:
    """The policy forbids them, so a browser would silently ignore them."""
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"\sstyle\s*=|<style\b", text)
    assert not re.search(r"\son[a-z]+\s*=", text)
    for tag in re.findall(r"<script\b[^>]*>", text):
        # Only external scripts, or data that is never run.
        assert "src=" in tag or 'type="application/json"' in tag, tag

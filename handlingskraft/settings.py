"""The one settings module. Everything that differs between machines comes from
the environment; the defaults give a working local system on SQLite."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_int(name: str, default: int) -> int:
    """An integer setting; a value that is not a whole number stops the start
    with a message saying which variable is wrong."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise RuntimeError(f"{name} ska vara ett heltal, inte {value!r}.") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Demo mode loads demo users and prints their passwords; never set it in production.
DEMO_MODE = env_bool("HANDLINGSKRAFT_DEMO", False)

_INSECURE_KEY = "insecure-local-development-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _INSECURE_KEY)
# A production server (neither DEBUG nor demo) refuses to start on the public key.
if SECRET_KEY == _INSECURE_KEY and env_bool("HANDLINGSKRAFT_PRODUCTION", False):
    raise RuntimeError("SECRET_KEY måste sättas i produktion.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "simple_history",
    "template_partials",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "handlingskraft.organizations",
    "handlingskraft.accounts",
    "handlingskraft.plans",
    "handlingskraft.audit",
    "handlingskraft.followup",
    "handlingskraft.indicators",
    "handlingskraft.datacollection",
    "handlingskraft.training",
    "handlingskraft.exports",
    "handlingskraft.help",
    "handlingskraft.public",
    "handlingskraft.api",
    # django-ninja: installed so that its API documentation page uses the
    # static files it ships instead of a CDN.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves the static files itself, so no web server needs configuring for them.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A lost database connection answers with a Swedish 503 page ("nothing was
    # saved, try again"), not a bare server error; see database_unavailable.py.
    "handlingskraft.database_unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, but only the language chosen with the switch counts.
    "handlingskraft.accounts.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "handlingskraft.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes turns a lockout into the lockout page; it must stay last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "handlingskraft.urls"
WSGI_APPLICATION = "handlingskraft.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "handlingskraft" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
# Swedish for everyone; English only for those who choose it with the switch in
# the footer (a cookie). The browser's Accept-Language is ignored, see
# accounts/language.py. Catalogue: handlingskraft/locale/en (`make messages`).
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "handlingskraft" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "handlingskraft" / "static",
    # The user guide's screenshots (docs/bilder/, taken by the browser tests),
    # for the help pages.
    ("hjalp-bilder", BASE_DIR / "docs" / "bilder"),
]

# Login, sessions and lockout -------------------------------------------------

# The path of accounts:login (a path, not a URL name, so it can be compared with).
LOGIN_URL = "/konto/logga-in/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

AUTHENTICATION_BACKENDS = [
    # Axes only counts failures and refuses locked-out users; it must come first.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Sessions end after this many idle seconds: saving on every request moves the
# expiry forward, so only inactivity ends a session.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Lock the account name, not the address: a municipality's staff often share
# one public IP address, and locking it would lock out the whole town hall.
# Axes warns about leaving out the address (W006); that is this choice.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
# Failures while locked out do not extend the lockout, so the 15 minutes the
# lockout page promises hold.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429

# Two-step verification (TOTP). Superusers must use it when this is set, and
# always when they belong to an organisation that requires it.
HANDLINGSKRAFT_REQUIRE_ADMIN_2FA = env_bool("HANDLINGSKRAFT_REQUIRE_ADMIN_2FA", False)
OTP_TOTP_ISSUER = "Handlingskraft"

# E-mail (invitations, password reset). Printed to the console unless configured.
# Absolute links in e-mail (reminders, invitations) start with this address.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Handlingskraft <noreply@localhost>")
INVITATION_VALID_DAYS = 7

# OpenID Connect (e.g. Entra ID) -------------------------------------------
# Off unless OIDC_RP_CLIENT_ID is set. Only users who already exist (they come
# in by invitation) can log in this way; they are matched on e-mail address,
# case-insensitively. See docs/oidc.md.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
if OIDC_ENABLED:
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_USE_PKCE = True
    OIDC_CREATE_USER = False
    LOGIN_REDIRECT_URL_FAILURE = LOGIN_URL + "?oidc=misslyckades"
    AUTHENTICATION_BACKENDS.append("handlingskraft.accounts.oidc.InvitedUserBackend")
# ----------------------------------------------------------------------------

# Security ---------------------------------------------------------------------
# HANDLINGSKRAFT_PRODUCTION=1 on a real server: HTTPS only (with HSTS), secure
# cookies, and fingerprinted, compressed static files. `manage.py check
# --deploy` passes without warnings there (handlingskraft/tests/test_security.py).
PRODUCTION = env_bool("HANDLINGSKRAFT_PRODUCTION", False)

SESSION_COOKIE_SECURE = PRODUCTION or env_bool("SECURE_COOKIES", not DEBUG and not DEMO_MODE)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF token from the cookie: pages carry it in the form
# or in a header attribute, so the cookie can be kept from scripts too.
CSRF_COOKIE_HTTPONLY = True
# The chosen language is kept for a year; no script reads it either.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Behind a proxy that ends TLS, the header it sets and its value for HTTPS, for
# example "HTTP_X_FORWARDED_PROTO,https". Set it only if the proxy always sets
# or overwrites that header: otherwise a client could claim HTTPS.
_proxy_ssl_header = env_list("SECURE_PROXY_SSL_HEADER", "")
if _proxy_ssl_header:
    if len(_proxy_ssl_header) != 2:
        raise RuntimeError(
            "SECURE_PROXY_SSL_HEADER ska vara rubriken och värdet, "
            "till exempel HTTP_X_FORWARDED_PROTO,https."
        )
    SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header[0], _proxy_ssl_header[1])

# Public pages -----------------------------------------------------------------
# Where problems with the site's accessibility are reported (the accessibility
# statement, DOS-lagen 2018:1937). Set it to a mailbox someone reads.
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", "tillganglighet@example.org")
# Where "Lämna sidan snabbt" on the public pages leads: a neutral page.
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://www.google.com/search?q=v%C3%A4der")

# REST API (handlingskraft/api, docs/api.md) ---------------------------------
# Requests per period for each API token, and for each address without a
# token ("60/min"; periods s, min, h, d). Counted in the cache: with several
# app servers, set REDIS_URL (a shared cache; needs `pip install redis`), or
# each server counts on its own.
API_RATE_TOKEN = env_str("API_RATE_TOKEN", "600/min")
API_RATE_ANONYMOUS = env_str("API_RATE_ANONYMOUS", "120/min")
# Behind this many trusted proxies the caller's address is taken from
# X-Forwarded-For (0: REMOTE_ADDR); set it only if the proxies always set it.
API_RATE_PROXIES = env_int("API_RATE_PROXIES", 0)
if env_str("REDIS_URL", ""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL", ""),
        }
    }

# Content Security Policy: only our own scripts, styles, images and forms; no
# inline script or style, no framing, no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Static files: WhiteNoise serves them. In production they are collected
# (`manage.py collectstatic`) with content hashes in their names and compressed,
# so browsers may cache them for ever; elsewhere they are read from the source
# directories on each request, so nothing needs collecting.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

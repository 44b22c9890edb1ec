"""Settings shared by every environment. Values an installation changes come from config.env."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from config.env import ConfigError, Env

env = Env()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env.str("TILLSAMMANS_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", False)
SECRET_KEY = env.str("SECRET_KEY", "dev-only-insecure-secret-key-change-me-0123456789abcdef")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])

# The audit chain key. Never reuse SECRET_KEY: rotating one must not break the other.
AUDIT_HMAC_KEY = env.str("AUDIT_HMAC_KEY", "dev-only-audit-key-change-me")
AUDIT_CHECKPOINT_EVERY = env.int("AUDIT_CHECKPOINT_EVERY", 100, minimum=1)
# How events join the chain (ADR 0022): "inline" at the end of the page's transaction under the chain
# lock; "sequencer" sealed and written without any lock, chained by `tillsammans worker` within
# about AUDIT_SEQUENCER_MS. Production on PostgreSQL defaults to the sequencer.
AUDIT_CHAIN = env.choice("AUDIT_CHAIN", ("inline", "sequencer"), "inline")
AUDIT_SEQUENCER_MS = env.int("AUDIT_SEQUENCER_MS", 1000, minimum=50, maximum=60_000)
# Months of access log kept on PostgreSQL (whole months are dropped, oldest first); 0 keeps all.
AUDIT_RETENTION_MONTHS = env.int("AUDIT_RETENTION_MONTHS", 0, minimum=0)
# Keys retired by a rotation, newest first: they still verify the events they signed (ADR 0010).
AUDIT_HMAC_RETIRED_KEYS = env.list("AUDIT_HMAC_RETIRED_KEYS", [])
if len(AUDIT_HMAC_KEY) < 16 or any(len(key) < 16 for key in AUDIT_HMAC_RETIRED_KEYS):
    raise ConfigError("AUDIT_HMAC_KEY and AUDIT_HMAC_RETIRED_KEYS must be at least 16 characters long.")
if AUDIT_HMAC_KEY in AUDIT_HMAC_RETIRED_KEYS:
    raise ConfigError("AUDIT_HMAC_KEY is also listed in AUDIT_HMAC_RETIRED_KEYS.")
# Every checkpoint is also written outside the database (file, syslog, e-mail to the auditors),
# and verify-audit checks the chain against the file. See docs/adr/0010.
AUDIT_ANCHORS = env.list("AUDIT_ANCHORS", ["file"])
if set(AUDIT_ANCHORS) - {"file", "syslog", "email"}:
    raise ConfigError(f"AUDIT_ANCHORS={AUDIT_ANCHORS!r}: choose among file, syslog and email.")
AUDIT_ANCHOR_FILE = env.str("AUDIT_ANCHOR_FILE", str(VAR_DIR / "audit-anchor.jsonl"))
AUDIT_ANCHOR_SYSLOG_ADDRESS = env.str("AUDIT_ANCHOR_SYSLOG_ADDRESS", "/dev/log")
AUDIT_ANCHOR_EMAILS = env.list("AUDIT_ANCHOR_EMAILS", [])
if "email" in AUDIT_ANCHORS and not AUDIT_ANCHOR_EMAILS:
    raise ConfigError("AUDIT_ANCHORS includes email: set AUDIT_ANCHOR_EMAILS (the log auditors).")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "mozilla_django_oidc",
    "django_tasks",
    "django_tasks_db",
    "tillsammans.core",
    "tillsammans.accounts",
    "tillsammans.organisations",
    "tillsammans.childplans",
    "tillsammans.logreview",
    "tillsammans.networks",
    "tillsammans.planning",
    "tillsammans.events",
    "tillsammans.pathway",
    "tillsammans.family",
    "tillsammans.concerns",
    "tillsammans.support",
    "tillsammans.insight",
    "tillsammans.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tillsammans.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tillsammans.accounts.middleware.ActorMiddleware",
    "tillsammans.family.middleware.FamilyMiddleware",
    "tillsammans.core.middleware.PolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tillsammans" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tillsammans.accounts.context_processors.actor",
            ],
        },
    }
]

DATABASES = {"default": env.database("DATABASE_URL", str(VAR_DIR / "tillsammans.sqlite3"))}
# A read replica for the log review and reports (docs/deployment.md); unset, everything reads the primary.
if env.str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = env.database("DATABASE_REPLICA_URL", "")
DATABASE_ROUTERS = ["tillsammans.core.dbrouting.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "tillsammans.accounts.backends.UsernameOrEmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# A shared cache (Redis, e.g. CACHE_URL=redis://127.0.0.1:6379/0) for sessions, rate limits and the
# per-request look-ups of the acting person; without one each process keeps its own small cache.
CACHE_URL = env.str("CACHE_URL", "")
if CACHE_URL:
    CACHES = {"default": {"BACKEND": "tillsammans.core.cache.RedisCache", "LOCATION": CACHE_URL,
                          "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", "tillsammans")}}

# Shared parts of structural pages cached until a structural change (core/fragments.py, ADR 0026):
# only with a cache every worker shares, since a change moves the generation in that cache.
FRAGMENT_CACHE = env.bool("FRAGMENT_CACHE", bool(CACHE_URL))

# Sessions: an idle timeout, refreshed on every request, and gone when the browser closes. In the
# shared cache when there is one (no database write per request, docs/performance.md), else in the
# database. Never signed cookies: a session must be possible to end from the server.
SESSION_ENGINE = "django.contrib.sessions.backends." + env.choice(
    "SESSION_STORE", ("db", "cache"), "cache" if CACHE_URL else "db")
SESSION_TIMEOUT_MINUTES = env.int("SESSION_TIMEOUT_MINUTES", 30, minimum=5, maximum=720)
SESSION_COOKIE_AGE = SESSION_TIMEOUT_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Lockout after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# The client address comes from X-Forwarded-For only when the peer is one of these proxies
# (addresses or networks, e.g. "10.0.0.5,10.1.0.0/16"); the lockout and the access log agree.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        __import__("ipaddress").ip_network(_proxy, strict=False)
    except ValueError:
        raise ConfigError(f"TRUSTED_PROXIES: {_proxy!r} is not an address or network.") from None
AXES_CLIENT_IP_CALLABLE = "tillsammans.core.middleware.client_ip"

OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", "Tillsammans")
# After an administrator resets a person's second factor, the mailed enrolment link is valid this long.
OTP_ENROLMENT_HOURS = env.int("OTP_ENROLMENT_HOURS", 48, minimum=1, maximum=24 * 14)
# The admin never shows a device's secret (django-otp's own switch; our admin hides it anyway).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# OpenID Connect through a regional identity provider (SITHS, Freja eID). Off unless configured.
OIDC_ENABLED = env.bool("OIDC_ENABLED", False)
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", "tillsammans")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", "not-set")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", "https://idp.invalid/authorize")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", "https://idp.invalid/token")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", "https://idp.invalid/userinfo")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", "https://idp.invalid/jwks")
OIDC_RP_SCOPES = "openid profile"
OIDC_CREATE_USER = False
OIDC_HSA_ID_CLAIM = env.str("OIDC_HSA_ID_CLAIM", "hsa_id")
OIDC_STRONG_ACR_VALUES = env.list(
    "OIDC_STRONG_ACR_VALUES", ["http://id.elegnamnden.se/loa/1.0/loa3", "loa3"]
)
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOGIN_REDIRECT_URL_FAILURE = "/konto/logga-in/?oidc=fel"
OIDC_STORE_ID_TOKEN = False
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("tillsammans.accounts.oidc.HsaOIDCBackend")

# The family's own door (/familj/, docs/adr/0016 and 0017): guardians and young people log in with
# e-ID through the municipality's e-ID broker (BankID, Freja eID) by OpenID Connect, code flow with
# PKCE. Claims follow the Swedish OIDC profile (oidc.se) unless the broker names them otherwise.
FAMILY_LOGIN_URL = "family:login"
FAMILY_OIDC_ENABLED = env.bool("FAMILY_OIDC_ENABLED", False)
FAMILY_OIDC_ISSUER = env.str("FAMILY_OIDC_ISSUER", "https://e-id.invalid")
FAMILY_OIDC_AUTHORIZATION_ENDPOINT = env.str("FAMILY_OIDC_AUTHORIZATION_ENDPOINT", "https://e-id.invalid/authorize")
FAMILY_OIDC_TOKEN_ENDPOINT = env.str("FAMILY_OIDC_TOKEN_ENDPOINT", "https://e-id.invalid/token")
FAMILY_OIDC_JWKS_ENDPOINT = env.str("FAMILY_OIDC_JWKS_ENDPOINT", "https://e-id.invalid/jwks")
FAMILY_OIDC_CLIENT_ID = env.str("FAMILY_OIDC_CLIENT_ID", "tillsammans-familj")
FAMILY_OIDC_CLIENT_SECRET = env.str("FAMILY_OIDC_CLIENT_SECRET", "not-set")
FAMILY_OIDC_SCOPES = env.str("FAMILY_OIDC_SCOPES", "openid https://id.oidc.se/scope/naturalPersonNumber")
FAMILY_OIDC_IDENTITY_CLAIM = env.str("FAMILY_OIDC_IDENTITY_CLAIM",
                                     "https://id.oidc.se/claim/personalIdentityNumber")
FAMILY_OIDC_ACR_VALUES = env.list("FAMILY_OIDC_ACR_VALUES", ["http://id.elegnamnden.se/loa/1.0/loa3"])
FAMILY_OIDC_TIMEOUT_SECONDS = env.int("FAMILY_OIDC_TIMEOUT_SECONDS", 10, minimum=1, maximum=60)
# A family session ends after this many idle minutes; a consent change needs an e-ID login this fresh.
FAMILY_SESSION_TIMEOUT_MINUTES = env.int("FAMILY_SESSION_TIMEOUT_MINUTES", 10, minimum=2, maximum=60)
FAMILY_FRESH_LOGIN_SECONDS = env.int("FAMILY_FRESH_LOGIN_SECONDS", 300, minimum=30, maximum=3600)
# Rate limits per client address: logins started per hour, and changes per hour by one person.
FAMILY_LOGIN_RATE_PER_HOUR = env.int("FAMILY_LOGIN_RATE_PER_HOUR", 30, minimum=1)
FAMILY_WRITE_RATE_PER_HOUR = env.int("FAMILY_WRITE_RATE_PER_HOUR", 60, minimum=1)
# The test identity provider (fictional identities, a stand-in for BankID/Freja) for the demo and the
# tests only: an OIDC provider (django-oauth-toolkit) mounted at /test-e-id/. Never in production.
FAMILY_TEST_IDP = env.bool("FAMILY_TEST_IDP", False)
TEST_IDP_APPS = ["oauth2_provider", "tillsammans.family.testidp"]
if FAMILY_TEST_IDP:
    INSTALLED_APPS += TEST_IDP_APPS
    from tillsammans.family.testidp.config import configure as _configure_test_idp

    globals().update(_configure_test_idp(VAR_DIR, env.str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")))

# Strict Content-Security-Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# Powerful browser features the product never uses are switched off for every page.
PERMISSIONS_POLICY = {feature: [] for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
    "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment",
    "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
    "xr-spatial-tracking", "interest-cohort", "browsing-topics")}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
# The main catalogue (Swedish, complete), then the family portal's own catalogues for the portal's
# other languages (Arabic, Somali): only the portal's strings are translated there (docs/adr/0018).
LOCALE_PATHS = [BASE_DIR / "tillsammans" / "locale", BASE_DIR / "tillsammans" / "family" / "locale_portal"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"  # filled by collectstatic; served by whitenoise (docs/deployment.md)
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "tillsammans" / "static"]
# Generated files never live under a media URL: they are served through views with policies.
PRIVATE_FILES_DIR = VAR_DIR / "files"

# E-mail: written to files in the demo, SMTP in production.
EMAIL_BACKEND = env.choice(
    "EMAIL_BACKEND",
    (
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
    ),
    "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
# Text messages: a file per message in the demo; an installation names its gateway's sender class.
SMS_BACKEND = env.str("SMS_BACKEND", "tillsammans.core.sms.FileBackend")
SMS_FILE_PATH = env.str("SMS_FILE_PATH", str(VAR_DIR / "sms"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Tillsammans <noreply@tillsammans.invalid>")

# Background work: django-tasks with its database backend (the API Django 6 adopted).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SCHEDULER_TICK_SECONDS = env.int("SCHEDULER_TICK_SECONDS", 30, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "tillsammans": {"level": env.str("LOG_LEVEL", "INFO")},
        "django_tasks_db": {"level": "INFO"},
    },
}

PAGE_SIZE = 25
# Emergency access to a child's plan (ADR 0007 (c)): how long it lasts, and within how many hours a
# second person (the plan's SIP coordinator or a manager of the holder's unit) must confirm it.
EMERGENCY_ACCESS_HOURS = env.int("EMERGENCY_ACCESS_HOURS", 4, minimum=1)
EMERGENCY_CONFIRM_HOURS = env.int("EMERGENCY_CONFIRM_HOURS", 24, minimum=1)
# The pathway (ADR 0016): a worry past this many days without a decision stands out (a pathway of
# the municipality may say otherwise).
PATHWAY_DECISION_DAYS = env.int("PATHWAY_DECISION_DAYS", 14, minimum=1, maximum=90)
# ... and a joint forum tells the requesting unit and the family of its decision within this many days.
PATHWAY_TELL_WITHIN_DAYS = env.int("PATHWAY_TELL_WITHIN_DAYS", 5, minimum=1, maximum=60)
# The log review flags one person refused this many times in one day (probing for children).
LOGREVIEW_REPEATED_REFUSALS = env.int("LOGREVIEW_REPEATED_REFUSALS", 3, minimum=1)
# The address people use to reach this installation (links in e-mail and calendar invitations).
# External guests' details at events are deleted this many days after the event.
EVENTS_GUEST_RETENTION_DAYS = env.int("EVENTS_GUEST_RETENTION_DAYS", 30, minimum=0, maximum=3650)
# Parents' sign-up details in parent groups are deleted this many days after the group's last day.
SUPPORT_PARTICIPANT_RETENTION_DAYS = env.int("SUPPORT_PARTICIPANT_RETENTION_DAYS", 90, minimum=0, maximum=3650)
# Public forms (core/publicforms.py): a form sent back sooner than this after it was shown is a bot's.
PUBLIC_FORM_MIN_SECONDS = env.int("PUBLIC_FORM_MIN_SECONDS", 3, minimum=0, maximum=60)

# Kolada (insight/kolada.py): the live call to the open key-figure database is off unless switched on;
# without it coordinators upload an answer saved from Kolada.
KOLADA_LIVE = env.bool("KOLADA_LIVE", False)
KOLADA_BASE_URL = env.str("KOLADA_BASE_URL", "https://api.kolada.se/v2")
KOLADA_TIMEOUT_SECONDS = env.int("KOLADA_TIMEOUT_SECONDS", 20, minimum=1, maximum=120)

SITE_URL = env.str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

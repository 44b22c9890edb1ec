"""Production: the same code, stricter requirements on what the environment must give."""

from .base import *  # noqa: F403
from .base import ConfigError, env

SECRET_KEY = env.str("SECRET_KEY", required=True)
AUDIT_HMAC_KEY = env.str("AUDIT_HMAC_KEY", required=True)
# The same bar as Django's own deployment check (W009): 50 characters, 5 different, not a default.
if "insecure" in SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ConfigError("SECRET_KEY must be a random string of at least 50 characters "
                      "(python -c 'import secrets; print(secrets.token_urlsafe(50))').")
DEBUG = False
if FAMILY_TEST_IDP:  # noqa: F405
    raise ConfigError("FAMILY_TEST_IDP is for the demo and the tests: production logs families in with "
                      "the municipality's e-ID broker (FAMILY_OIDC_*).")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", True)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Static files served by the app itself (whitenoise): compressed (gzip, brotli if installed) and
# with hashed names, cached for a year. Run `tillsammans collectstatic --no-input` at deploy.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The access log is chained by the worker's sequencer, so no page waits for the chain lock (ADR 0022).
AUDIT_CHAIN = env.choice("AUDIT_CHAIN", ("inline", "sequencer"),
                         "sequencer" if DATABASES["default"]["ENGINE"].endswith("postgresql") else "inline")  # noqa: F405
# One persistent connection per worker process, checked before reuse (docs/deployment.md).
for _alias in DATABASES:  # noqa: F405
    if DATABASES[_alias]["ENGINE"].endswith("postgresql"):  # noqa: F405
        DATABASES[_alias]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", 300, minimum=0)  # noqa: F405
        DATABASES[_alias]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
        # The planner's cost of a random read: 1.1 where the working set is in memory or on SSD
        # (PostgreSQL's default 4 assumes spinning disks and made it scan whole tables of logs and
        # worries to join a few hundred rows: docs/performance.md). Set once per connection; a
        # server-wide setting by the database's administrator does the same.
        _options = DATABASES[_alias].setdefault("OPTIONS", {})  # noqa: F405
        _cost = env.str("DB_RANDOM_PAGE_COST", "1.1")
        if not _cost.replace(".", "", 1).isdigit():
            raise ConfigError("DB_RANDOM_PAGE_COST must be a number, e.g. 1.1.")
        _planner = f"-c random_page_cost={_cost}"
        _options["options"] = f"{_options['options']} {_planner}" if _options.get("options") else _planner

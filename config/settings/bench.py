"""Benchmark settings: production settings served on loopback without TLS, plus the floor view
(a bare Django view doing one indexed lookup) that every page is compared with. Never deployed."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 48)
os.environ.setdefault("AUDIT_HMAC_KEY", "bench-only-audit-key-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# Sessions in Redis, as docs/deployment.md recommends (a local redis-server on the bench machine).
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/9")

from .production import *  # noqa: E402, F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ROOT_URLCONF = "config.urls_bench"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# The benchmark fetches pages, not assets: hashed names need `collectstatic` first, which a
# throw-away benchmark database does not run. Rendering costs the same either way.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

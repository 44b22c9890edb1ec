"""Test settings: the real stack, a fast password hasher, mail kept in memory."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "tillsammans.core.sms.MemoryBackend"
AXES_FAILURE_LIMIT = 5
LANGUAGE_CODE = "sv"
KOLADA_LIVE = False  # the network is never called from tests: recorded answers in insight/data/kolada/
# Each test gets its own anchor file (a fixture in conftest.py); this one only catches strays.
AUDIT_ANCHOR_FILE = str(__import__("tempfile").mkdtemp(prefix="tillsammans-anchor-") + "/anchor.jsonl")

if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # Let Django flush between transactional tests; the audit triggers refuse TRUNCATE otherwise.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c tillsammans.allow_truncate=on"  # noqa: F405

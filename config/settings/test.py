"""Test settings: the real stack, a fast password hasher, mail kept in memory."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "tillsammans.core.sms.MemoryBackend"
AXES_FAILURE_LIMIT = 5
# Events chained at once, so a test sees them in the chain; core/tests cover the sequencer too.
AUDIT_CHAIN = "inline"
LANGUAGE_CODE = "sv"
# One process (the live server is a thread of it), so its own cache is shared: fragments on.
FRAGMENT_CACHE = True
KOLADA_LIVE = False  # the network is never called from tests: recorded answers in insight/data/kolada/
# Each test gets its own anchor file (a fixture in conftest.py); this one only catches strays.
AUDIT_ANCHOR_FILE = str(__import__("tempfile").mkdtemp(prefix="tillsammans-anchor-") + "/anchor.jsonl")

if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # Let Django flush between transactional tests; the audit triggers refuse TRUNCATE otherwise.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c tillsammans.allow_truncate=on"  # noqa: F405

# The family's e-ID login runs against the test identity provider inside the project (ADR 0017).
if not FAMILY_TEST_IDP:  # noqa: F405
    FAMILY_TEST_IDP = True
    INSTALLED_APPS = [*INSTALLED_APPS, *TEST_IDP_APPS]  # noqa: F405
    from tillsammans.family.testidp.config import configure as _configure_test_idp

    globals().update(_configure_test_idp(VAR_DIR, "http://testserver"))  # noqa: F405

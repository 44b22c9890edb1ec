"""Production deployment: static files compressed and hashed and served by the app with DEBUG off,
production settings that load and keep connections, and reads of the log review sent to a read
replica only when one is configured."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import transaction
from django.templatetags.static import static
from django.test import Client, override_settings

from tillsammans.core.dbrouting import REPLICA, ReplicaRouter, replica_reads

MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_static_files_are_hashed_compressed_and_served_with_debug_off(tmp_path, settings):
    settings.DEBUG = False
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST):
        call_command("collectstatic", "--no-input", verbosity=0)
        url = static("css/app.css")
        assert url != "/static/css/app.css" and url.startswith("/static/css/app.")  # hashed name
        assert (tmp_path / url.removeprefix("/static/")).with_suffix(".css.gz").exists()
        client = Client()
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert "max-age=315360000" in response["Cache-Control"]  # hashed: cached "for ever"
        assert client.get("/static/css/no-such-file.css").status_code == 404


def test_production_settings_load_with_debug_off_and_persistent_connections(tmp_path):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.production",
               SECRET_KEY="a-production-like-secret-" + "x" * 30, AUDIT_HMAC_KEY="production-audit-key-123",
               DATABASE_URL="postgres://app@db.invalid:5432/tillsammans", TILLSAMMANS_VAR_DIR=str(tmp_path))
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.DEBUG, s.STORAGES['staticfiles']['BACKEND'], s.DATABASES['default']['CONN_MAX_AGE'], "
            "s.DATABASES['default']['CONN_HEALTH_CHECKS'], 'whitenoise.middleware.WhiteNoiseMiddleware' in "
            "s.MIDDLEWARE, s.DATABASES['default']['OPTIONS']['options'].replace(' ', '_'), 'replica' in s.DATABASES)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "whitenoise.storage.CompressedManifestStaticFilesStorage", "300", "True",
                           "True", "-c_random_page_cost=1.1", "False"]
    env["DATABASE_REPLICA_URL"] = "postgres://app@replica.invalid:5432/tillsammans"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split()[-1] == "True"
    env["DB_RANDOM_PAGE_COST"] = "1 -c statement_timeout=0"  # a number only: nothing else reaches libpq
    failed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert failed.returncode != 0 and "DB_RANDOM_PAGE_COST" in failed.stderr


def test_sessions_live_in_the_shared_cache_when_there_is_one(tmp_path):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.production",
               SECRET_KEY="a-production-like-secret-" + "x" * 30, AUDIT_HMAC_KEY="production-audit-key-123",
               DATABASE_URL="postgres://app@db.invalid:5432/tillsammans", TILLSAMMANS_VAR_DIR=str(tmp_path))
    env.pop("CACHE_URL", None)
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_ENGINE, s.CACHES['default']['BACKEND'])")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["django.contrib.sessions.backends.db", "django.core.cache.backends.locmem.LocMemCache"]
    env["CACHE_URL"] = "redis://cache.invalid:6379/0"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["django.contrib.sessions.backends.cache", "tillsammans.core.cache.RedisCache"]
    env["SESSION_STORE"] = "signed_cookies"  # cannot be ended from the server: refused
    failed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert failed.returncode != 0 and "SESSION_STORE" in failed.stderr


@pytest.mark.django_db
def test_a_request_loads_the_person_and_their_memberships_in_one_query(staff_membership):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tillsammans.accounts.backends import UsernameOrEmailBackend
    from tillsammans.accounts.selectors import acting_membership, memberships_of

    membership = staff_membership
    with CaptureQueriesContext(connection) as captured:
        user = UsernameOrEmailBackend().get_user(membership.user_id)
        current = memberships_of(user)
        acting = acting_membership(user, membership.pk)
        assert acting.unit.authority.principal is not None and acting.user is user
    assert len(captured) == 1
    assert membership.pk in [m.pk for m in current]
    membership.user.is_active = False
    membership.user.save()
    assert UsernameOrEmailBackend().get_user(membership.user_id) is None


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_a_replica_view_reads_from_the_replica_and_writes_to_the_primary(settings):
    router = ReplicaRouter()
    with override_settings(DATABASES={**settings.DATABASES, REPLICA: settings.DATABASES["default"]}):
        assert replica_reads(lambda: router.db_for_read(None))() == REPLICA
        assert router.db_for_read(None) is None  # other views read the primary
        assert replica_reads(lambda: router.db_for_write(None))() == "default"
    assert replica_reads(lambda: router.db_for_read(None))() is None  # no replica configured
    assert router.allow_migrate(REPLICA, "core") is False


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_reads_inside_a_transaction_on_the_primary_stay_there(settings):
    router = ReplicaRouter()

    @replica_reads
    def view():
        with transaction.atomic():
            return router.db_for_read(None)

    with override_settings(DATABASES={**settings.DATABASES, REPLICA: settings.DATABASES["default"]}):
        assert view() is None


def _redis_reachable() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.2).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_reachable(), reason="no redis-server on 127.0.0.1:6379")
def test_the_redis_cache_keeps_one_client_and_holds_sessions():
    from django.contrib.sessions.backends.cache import SessionStore

    from tillsammans.core.cache import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "tillsammans-test"})
    assert cache._cache.get_client() is cache._cache.get_client()
    cache.set("greeting", "hej", 5)
    assert cache.get("greeting") == "hej"
    with override_settings(CACHES={"default": {"BACKEND": "tillsammans.core.cache.RedisCache",
                                               "LOCATION": "redis://127.0.0.1:6379/15"}}):
        store = SessionStore()
        store["acting_membership_id"] = 7
        store.save()
        assert SessionStore(session_key=store.session_key)["acting_membership_id"] == 7
        store.delete()
        assert not SessionStore(session_key=store.session_key).exists(store.session_key)
    cache.delete("greeting")


def test_the_servers_access_log_writes_no_query_string_and_no_referrer():
    """A query string can hold a child's personal identity number (the log review's search) or a
    family's address (the public catalogue promises that nothing written there is saved)."""
    import datetime
    import runpy
    from pathlib import Path
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    settings = runpy.run_path(str(Path(__file__).resolve().parents[3] / "config" / "gunicorn.conf.py"))
    config = Config()
    config.set("access_log_format", settings["access_log_format"])
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/loggkontroll/?personal_number=201212121212",
               "PATH_INFO": "/loggkontroll/", "QUERY_STRING": "personal_number=201212121212",
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_REFERER": "https://tillsammans.invalid/stod/?address=Provgatan+1", "HTTP_USER_AGENT": "test"}
    response = SimpleNamespace(status="200 OK", status_code=200, response_length=512, sent=512, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    line = config.access_log_format % Logger(config).atoms(response, request, environ,
                                                           datetime.timedelta(milliseconds=12))
    assert '"GET /loggkontroll/ HTTP/1.1" 200 512' in line
    assert "201212121212" not in line and "Provgatan" not in line and "?" not in line


def test_the_served_application_keeps_its_loaded_code_out_of_the_garbage_collectors_walks(tmp_path):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.production",
               SECRET_KEY="a-production-like-secret-" + "x" * 30, AUDIT_HMAC_KEY="production-audit-key-123",
               DATABASE_URL="postgres://app@db.invalid:5432/tillsammans", TILLSAMMANS_VAR_DIR=str(tmp_path))
    code = ("import gc, sys; from config.wsgi import application; "
            "print(gc.get_freeze_count() > 10000, 'tillsammans.childplans.views' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]

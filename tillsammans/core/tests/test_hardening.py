"""Hardening: deployment check clean, headers, error pages in Swedish, API docs under the CSP."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)


def _deploy_check(secret_key: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY=secret_key,
               AUDIT_HMAC_KEY="an-audit-key-for-this-check-only", ALLOWED_HOSTS="tillsammans.exempel.se",
               TILLSAMMANS_VAR_DIR=str(ROOT / "var"))
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_and_a_short_secret_key_is_refused():
    good = _deploy_check(secrets.token_urlsafe(50))
    assert good.returncode == 0, good.stdout + good.stderr
    assert "no issues" in good.stdout
    short = _deploy_check(secrets.token_urlsafe(30)[:40])
    assert short.returncode != 0 and "at least 50 characters" in short.stderr


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_SSL_REDIRECT=False)
def test_every_answer_carries_permissions_policy_and_hsts_over_https(client):
    response = client.get(reverse("accounts:login"), secure=True)
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "camera=()" in client.get("/api/v1/openapi.json")["Permissions-Policy"]


@pytest.mark.django_db
def test_error_pages_are_swedish(client, staff_client):
    missing = client.get("/finns-inte/")
    assert missing.status_code == 404 and "Sidan finns inte" in missing.content.decode()
    forbidden = staff_client.get(reverse("logreview:review"))
    assert forbidden.status_code == 403 and "Ingen åtkomst" in forbidden.content.decode()
    bad = client.get("/konto/logga-in/", HTTP_HOST="bad host")
    assert bad.status_code == 400 and "Begäran kunde inte hanteras" in bad.content.decode()


@pytest.mark.django_db
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_oversized_request_gets_413_in_swedish(client):
    response = client.post(reverse("accounts:login"), {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413
    assert "större än Tillsammans tar emot" in response.content.decode()


@pytest.mark.django_db
def test_a_server_error_gets_a_swedish_page_without_the_database():
    from django.test import RequestFactory

    from tillsammans.core.errors import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "Något gick fel" in response.content.decode()
    assert '<html lang="sv">' in response.content.decode()


@pytest.mark.django_db
def test_api_docs_come_from_our_own_static_files_without_inline_script(client):
    response = client.get("/api/v1/docs")
    text = response.content.decode()
    assert response.status_code == 200
    assert "cdn" not in text.lower() and "http" not in text.replace('http-equiv', '')
    assert "vendor/swagger-ui/swagger-ui-bundle.js" in text and "js/api-docs.js" in text
    import re

    assert all('src="' in tag for tag in re.findall(r"<script[^>]*>", text))
    assert "style=" not in text
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    static = ROOT / "tillsammans" / "static" / "vendor" / "swagger-ui"
    assert (static / "LICENSE").exists() and (static / "swagger-ui-bundle.js").stat().st_size > 100_000


def test_django_never_serves_an_english_bad_request(client=None):
    client = Client()
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400 and b"Bad Request" not in response.content

"""Password + TOTP login, lockout, roles, sessions."""

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import TOTP

from tillsammans.accounts.roles import Role
from tillsammans.core.models import AccessEvent, AuditAction
from tillsammans.testing.factories import MembershipFactory, totp_device

PASSWORD = "korrekt-hast-batteri-1"


@pytest.fixture
def person(world):
    membership = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"],
                                   areas=[world["district_a"]])
    device = totp_device(membership.user)
    return membership, device


def code(device):
    return TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits).token()


def login(client, membership, next_url=""):
    return client.post(reverse("accounts:login") + (f"?next={next_url}" if next_url else ""),
                       {"username": membership.user.username, "password": PASSWORD})


@pytest.mark.django_db
def test_password_alone_reaches_only_the_second_factor_step(client, person):
    membership, device = person
    response = login(client, membership)
    assert response.status_code == 302 and reverse("accounts:verify") in response["Location"]
    for url in (reverse("core:home"), reverse("organisations:directory")):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:verify") in response["Location"]


@pytest.mark.django_db
def test_right_code_verifies_and_the_login_is_audited(client, person):
    membership, device = person
    login(client, membership)
    response = client.post(reverse("accounts:verify"), {"token": str(code(device)).zfill(6),
                                                        "next": reverse("organisations:directory")})
    assert response.status_code == 302 and response["Location"] == reverse("organisations:directory")
    assert client.get(reverse("organisations:directory")).status_code == 200
    event = AccessEvent.objects.get(action=AuditAction.LOGIN)
    assert event.person_id == str(membership.user.pk)
    assert event.detail["method"] == "password+totp"


@pytest.mark.django_db
def test_wrong_code_keeps_the_form_with_an_error(client, person):
    membership, device = person
    login(client, membership)
    wrong = (int(code(device)) + 1) % 1_000_000
    response = client.post(reverse("accounts:verify"), {"token": f"{wrong:06d}"})
    assert response.status_code == 200
    assert b"error-summary" in response.content
    assert f"{wrong:06d}".encode() in response.content
    assert client.get(reverse("core:home")).status_code == 302


@pytest.mark.django_db
def test_system_administrators_need_the_second_factor_too(client, world):
    membership = MembershipFactory(role=Role.SYSTEM_ADMIN, unit=world["social_office"])
    totp_device(membership.user)
    login(client, membership)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and reverse("accounts:verify") in response["Location"]


@pytest.mark.django_db
def test_unsafe_next_is_ignored(client, person):
    membership, device = person
    login(client, membership)
    response = client.post(reverse("accounts:verify"), {"token": str(code(device)).zfill(6),
                                                        "next": "https://evil.example/"})
    assert response["Location"] == reverse("core:home")


@pytest.mark.django_db
def test_lockout_after_repeated_failures(client, person):
    membership, _ = person
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": membership.user.username,
                                                "password": "fel-lösenord"})
    response = login(client, membership)  # even the right password is refused now
    assert response.status_code in (403, 429)
    assert "accounts:verify" not in response.get("Location", "")


@pytest.mark.django_db
def test_choose_role_accepts_only_own_current_memberships(coordinator_client, world):
    other = MembershipFactory(role=Role.SYSTEM_ADMIN, unit=world["social_office"])
    own_second = MembershipFactory(user=coordinator_client.user, role=Role.STAFF,
                                   unit=world["preschool_a"])
    response = coordinator_client.post(reverse("accounts:choose_role"), {"membership": other.pk})
    assert response.status_code == 200
    assert coordinator_client.get(reverse("admin:index")).status_code == 403
    response = coordinator_client.post(reverse("accounts:choose_role"), {"membership": own_second.pk})
    assert response.status_code == 302
    assert coordinator_client.session["acting_membership_id"] == own_second.pk


@pytest.mark.django_db
def test_ended_membership_gives_no_rights(staff_client, staff_membership):
    from tillsammans.accounts.services import membership_end
    from tillsammans.core.access import Actor

    staff_membership.valid_from = staff_membership.valid_from.replace(year=2020)
    staff_membership.save()
    membership_end(actor=Actor.for_system("test"), membership=staff_membership,
                   on=staff_membership.valid_from)
    response = staff_client.get(reverse("organisations:directory"))
    assert response.status_code == 302 and reverse("accounts:choose_role") in response["Location"]


def test_sessions_time_out_when_idle():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_TIMEOUT_MINUTES * 60 <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_production_hashes_passwords_with_argon2():
    import argon2  # noqa: F401 - pinned in pyproject

    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert settings.PASSWORD_HASHERS[0] != base.PASSWORD_HASHERS[0]  # tests use a fast hasher


def test_bad_environment_values_stop_with_a_clear_message():
    from config.env import ConfigError, Env

    env = Env({"DEBUG": "kanske", "PORT": "åtta", "DATABASE_URL": "mysql://x/y"})
    with pytest.raises(ConfigError, match="DEBUG='kanske' is not a boolean"):
        env.bool("DEBUG")
    with pytest.raises(ConfigError, match="PORT='åtta' is not a whole number"):
        env.int("PORT", 1)
    with pytest.raises(ConfigError, match="DATABASE_URL must point at PostgreSQL or SQLite"):
        env.database("DATABASE_URL", "/tmp/x.sqlite3")

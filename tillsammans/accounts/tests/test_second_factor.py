"""No impersonation by administrators: secrets are never shown after enrolment; a reset mails the
person a one-time link to enrol again; both are audited. The session key changes when the second
factor is accepted; an e-mail address logs in as the label says."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillsammans.accounts.models import OtpEnrolment
from tillsammans.accounts.roles import Role
from tillsammans.core.models import AccessEvent, AuditAction
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory, totp_device

PASSWORD = "korrekt-hast-batteri-1"


def code(device):
    return f"{TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits).token():06d}"


@pytest.fixture
def people(world):
    person = MembershipFactory(role=Role.STAFF, unit=world["bvc_a"])
    person.user.email = "anna.larsson@ekmora.exempel.se"
    person.user.set_password(PASSWORD)
    person.user.save()
    admin = MembershipFactory(role=Role.SYSTEM_ADMIN, unit=world["social_office"])
    return {"person": person, "device": totp_device(person.user), "admin": admin}


def _secret_texts(device):
    import base64

    key = base64.b32encode(device.bin_key).decode()
    return [device.key, key, key.lower()]


@pytest.mark.django_db
def test_the_admin_never_shows_a_secret_and_cannot_add_or_change_devices(people):
    admin = client_for(people["admin"])
    device = people["device"]
    pages = [admin.get(reverse("admin:accounts_authenticatordevice_changelist")),
             admin.get(reverse("admin:accounts_authenticatordevice_change", args=[device.pk])),
             admin.get(reverse("admin:accounts_user_change", args=[people["person"].user_id]))]
    for page in pages:
        assert page.status_code == 200
        assert not any(secret in page.content.decode() for secret in _secret_texts(device))
    assert admin.get(reverse("admin:accounts_authenticatordevice_add")).status_code == 403
    assert admin.post(reverse("admin:accounts_authenticatordevice_change", args=[device.pk]),
                      {"key": "00" * 20, "name": "x"}).status_code == 403
    for name in ("config", "qrcode"):  # django-otp's own secret views are not there
        assert admin.get(f"/admin/accounts/authenticatordevice/{device.pk}/{name}/").status_code in (302, 404)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["person", "staff"])
def test_only_system_administrators_reach_the_device_admin(people, world, who):
    membership = people["person"] if who == "person" else MembershipFactory(role=Role.MANAGER,
                                                                             unit=world["bvc_a"])
    response = client_for(membership).get(reverse("admin:accounts_authenticatordevice_changelist"))
    assert response.status_code == 403


def _reset(people):
    admin = client_for(people["admin"])
    return admin.post(reverse("admin:accounts_user_changelist"), {
        "action": "reset_second_factor", "_selected_action": [people["person"].user_id]})


@pytest.mark.django_db
def test_a_reset_removes_the_device_mails_the_person_and_is_audited(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _reset(people)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=people["person"].user).exists()
    event = AccessEvent.objects.get(action=AuditAction.REVOKE, person_id=str(people["person"].user_id))
    assert event.user_id == people["admin"].user_id and event.detail["second_factor"] == "reset"
    [message] = mail.outbox
    assert message.to == ["anna.larsson@ekmora.exempel.se"]
    token = re.search(r"/konto/andra-faktor/([^/\s]+)/", message.body).group(1)
    enrolment = OtpEnrolment.objects.get(user=people["person"].user)
    assert token not in enrolment.token_hash  # only a hash is kept; the admin never sees the link
    page = client_for(people["admin"]).get(reverse("admin:accounts_otpenrolment_changelist"))
    assert token not in page.content.decode()


@pytest.mark.django_db
def test_the_person_enrols_again_after_their_password_and_the_secret_is_then_gone(
        people, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _reset(people)
    link = re.search(r"http://[^\s]+", mail.outbox[0].body).group(0).split("8000", 1)[1]
    # Not logged in: to the password first, then straight to the enrolment (no old device).
    response = client.get(link)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    response = client.post(reverse("accounts:login") + f"?next={link}",
                           {"username": people["person"].user.username, "password": PASSWORD})
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"] == link
    page = client.get(link)
    device = TOTPDevice.objects.get(user=people["person"].user, confirmed=False)
    text = page.content.decode()
    assert page.status_code == 200 and "<svg" in text and "style=" not in text.split("<main", 1)[-1]
    assert " ".join(re.findall(".{1,4}", _secret_texts(device)[1])) in text
    assert client.get(link).content.decode().count("<svg") >= 1
    assert TOTPDevice.objects.filter(user=people["person"].user).count() == 1  # reload: same device
    wrong = client.post(link, {"token": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 422 and b"error-summary" in wrong.content
    TOTPDevice.objects.filter(pk=device.pk).update(  # django-otp slows retries down; skip the wait
        throttling_failure_count=0, throttling_failure_timestamp=None)
    before = client.session.session_key
    done = client.post(link, {"token": code(device)})
    assert done.status_code == 302
    assert client.session.session_key != before
    assert client.get(reverse("core:home")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AccessEvent.objects.filter(detail__second_factor="enrolled").count() == 1
    # The link is used up, and the secret is shown nowhere any more.
    again = client.get(link)
    assert again.status_code == 404 and _secret_texts(device)[1][:8] not in again.content.decode()
    admin_page = client_for(people["admin"]).get(reverse("admin:accounts_authenticatordevice_change", args=[device.pk]))
    assert not any(secret in admin_page.content.decode() for secret in _secret_texts(device))


@pytest.mark.django_db
def test_another_persons_link_or_an_expired_one_does_not_enrol(people, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _reset(people)
    link = re.search(r"http://[^\s]+", mail.outbox[0].body).group(0).split("8000", 1)[1]
    other = MembershipFactory(role=Role.STAFF, unit=world["bvc_a"])
    response = client_for(other, verified=False).get(link)
    assert response.status_code == 404 and "inte giltig" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=other.user, confirmed=False).exists()
    OtpEnrolment.objects.update(expires_at="2000-01-01T00:00:00Z")
    assert client_for(people["person"], verified=False).get(link).status_code == 404


@pytest.mark.django_db
def test_the_session_key_changes_when_the_second_factor_is_accepted(people, client):
    client.post(reverse("accounts:login"), {"username": people["person"].user.username, "password": PASSWORD})
    after_password = client.session.session_key
    response = client.post(reverse("accounts:verify"), {"token": code(people["device"])})
    assert response.status_code == 302
    assert client.session.session_key != after_password


@pytest.mark.django_db
def test_login_with_the_e_mail_address_as_the_label_says(people, client):
    response = client.post(reverse("accounts:login"), {"username": "Anna.Larsson@ekmora.exempel.se",
                                                       "password": PASSWORD})
    assert response.status_code == 302 and reverse("accounts:verify") in response["Location"]
    assert client.get(reverse("accounts:login")).context["user"] == people["person"].user


@pytest.mark.django_db
def test_an_e_mail_address_shared_by_two_accounts_logs_nobody_in(people, client, world):
    twin = MembershipFactory(role=Role.STAFF, unit=world["bvc_a"]).user
    twin.email = people["person"].user.email
    twin.set_password(PASSWORD)
    twin.save()
    response = client.post(reverse("accounts:login"), {"username": twin.email, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session

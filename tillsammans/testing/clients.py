"""Logged-in test clients, one per role, each with a verified second factor."""

from __future__ import annotations

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from tillsammans.accounts.models import Membership
from tillsammans.core.middleware import ACTING_MEMBERSHIP_KEY
from tillsammans.testing.factories import totp_device


def client_for(membership: Membership | None, *, user=None, verified: bool = True) -> Client:
    user = user or membership.user
    client = Client()
    client.force_login(user, backend="tillsammans.accounts.backends.UsernameOrEmailBackend")  # as a real login
    session = client.session
    if verified:
        device = totp_device(user)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    if membership is not None:
        session[ACTING_MEMBERSHIP_KEY] = membership.pk
    session.save()
    client.membership = membership
    client.user = user
    return client

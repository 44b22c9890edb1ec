"""Who is acting: ``request.actor``, the person in the membership they act in. Lives in accounts
(which knows memberships) above core, whose policy middleware only reads the actor."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from tillsammans.accounts.selectors import acting_membership
from tillsammans.core import access
from tillsammans.core.middleware import ACTING_MEMBERSHIP_KEY, client_ip, is_verified


def build_actor(request: HttpRequest) -> access.Actor:
    user = getattr(request, "user", None)
    request_id = getattr(request, "request_id", "")
    if user is None or not user.is_authenticated:
        return access.Actor(client_ip=client_ip(request), request_id=request_id)
    membership = acting_membership(user, request.session.get(ACTING_MEMBERSHIP_KEY))
    return access.Actor(
        user=user,
        membership=membership,
        verified=is_verified(request),
        client_ip=client_ip(request),
        request_id=request_id,
    )


class ActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = uuid.uuid4().hex
        request.actor = SimpleLazyObject(lambda: build_actor(request))
        return self.get_response(request)

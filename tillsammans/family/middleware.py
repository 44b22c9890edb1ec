"""The family's session: a short idle timeout, the portal's own language, and ``request.actor``
as the family member when nobody from staff is logged in."""

from __future__ import annotations

import time

from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from tillsammans.family import subject

PORTAL_PREFIX = "/familj/"


def _expire_idle(request) -> bool:
    """End a family session idle longer than FAMILY_SESSION_TIMEOUT_MINUTES (staff have their own)."""
    if subject.SESSION_KEY not in request.session:
        return False
    now = int(time.time())
    last = int(request.session.get(subject.LAST_SEEN_KEY, now))
    if now - last > settings.FAMILY_SESSION_TIMEOUT_MINUTES * 60:
        language = request.session.get(subject.LANGUAGE_KEY)
        request.session.flush()
        if language:
            request.session[subject.LANGUAGE_KEY] = language
        request.session["family_timed_out"] = True
        return True
    request.session[subject.LAST_SEEN_KEY] = now
    request.session.set_expiry(settings.FAMILY_SESSION_TIMEOUT_MINUTES * 60)
    return False


class FamilyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _expire_idle(request)
        base = request.actor
        request.actor = SimpleLazyObject(lambda: subject.family_actor(request, base))
        if request.path.startswith(PORTAL_PREFIX):
            language = request.session.get(subject.LANGUAGE_KEY, "sv")
            if language not in dict(subject.LANGUAGES):
                language = "sv"
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)

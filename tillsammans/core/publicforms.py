"""Public forms without login (guest registration, parent sign-up, a public report of concern, a
survey answer, a newsletter subscription) resist bots without third-party services:

* a honeypot field that people never see and never fill in,
* a signed start time: a form sent back sooner than ``PUBLIC_FORM_MIN_SECONDS`` after it was shown,
  or with a start time that was not signed by us, is a bot's,
* a rate limit per client address and scope (``rate_limited``; ``over_limit`` for any identity,
  e.g. a person), counted in the cache under a keyed hash: the address itself is never stored,
  neither with the data nor in the cache key.

Every public form joins this module; none writes its own.
"""

from __future__ import annotations

import hashlib
import hmac

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SALT = "tillsammans.public-form"
MAX_AGE_SECONDS = 24 * 3600
"""A form kept open longer than a day is shown again with a new start time."""

TOO_QUICK = _("The form was sent too quickly. Wait a moment and send it again.")
TOO_MANY = _("Too many forms have been sent from this address. Try again in an hour.")


class BotGuardForm(forms.Form):
    """Base class of every public form: adds the honeypot and the signed start time."""

    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    GUARD_FIELDS = ("website", "started")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.GUARD_FIELDS:  # after the fields people fill in
            self.fields[name] = self.fields.pop(name)
        if not self.is_bound:
            self.initial["started"] = signing.dumps(timezone.now().timestamp(), salt=SALT)

    def is_bot(self) -> bool:
        if self.data.get("website"):
            return True
        try:
            started = signing.loads(self.data.get("started", ""), salt=SALT, max_age=MAX_AGE_SECONDS)
        except signing.BadSignature:
            return True
        return timezone.now().timestamp() - float(started) < settings.PUBLIC_FORM_MIN_SECONDS

    def clean_data_without_guard(self) -> dict:
        """What was typed, without the honeypot and the start time: what services receive."""
        return {k: v for k, v in self.cleaned_data.items() if k not in self.GUARD_FIELDS}


def over_limit(scope: str, identity: str, limit: int, period_seconds: int = 3600) -> bool:
    """Count one attempt by ``identity`` (a client address, a person) in ``scope``; True once
    ``limit`` is passed within the period. The cache holds a keyed hash, never the identity."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}|{identity}".encode(), hashlib.sha256).hexdigest()
    key = f"rate:{scope}:{digest[:32]}"
    cache.add(key, 0, period_seconds)
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, period_seconds)
        return False


def rate_limited(request, scope: str, limit: int, period_seconds: int = 3600) -> bool:
    """Count one submission from this client address in ``scope``; True once ``limit`` is passed."""
    address = getattr(getattr(request, "actor", None), "client_ip", None) or request.META.get("REMOTE_ADDR", "")
    return over_limit(scope, address, limit, period_seconds)


def refuse(request, form: BotGuardForm, *, scope: str, limit: int) -> bool:
    """The whole check a public view makes on POST, before saving: counts the submission, adds the
    reason to the form (which keeps what was typed) and returns True when it must not be saved
    (the address passed ``limit`` submissions in the hour, or a bot sent it)."""
    if rate_limited(request, scope, limit):
        form.add_error(None, TOO_MANY)
        return True
    if form.is_bot():
        form.add_error(None, TOO_QUICK)
        return True
    return False

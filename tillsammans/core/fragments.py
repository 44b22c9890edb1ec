"""Rendered fragments of structural pages, kept in the cache until something structural changes.

The directory, an area, a network or an action plan is read many times for each change, and most
of such a page's cost is its queries and its rendering (docs/performance.md). A view renders the
part of the page that is the same for everyone who may see it (no form with a CSRF token, nothing of
the viewer's own) with :func:`cached`; the key holds what the part depends on (the object, the
page's parameters, the language and whatever the viewer may do that changes it) and one
**generation** number. Every save or delete of a model in :data:`APPS` moves the generation on
(signals, at once and again after the commit), so a fragment is never older than the last change;
``TIMEOUT`` bounds what a change the signals cannot see (a bulk ``update`` or ``COPY``) leaves –
those call :func:`changed` themselves.

Only with a cache every worker shares (``FRAGMENT_CACHE``, on when ``CACHE_URL`` is set): the
generation lives in it. Never for child data: no app holding a child's data may use this (ADR 0026)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

APPS = frozenset({"organisations", "networks", "planning", "events", "support", "insight", "accounts"})
TIMEOUT = 600
GENERATION_KEY = "fragments:generation"
# Saves that change nothing any fragment shows (the login time of a person).
QUIET_FIELDS = frozenset({"last_login"})
# What a form in a part rendered by render_part carries in place of the CSRF token: the token is the
# viewer's own, so it is never kept; each read puts the reader's in (ADR 0032).
CSRF_PLACEHOLDER = "fragments-csrf-placeholder-7f3c9a"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY) or 1
    return int(value)


def changed() -> None:
    """Something structural changed: every fragment is rebuilt on its next read."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (a cleared cache): any new value is a new generation
        cache.add(GENERATION_KEY, 1, timeout=None)


def cached(name: str, parts: Iterable, build: Callable[[], str]) -> SafeString:
    """The fragment ``name`` for ``parts`` (anything its rendering depends on, in order), built by
    ``build`` when the cache has none for the current generation and language."""
    if not settings.FRAGMENT_CACHE:
        return mark_safe(str(build()))  # noqa: S308 - rendered by our own templates, escaped there
    digest = hashlib.blake2b(repr(tuple(parts)).encode(), digest_size=16).hexdigest()
    key = f"fragments:{name}:{generation()}:{get_language() or ''}:{digest}"
    html = cache.get(key)
    if html is None:
        html = str(build())
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308 - rendered by our own templates, escaped there


def render_part(request, name: str, parts: Iterable, template: str, context: Callable[[], dict]) -> SafeString:
    """``template`` rendered with ``context()`` as the cached fragment ``name``; the request's query
    parameters (page, filters) are part of the key beside ``parts``. The template must hold nothing
    of the viewer's own; a form's ``{% csrf_token %}`` is kept as a placeholder and filled with the
    reader's own token on every read."""
    html = cached(name, (*parts, sorted(request.GET.lists())),
                  lambda: render_to_string(template, {**context(), "csrf_token": CSRF_PLACEHOLDER}, request))
    if CSRF_PLACEHOLDER in html:
        html = mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308 - [A-Za-z0-9] only
    return html


def _on_change(sender, **kwargs) -> None:
    if sender._meta.app_label not in APPS:
        return
    fields = kwargs.get("update_fields")
    if fields and set(fields) <= QUIET_FIELDS:
        return
    # Now (the same transaction reads its own change, tests included) and again after the commit
    # (a page read meanwhile may have cached what the transaction had not yet committed).
    changed()
    transaction.on_commit(changed)


def connect() -> None:
    """Called once from core's AppConfig.ready."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"fragments-{id(signal)}")

"""Sending heavy reads (the log review, reports) to a read replica when one is configured.

A view opts in with ``@replica_reads``; inside it, reads go to the ``replica`` database if
``DATABASE_REPLICA_URL`` is set, and everything else – every write, including the access event
the view records, and every read inside a transaction on the primary – goes to the primary.
Without a replica configured the router changes nothing.
"""

from __future__ import annotations

import functools
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_reads(view):
    """Decorate a read-only view (or report) whose reads may be a little behind the primary."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        token = _reading_from_replica.set(True)
        try:
            return view(*args, **kwargs)
        finally:
            _reading_from_replica.reset(token)

    return wrapper


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not (_reading_from_replica.get() and replica_configured()):
            return None
        if connections["default"].in_atomic_block:
            return None  # a read inside a transaction on the primary stays there (read your writes)
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"

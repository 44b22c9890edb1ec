"""Frozen time for tests without a third-party library: ``django.utils.timezone.now`` (and with it
``localdate``, ``auto_now`` fields and every service) answers the chosen moment."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime
from unittest import mock

from django.utils import timezone


class Clock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def move_to(self, moment: datetime) -> None:
        self.moment = moment


@contextmanager
def frozen_at(moment: datetime):
    """``with frozen_at(aware_datetime) as clock: … clock.move_to(later)``."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    clock = Clock(moment)
    with mock.patch("django.utils.timezone.now", side_effect=lambda: clock.now()):
        yield clock

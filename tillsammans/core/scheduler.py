"""A small scheduler for periodic background jobs, run inside ``tillsammans worker``.

Jobs register with ``@periodic(name, every=timedelta(...))`` or ``@daily(name, at=time(7, 0))``
on top of a django-tasks ``@task()``. Each tick computes every job's current slot and claims it
with a row unique on (job, slot) before enqueueing, so two workers never enqueue the same slot.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from tillsammans.core.discovery import import_app_modules

logger = logging.getLogger("tillsammans.scheduler")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: object
    every: timedelta | None = None
    at: time | None = None

    def slot(self, now: datetime) -> datetime:
        """The start of the slot ``now`` falls in (UTC)."""
        if self.every is not None:
            periods = (now - EPOCH) // self.every
            return EPOCH + periods * self.every
        local = now.astimezone(STOCKHOLM)
        today = datetime.combine(local.date(), self.at, tzinfo=STOCKHOLM)
        if local < today:
            today = datetime.combine(local.date() - timedelta(days=1), self.at, tzinfo=STOCKHOLM)
        return today.astimezone(UTC)


JOBS: dict[str, PeriodicJob] = {}


def periodic(name: str, *, every: timedelta):
    def register(task):
        JOBS[name] = PeriodicJob(name=name, task=task, every=every)
        return task
    return register


def daily(name: str, *, at: time):
    def register(task):
        JOBS[name] = PeriodicJob(name=name, task=task, at=at)
        return task
    return register


def autodiscover() -> None:
    import_app_modules("tasks")


def tick(now: datetime | None = None) -> list[str]:
    """Enqueue every job whose current slot nobody has claimed yet. Returns the enqueued names."""
    from tillsammans.core.models import ScheduledRun

    now = now or timezone.now()
    enqueued = []
    for job in JOBS.values():
        slot = job.slot(now)
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, slot=slot)
                job.task.enqueue()
        except IntegrityError:
            continue
        enqueued.append(job.name)
        logger.info("Enqueued %s for %s", job.name, slot.isoformat())
    return enqueued

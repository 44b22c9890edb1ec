"""The access log partitioned by month on PostgreSQL (ADR 0022; docs/deployment.md).

``core_accessevent`` is a table partitioned by ``occurred_at`` (UTC months) with a default partition
for events dated outside every month partition (history written after the fact). The daily job
makes the coming months' partitions ahead of time; retention (``AUDIT_RETENTION_MONTHS``) drops a
whole month – a ``DROP TABLE`` instead of deleting millions of rows – once the month is a prefix of
the chain, after writing a checkpoint at its last event so that ``verify-audit`` still proves the
link from what is gone to what is kept. On SQLite the log is a plain table and nothing here runs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import connection, transaction

logger = logging.getLogger("tillsammans.audit")

TABLE = "core_accessevent"
DEFAULT_PARTITION = f"{TABLE}_default"


@dataclass(frozen=True)
class Month:
    start: date

    @property
    def end(self) -> date:
        return date(self.start.year + self.start.month // 12, self.start.month % 12 + 1, 1)

    @property
    def name(self) -> str:
        return f"{TABLE}_y{self.start.year}m{self.start.month:02d}"

    def shifted(self, months: int) -> Month:
        index = self.start.year * 12 + self.start.month - 1 + months
        return Month(date(index // 12, index % 12 + 1, 1))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(date(day.year, day.month, 1))


def _utc(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def partitioned() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = %s::regclass", [TABLE])
        return cursor.fetchone() is not None


def months() -> list[Month]:
    """The month partitions that exist, oldest first."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                       "WHERE i.inhparent = %s::regclass", [TABLE])
        names = [row[0] for row in cursor.fetchall()]
    found = []
    for name in names:
        tail = name.removeprefix(f"{TABLE}_y")
        if tail != name and "m" in tail:
            year, month = tail.split("m")
            found.append(Month(date(int(year), int(month), 1)))
    return sorted(found, key=lambda m: m.start)


def create_month(cursor, month: Month) -> None:
    """One month's partition, with the same refusal of TRUNCATE as the parent (a statement trigger
    is not inherited). Row triggers and indexes come from the parent."""
    cursor.execute(f'CREATE TABLE "{month.name}" PARTITION OF {TABLE} '
                   f"FOR VALUES FROM (%s) TO (%s)", [_utc(month.start), _utc(month.end)])
    guard_truncate(cursor, month.name)


def guard_truncate(cursor, name: str) -> None:
    cursor.execute(f'CREATE TRIGGER "{name}_no_truncate" BEFORE TRUNCATE ON "{name}" '
                   f"FOR EACH STATEMENT EXECUTE FUNCTION tillsammans_audit_no_truncate()")


def ensure_months(*, ahead: int = 3, today: date | None = None) -> list[str]:
    """Create the partitions of this month and the next ``ahead`` months where missing. A month
    whose events already sit in the default partition is left there (logged)."""
    if not partitioned():
        return []
    current = Month.of(today or datetime.now(UTC).date())
    existing = {m.start for m in months()}
    created = []
    for month in (current.shifted(n) for n in range(ahead + 1)):
        if month.start in existing:
            continue
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {DEFAULT_PARTITION} WHERE occurred_at >= %s "  # noqa: S608
                           f"AND occurred_at < %s LIMIT 1", [_utc(month.start), _utc(month.end)])
            if cursor.fetchone():
                logger.warning("Access events of %s are in the default partition; no month partition made.",
                               month.start.isoformat())
                continue
            create_month(cursor, month)
        created.append(month.name)
    return created


def drop_months_before(cutoff: date) -> list[str]:
    """Retention: drop every month partition that ends on or before ``cutoff``'s month, oldest
    first, each only if its events are the oldest part of the chain (no event elsewhere comes
    before its last one, none waits for the sequencer). A checkpoint is written at its last event
    first. Stops at the first month that cannot go. Returns the partitions dropped."""
    from tillsammans.core import audit
    from tillsammans.core.models import AccessEvent, AuditCheckpoint

    if not partitioned():
        return []
    limit = Month.of(cutoff).start
    dropped = []
    for month in months():
        if month.end > limit:
            break
        with transaction.atomic(), connection.cursor() as cursor:
            audit._lock_chain()
            cursor.execute(f'SELECT count(*) FILTER (WHERE seq IS NULL), max(seq) FROM "{month.name}"')  # noqa: S608
            unchained, last = cursor.fetchone()
            if unchained:
                logger.warning("%s still has events waiting for the sequencer; not dropped.", month.name)
                break
            if last is not None:
                outside = (AccessEvent.objects.filter(seq__lte=last)
                           .exclude(occurred_at__gte=_utc(month.start), occurred_at__lt=_utc(month.end)))
                if outside.exists():
                    logger.warning("%s is not the oldest part of the chain; not dropped.", month.name)
                    break
                if not AuditCheckpoint.objects.filter(seq=last).exists():
                    mac = AccessEvent.objects.filter(seq=last).values_list("mac", flat=True).get()
                    audit._write_checkpoint(last, mac)
            cursor.execute(f'DROP TABLE "{month.name}"')
        dropped.append(month.name)
        logger.info("Dropped %s (retention).", month.name)
    return dropped

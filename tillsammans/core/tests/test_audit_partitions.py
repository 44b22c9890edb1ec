"""The access log partitioned by month on PostgreSQL: events land in their month, the coming
months are made ahead, retention drops a whole month after a checkpoint at its last event and the
chain still verifies; the partitions refuse change, deletion and TRUNCATE like the table did."""

from datetime import UTC, date, datetime

import pytest
from django.db import DatabaseError, connection, transaction

from tillsammans.core import audit, audit_partitions
from tillsammans.core.access import Actor
from tillsammans.core.audit_partitions import Month
from tillsammans.core.models import AccessEvent, AuditAction, AuditCheckpoint

pytestmark = [pytest.mark.postgres, pytest.mark.skipif("connection.vendor != 'postgresql'")]
ACTOR = Actor.for_system("test")


def write(on: datetime, n: int = 1, start: int = 0):
    with transaction.atomic():
        for i in range(n):
            audit.record(ACTOR, AuditAction.READ, object_type="test.item", object_id=start + i, occurred_at=on)


def partition_of(event) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM core_accessevent WHERE id = %s", [event.pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_log_is_partitioned_by_month_and_events_land_in_theirs():
    assert audit_partitions.partitioned()
    now = datetime.now(UTC)
    write(now)
    event = AccessEvent.objects.get()
    assert partition_of(event) == Month.of(now.date()).name
    write(datetime(1990, 5, 17, tzinfo=UTC))  # history far before every month: the default partition
    assert partition_of(AccessEvent.objects.get(seq=2)) == "core_accessevent_default"
    assert audit.verify().ok


@pytest.mark.django_db
def test_coming_months_are_made_ahead_once():
    far = date(datetime.now(UTC).year + 3, 1, 15)
    created = audit_partitions.ensure_months(ahead=1, today=far)
    assert created == [Month(date(far.year, 1, 1)).name, Month(date(far.year, 2, 1)).name]
    assert audit_partitions.ensure_months(ahead=1, today=far) == []
    write(datetime(far.year, 2, 3, tzinfo=UTC))
    assert partition_of(AccessEvent.objects.get()) == Month(date(far.year, 2, 1)).name


@pytest.mark.django_db
def test_retention_drops_the_oldest_month_and_the_chain_still_verifies(settings):
    settings.AUDIT_CHECKPOINT_EVERY = 1000
    old = Month(date(datetime.now(UTC).year - 4, 3, 1))
    with transaction.atomic(), connection.cursor() as cursor:
        for month in (old, old.shifted(1)):
            audit_partitions.create_month(cursor, month)
    write(datetime.combine(old.start, datetime.min.time(), UTC).replace(day=5), n=4)
    write(datetime.combine(old.shifted(1).start, datetime.min.time(), UTC).replace(day=5), n=3, start=10)
    write(datetime.now(UTC), n=2, start=20)

    assert audit_partitions.drop_months_before(old.end) == [old.name]
    assert AuditCheckpoint.objects.filter(seq=4).exists()  # vouches for the link to what is kept
    assert list(AccessEvent.objects.order_by("seq").values_list("seq", flat=True)) == [5, 6, 7, 8, 9]
    result = audit.verify()
    assert result.ok and result.checked == 5, result.problem
    assert old.name not in [m.name for m in audit_partitions.months()]


@pytest.mark.django_db
def test_retention_keeps_a_month_that_is_not_the_oldest_part_of_the_chain(settings):
    old = Month(date(datetime.now(UTC).year - 4, 3, 1))
    with transaction.atomic(), connection.cursor() as cursor:
        audit_partitions.create_month(cursor, old)
    write(datetime.now(UTC))  # seq 1, this month
    write(datetime.combine(old.start, datetime.min.time(), UTC).replace(day=9))  # seq 2, years ago
    assert audit_partitions.drop_months_before(old.end) == []
    assert AccessEvent.objects.count() == 2 and audit.verify().ok


@pytest.mark.django_db
def test_a_month_partition_refuses_change_deletion_and_truncate():
    write(datetime.now(UTC))
    name = Month.of(datetime.now(UTC).date()).name
    for statement in (f'UPDATE "{name}" SET purpose = \'x\'', f'DELETE FROM "{name}"', f'TRUNCATE "{name}"',
                      "TRUNCATE core_accessevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
                connection.cursor() as cursor:
            cursor.execute("SET LOCAL tillsammans.allow_truncate = off")
            cursor.execute(statement)
    assert AccessEvent.objects.count() == 1


@pytest.mark.django_db
def test_the_daily_job_makes_months_ahead_and_applies_retention(settings):
    from tillsammans.core.tasks import audit_partitions_task

    old = Month(date(datetime.now(UTC).year - 6, 1, 1))
    with transaction.atomic(), connection.cursor() as cursor:
        audit_partitions.create_month(cursor, old)
    write(datetime.combine(old.start, datetime.min.time(), UTC), n=2)
    write(datetime.now(UTC))
    settings.AUDIT_RETENTION_MONTHS = 0
    audit_partitions_task.call()
    assert old.name in [m.name for m in audit_partitions.months()]  # nothing dropped without retention
    ahead = Month.of(datetime.now(UTC).date()).shifted(3).name
    assert ahead in [m.name for m in audit_partitions.months()]
    settings.AUDIT_RETENTION_MONTHS = 24
    assert old.name in audit_partitions_task.call()
    assert AccessEvent.objects.count() == 1 and audit.verify().ok

"""A page's access events are appended together at the end of its transaction: the chain lock is
taken once, by one INSERT, and never while the page reads; the chain still verifies, and a page
that fails leaves no event."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AccessEvent, AuditAction, AuditCheckpoint

ACTOR = Actor.for_system("test")


def read(n, start=0):
    return [audit.record(ACTOR, AuditAction.READ, object_type="test.item", object_id=start + i)
            for i in range(n)]


@pytest.mark.django_db
def test_a_batch_appends_its_events_in_one_statement_at_the_end(settings):
    settings.AUDIT_CHECKPOINT_EVERY = 1000
    read(2)
    with CaptureQueriesContext(connection) as captured, audit.batch():
        events = read(25, start=10)
        assert AccessEvent.objects.count() == 2  # nothing written (and no lock taken) while reading
        assert all(e.seq is None for e in events)
    inserts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    locks = [q for q in captured.captured_queries if "pg_advisory_xact_lock" in q["sql"]]
    assert len(locks) == (1 if connection.vendor == "postgresql" else 0)
    assert [e.seq for e in events] == list(range(3, 28))
    assert list(AccessEvent.objects.order_by("seq").values_list("object_id", flat=True))[2:] == [
        str(10 + i) for i in range(25)]
    result = audit.verify()
    assert result.ok and result.checked == 27


@pytest.mark.django_db
def test_checkpoints_are_written_when_a_batch_crosses_them(settings):
    settings.AUDIT_CHECKPOINT_EVERY = 10
    with audit.batch():
        read(25)
    assert list(AuditCheckpoint.objects.values_list("seq", flat=True)) == [10, 20]
    assert audit.verify().ok


@pytest.mark.django_db
def test_a_failing_page_leaves_no_event():
    read(1)
    with pytest.raises(RuntimeError), audit.batch():
        read(3)
        raise RuntimeError("the page failed")
    assert AccessEvent.objects.count() == 1
    assert audit.verify().ok


@pytest.mark.django_db
def test_an_event_in_a_nested_block_that_rolls_back_goes_with_it():
    with audit.batch():
        read(1, start=1)
        try:
            with transaction.atomic():
                read(1, start=2)  # a write's event: appended at once, inside its own block
                raise ValueError("the write is refused")
        except ValueError:
            pass
        read(1, start=3)
    assert list(AccessEvent.objects.order_by("seq").values_list("object_id", flat=True)) == ["1", "3"]
    assert audit.verify().ok


@pytest.mark.django_db
def test_nested_batches_append_once_at_the_outer_end():
    with audit.batch():
        read(1)
        with audit.batch():
            read(2, start=1)
        assert AccessEvent.objects.count() == 0
    assert AccessEvent.objects.count() == 3 and audit.verify().ok

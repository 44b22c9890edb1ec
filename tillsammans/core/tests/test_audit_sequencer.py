"""The access log with a sequencer (ADR 0022): a page writes its events sealed, without the chain
lock; the sequencer chains the committed ones in the order they were written; verify-audit still
names a changed event (chained or not), a deleted event, a cut tail and a rewritten chain."""

import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AccessEvent, AuditAction, AuditCheckpoint

ACTOR = Actor.for_system("test")
on_postgres = pytest.mark.skipif("connection.vendor != 'postgresql'")


@pytest.fixture
def sequencer(settings):
    settings.AUDIT_CHAIN = "sequencer"
    settings.AUDIT_CHECKPOINT_EVERY = 5


def read(n, start=0):
    return [audit.record(ACTOR, AuditAction.READ, object_type="test.item", object_id=start + i)
            for i in range(n)]


def raw(sql, params=()):
    with connection.cursor() as cursor:
        postgres = connection.vendor == "postgresql"
        if postgres:
            cursor.execute("ALTER TABLE core_accessevent DISABLE TRIGGER USER")
            cursor.execute("ALTER TABLE core_auditcheckpoint DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if postgres:
            cursor.execute("ALTER TABLE core_accessevent ENABLE TRIGGER USER")
            cursor.execute("ALTER TABLE core_auditcheckpoint ENABLE TRIGGER USER")


def problem():
    result = audit.verify()
    assert not result.ok
    return result.problem


@pytest.mark.django_db
def test_a_page_writes_sealed_events_in_one_insert_without_the_lock(sequencer):
    with CaptureQueriesContext(connection) as captured, audit.batch():
        events = read(12)
    statements = [q["sql"] for q in captured.captured_queries]
    assert sum(s.startswith("INSERT") for s in statements) == 1
    assert not any("pg_advisory" in s or (s.startswith("SELECT") and "ORDER BY" in s)
                   for s in statements)  # no lock, no tip read
    assert all(e.seq is None and e.prev_mac == "" for e in events)
    waiting = audit.verify()
    assert waiting.ok and waiting.checked == 0 and waiting.pending == 12
    assert not AuditCheckpoint.objects.exists()

    assert audit.sequence() == 12
    chained = list(AccessEvent.objects.order_by("seq"))
    assert [e.seq for e in chained] == list(range(1, 13))
    assert [e.object_id for e in chained] == [str(i) for i in range(12)]  # the order they were written
    assert list(AuditCheckpoint.objects.values_list("seq", flat=True)) == [5, 10]
    result = audit.verify()
    assert result.ok and result.checked == 12 and result.pending == 0
    assert audit.sequence() == 0
    call_command("verify-audit")


@pytest.mark.django_db
def test_chained_and_inline_events_make_one_chain(settings):
    settings.AUDIT_CHAIN = "inline"
    read(3)
    settings.AUDIT_CHAIN = "sequencer"
    read(2, start=3)
    audit.sequence()
    settings.AUDIT_CHAIN = "inline"
    read(1, start=5)
    assert list(AccessEvent.objects.order_by("seq").values_list("object_id", flat=True)) == [
        "0", "1", "2", "3", "4", "5"]
    assert audit.verify().ok


@pytest.mark.django_db
def test_a_checkpoint_chains_what_waits_first(sequencer, settings):
    settings.AUDIT_CHECKPOINT_EVERY = 1000
    read(3)
    assert audit.checkpoint_now().seq == 3


@pytest.mark.django_db
def test_an_event_changed_before_it_is_chained_is_named_and_not_chained(sequencer):
    read(4)
    event = AccessEvent.objects.get(object_id="2")
    raw("UPDATE core_accessevent SET purpose = 'ändrat' WHERE id = %s", [event.pk])
    assert f"event id {event.pk} (not yet chained" in problem()
    assert audit.sequence() == 3
    assert AccessEvent.objects.get(pk=event.pk).seq is None
    assert "its fields differ from what was sealed" in problem()


@pytest.mark.django_db
def test_a_chained_event_changed_afterwards_is_named(sequencer):
    read(6)
    audit.sequence()
    raw("UPDATE core_accessevent SET object_id = '999' WHERE seq = 4")
    assert "event 4" in problem()
    with pytest.raises(CommandError, match="event 4"):
        call_command("verify-audit")


@pytest.mark.django_db
def test_a_deleted_chained_event_is_named(sequencer):
    read(8)
    audit.sequence()
    raw("DELETE FROM core_accessevent WHERE seq = 6")
    assert "events 6–6 are missing" in problem()


@pytest.mark.django_db
def test_a_cut_tail_and_a_rewritten_chain_are_named_by_the_anchor(sequencer, settings,
                                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        read(12)
        audit.sequence()
    anchor = Path(settings.AUDIT_ANCHOR_FILE)
    assert audit.verify(anchor=anchor).anchored == 2
    raw("DELETE FROM core_auditcheckpoint WHERE seq = 10")
    raw("DELETE FROM core_accessevent WHERE seq >= 9")
    assert "truncated tail" in audit.verify(anchor=anchor).problem

    # Rewritten with the key: the whole chain re-signed with other content verifies on its own,
    # but not against the checkpoints kept outside the database.
    raw("DELETE FROM core_auditcheckpoint")
    raw("DELETE FROM core_accessevent")
    settings.AUDIT_CHECKPOINT_EVERY = 5
    read(12, start=100)
    audit.sequence()
    assert audit.verify(anchor=None).ok
    assert "rewritten chain" in audit.verify(anchor=anchor).problem


@on_postgres
@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_lets_through_only_the_sequencers_one_change(sequencer):
    read(2)
    first = AccessEvent.objects.order_by("pk").first()
    for statement in (
        "UPDATE core_accessevent SET purpose = 'x'",  # no chaining at all
        "UPDATE core_accessevent SET seq = 1, prev_mac = 'a', mac = 'b', purpose = 'x'",  # and more
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
                connection.cursor() as cursor:
            cursor.execute(statement)
    audit.sequence()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as cursor:  # once chained, never again
        cursor.execute("UPDATE core_accessevent SET seq = 9, prev_mac = 'a', mac = 'b' WHERE id = %s",
                       [first.pk])
    assert audit.verify().ok


@on_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_writers_and_a_running_sequencer_make_one_unbroken_chain(settings):
    settings.AUDIT_CHAIN = "sequencer"
    settings.AUDIT_CHECKPOINT_EVERY = 20
    errors, locks = [], []
    barrier = threading.Barrier(9)
    stop = threading.Event()

    def watch(execute, sql, params, many, context):
        if "pg_advisory" in sql:
            locks.append(sql)
        return execute(sql, params, many, context)

    def writer(number):
        try:
            barrier.wait()
            with connection.execute_wrapper(watch):
                for i in range(25):
                    with audit.batch():
                        audit.record(ACTOR, AuditAction.READ, object_type="test.thread", object_id=f"{number}-{i}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    def sequencer_loop():
        try:
            barrier.wait()
            while not stop.wait(0.01):
                audit.sequence()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    running = threading.Thread(target=sequencer_loop)
    for thread in [*threads, running]:
        thread.start()
    for thread in threads:
        thread.join()
    stop.set()
    running.join()
    audit.sequence()
    assert errors == [] and locks == []  # no writer ever took the chain lock
    assert list(AccessEvent.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, 201))
    assert AuditCheckpoint.objects.count() == 10
    result = audit.verify()
    assert result.ok and result.checked == 200, result.problem

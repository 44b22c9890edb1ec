"""The access log: append-only, HMAC-chained, checkpointed; verify-audit names the broken place."""

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from tillsammans.accounts.roles import Role
from tillsammans.accounts.services import membership_end, membership_grant
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AccessEvent, AppendOnlyError, AuditAction, AuditCheckpoint
from tillsammans.testing.factories import UnitFactory, UserFactory

ACTOR = Actor.for_system("test")
on_postgres = pytest.mark.skipif("connection.vendor != 'postgresql'")


def write(n, **kwargs):
    return [audit.record(ACTOR, AuditAction.READ, object_type="test.item", object_id=i, **kwargs)
            for i in range(n)]


def expect_broken(fragment):
    with pytest.raises(CommandError) as error:
        call_command("verify-audit")
    assert fragment in str(error.value)


@pytest.mark.django_db
def test_chain_verifies_and_checkpoints_are_written(settings):
    settings.AUDIT_CHECKPOINT_EVERY = 5
    write(12)
    assert list(AccessEvent.objects.values_list("seq", flat=True)) == list(range(1, 13))
    assert list(AuditCheckpoint.objects.values_list("seq", flat=True)) == [5, 10]
    result = audit.verify()
    assert result.ok and result.checked == 12
    call_command("verify-audit")


@pytest.mark.django_db
def test_orm_cannot_change_or_remove_events():
    event = write(1)[0]
    event.purpose = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=event.pk).update(purpose="x")
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.all().delete()


@pytest.mark.django_db
def test_raw_update_is_named_by_verify_audit():
    write(6)
    disable = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if disable:
            cursor.execute("ALTER TABLE core_accessevent DISABLE TRIGGER USER")
        cursor.execute("UPDATE core_accessevent SET object_id = '999' WHERE seq = 4")
        if disable:
            cursor.execute("ALTER TABLE core_accessevent ENABLE TRIGGER USER")
    expect_broken("event 4")


@pytest.mark.django_db
def test_a_recomputed_row_without_the_key_breaks_the_next_link():
    write(5)
    event = AccessEvent.objects.get(seq=3)
    forged = event.canonical.replace('"object_id":"2"', '"object_id":"7"')
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_accessevent DISABLE TRIGGER USER")
        cursor.execute("UPDATE core_accessevent SET object_id='7', canonical=%s WHERE seq=3", [forged])
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_accessevent ENABLE TRIGGER USER")
    expect_broken("event 3")


@pytest.mark.django_db
def test_deleting_events_covered_by_a_checkpoint_is_caught(settings):
    settings.AUDIT_CHECKPOINT_EVERY = 4
    write(10)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_accessevent DISABLE TRIGGER USER")
        cursor.execute("DELETE FROM core_accessevent WHERE seq IN (7, 8)")
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_accessevent ENABLE TRIGGER USER")
    expect_broken("7")


@pytest.mark.django_db
def test_a_truncated_tail_after_a_checkpoint_is_caught(settings):
    settings.AUDIT_CHECKPOINT_EVERY = 1000
    write(6)
    assert audit.checkpoint_now().seq == 6
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_accessevent DISABLE TRIGGER USER")
        cursor.execute("DELETE FROM core_accessevent WHERE seq >= 5")
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_accessevent ENABLE TRIGGER USER")
    expect_broken("events from 5 to 6 are missing")


@pytest.mark.django_db
def test_another_key_does_not_verify(settings):
    write(3)
    settings.AUDIT_HMAC_KEY = "another-key-of-sufficient-length"
    assert not audit.verify().ok


@on_postgres
@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_trigger_refuses_update_delete_and_truncate():
    from django.db import DatabaseError

    write(2)
    audit.checkpoint_now()
    for statement in ("UPDATE core_accessevent SET purpose = 'x'",
                      "DELETE FROM core_accessevent",
                      "TRUNCATE core_accessevent",
                      "DELETE FROM core_auditcheckpoint"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
                connection.cursor() as cursor:
            cursor.execute("SET LOCAL tillsammans.allow_truncate = off")
            cursor.execute(statement)
    assert AccessEvent.objects.count() == 2


@on_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_writers_keep_one_unbroken_chain():
    errors = []
    barrier = threading.Barrier(8)

    def writer(number):
        try:
            barrier.wait()
            for i in range(25):
                with transaction.atomic():
                    audit.record(ACTOR, AuditAction.READ, object_type="test.thread",
                                 object_id=f"{number}-{i}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert list(AccessEvent.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, 201))
    result = audit.verify()
    assert result.ok, result.problem


@pytest.mark.django_db
def test_role_grant_and_revoke_are_audited_in_the_same_transaction():
    user, unit = UserFactory(), UnitFactory()
    membership = membership_grant(actor=ACTOR, user=user, unit=unit, role=Role.STAFF)
    grant = AccessEvent.objects.get(action=AuditAction.GRANT)
    assert (grant.person_type, grant.person_id) == ("user", str(user.pk))
    membership_end(actor=ACTOR, membership=membership)
    assert AccessEvent.objects.filter(action=AuditAction.REVOKE).count() == 1

    with pytest.raises(RuntimeError), transaction.atomic():
        membership_grant(actor=ACTOR, user=user, unit=unit, role=Role.MANAGER)
        raise RuntimeError("roll back")
    assert AccessEvent.objects.filter(action=AuditAction.GRANT).count() == 1
    assert audit.verify().ok

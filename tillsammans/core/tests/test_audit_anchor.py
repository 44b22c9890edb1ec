"""The log proves its own tail: checkpoints kept outside the database name a truncated tail, a
deleted checkpoint and a rewritten chain; keys can be rotated without breaking verification."""

import json
import socket
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from tillsammans.core import audit, audit_anchor
from tillsammans.core.access import Actor
from tillsammans.core.models import AccessEvent, AuditAction, AuditCheckpoint

ACTOR = Actor.for_system("test")
KEY_A = "first-audit-key-0123456789"
KEY_B = "second-audit-key-9876543210"


@pytest.fixture
def chain(settings, django_capture_on_commit_callbacks):
    """Twelve events, checkpoints at 5 and 10, both also in the anchor file."""
    settings.AUDIT_CHECKPOINT_EVERY = 5
    with django_capture_on_commit_callbacks(execute=True):
        write(12)
    return Path(settings.AUDIT_ANCHOR_FILE)


def write(n, start=0):
    for i in range(start, start + n):
        with transaction.atomic():
            audit.record(ACTOR, AuditAction.READ, object_type="test.item", object_id=i)


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
def test_checkpoints_reach_the_anchor_file_and_verify_confirms_them(chain):
    lines = [json.loads(line) for line in chain.read_text().splitlines()]
    assert [line["seq"] for line in lines] == [5, 10]
    assert lines[1]["event_mac"] == AccessEvent.objects.get(seq=10).mac
    result = audit.verify()
    assert result.ok and result.checked == 12 and result.anchored == 2 and result.unanchored_tail == 2
    out = StringIO()
    call_command("verify-audit", stdout=out)
    assert "2 checkpoints confirmed outside the database" in out.getvalue()


@pytest.mark.django_db
def test_a_changed_event_is_named(chain):
    raw("UPDATE core_accessevent SET object_id = '99' WHERE seq = 4")
    assert problem() == "event 4: its fields differ from what was signed"


@pytest.mark.django_db
def test_a_deleted_event_is_named(chain):
    raw("DELETE FROM core_accessevent WHERE seq = 7")
    assert problem() == "events 7–7 are missing"


@pytest.mark.django_db
def test_a_truncated_tail_taken_with_its_checkpoint_is_named(chain):
    raw("DELETE FROM core_accessevent WHERE seq >= 8")
    raw("DELETE FROM core_auditcheckpoint WHERE seq = 10")
    assert audit.verify(anchor=None).ok  # the database alone cannot see it
    assert problem().startswith("truncated tail: the log ends at event 7")
    with pytest.raises(CommandError, match="truncated tail"):
        call_command("verify-audit")


@pytest.mark.django_db
def test_a_deleted_checkpoint_is_named(chain):
    raw("DELETE FROM core_auditcheckpoint WHERE seq = 5")
    assert audit.verify(anchor=None).ok
    assert problem().startswith("deleted checkpoint: the checkpoint at event 5")


@pytest.mark.django_db
def test_a_chain_rewritten_with_the_key_is_named(chain, settings):
    # Someone with the key and the database rewrites every event and checkpoint, but cannot
    # reach the anchor.
    raw("DELETE FROM core_accessevent")
    raw("DELETE FROM core_auditcheckpoint")
    settings.AUDIT_ANCHORS = []
    write(12, start=100)
    settings.AUDIT_ANCHORS = ["file"]
    assert audit.verify(anchor=None).ok
    assert problem() == "rewritten chain: event 5 differs from the checkpoint kept outside the database"


@pytest.mark.django_db
def test_a_line_added_to_the_anchor_without_the_key_is_refused(chain):
    forged = json.loads(chain.read_text().splitlines()[-1])
    forged.update(seq=11, event_mac=AccessEvent.objects.get(seq=11).mac)
    with chain.open("a") as handle:
        handle.write(json.dumps(forged) + "\n")
    assert problem() == "anchor: the checkpoint at event 11 is not signed with our key"


@pytest.mark.django_db
def test_a_rolled_back_checkpoint_never_reaches_the_anchor(settings, django_capture_on_commit_callbacks):
    settings.AUDIT_CHECKPOINT_EVERY = 2
    with django_capture_on_commit_callbacks(execute=True):
        write(1)
        with pytest.raises(RuntimeError), transaction.atomic():
            audit.record(ACTOR, AuditAction.READ, object_type="test.item", object_id="x")
            raise RuntimeError("roll back")
    assert not Path(settings.AUDIT_ANCHOR_FILE).exists()
    assert audit.verify().ok


@pytest.mark.django_db
def test_syslog_and_mail_to_the_auditors_carry_the_same_line(settings, tmp_path,
                                                              django_capture_on_commit_callbacks):
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(5)
    settings.AUDIT_ANCHORS = ["syslog", "email"]
    settings.AUDIT_ANCHOR_SYSLOG_ADDRESS = f"127.0.0.1:{receiver.getsockname()[1]}"
    settings.AUDIT_ANCHOR_EMAILS = ["logggranskare@ekmora.exempel.se"]
    settings.AUDIT_CHECKPOINT_EVERY = 3
    try:
        with django_capture_on_commit_callbacks(execute=True):
            write(3)
        datagram = receiver.recv(4096).decode()
    finally:
        receiver.close()
    line = audit_anchor.line_for(AuditCheckpoint.objects.get(seq=3))
    assert line in datagram and "tillsammans-audit" in datagram
    [message] = mail.outbox
    assert message.to == ["logggranskare@ekmora.exempel.se"] and line in message.body
    # A copy kept by the log server (syslog prefixes and all) is an anchor verify-audit reads.
    export = tmp_path / "syslog-export.log"
    export.write_text(f"Nov 24 13:00:00 host {datagram}\n")
    assert audit.verify(anchor=export).anchored == 1
    raw("DELETE FROM core_auditcheckpoint WHERE seq = 3")
    with pytest.raises(CommandError, match="deleted checkpoint"):
        call_command("verify-audit", anchor=str(export))


@pytest.mark.django_db
def test_key_rotation_keeps_old_events_verifiable_and_refuses_the_old_key_afterwards(
        settings, django_capture_on_commit_callbacks):
    settings.AUDIT_CHECKPOINT_EVERY = 3
    settings.AUDIT_HMAC_KEY, settings.AUDIT_HMAC_RETIRED_KEYS = KEY_A, []
    with django_capture_on_commit_callbacks(execute=True):
        write(4)
    # Rotation: the new key signs, the old one is kept only to verify what it signed.
    settings.AUDIT_HMAC_KEY, settings.AUDIT_HMAC_RETIRED_KEYS = KEY_B, [KEY_A]
    with django_capture_on_commit_callbacks(execute=True):
        write(3, start=4)
    result = audit.verify()
    assert result.ok and result.checked == 7 and result.key_changes == [5] and result.anchored == 2
    out = StringIO()
    call_command("verify-audit", stdout=out)
    assert "Key rotations at events: 5." in out.getvalue()
    # Forgetting the retired key makes the old events unverifiable: it must be kept.
    settings.AUDIT_HMAC_RETIRED_KEYS = []
    assert not audit.verify().ok
    # Someone who still holds the retired key cannot append with it after the rotation.
    settings.AUDIT_HMAC_KEY, settings.AUDIT_HMAC_RETIRED_KEYS = KEY_A, []
    write(1, start=7)
    settings.AUDIT_HMAC_KEY, settings.AUDIT_HMAC_RETIRED_KEYS = KEY_B, [KEY_A]
    assert problem() == "event 8: signed with a retired key after the key was rotated"

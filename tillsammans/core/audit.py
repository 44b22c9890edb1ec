"""Writing and verifying the access log.

``record()`` must be called inside the transaction of the action it describes; it takes the
chain lock (an advisory lock on PostgreSQL; SQLite's IMMEDIATE transactions hold the write lock),
reads the tip, and appends one event whose HMAC covers the previous event's HMAC and a canonical
text of the event's own fields. See docs/adr/0004-audit-log.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from tillsammans.core.access import Actor
from tillsammans.core.models import AccessEvent, AuditAction, AuditCheckpoint

GENESIS = "0" * 64
CHAIN_LOCK_ID = 7_215_001  # arbitrary constant shared by every writer of the chain

SIGNED_FIELDS = (
    "seq", "occurred_at", "user_id", "user_label", "membership_id", "role", "unit_id",
    "unit_label", "authority_id", "action", "object_type", "object_id", "person_type",
    "person_id", "purpose", "client_ip", "request_id", "detail", "prev_mac",
)


def _key() -> bytes:
    return settings.AUDIT_HMAC_KEY.encode()


def _sign(text: str) -> str:
    return hmac.new(_key(), text.encode(), hashlib.sha256).hexdigest()


def _timestamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_text(values: dict[str, Any]) -> str:
    """A stable text of an event's signed fields: UTC with fixed microseconds, sorted JSON."""
    data = {name: values[name] for name in SIGNED_FIELDS}
    data["occurred_at"] = _timestamp(values["occurred_at"])
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_ID])


def _person_fields(person: Any) -> tuple[str, str]:
    if person is None:
        return "", ""
    if isinstance(person, tuple):
        return str(person[0]), str(person[1])
    return person._meta.model_name, str(person.pk)


def record(
    actor: Actor,
    action: str | AuditAction,
    obj: Any = None,
    *,
    object_type: str | None = None,
    object_id: Any = None,
    person: Any = None,
    purpose: str = "",
    detail: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
) -> AccessEvent:
    """Append one event. Call inside the transaction of the action it describes.

    ``occurred_at`` is for history written after the fact (the demo's past months, an import of an
    older system's log): the event is still appended at the end of the chain and signed like any
    other, with the time it happened. Everything else leaves it to the clock."""
    if obj is not None:
        object_type = object_type or f"{obj._meta.app_label}.{obj._meta.model_name}"
        object_id = obj.pk if object_id is None else object_id
    if not object_type:
        raise ValueError("An access event needs an object type.")
    membership = actor.membership
    user = actor.user if actor.is_authenticated else None
    person_type, person_id = _person_fields(person)
    with transaction.atomic():
        _lock_chain()
        tip = AccessEvent.objects.order_by("-seq").values("seq", "mac").first()
        if tip is None:
            checkpoint = AuditCheckpoint.objects.order_by("-seq").values("seq", "event_mac").first()
            tip = {"seq": checkpoint["seq"], "mac": checkpoint["event_mac"]} if checkpoint else None
        values: dict[str, Any] = {
            "seq": (tip["seq"] + 1) if tip else 1,
            "occurred_at": occurred_at or timezone.now(),
            "user_id": user.pk if user else None,
            "user_label": (user.get_full_name() or user.get_username()) if user
            else (f"system:{actor.system}" if actor.system else ""),
            "membership_id": membership.pk if membership else None,
            "role": membership.role if membership else "",
            "unit_id": membership.unit_id if membership else None,
            "unit_label": membership.unit.name if membership else "",
            "authority_id": membership.unit.authority_id if membership else None,
            "action": str(action),
            "object_type": object_type,
            "object_id": "" if object_id is None else str(object_id),
            "person_type": person_type,
            "person_id": person_id,
            "purpose": purpose,
            "client_ip": actor.client_ip or "",
            "request_id": actor.request_id,
            "detail": detail or {},
            "prev_mac": tip["mac"] if tip else GENESIS,
        }
        text = canonical_text(values)
        event = AccessEvent(**values, canonical=text, mac=_sign(values["prev_mac"] + "\n" + text))
        event.save()
        if event.seq % settings.AUDIT_CHECKPOINT_EVERY == 0:
            _write_checkpoint(event.seq, event.mac)
    return event


def _checkpoint_mac(seq: int, event_mac: str, created_at: datetime) -> str:
    return _sign(f"checkpoint\n{seq}\n{event_mac}\n{_timestamp(created_at)}")


def _write_checkpoint(seq: int, event_mac: str) -> AuditCheckpoint:
    created_at = timezone.now()
    checkpoint = AuditCheckpoint(
        seq=seq, event_mac=event_mac, created_at=created_at,
        mac=_checkpoint_mac(seq, event_mac, created_at),
    )
    checkpoint.save()
    return checkpoint


def checkpoint_now() -> AuditCheckpoint | None:
    """Sign the current head (run periodically by the worker). Returns None if already signed."""
    with transaction.atomic():
        _lock_chain()
        tip = AccessEvent.objects.order_by("-seq").values("seq", "mac").first()
        if tip is None or AuditCheckpoint.objects.filter(seq=tip["seq"]).exists():
            return None
        return _write_checkpoint(tip["seq"], tip["mac"])


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""
    seq: int | None = None


def verify(chunk_size: int = 2000) -> VerifyResult:
    """Walk the whole chain and the checkpoints; report the first broken place."""
    checkpoints = {c.seq: c for c in AuditCheckpoint.objects.order_by("seq")}
    for cp in checkpoints.values():
        if not hmac.compare_digest(cp.mac, _checkpoint_mac(cp.seq, cp.event_mac, cp.created_at)):
            return VerifyResult(False, 0, f"checkpoint at event {cp.seq} has a wrong HMAC", cp.seq)

    expected_prev: str | None = None
    expected_seq: int | None = None
    checked = 0
    last_seq = 0
    for event in AccessEvent.objects.order_by("seq").iterator(chunk_size=chunk_size):
        if expected_seq is None:
            # The first retained event: older ones may have been removed past retention,
            # but only up to a checkpoint, which must then vouch for the link.
            if event.seq != 1:
                anchor = checkpoints.get(event.seq - 1)
                if anchor is None:
                    return VerifyResult(False, checked,
                                        f"events before {event.seq} are missing", event.seq)
                expected_prev = anchor.event_mac
            else:
                expected_prev = GENESIS
        elif event.seq != expected_seq:
            return VerifyResult(False, checked,
                                f"events {expected_seq}–{event.seq - 1} are missing", expected_seq)
        values = {name: getattr(event, name) for name in SIGNED_FIELDS}
        if canonical_text(values) != event.canonical:
            return VerifyResult(False, checked,
                                f"event {event.seq}: its fields differ from what was signed",
                                event.seq)
        if not hmac.compare_digest(event.prev_mac, expected_prev or ""):
            return VerifyResult(False, checked,
                                f"event {event.seq}: link to event {event.seq - 1} is broken",
                                event.seq)
        if not hmac.compare_digest(event.mac, _sign(event.prev_mac + "\n" + event.canonical)):
            return VerifyResult(False, checked, f"event {event.seq}: HMAC does not match",
                                event.seq)
        anchor = checkpoints.get(event.seq)
        if anchor is not None and not hmac.compare_digest(anchor.event_mac, event.mac):
            return VerifyResult(False, checked,
                                f"event {event.seq}: differs from its checkpoint", event.seq)
        expected_prev = event.mac
        expected_seq = event.seq + 1
        last_seq = event.seq
        checked += 1
    later = [seq for seq in checkpoints if seq > last_seq]
    if later:
        first_missing = last_seq + 1
        return VerifyResult(False, checked,
                            f"events from {first_missing} to {max(later)} are missing, "
                            f"though a checkpoint covers them", first_missing)
    return VerifyResult(True, checked)

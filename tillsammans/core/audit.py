"""Writing and verifying the access log.

``record()`` must be called inside the transaction of the action it describes. Appending takes the
chain lock (an advisory lock on PostgreSQL; SQLite's IMMEDIATE transactions hold the write lock),
reads the tip, and writes events whose HMAC covers the previous event's HMAC and a canonical text
of the event's own fields. See docs/adr/0004-audit-log.md.

Pages wrap their reads in ``batch()``: the events of the page are collected while it reads and
appended in one statement at the very end of its transaction (docs/adr/0011-access-log-throughput.md).

With ``AUDIT_CHAIN = "sequencer"`` (production on PostgreSQL) nothing in a page takes the chain lock:
events are written *sealed but not yet chained* (no sequence number; their own HMAC over their
fields), and ``sequence()`` – run every second by ``tillsammans worker`` – chains the committed ones
in the order they were written, under the lock, off the request path
(docs/adr/0022-access-log-sequencer.md). ``"inline"`` chains at the append, under the lock, as before
(SQLite, tests, small installations).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models.base import ModelState
from django.utils import timezone

from tillsammans.core.access import Actor
from tillsammans.core.models import AccessEvent, AuditAction, AuditCheckpoint, AuditOutcome

logger = logging.getLogger("tillsammans.audit")

GENESIS = "0" * 64
SEAL = "sealed\n"  # prefix of the HMAC an event carries while it waits for the sequencer
CHAIN_LOCK_ID = 7_215_001  # arbitrary constant shared by every writer of the chain

SIGNED_FIELDS = (
    "seq", "occurred_at", "user_id", "user_label", "membership_id", "role", "unit_id",
    "unit_label", "authority_id", "action", "object_type", "object_id", "person_type",
    "person_id", "purpose", "client_ip", "request_id", "detail", "prev_mac",
)
# Signed only when it differs from its default, so that the signed text of every event written
# before the field existed stays the same (and an "allowed" turned "refused" or back is caught).
OPTIONAL_SIGNED_FIELDS = {"outcome": AuditOutcome.ALLOWED.value}


def _key() -> bytes:
    return settings.AUDIT_HMAC_KEY.encode()


def _keys() -> list[bytes]:
    """The signing key first, then retired keys, newest first (see docs/adr/0010)."""
    return [_key(), *(key.encode() for key in settings.AUDIT_HMAC_RETIRED_KEYS)]


def _sign(text: str, key: bytes | None = None) -> str:
    return hmac.new(key or _key(), text.encode(), hashlib.sha256).hexdigest()


def _key_index(text: str, mac: str, upto: int | None = None) -> int | None:
    """Which key (0 = current) signed ``text`` as ``mac``, looking at keys 0..upto only."""
    keys = _keys()
    for index, key in enumerate(keys[: None if upto is None else upto + 1]):
        if hmac.compare_digest(mac, _sign(text, key)):
            return index
    return None


def _timestamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))  # json.dumps's


def canonical_text(values: dict[str, Any]) -> str:
    """A stable text of an event's signed fields: UTC with fixed microseconds, sorted JSON."""
    data = {name: values[name] for name in SIGNED_FIELDS}
    for name, default in OPTIONAL_SIGNED_FIELDS.items():
        value = str(values.get(name) or default)
        if value != default:
            data[name] = value
    data["occurred_at"] = _timestamp(values["occurred_at"])
    return _CANONICAL_JSON.encode(data)


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_ID])


def _person_values(person: Any) -> dict[str, str]:
    if person is None:
        return {"person_type": "", "person_id": ""}
    if isinstance(person, tuple):
        return {"person_type": str(person[0]), "person_id": str(person[1])}
    return {"person_type": person._meta.model_name, "person_id": str(person.pk)}


def _actor_values(actor: Actor, pending: _Batch | None) -> dict[str, Any]:
    """Who acted, as the event's fields: the same for every event of a page, so worked out once a
    batch (the actor is frozen; its user's name and unit's name as they were at its first event)."""
    if pending is not None and pending.actor is actor:
        return pending.actor_values
    membership = actor.membership
    user = actor.user if actor.is_authenticated else None
    values: dict[str, Any] = {
        "user_id": user.pk if user else None,
        "user_label": (user.get_full_name() or user.get_username()) if user
        else (f"system:{actor.system}" if actor.system else ""),
        "membership_id": membership.pk if membership else None,
        "role": membership.role if membership else "",
        "unit_id": membership.unit_id if membership else None,
        "unit_label": membership.unit.name if membership else "",
        "authority_id": membership.unit.authority_id if membership else None,
        "client_ip": actor.client_ip or "",
        "request_id": actor.request_id,
    }
    if actor.family is not None:  # a guardian or young person with e-ID (docs/adr/0016)
        values.update(actor.family.audit_values())
    if pending is not None:
        pending.actor, pending.actor_values = actor, values
    return values


_EVENT_COLUMNS: dict[str, Any] = {}


def _new_event(values: dict[str, Any]) -> AccessEvent:
    """``AccessEvent(**values)`` without Django's per-field constructor (a tenth of the time): the
    event's attributes are its columns' defaults, then the values. Only for unsaved events that
    ``append`` writes; nothing listens to an access event's construction."""
    if not _EVENT_COLUMNS:
        _EVENT_COLUMNS.update({f.attname: None if f.primary_key else f.get_default()
                               for f in AccessEvent._meta.concrete_fields})
    event = AccessEvent.__new__(AccessEvent)
    event._state = ModelState()
    event.__dict__.update(_EVENT_COLUMNS)
    event.__dict__.update(values)
    return event


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
    outcome: str = AuditOutcome.ALLOWED,
    occurred_at: datetime | None = None,
) -> AccessEvent:
    """Log one event. Call inside the transaction of the action it describes: the event is
    appended at once, or at the end of the page's ``batch()`` it is recorded in.

    ``occurred_at`` is for history written after the fact (the demo's past months, an import of an
    older system's log): the event is still appended at the end of the chain and signed like any
    other, with the time it happened. Everything else leaves it to the clock."""
    if obj is not None:
        object_type = object_type or f"{obj._meta.app_label}.{obj._meta.model_name}"
        object_id = obj.pk if object_id is None else object_id
    if not object_type:
        raise ValueError("An access event needs an object type.")
    pending = getattr(_local, "batch", None)
    event = _new_event({
        **_actor_values(actor, pending),
        "occurred_at": occurred_at or timezone.now(),
        "action": str(action),
        "object_type": object_type,
        "object_id": "" if object_id is None else str(object_id),
        **_person_values(person),
        "purpose": purpose,
        "detail": detail or {},
        "outcome": str(outcome),
    })
    if pending is not None and pending.accepts():
        pending.events.append(event)
    else:
        with transaction.atomic():
            append([event])
    return event


def _tip() -> dict[str, Any] | None:
    tip = AccessEvent.objects.filter(seq__isnull=False).order_by("-seq").values("seq", "mac").first()
    if tip is None:
        checkpoint = AuditCheckpoint.objects.order_by("-seq").values("seq", "event_mac").first()
        tip = {"seq": checkpoint["seq"], "mac": checkpoint["event_mac"]} if checkpoint else None
    return tip


def _fields(event: AccessEvent) -> dict[str, Any]:
    return {name: getattr(event, name) for name in (*SIGNED_FIELDS, *OPTIONAL_SIGNED_FIELDS)}


def _sealed_text(event: AccessEvent) -> str:
    """The canonical text of an event not yet chained (no sequence number, no link)."""
    return canonical_text({**_fields(event), "seq": None, "prev_mac": ""})


def seal_holds(event: AccessEvent) -> bool:
    """True if an unchained event's fields are still those it was sealed with (any key)."""
    return _key_index(SEAL + _sealed_text(event), event.mac) is not None


def _chain(events: list[AccessEvent], tip: dict[str, Any] | None) -> list[AccessEvent]:
    """Give events their place after ``tip``: sequence number, link, canonical text and HMAC.
    Returns the events that complete a checkpoint interval."""
    seq = tip["seq"] if tip else 0
    prev_mac = tip["mac"] if tip else GENESIS
    every = settings.AUDIT_CHECKPOINT_EVERY
    due: list[AccessEvent] = []
    for event in events:
        seq += 1
        event.seq, event.prev_mac = seq, prev_mac
        event.canonical = canonical_text(_fields(event))
        event.mac = prev_mac = _sign(event.prev_mac + "\n" + event.canonical)
        if seq % every == 0:
            due.append(event)
    return due


def _insert_statement() -> str:
    """PostgreSQL: one INSERT whose rows are read from the events' signed texts.

    Two text parameters, whatever the number of events: the canonical texts and the HMACs, one a
    line (a canonical text is compact JSON, and JSON has no raw line break; two plain texts because
    psycopg's client-side quoting of a text array costs more than the whole INSERT). Every signed
    column is taken from the canonical text (``jsonb_populate_record`` against the table's own row
    type), so a row holds exactly what was signed – the text ``verify`` recomputes from the row –
    and Python prepares no column. ``outcome`` is in the text only when it is not "allowed"
    (``OPTIONAL_SIGNED_FIELDS``). The ids come back ascending in the order of the texts (one
    sequence, rows written in that order)."""
    table = AccessEvent._meta.db_table
    signed = [*SIGNED_FIELDS, *OPTIONAL_SIGNED_FIELDS]
    columns = ", ".join([*signed, "canonical", "mac"])
    values = ", ".join([
        *(f"coalesce(r.{name}, '{default}')" if name in OPTIONAL_SIGNED_FIELDS else f"r.{name}"
          for name, default in ((name, OPTIONAL_SIGNED_FIELDS.get(name)) for name in signed)),
        "u.canonical", "u.mac",
    ])
    return (
        f"INSERT INTO {table} ({columns}) SELECT {values} "  # noqa: S608
        f"FROM unnest(string_to_array(%s, E'\\n'), string_to_array(%s, E'\\n')) "
        f"WITH ORDINALITY AS u(canonical, mac, n) "
        f"CROSS JOIN LATERAL jsonb_populate_record(NULL::{table}, u.canonical::jsonb) AS r "
        f"ORDER BY u.n RETURNING id"
    )


_INSERT_SQL: str | None = None


def _insert(events: list[AccessEvent]) -> None:
    """Write events whose ``canonical`` and ``mac`` are set, in one statement; sets their ids."""
    if connection.vendor != "postgresql":
        if len(events) == 1:
            events[0].save()
        else:
            AccessEvent.objects.bulk_create(events)
        return
    global _INSERT_SQL
    if _INSERT_SQL is None:
        _INSERT_SQL = _insert_statement()
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_SQL, ["\n".join([e.canonical for e in events]),
                                     "\n".join([e.mac for e in events])])
        ids = sorted(row[0] for row in cursor.fetchall())
    if len(ids) != len(events):  # cannot happen: every text is one row
        raise RuntimeError("The access log wrote a different number of events than it was given.")
    alias = connection.alias
    for event, pk in zip(events, ids, strict=True):
        event.pk = pk
        event._state.adding = False
        event._state.db = alias


def append(events: list[AccessEvent]) -> list[AccessEvent]:
    """Write events (not yet saved) in one statement. Call inside the transaction that the events
    belong to, last: inline, it takes the chain lock, which is held until the transaction ends."""
    if not events:
        return events
    if settings.AUDIT_CHAIN == "sequencer":
        for event in events:  # no lock, no tip: sealed now, chained by sequence() once committed
            event.seq, event.prev_mac = None, ""
            event.canonical = _sealed_text(event)
            event.mac = _sign(SEAL + event.canonical)
        _insert(events)
        return events
    _lock_chain()
    due = _chain(events, _tip())
    _insert(events)
    for event in due:
        _write_checkpoint(event.seq, event.mac)
    return events


def _write_links(events: list[AccessEvent]) -> None:
    """The sequencer's one change to an event: the place in the chain it did not have yet (the
    database trigger allows exactly this, once, and nothing else)."""
    table = AccessEvent._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for start in range(0, len(events), 1000):
                chunk = events[start:start + 1000]
                rows = ", ".join(["(%s::bigint, %s::bigint, %s, %s, %s)"] * len(chunk))
                params = [v for e in chunk for v in (e.pk, e.seq, e.prev_mac, e.mac, e.canonical)]
                cursor.execute(
                    f"UPDATE {table} AS e SET seq = v.seq, prev_mac = v.prev_mac, mac = v.mac, "  # noqa: S608
                    f"canonical = v.canonical FROM (VALUES {rows}) AS v(id, seq, prev_mac, mac, canonical) "
                    f"WHERE e.id = v.id AND e.seq IS NULL", params)
        else:
            cursor.executemany(
                f"UPDATE {table} SET seq = %s, prev_mac = %s, mac = %s, canonical = %s "  # noqa: S608
                f"WHERE id = %s AND seq IS NULL",
                [(e.seq, e.prev_mac, e.mac, e.canonical, e.pk) for e in events])


def sequence(batch_size: int = 5000) -> int:
    """Chain the committed events that are not chained yet, in the order they were written, under
    the chain lock; returns how many. An event whose fields no longer match its seal is left out
    (and named by ``verify``). Run every second by the worker; harmless to run anywhere, any time."""
    chained = 0
    while True:
        with transaction.atomic():
            _lock_chain()
            pending = list(AccessEvent.objects.filter(seq__isnull=True).order_by("pk")[:batch_size])
            if not pending:
                return chained
            sound = [event for event in pending if seal_holds(event)]
            for event in {e.pk for e in pending} - {e.pk for e in sound}:
                logger.error("Access event id %s does not match its seal; it is not chained.", event)
            due = _chain(sound, _tip())
            _write_links(sound)
            for event in due:
                _write_checkpoint(event.seq, event.mac)
            chained += len(sound)
            if len(pending) < batch_size or not sound:
                return chained


@dataclass
class _Batch:
    depth: int
    events: list[AccessEvent] = field(default_factory=list)
    actor: Actor | None = None  # the actor of the last event and its fields (``_actor_values``)
    actor_values: dict[str, Any] = field(default_factory=dict)

    def accepts(self) -> bool:
        """Only events recorded at the batch's own level: an event recorded inside a nested
        block that may roll back is appended at once, inside that block."""
        return len(connection.atomic_blocks) == self.depth


_local = threading.local()


@contextmanager
def batch() -> Iterator[None]:
    """A page's transaction whose access events are appended together at its very end.

    ``record()`` inside collects the events; leaving the block appends them in one statement
    and commits, so the chain lock is held for the append and the commit only. An exception
    rolls back the page's reads and writes, and no event is appended."""
    parent = getattr(_local, "batch", None)
    with transaction.atomic():
        pending = _Batch(depth=len(connection.atomic_blocks))
        _local.batch = pending
        try:
            yield
        finally:
            _local.batch = parent
        if parent is not None:
            parent.events.extend(pending.events)  # appended when the outermost batch ends
        else:
            append(pending.events)


def _checkpoint_text(seq: int, event_mac: str, stamp: str) -> str:
    return f"checkpoint\n{seq}\n{event_mac}\n{stamp}"


def _checkpoint_mac(seq: int, event_mac: str, created_at: datetime) -> str:
    return _sign(_checkpoint_text(seq, event_mac, _timestamp(created_at)))


def _write_checkpoint(seq: int, event_mac: str) -> AuditCheckpoint:
    from tillsammans.core import audit_anchor

    created_at = timezone.now()
    checkpoint = AuditCheckpoint(
        seq=seq, event_mac=event_mac, created_at=created_at,
        mac=_checkpoint_mac(seq, event_mac, created_at),
    )
    checkpoint.save()
    audit_anchor.publish_after_commit(checkpoint)
    return checkpoint


def checkpoint_now() -> AuditCheckpoint | None:
    """Sign the current head (run periodically by the worker). Returns None if already signed."""
    if settings.AUDIT_CHAIN == "sequencer":
        sequence()
    with transaction.atomic():
        _lock_chain()
        tip = AccessEvent.objects.filter(seq__isnull=False).order_by("-seq").values("seq", "mac").first()
        if tip is None or AuditCheckpoint.objects.filter(seq=tip["seq"]).exists():
            return None
        return _write_checkpoint(tip["seq"], tip["mac"])


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""
    seq: int | None = None
    anchored: int = 0  # checkpoints confirmed against the anchor outside the database
    unanchored_tail: int = 0  # events after the last anchored checkpoint (not yet provable)
    key_changes: list[int] = field(default_factory=list)  # first event signed by each newer key
    pending: int = 0  # sealed events the sequencer has not chained yet


_DEFAULT_ANCHOR = object()


def verify(chunk_size: int = 2000, anchor: Any = _DEFAULT_ANCHOR) -> VerifyResult:
    """Walk the whole chain and the checkpoints, then compare with the anchor outside the database
    (``AUDIT_ANCHOR_FILE`` by default, or the path given, or none with ``anchor=None``); report
    the first broken place."""
    from tillsammans.core import audit_anchor

    if anchor is _DEFAULT_ANCHOR:
        anchor = audit_anchor.default_anchor_path()
    checkpoints = {c.seq: c for c in AuditCheckpoint.objects.order_by("seq")}
    for cp in checkpoints.values():
        if _key_index(_checkpoint_text(cp.seq, cp.event_mac, _timestamp(cp.created_at)), cp.mac) is None:
            return VerifyResult(False, 0, f"checkpoint at event {cp.seq} has a wrong HMAC", cp.seq)

    expected_prev: str | None = None
    expected_seq: int | None = None
    checked = 0
    last_seq = 0
    key_limit: int | None = None  # keys only ever change to a newer one along the chain
    key_changes: list[int] = []
    tail_macs: dict[int, str] = {}
    for event in AccessEvent.objects.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=chunk_size):
        if expected_seq is None:
            # The first retained event: older ones may have been removed past retention,
            # but only up to a checkpoint, which must then vouch for the link.
            if event.seq != 1:
                anchor_cp = checkpoints.get(event.seq - 1)
                if anchor_cp is None:
                    return VerifyResult(False, checked,
                                        f"events before {event.seq} are missing", event.seq)
                expected_prev = anchor_cp.event_mac
            else:
                expected_prev = GENESIS
        elif event.seq != expected_seq:
            return VerifyResult(False, checked,
                                f"events {expected_seq}–{event.seq - 1} are missing", expected_seq)
        if canonical_text(_fields(event)) != event.canonical:
            return VerifyResult(False, checked,
                                f"event {event.seq}: its fields differ from what was signed",
                                event.seq)
        if not hmac.compare_digest(event.prev_mac, expected_prev or ""):
            return VerifyResult(False, checked,
                                f"event {event.seq}: link to event {event.seq - 1} is broken",
                                event.seq)
        message = event.prev_mac + "\n" + event.canonical
        index = _key_index(message, event.mac, key_limit)
        if index is None:
            problem = f"event {event.seq}: HMAC does not match"
            if key_limit is not None and _key_index(message, event.mac) is not None:
                problem = f"event {event.seq}: signed with a retired key after the key was rotated"
            return VerifyResult(False, checked, problem, event.seq)
        if key_limit is not None and index < key_limit:
            key_changes.append(event.seq)
        key_limit = index
        cp = checkpoints.get(event.seq)
        if cp is not None and not hmac.compare_digest(cp.event_mac, event.mac):
            return VerifyResult(False, checked,
                                f"event {event.seq}: differs from its checkpoint", event.seq)
        expected_prev = event.mac
        expected_seq = event.seq + 1
        last_seq = event.seq
        tail_macs[event.seq] = event.mac
        checked += 1
    later = [seq for seq in checkpoints if seq > last_seq]
    if later:
        first_missing = last_seq + 1
        return VerifyResult(False, checked,
                            f"events from {first_missing} to {max(later)} are missing, "
                            f"though a checkpoint covers them", first_missing)
    pending = 0
    for event in AccessEvent.objects.filter(seq__isnull=True).order_by("pk").iterator(chunk_size=chunk_size):
        if not seal_holds(event):
            return VerifyResult(False, checked,
                                f"event id {event.pk} (not yet chained, written {_timestamp(event.occurred_at)}): "
                                f"its fields differ from what was sealed", None)
        pending += 1
    result = VerifyResult(True, checked, key_changes=key_changes, pending=pending)
    if anchor is not None:
        return _verify_against_anchor(result, checkpoints, last_seq, Path(anchor))
    return result


def _verify_against_anchor(result: VerifyResult, checkpoints: dict, last_seq: int,
                           path: Path) -> VerifyResult:
    """The chain in the database must reach, and agree with, every checkpoint kept outside it."""
    from tillsammans.core import audit_anchor

    try:
        anchored = audit_anchor.read(path)
    except audit_anchor.AnchorError as exc:
        return VerifyResult(False, result.checked, f"anchor: {exc}")
    macs = dict(AccessEvent.objects.filter(seq__in=[a.seq for a in anchored]).values_list("seq", "mac"))
    for entry in anchored:
        if _key_index(_checkpoint_text(entry.seq, entry.event_mac, entry.created_at), entry.mac) is None:
            return VerifyResult(False, result.checked,
                                f"anchor: the checkpoint at event {entry.seq} is not signed with our key",
                                entry.seq)
    for entry in anchored:
        if entry.seq > last_seq:
            return VerifyResult(False, result.checked,
                                f"truncated tail: the log ends at event {last_seq}, but a checkpoint "
                                f"kept outside the database vouches for event {entry.seq}",
                                last_seq + 1)
        stored = checkpoints.get(entry.seq)
        if stored is None:
            return VerifyResult(False, result.checked,
                                f"deleted checkpoint: the checkpoint at event {entry.seq} is missing "
                                f"from the database, though the anchor holds it", entry.seq)
        event_mac = macs.get(entry.seq)
        if not (hmac.compare_digest(stored.event_mac, entry.event_mac)
                and (event_mac is None or hmac.compare_digest(event_mac, entry.event_mac))):
            return VerifyResult(False, result.checked,
                                f"rewritten chain: event {entry.seq} differs from the checkpoint "
                                f"kept outside the database", entry.seq)
    result.anchored = len(anchored)
    result.unanchored_tail = last_seq - (anchored[-1].seq if anchored else 0)
    return result

"""Checkpoints written outside the database: the anchor that lets the log prove its own tail.

Someone who can write to the database can delete the last events together with their checkpoint
rows, and someone who also holds the HMAC key can rewrite the whole chain. Neither can reach a copy
of the checkpoints kept elsewhere. Every checkpoint is therefore also published, once its
transaction has committed, to the anchors named in ``AUDIT_ANCHORS``:

* ``file``: one JSON line appended to ``AUDIT_ANCHOR_FILE`` (opened with O_APPEND and fsynced; give
  the file the append-only attribute, ``chattr +a``, or put it on another host's mount);
* ``syslog``: the same line to ``AUDIT_ANCHOR_SYSLOG_ADDRESS`` (a socket path or host:port), so
  that the log server keeps a copy;
* ``email``: the same line mailed to ``AUDIT_ANCHOR_EMAILS`` (the log auditors).

``verify-audit`` reads the file (or any copy given with ``--anchor``: a syslog export works, as
each line holds the JSON object) and checks the chain against it. See docs/adr/0010.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction

logger = logging.getLogger("tillsammans.audit")

ANCHOR_KINDS = ("file", "syslog", "email")
_JSON = re.compile(r"\{.*\}")


@dataclass(frozen=True)
class AnchoredCheckpoint:
    seq: int
    event_mac: str
    created_at: str  # as signed: UTC with fixed microseconds
    mac: str


def line_for(checkpoint) -> str:
    from tillsammans.core.audit import _timestamp

    return json.dumps({"kind": "tillsammans-audit-checkpoint", "seq": checkpoint.seq,
                       "event_mac": checkpoint.event_mac,
                       "created_at": _timestamp(checkpoint.created_at), "mac": checkpoint.mac},
                      sort_keys=True, separators=(",", ":"))


def _append_to_file(line: str) -> None:
    path = Path(settings.AUDIT_ANCHOR_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(descriptor, (line + "\n").encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _syslog_address() -> str | tuple[str, int]:
    address = settings.AUDIT_ANCHOR_SYSLOG_ADDRESS
    host, _, port = address.rpartition(":")
    if host and port.isdigit() and not address.startswith("/"):
        return host, int(port)
    return address


def _send_to_syslog(line: str) -> None:
    handler = logging.handlers.SysLogHandler(address=_syslog_address(),
                                             facility=logging.handlers.SysLogHandler.LOG_AUTHPRIV)
    try:
        record = logging.LogRecord("tillsammans.audit.anchor", logging.WARNING, __file__, 0,
                                   "tillsammans-audit: %s", (line,), None)
        handler.emit(record)
    finally:
        handler.close()


def _mail_to_auditors(line: str, seq: int) -> None:
    from tillsammans.core.mail import send_once

    send_once(key=f"audit-anchor-{seq}-{json.loads(line)['mac'][:16]}",
              to=settings.AUDIT_ANCHOR_EMAILS,
              subject=f"Tillsammans: kontrollpunkt i åtkomstloggen vid händelse {seq}",
              body=("Spara detta meddelande. Det intygar åtkomstloggens läge och används av "
                    "verify-audit för att upptäcka raderade eller omskrivna händelser.\n\n"
                    f"{line}\n"))


def publish(checkpoint) -> None:
    """Write one checkpoint to every configured anchor. Failures are logged loudly, never hidden:
    a missing anchor line only shortens what the anchor can prove."""
    line = line_for(checkpoint)
    writers = {"file": _append_to_file, "syslog": _send_to_syslog,
               "email": lambda text: _mail_to_auditors(text, checkpoint.seq)}
    for kind in settings.AUDIT_ANCHORS:
        try:
            writers[kind](line)
        except Exception:  # noqa: BLE001 - an anchor that cannot be written must not undo the action
            logger.exception("Could not write audit checkpoint %s to the %s anchor.", checkpoint.seq, kind)


def publish_after_commit(checkpoint) -> None:
    """Publish once the checkpoint's transaction has committed (a rolled-back one never happened)."""
    if settings.AUDIT_ANCHORS:
        transaction.on_commit(lambda: publish(checkpoint), robust=True)


def default_anchor_path() -> Path | None:
    return Path(settings.AUDIT_ANCHOR_FILE) if "file" in settings.AUDIT_ANCHORS else None


class AnchorError(ValueError):
    """The anchor itself is unreadable."""


def read(path: Path) -> list[AnchoredCheckpoint]:
    """The checkpoints in an anchor file (or a syslog or mail export holding the same lines)."""
    if not path.exists():
        return []
    found: dict[int, AnchoredCheckpoint] = {}
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _JSON.search(text)
        if not match:
            continue
        try:
            data = json.loads(match.group(0))
        except json.JSONDecodeError:
            raise AnchorError(f"line {number} of {path} is not a checkpoint") from None
        if data.get("kind") != "tillsammans-audit-checkpoint":
            continue
        entry = AnchoredCheckpoint(int(data["seq"]), data["event_mac"], data["created_at"], data["mac"])
        if entry.seq in found and found[entry.seq] != entry:
            raise AnchorError(f"the anchor holds two different checkpoints at event {entry.seq}")
        found[entry.seq] = entry
    return [found[seq] for seq in sorted(found)]


def parse_timestamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ")

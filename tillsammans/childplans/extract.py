"""The family's log extract (PDL 8 kap. 5 §): a visit's repeated reads grouped, emergency access
marked with its legal ground."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tillsammans.childplans.models import LegalGround

VISIT_GAP = timedelta(minutes=30)  # events by one person closer than this are one visit


@dataclass
class Visit:
    first: datetime
    last: datetime
    unit_label: str
    role: str
    user_id: int | None
    emergency: bool
    legal_ground: str = ""
    actions: list[str] = field(default_factory=list)
    count: int = 0

    @property
    def legal_ground_label(self) -> str:
        return str(LegalGround(self.legal_ground).label) if self.legal_ground in LegalGround.values else ""

    @property
    def when(self) -> str:
        """"2026-11-24 10:02" or "2026-11-24 10:02–10:25" in local time."""
        from django.utils import timezone

        first, last = timezone.localtime(self.first), timezone.localtime(self.last)
        text = f"{first:%Y-%m-%d %H:%M}"
        return text if f"{last:%H:%M}" == f"{first:%H:%M}" else f"{text}–{last:%H:%M}"

    @property
    def action_labels(self) -> str:
        return ", ".join(self.actions)


def visits(events) -> list[Visit]:
    """Group events (oldest first) into visits: same person, unit and role, kind of access
    (emergency or not), and no more than VISIT_GAP between two events."""
    result: list[Visit] = []
    open_visit: dict[tuple, Visit] = {}
    for event in sorted(events, key=lambda e: (e.occurred_at, e.seq or 0)):
        detail = event.detail or {}
        emergency = bool(detail.get("emergency"))
        key = (event.user_id, event.unit_label, event.role, emergency)
        visit = open_visit.get(key)
        if visit is None or event.occurred_at - visit.last > VISIT_GAP:
            visit = Visit(first=event.occurred_at, last=event.occurred_at, unit_label=event.unit_label,
                          role=event.role, user_id=event.user_id, emergency=emergency)
            open_visit[key] = visit
            result.append(visit)
        visit.last = event.occurred_at
        visit.count += 1
        visit.legal_ground = visit.legal_ground or detail.get("legal_ground", "")
        label = str(event.get_action_display())
        if label not in visit.actions:
            visit.actions.append(label)
    return result

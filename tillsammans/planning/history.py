"""The plan's version history: every change a person makes, in words, and the submitted versions."""

from __future__ import annotations

import difflib

from django.db.models import Max
from django.utils.translation import gettext as _

from tillsammans.core.access import Actor
from tillsammans.core.numbers import swedish_number
from tillsammans.planning.models import ActionPlan, PlanChange, PlanSnapshot


def who(actor: Actor) -> str:
    if actor.system:
        return _("the system")
    user = actor.membership.user if actor.membership else actor.user
    name = (user.get_full_name() or user.get_username()) if user else ""
    return f"{name} ({actor.membership.unit.name})" if actor.membership else name


def shown(value) -> str:
    """A value as the history shows it."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "all"):
        return ", ".join(str(v) for v in value.all()) or "–"
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value) or "–"
    text = swedish_number(value) if hasattr(value, "as_tuple") else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def record_change(actor: Actor, plan: ActionPlan, text: str) -> PlanChange:
    return PlanChange.objects.create(plan=plan, who=who(actor), text=text)


def field_changes(before: dict, after: dict, labels: dict[str, str]) -> list[str]:
    """“label: old → new” for every field whose value changed."""
    return [f"{labels[name]}: {shown(before.get(name))} → {shown(after.get(name))}"
            for name in labels if shown(before.get(name)) != shown(after.get(name))]


def snapshot_create(plan: ActionPlan, lines: list[str]) -> PlanSnapshot:
    version = (plan.snapshots.aggregate(top=Max("version"))["top"] or 0) + 1
    return PlanSnapshot.objects.create(plan=plan, version=version, content={"lines": lines})


def version_diff(plan: ActionPlan) -> list[tuple[int, list[tuple[str, str]]]]:
    """For each submitted version: the lines added (+) and removed (-) since the version before."""
    result = []
    previous: list[str] = []
    for snap in plan.snapshots.order_by("version"):
        lines = snap.content.get("lines", [])
        changes = [(line[0], line[2:]) for line in difflib.ndiff(previous, lines) if line[:1] in "+-"]
        result.append((snap.version, changes))
        previous = lines
    return list(reversed(result))

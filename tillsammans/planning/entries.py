"""Writes to what a coordinator enters in a plan: activities, posts, budget lines and the plan's text.
Each change is validated, audited and written to the plan's version history in words."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.planning.history import field_changes, record_change, shown
from tillsammans.planning.models import ActionPlan, Activity, BudgetLine, Post

ACTIVITY_FIELDS = ["sub_goal", "description", "target_group", "responsible_units", "responsible_text",
                   "expected_effect", "start", "end", "measure", "target"]


def _activity_labels() -> dict[str, str]:
    return {name: str(Activity._meta.get_field(name).verbose_name).capitalize() for name in ACTIVITY_FIELDS}


def _activity_values(activity: Activity) -> dict:
    values = {name: getattr(activity, name) for name in ACTIVITY_FIELDS if name != "responsible_units"}
    values["sub_goal"] = activity.sub_goal.number
    values["responsible_units"] = sorted(u.name for u in activity.responsible_units.all())
    return values


def activity_update(*, actor: Actor, activity: Activity, sub_goal, description: str, responsible_units=(),
                    **fields) -> Activity:
    if sub_goal.goal_area.template_id != activity.plan.template_id:
        raise ValidationError({"sub_goal": _("The sub-goal belongs to another year's template.")})
    if not description.strip():
        raise ValidationError({"description": _("Describe the activity.")})
    if fields.get("start") and fields.get("end") and fields["end"] < fields["start"]:
        raise ValidationError({"end": _("The end date is before the start date.")})
    with transaction.atomic():
        before = _activity_values(activity)
        activity.sub_goal, activity.description = sub_goal, description.strip()
        for name, value in fields.items():
            setattr(activity, name, value)
        activity.save()
        activity.responsible_units.set(responsible_units)
        changes = field_changes(before, _activity_values(activity), _activity_labels())
        if changes:
            audit.record(actor, AuditAction.UPDATE, activity, detail={"changes": changes})
            record_change(actor, activity.plan, _("Activity “%(name)s” changed: %(changes)s.")
                          % {"name": shown(activity.description), "changes": "; ".join(changes)})
    return activity


def activity_remove(*, actor: Actor, activity: Activity) -> None:
    with transaction.atomic():
        plan = activity.plan
        record_change(actor, plan, _("Activity removed from %(goal)s: “%(name)s”.")
                      % {"goal": activity.sub_goal.number, "name": shown(activity.description)})
        audit.record(actor, AuditAction.DELETE, activity)
        activity.delete()


def _post_employer(employer, employer_unit):
    if employer_unit is not None:
        return employer_unit.authority, employer_unit
    if employer is None:
        raise ValidationError({"employer": _("Choose the employer: an authority or a unit.")})
    return employer, None


def _share(value) -> int:
    if value is None or not 1 <= int(value) <= 100:
        raise ValidationError({"fte_percent": _("Give the share of full time as a percentage from 1 to 100.")})
    return int(value)


def post_add(*, actor: Actor, plan: ActionPlan, role: str, fte_percent: int, employer=None,
             employer_unit=None) -> Post:
    if not role.strip():
        raise ValidationError({"role": _("Name the post.")})
    authority, unit = _post_employer(employer, employer_unit)
    with transaction.atomic():
        post = Post.objects.create(plan=plan, role=role.strip(), employer=authority, employer_unit=unit,
                                   fte_percent=_share(fte_percent))
        audit.record(actor, AuditAction.CREATE, post)
        record_change(actor, plan, _("Post added: %(role)s, %(employer)s, %(share)s %%.")
                      % {"role": post.role, "employer": post.employer_name, "share": post.fte_percent})
    return post


def _post_values(post: Post) -> dict:
    return {"role": post.role, "employer": post.employer_name, "fte_percent": f"{post.fte_percent} %"}


def post_update(*, actor: Actor, post: Post, role: str, fte_percent: int, employer=None, employer_unit=None) -> Post:
    if not role.strip():
        raise ValidationError({"role": _("Name the post.")})
    authority, unit = _post_employer(employer, employer_unit)
    with transaction.atomic():
        before = _post_values(post)
        post.role, post.employer, post.employer_unit = role.strip(), authority, unit
        post.fte_percent = _share(fte_percent)
        post.save()
        changes = field_changes(before, _post_values(post), {
            "role": _("Post"), "employer": _("Employer"), "fte_percent": _("Share of full time")})
        if changes:
            audit.record(actor, AuditAction.UPDATE, post, detail={"changes": changes})
            record_change(actor, post.plan, _("Post “%(role)s” changed: %(changes)s.")
                          % {"role": post.role, "changes": "; ".join(changes)})
    return post


def post_remove(*, actor: Actor, post: Post) -> None:
    with transaction.atomic():
        record_change(actor, post.plan, _("Post removed: %(role)s, %(employer)s, %(share)s %%.")
                      % {"role": post.role, "employer": post.employer_name, "share": post.fte_percent})
        audit.record(actor, AuditAction.DELETE, post)
        post.delete()


def _line_values(line: BudgetLine) -> dict:
    return {"name": line.name, "under_cofinancing": line.under_cofinancing, "fte": line.fte}


def _line_labels() -> dict[str, str]:
    return {"name": _("Budget line"), "under_cofinancing": _("Covered by the co-financing rule"),
            "fte": _("Full-time equivalents")}


def line_add(*, actor: Actor, plan: ActionPlan, name: str, under_cofinancing: bool = False,
             fte: Decimal | None = None) -> BudgetLine:
    if not name.strip():
        raise ValidationError({"name": _("Name the budget line.")})
    with transaction.atomic():
        line = BudgetLine.objects.create(plan=plan, name=name.strip(), under_cofinancing=under_cofinancing, fte=fte,
                                         order=plan.budget_lines.count())
        audit.record(actor, AuditAction.CREATE, line)
        record_change(actor, plan, _("Budget line added: %(name)s.") % {"name": line.name})
    return line


def line_update(*, actor: Actor, line: BudgetLine, name: str, under_cofinancing: bool = False,
                fte: Decimal | None = None) -> BudgetLine:
    if not name.strip():
        raise ValidationError({"name": _("Name the budget line.")})
    with transaction.atomic():
        before = _line_values(line)
        line.name, line.under_cofinancing, line.fte = name.strip(), under_cofinancing, fte
        line.save()
        changes = field_changes(before, _line_values(line), _line_labels())
        if changes:
            audit.record(actor, AuditAction.UPDATE, line, detail={"changes": changes})
            record_change(actor, line.plan, _("Budget line “%(name)s” changed: %(changes)s.")
                          % {"name": line.name, "changes": "; ".join(changes)})
    return line


def line_remove(*, actor: Actor, line: BudgetLine) -> None:
    with transaction.atomic():
        amounts = ", ".join(f"{a.funder.code} {a.tkr} tkr" for a in line.amounts.select_related("funder"))
        record_change(actor, line.plan, _("Budget line removed: %(name)s (%(amounts)s).")
                      % {"name": line.name, "amounts": amounts or "–"})
        audit.record(actor, AuditAction.DELETE, line)
        line.delete()


def sections_write(*, actor: Actor, plan: ActionPlan, texts: dict[str, str]) -> ActionPlan:
    """The plan's own text per section; an emptied section is removed from the printed plan."""
    with transaction.atomic():
        before = dict(plan.sections or {})
        plan.sections = {**before, **{name: text.strip() for name, text in texts.items()}}
        plan.save(update_fields=["sections"])
        changed = [name for name in texts if (before.get(name) or "") != plan.sections[name]]
        if changed:
            audit.record(actor, AuditAction.UPDATE, plan, detail={"sections": changed})
            for name in changed:
                text = (_("Section “%(name)s” emptied.") if not plan.sections[name] else
                        _("Section “%(name)s” written: %(text)s") if not before.get(name) else
                        _("Section “%(name)s” changed: %(text)s"))
                record_change(actor, plan, text % {"name": name, "text": shown(plan.sections[name])})
    return plan

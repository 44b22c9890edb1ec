"""A template's goals written as text in the region's own numbering, and the writes that keep a
template's goal areas and sub-goals in step with that text.

Two levels (1 → 1.1): goal areas and their sub-goals. Three levels (7 → 7.1 → 7.1.1): a chapter,
its goal areas and their sub-goals. The order of the lines is the order in the plan."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.planning.models import Agreement, GoalArea, SubGoal, Template

GOAL_LINE = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+(.+?)\s*$")


@dataclass
class GoalAreaText:
    number: str
    title: str
    chapter_number: str = ""
    chapter_title: str = ""
    sub_goals: list[tuple[str, str]] = field(default_factory=list)


def parse_goals(text: str) -> list[GoalAreaText]:
    """Lines “7 Chapter”, “7.1 Overall goal”, “7.1.1 Sub-goal” (or “1 Overall goal”, “1.1 Sub-goal”)."""
    rows, errors = [], []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = GOAL_LINE.match(line)
        if not match:
            errors.append(_("Line %(n)s has no number: %(line)s") % {"n": line_no, "line": line.strip()})
            continue
        rows.append((line_no, match.group(1), match.group(2)))
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError(_("Give at least one goal."))
    depths = sorted({number.count(".") for _n, number, _t in rows})
    top = depths[0]
    if depths[-1] - top > 2:
        raise ValidationError(_("Use two or three levels of numbering (7 → 7.1 → 7.1.1), not more."))
    three_levels = depths[-1] - top == 2
    chapter = ("", "")
    areas: list[GoalAreaText] = []
    seen: set[str] = set()
    for line_no, number, title in rows:
        level = number.count(".") - top + (0 if three_levels else 1)  # 0 chapter, 1 goal area, 2 sub-goal
        if number in seen:
            errors.append(_("Line %(n)s: the number %(code)s is used twice.") % {"n": line_no, "code": number})
            continue
        seen.add(number)
        if level == 0:
            chapter = (number, title)
        elif level == 1:
            if three_levels and not number.startswith(chapter[0] + "."):
                errors.append(_("Line %(n)s: goal area %(code)s has no chapter above it.")
                              % {"n": line_no, "code": number})
                continue
            areas.append(GoalAreaText(number, title, *chapter))
        elif areas and number.startswith(areas[-1].number + "."):
            areas[-1].sub_goals.append((number, title))
        else:
            errors.append(_("Line %(n)s: sub-goal %(code)s has no overall goal above it.")
                          % {"n": line_no, "code": number})
    if errors:
        raise ValidationError(errors)
    if not areas:
        raise ValidationError(_("Give at least one goal area under the chapter."))
    return areas


def goals_text(template: Template) -> str:
    """The template's goals as the editor shows them: the inverse of ``parse_goals``."""
    lines, chapter = [], None
    for area in template.goal_areas.prefetch_related("sub_goals"):
        if area.chapter_number and area.chapter_number != chapter:
            lines.append(f"{area.chapter_number} {area.chapter_title}")
        chapter = area.chapter_number
        lines.append(f"{area.number} {area.title}")
        lines += [f"{sub.number} {sub.title}" for sub in area.sub_goals.all()]
    return "\n".join(lines)


def template_write(*, actor: Actor, template: Template, goals: list[GoalAreaText]) -> Template:
    """Make the template say what ``goals`` says, in that order. Goal areas and sub-goals are kept by
    number, so plans' activities stay on their sub-goal; a sub-goal that plans use cannot go."""
    wanted_subs = {number for area in goals for number, _title in area.sub_goals}
    used = dict(SubGoal.objects.filter(goal_area__template=template).exclude(number__in=wanted_subs)
                .annotate(n=Count("activities")).filter(n__gt=0).values_list("number", "n"))
    if used:
        raise ValidationError([_("Sub-goal %(code)s has %(n)s activities in the plans; move them before it is "
                                 "removed.") % {"code": code, "n": n} for code, n in sorted(used.items())])
    with transaction.atomic():
        old_areas = {a.number: a for a in template.goal_areas.all()}
        old_subs = {s.number: s for s in SubGoal.objects.filter(goal_area__template=template)}
        for order, text in enumerate(goals):
            area = old_areas.pop(text.number, None) or GoalArea(template=template, number=text.number)
            area.title, area.order = text.title, order
            area.chapter_number, area.chapter_title = text.chapter_number, text.chapter_title
            area.save()
            for sub_order, (number, title) in enumerate(text.sub_goals):
                sub = old_subs.pop(number, None) or SubGoal(number=number)
                sub.goal_area, sub.title, sub.order = area, title, sub_order
                sub.save()
        SubGoal.objects.filter(pk__in=[s.pk for s in old_subs.values()]).delete()
        GoalArea.objects.filter(pk__in=[a.pk for a in old_areas.values()]).delete()
        audit.record(actor, AuditAction.UPDATE, template, detail={
            "goal_areas": [a.number for a in goals], "removed": sorted([*old_areas, *old_subs])})
    return template


def template_create(*, actor: Actor, agreement: Agreement, year: int, goals: list[GoalAreaText]) -> Template:
    if Template.objects.filter(agreement=agreement, year=year, project__isnull=True).exists():
        raise ValidationError({"year": _("The agreement already has a template for %(year)s.") % {"year": year}})
    with transaction.atomic():
        template = Template.objects.create(agreement=agreement, year=year)
        audit.record(actor, AuditAction.CREATE, template)
        template_write(actor=actor, template=template, goals=goals)
    return template


def template_copy(*, actor: Actor, template: Template, year: int) -> Template:
    """Next year's template starts as a copy of this year's (numbering, chapters and order)."""
    if Template.objects.filter(agreement=template.agreement, year=year, project__isnull=True).exists():
        raise ValidationError({"year": _("The agreement already has a template for %(year)s.") % {"year": year}})
    with transaction.atomic():
        new = Template.objects.create(agreement=template.agreement, year=year)
        for area in template.goal_areas.prefetch_related("sub_goals"):
            copy = GoalArea.objects.create(template=new, number=area.number, title=area.title, order=area.order,
                                           chapter_number=area.chapter_number, chapter_title=area.chapter_title)
            SubGoal.objects.bulk_create([SubGoal(goal_area=copy, number=s.number, title=s.title, order=s.order)
                                         for s in area.sub_goals.all()])
        audit.record(actor, AuditAction.CREATE, new, detail={"copied_from": template.pk})
    return new

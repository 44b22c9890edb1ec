"""The receiver's year: every area that should submit with its state against the deadline, the year's
activities per goal area (and as XLSX), and two or more plans read side by side by goal area."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from tillsammans.core import fragments
from tillsammans.core.access import policy
from tillsammans.core.params import choice_param, int_list_param, int_param
from tillsammans.planning import selectors
from tillsammans.planning.models import Activity, GoalArea


@policy("planning.year_overview")
def overview(request):
    today = timezone.localdate()
    if choice_param(request, "format", ["xlsx"]) == "xlsx":
        year, goal_areas, _plans = _year(request, today)
        return _overview_xlsx(year, goal_areas)
    # The year's states and activities are the same for everyone who sees the same plans (every
    # receiver, every manager, one coordinator): a cached part until a plan, an activity or an
    # agreement changes, and for the day (what is late) (ADR 0026).
    body = fragments.render_part(request, "receiver_overview", [selectors.visible_plans_scope(request.actor), today],
                                 "planning/_overview_body.html", lambda: _overview(request, today))
    return render(request, "planning/overview.html", {"body": body})


def _year(request, today) -> tuple[int, list[GoalArea], list]:
    year = int_param(request, "year", today.year + 1, minimum=2000, maximum=2100)
    plans = list(selectors.visible_plans(request.actor).filter(template__year=year, area__isnull=False)
                 .select_related("template__agreement"))
    goal_areas = list(GoalArea.objects.filter(template__year=year, template__plans__in=plans).distinct()
                      .prefetch_related("sub_goals"))
    activities = list(Activity.objects.filter(plan__in=plans).select_related("plan__area", "sub_goal__goal_area")
                      .order_by("sub_goal__goal_area__order", "sub_goal__order", "plan__area__name"))
    per_area: dict[int, list[Activity]] = {}
    for activity in activities:
        per_area.setdefault(activity.sub_goal.goal_area_id, []).append(activity)
    for area in goal_areas:
        area.overview = per_area.get(area.pk, [])
    return year, goal_areas, plans


def _overview(request, today) -> dict:
    year, goal_areas, plans = _year(request, today)
    chosen = int_list_param(request, "plan")
    rows = selectors.year_states(year, today=today)
    side_by_side = selectors.side_by_side([p for p in plans if p.pk in chosen]) if len(chosen) >= 2 else None
    return {
        "rows": rows, "year": year, "goal_areas": goal_areas, "plans": plans, "chosen": chosen,
        "side_by_side": side_by_side, "late": sum(1 for r in rows if r.late),
        "too_few": len(chosen) == 1}


def _overview_xlsx(year, goal_areas):
    from django.http import HttpResponse

    from tillsammans.planning.exports import CONTENT_TYPES
    from tillsammans.planning.exports.render_xlsx import overview_workbook

    response = HttpResponse(overview_workbook(year, goal_areas), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="aktiviteter-{year}.xlsx"'
    return response

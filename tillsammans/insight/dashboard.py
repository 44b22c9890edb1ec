"""The dashboard of an area, a municipality or the whole region: pictures first (indicators against
targets over the years, the action plans' progress, competence coverage), then coming meetings and
events, and the figures of every picture on demand. One builder serves the page and the PDF, in a
fixed number of queries whatever the amount of data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core.access import Actor
from tillsammans.insight import charts, selectors_indicators
from tillsammans.insight.models_indicators import Indicator
from tillsammans.organisations.models import Area, AreaKind
from tillsammans.organisations.selectors import descendant_area_ids

MAX_SERIES = 10
MAX_INDICATORS = 12


@dataclass
class Card:
    indicator: Indicator
    trend: selectors_indicators.Trend
    chart: charts.Chart
    rows: list


@dataclass
class PlanRow:
    plan: object
    total: int
    done: int
    ongoing: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class Dashboard:
    title: str
    area: Area | None
    focus: Area | None
    areas: list[Area]
    years: list[int]
    cards: list[Card] = field(default_factory=list)
    plans: list[PlanRow] = field(default_factory=list)
    plans_chart: charts.Chart | None = None
    plan_year: int = 0
    meetings: list = field(default_factory=list)
    events: list = field(default_factory=list)
    coverage: list = field(default_factory=list)
    coverage_chart: charts.Chart | None = None
    has_kolada: bool = False


def _areas(area: Area | None) -> tuple[Area | None, list[Area], set[int] | None]:
    """(the area the headline figures are about, the areas compared, every area below – None: all)."""
    if area is None:
        compared = selectors_indicators.comparison_areas()
        focus = next((a for a in compared if a.kind == AreaKind.COUNTY), None)
        return focus, compared[:MAX_SERIES], None
    children = list(area.children.filter(Q(valid_to=None) | Q(valid_to__gte=timezone.localdate())).order_by("name"))
    compared = [area, *children]
    if area.parent_id and not children:
        compared = [area, area.parent]
    return area, compared[:MAX_SERIES], descendant_area_ids([area.pk])


def build(area: Area | None, *, today=None) -> Dashboard:
    today = today or timezone.localdate()
    focus, compared, below = _areas(area)
    title = area.name if area else _("The whole region")
    indicators = list(Indicator.objects.filter(on_dashboard=True).order_by("name")[:MAX_INDICATORS])
    area_ids = [a.pk for a in compared]
    years = selectors_indicators.years_window(indicators, area_ids, count=4) if indicators else []
    board = Dashboard(title=title, area=area, focus=focus, areas=compared, years=years)
    if indicators:
        values = selectors_indicators.values_for(indicators, area_ids, years)
        targets = selectors_indicators.targets_for(indicators)
        board.has_kolada = any(v.source == "kolada" for v in values.values())
        for indicator in indicators:
            if not any(key[0] == indicator.pk for key in values):
                continue
            trend = selectors_indicators.trend(indicator, focus, years, values, targets[indicator.pk])
            target = trend.target or selectors_indicators.target_for(targets[indicator.pk], None, years[-1])
            shown_areas = [a for a in compared if any((indicator.pk, a.pk, y) in values for y in years)]
            chart = selectors_indicators.line_chart(indicator, shown_areas, years, values, target,
                                                    f"ind-{indicator.pk}")
            board.cards.append(Card(indicator=indicator, trend=trend, chart=chart,
                                    rows=selectors_indicators.table(indicator, shown_areas, years, values)))
    _plans(board, below, today)
    _coming(board, below, today)
    _coverage(board, below)
    return board


def _plans(board: Dashboard, below: set[int] | None, today) -> None:
    from tillsammans.planning.models import ActionPlan, Activity

    plans = ActionPlan.objects.filter(area__isnull=False) if below is None else ActionPlan.objects.filter(
        area_id__in=below)
    plans = (plans.filter(template__year__lte=today.year)
             .select_related("area", "template").order_by("-template__year", "area__name"))
    year = plans.values_list("template__year", flat=True).first()
    if year is None:
        return
    board.plan_year = year
    rows = (plans.filter(template__year=year).annotate(
        total=Count("activities", filter=~Q(activities__status=Activity.Status.CANCELLED)),
        done=Count("activities", filter=Q(activities__status=Activity.Status.DONE)),
        ongoing=Count("activities", filter=Q(activities__status=Activity.Status.ONGOING))))
    board.plans = [PlanRow(plan=p, total=p.total, done=p.done, ongoing=p.ongoing) for p in rows[:MAX_SERIES * 2]]
    if board.plans:
        board.plans_chart = charts.bar_chart(
            title=_("Action plans %(year)s: share of the activities done") % {"year": year}, prefix="plans",
            maximum=100, bars=[charts.Bar(label=r.plan.area.name, value=r.percent, text=_(
                "%(percent)s %% (%(done)s of %(total)s done, %(ongoing)s ongoing)") % {
                "percent": r.percent, "done": r.done, "total": r.total, "ongoing": r.ongoing})
                for r in board.plans])


def _coming(board: Dashboard, below: set[int] | None, today) -> None:
    from tillsammans.events.models import Event
    from tillsammans.networks.models import NetworkMeeting

    start = timezone.make_aware(datetime.combine(today, time(0, 0)))
    end = start + timedelta(days=60)
    meetings = NetworkMeeting.objects.filter(starts_at__gte=start, starts_at__lt=end, cancelled=False)
    events = Event.objects.filter(starts_at__gte=start, starts_at__lt=end, cancelled=False)
    if below is not None:
        meetings = meetings.filter(network__area_id__in=below)
        events = events.filter(Q(audience_areas__isnull=True) | Q(audience_areas__in=below)).distinct()
    board.meetings = list(meetings.select_related("network", "network__area").order_by("starts_at")[:8])
    board.events = list(events.order_by("starts_at")[:8])


def _coverage(board: Dashboard, below: set[int] | None) -> None:
    from tillsammans.events.selectors import coverage

    rows = [c for c in coverage(actor=Actor.for_system("dashboard"))
            if below is None or c.requirement.area_id is None or c.requirement.area_id in below][:MAX_SERIES]
    board.coverage = rows
    if rows:
        board.coverage_chart = charts.bar_chart(
            title=_("Competence: share who have completed each required course"), prefix="coverage", maximum=100,
            bars=[charts.Bar(label=f"{c.requirement.course.name}, {c.requirement.get_role_display()}",
                             value=c.percent, text=_("%(percent)s %% (%(done)s of %(total)s)") % {
                                 "percent": c.percent, "done": c.completed, "total": c.required}) for c in rows])

"""Reads for indicators: values per area and year in one query, targets, what a value shows (values
about fewer than five people are shown as "<5"), trends and comparisons drawn as charts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core.numbers import swedish_number
from tillsammans.core.suppression import THRESHOLD
from tillsammans.insight import charts
from tillsammans.insight.models_indicators import Indicator, IndicatorTarget, IndicatorValue
from tillsammans.organisations.models import Area, AreaKind

COMPUTED_KINDS = (AreaKind.COUNTY, AreaKind.MUNICIPALITY, AreaKind.DISTRICT)
"""The kinds of area computed indicators are counted for."""


def suppressed(indicator: Indicator, value: IndicatorValue | None) -> bool:
    return bool(value is not None and indicator.about_people and value.n is not None and 0 < value.n < THRESHOLD)


def shown(indicator: Indicator, value: IndicatorValue | None) -> str:
    if value is None:
        return "–"
    if suppressed(indicator, value):
        return f"<{THRESHOLD}"
    return swedish_number(value.value, indicator.decimals)


def public(indicator: Indicator, value: IndicatorValue | None) -> Decimal | None:
    return None if value is None or suppressed(indicator, value) else value.value


def values_for(indicators: Sequence[Indicator], area_ids: Sequence[int], years: Sequence[int]
               ) -> dict[tuple[int, int, int], IndicatorValue]:
    rows = IndicatorValue.objects.filter(indicator__in=list(indicators), area_id__in=list(area_ids),
                                         year__in=list(years))
    return {(v.indicator_id, v.area_id, v.year): v for v in rows}


def targets_for(indicators: Sequence[Indicator]) -> dict[int, list[IndicatorTarget]]:
    found: dict[int, list[IndicatorTarget]] = defaultdict(list)
    for target in (IndicatorTarget.objects.filter(indicator__in=list(indicators))
                   .select_related("sub_goal__goal_area__template", "area").order_by("year")):
        found[target.indicator_id].append(target)
    return found


def target_for(targets: list[IndicatorTarget], area_id: int | None, year: int) -> IndicatorTarget | None:
    """The area's own target for the year, else the target for every area."""
    own = [t for t in targets if t.year == year and t.area_id == area_id and area_id is not None]
    return (own or [t for t in targets if t.year == year and t.area_id is None] or [None])[0]


def years_window(indicators: Sequence[Indicator], area_ids: Sequence[int], count: int = 4) -> list[int]:
    """The last ``count`` years up to the latest with a value (at least three years are compared)."""
    latest = (IndicatorValue.objects.filter(indicator__in=list(indicators), area_id__in=list(area_ids))
              .aggregate(latest=Max("year"))["latest"]) or timezone.localdate().year - 1
    return list(range(latest - count + 1, latest + 1))


def comparison_areas() -> list[Area]:
    """The county (if any) and its municipalities: what the region compares."""
    return list(Area.objects.current().filter(kind__in=[AreaKind.COUNTY, AreaKind.MUNICIPALITY])
                .order_by("kind", "name"))


@dataclass
class Trend:
    """An indicator for one area over the years: the figures, the change and the target."""

    indicator: Indicator
    area: Area | None
    latest_year: int | None
    latest: str
    previous: str
    change: str  # "better", "worse", "same" or ""
    target: IndicatorTarget | None
    reached: bool | None
    target_text: str


def trend(indicator: Indicator, area: Area | None, years: Sequence[int], values: dict,
          targets: list[IndicatorTarget]) -> Trend:
    own = [(y, values.get((indicator.pk, area.pk, y))) for y in years] if area else []
    known = [(y, v) for y, v in own if v is not None and not suppressed(indicator, v)]
    latest_year, latest = known[-1] if known else (None, None)
    previous = known[-2][1] if len(known) > 1 else None
    change = ""
    if latest is not None and previous is not None:
        if latest.value == previous.value or not indicator.good:
            change = "same" if latest.value == previous.value else ""
        else:
            up = latest.value > previous.value
            change = "better" if up == (indicator.good == "up") else "worse"
    target = target_for(targets, area.pk if area else None, latest_year) if latest_year else None
    reached = None
    if target is not None and latest is not None and indicator.good:
        reached = latest.value >= target.value if indicator.good == "up" else latest.value <= target.value
    return Trend(indicator=indicator, area=area, latest_year=latest_year, latest=shown(indicator, latest),
                 previous=shown(indicator, previous), change=change, target=target, reached=reached,
                 target_text=swedish_number(target.value, indicator.decimals) if target else "")


def line_chart(indicator: Indicator, areas: Sequence[Area], years: Sequence[int], values: dict,
               target: IndicatorTarget | None, prefix: str) -> charts.Chart:
    series = [charts.Series(name=area.name, points=[(y, public(indicator, values.get((indicator.pk, area.pk, y))))
                                                    for y in years]) for area in areas]
    title = _("%(name)s (%(unit)s), %(first)s–%(last)s") % {
        "name": indicator.name, "unit": indicator.unit, "first": years[0], "last": years[-1]}
    return charts.line_chart(
        title=title, series=series, years=years, prefix=prefix, unit=indicator.unit, decimals=indicator.decimals,
        target=float(target.value) if target else None,
        target_text=_("Target %(value)s") % {"value": swedish_number(target.value, indicator.decimals)}
        if target else "")


def comparison_chart(indicator: Indicator, areas: Sequence[Area], year: int, values: dict,
                     target: IndicatorTarget | None, prefix: str) -> charts.Chart:
    bars = []
    for area in areas:
        value = values.get((indicator.pk, area.pk, year))
        bars.append(charts.Bar(label=area.name, value=public(indicator, value),
                               text=f"{shown(indicator, value)} {indicator.unit}" if value else "–"))
    return charts.bar_chart(
        title=_("%(name)s %(year)s: the areas compared") % {"name": indicator.name, "year": year}, bars=bars,
        prefix=prefix, target=float(target.value) if target else None,
        target_text=_("Target %(value)s") % {"value": swedish_number(target.value, indicator.decimals)}
        if target else "")


def table(indicator: Indicator, areas: Sequence[Area], years: Sequence[int], values: dict) -> list:
    """Rows of (area, [shown value per year], [source per year]) for the figures beside a chart."""
    return [(area, [shown(indicator, values.get((indicator.pk, area.pk, y))) for y in years])
            for area in areas]


def computed_areas() -> list[Area]:
    """The areas computed indicators are counted for: counties, municipalities and city districts."""
    return list(Area.objects.current().filter(kind__in=COMPUTED_KINDS).order_by("pk"))

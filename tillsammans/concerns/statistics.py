"""Statistics for the structural level: reports per month, per reporting sector, per area, and the
share that led to an investigation – every count through ``core.suppression`` (under 5 shown as
"<5", secondary suppression so that the total minus the shown groups reveals no suppressed cell).
Nothing here names a child or a reporter; counted in the database with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.utils import formats
from django.utils.translation import gettext as _

from tillsammans.concerns.models import ConcernReport, Decision, Sector
from tillsammans.core import suppression


@dataclass
class Breakdown:
    title: str
    rows: list[tuple[str, suppression.Shown]]
    total: suppression.Shown


@dataclass
class Share:
    decided: suppression.Shown
    investigated: suppression.Shown
    percent: str  # "" when it may not be shown


def reports_in(year: int, municipality_id: int | None = None, area_ids=None):
    reports = ConcernReport.objects.filter(received_at__date__gte=date(year, 1, 1),
                                           received_at__date__lt=date(year + 1, 1, 1))
    if municipality_id:
        reports = reports.filter(municipality_id=municipality_id)
    if area_ids:
        reports = reports.filter(Q(area_id__in=area_ids) | Q(area__parent_id__in=area_ids))
    return reports


def _breakdown(title: str, counts: dict, keys: list, labels: dict) -> Breakdown:
    shown, total = suppression.suppress_counts(counts, keys)
    return Breakdown(title, [(labels[k], shown[k]) for k in keys], total)


def per_month(reports) -> Breakdown:
    counts = dict(reports.annotate(month=ExtractMonth("received_at")).values_list("month").annotate(n=Count("pk"))
                  .values_list("month", "n"))
    keys = list(range(1, 13))
    labels = {m: formats.date_format(date(2000, m, 1), "F").capitalize() for m in keys}
    return _breakdown(_("Reports per month"), counts, keys, labels)


def per_sector(reports) -> Breakdown:
    counts = dict(reports.values_list("reporter_sector").annotate(n=Count("pk")).values_list("reporter_sector", "n"))
    keys = list(Sector.values)
    return _breakdown(_("Reports per reporting sector"), counts, keys, {s.value: str(s.label) for s in Sector})


def per_area(reports) -> Breakdown:
    rows = list(reports.values_list("area_id", "area__name").annotate(n=Count("pk")).order_by("area__name"))
    counts = {area_id or 0: n for area_id, _name, n in rows}
    labels = {area_id or 0: name or _("Area not known") for area_id, name, _n in rows}
    keys = sorted(counts, key=lambda k: (k == 0, labels[k]))
    return _breakdown(_("Reports per area"), counts, keys, labels)


def investigation_share(reports) -> Share:
    totals = reports.aggregate(decided=Count("pk", filter=Q(decided_at__isnull=False)),
                               investigated=Count("pk", filter=Q(decision__in=[Decision.OPENED, Decision.ONGOING])))
    decided, investigated = totals["decided"], totals["investigated"]
    shown, total = suppression.suppress_counts({"yes": investigated, "no": decided - investigated}, ["yes", "no"])
    hidden = shown["yes"].suppressed or shown["no"].suppressed or not suppression.enough(decided)
    percent = "" if hidden or not decided else f"{round(100 * investigated / decided)} %"
    return Share(total, shown["yes"], percent)


def summary(year: int, municipality_id: int | None = None, area_ids=None) -> dict:
    reports = reports_in(year, municipality_id, area_ids)
    return {"breakdowns": [per_month(reports), per_sector(reports), per_area(reports)],
            "share": investigation_share(reports)}

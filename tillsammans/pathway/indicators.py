"""The pathway's durations as indicators for the action plans and the networks (journey 10's "time
from need to SIP"): median days with the number of cases, per area (core.indicators)."""

from django.utils.translation import gettext_lazy as _

from tillsammans.core.indicators import measure
from tillsammans.pathway import measures


@measure(code="pathway.days_worry_to_decision", name=_("Days from a worry to its decision"), unit=_("days"),
         good="down", description=_("Median over the worries decided in the period, by the unit's district."))
def worry_to_decision(start, end, area_ids):
    return measures.per_area("worry", start, end, area_ids)


@measure(code="pathway.days_request_to_decision", name=_("Days from a request to the forum's decision"),
         unit=_("days"), good="down", description=_("Median over the requests the joint forums decided in the period."))
def request_to_decision(start, end, area_ids):
    return measures.per_area("request", start, end, area_ids)


@measure(code="pathway.days_need_to_sip", name=_("Days from need to SIP"), unit=_("days"), good="down",
         description=_("From the day the worry arose to the day a forum's decision opened the SIP."))
def need_to_sip(start, end, area_ids):
    return measures.per_area("sip", start, end, area_ids)

"""Min översikt for the log auditor: last month's review, if not yet documented, and what to look at."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.core.overview import Item, Section, section
from tillsammans.logreview import selectors
from tillsammans.logreview.models import LogReview


def last_month(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


@section(12)
def log_review_due(actor: Actor) -> Section | None:
    if not actor.has_role(Role.AUDITOR):
        return None
    start, end = last_month(timezone.localdate())
    month = formats.date_format(start, "F Y")
    done = LogReview.objects.filter(period_from__lte=start, period_to__gte=end).exists()
    base = reverse("logreview:review")
    items = []
    if not done:
        items.append(Item(_("The log review for %(month)s is not documented yet.") % {"month": month},
                          reverse("logreview:review_add"), urgent=True))
    for flag, text in (("emergency", _("Emergency accesses in %(month)s: %(n)s")),
                       ("night", _("Openings outside office hours in %(month)s: %(n)s")),
                       ("protected", _("Openings of children with protected identity in %(month)s: %(n)s"))):
        count = selectors.events_for_review(selectors.Filters(date_from=start, date_to=end, flag=flag)).count()
        if count:
            query = urlencode({"date_from": start.isoformat(), "date_to": end.isoformat(), "flag": flag})
            items.append(Item(text % {"month": month, "n": count}, f"{base}?{query}"))
    return Section("log_review", _("Log review"), items, _("The review for %(month)s is documented.")
                   % {"month": month})

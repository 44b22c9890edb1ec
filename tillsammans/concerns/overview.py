"""Min översikt: for intake, the reports due (protection assessments first, then decisions and
feedback), overdue ones marked; for a reporter, the feedback that has come. A report shown is a read:
one access event each, as in the queue."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.childplans import rules
from tillsammans.concerns import selectors
from tillsammans.concerns.disclosure import INTAKE_PURPOSE, REPORTER_PURPOSE, child_as_reported
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.core.overview import LIMIT, Item, Section, section


def _item(report) -> Item:
    child = child_as_reported(report, basis="intake").label
    url = reverse("concerns:intake_detail", args=[report.pk])
    if report.assessed_at is None:
        return Item(_("Protection assessment: %(ref)s, %(child)s") % {"ref": report.reference, "child": child}, url,
                    when=timezone.localtime(report.assessment_due_at), urgent=report.assessment_overdue,
                    note=_("Overdue") if report.assessment_overdue else report.get_urgency_display())
    if report.decided_at is None:
        return Item(_("Decision: %(ref)s, %(child)s") % {"ref": report.reference, "child": child}, url,
                    when=report.decision_due_on, urgent=report.decision_overdue,
                    note=_("Overdue") if report.decision_overdue else "")
    return Item(_("Feedback to the reporter: %(ref)s") % {"ref": report.reference}, url,
                when=report.feedback_due_on, urgent=report.feedback_overdue)


@section(3)
def intake_due(actor: Actor) -> Section | None:
    if rules.intake_municipality_id(actor) is None:
        return None
    soon = timezone.localdate() + timedelta(days=3)
    with audit.batch():  # the events of the shown reports are appended together (fixed queries)
        reports = list(selectors.queue(actor, "open")[:LIMIT + 1])
        waiting = list(selectors.queue(actor, "feedback").filter(feedback_due_on__lte=soon)[:LIMIT + 1])
        reports += waiting[:max(LIMIT + 1 - len(reports), 0)]
        shown = reports[:LIMIT]
        for report in shown:
            audit.record(actor, AuditAction.READ, report, person=report.child_id and ("child", report.child_id),
                         purpose=INTAKE_PURPOSE, detail={"via": "overview"})
    return Section("concerns_intake", _("Reports of concern due"), [_item(r) for r in shown],
                   empty=_("No report of concern is waiting."), more=max(len(reports) - LIMIT, 0),
                   more_url=reverse("concerns:queue"))


@section(40)
def reporter_feedback(actor: Actor) -> Section | None:
    since = timezone.now() - timedelta(days=30)
    reports = list(selectors.own(actor).filter(feedback_at__gte=since)[:LIMIT + 1])
    if not reports:
        return None
    with audit.batch():
        for report in reports[:LIMIT]:
            audit.record(actor, AuditAction.READ, report, person=report.child_id and ("child", report.child_id),
                         purpose=REPORTER_PURPOSE, detail={"via": "overview"})
    items = [Item(_("Feedback on %(ref)s: %(decision)s") % {"ref": r.reference, "decision": r.get_decision_display()},
                  reverse("concerns:receipt", args=[r.pk]), when=r.feedback_at.date()) for r in reports[:LIMIT]]
    return Section("concerns_feedback", _("Feedback on your reports of concern"), items,
                   more=len(reports) - len(items), more_url=reverse("concerns:mine"))

"""Reminders to the intake team: a protection assessment due within a few hours or overdue, a
decision due within two days or overdue, feedback to a reporter overdue. At most once each (the key),
without the child's identity (the reference number and what is due)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.concerns.legal import rules
from tillsammans.concerns.models import ConcernReport


@dataclass(frozen=True)
class Reminder:
    key: str
    municipality_id: int
    subject: str
    body: str


def due(now: datetime) -> list[Reminder]:
    today = timezone.localdate(now)
    r = rules()
    soon = now + timedelta(hours=r.remind_assessment_hours_before)
    decision_soon = today + timedelta(days=r.remind_decision_days_before)
    found: list[Reminder] = []
    reports = ConcernReport.objects.filter(
        Q(assessed_at__isnull=True, assessment_due_at__lte=soon)
        | Q(decided_at__isnull=True, decision_due_on__lte=decision_soon)
        | Q(reporter__isnull=False, feedback_at__isnull=True, feedback_due_on__lt=today)).order_by("pk")
    for report in reports:
        ref = report.reference
        if report.assessed_at is None:
            when = f"{timezone.localtime(report.assessment_due_at):%Y-%m-%d %H:%M}"
            if report.assessment_due_at < now:
                found.append(Reminder(f"concerns:assessment-overdue:{report.pk}", report.municipality_id,
                                      _("OVERDUE protection assessment: %(ref)s") % {"ref": ref},
                                      _("The protection assessment of report %(ref)s was due %(when)s and is not "
                                        "recorded. Open the intake queue in Tillsammans.") % {
                                          "ref": ref, "when": when}))
            else:
                found.append(Reminder(f"concerns:assessment-soon:{report.pk}", report.municipality_id,
                                      _("Protection assessment due %(when)s: %(ref)s") % {"ref": ref, "when": when},
                                      _("The protection assessment of report %(ref)s is due %(when)s.") % {
                                          "ref": ref, "when": when}))
        if report.decided_at is None and report.decision_due_on <= decision_soon:
            when = f"{report.decision_due_on:%Y-%m-%d}"
            overdue = report.decision_due_on < today
            kind = "decision-overdue" if overdue else "decision-soon"
            found.append(Reminder(
                f"concerns:{kind}:{report.pk}:{report.decision_due_on}", report.municipality_id,
                (_("OVERDUE decision: %(ref)s") if overdue else _("Decision due %(when)s: %(ref)s")) % {
                    "ref": ref, "when": when},
                _("The decision whether to open an investigation on report %(ref)s is due %(when)s. A later decision "
                  "needs exceptional reasons, recorded as an extension.") % {"ref": ref, "when": when}))
        if report.decided_at is not None and report.feedback_due_on and report.feedback_due_on < today:
            found.append(Reminder(f"concerns:feedback-overdue:{report.pk}", report.municipality_id,
                                  _("Feedback not given: %(ref)s") % {"ref": ref},
                                  _("The reporter of %(ref)s has not been told of the decision (due %(when)s).") % {
                                      "ref": ref, "when": f"{report.feedback_due_on:%Y-%m-%d}"}))
    return found

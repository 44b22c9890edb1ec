"""Reads about reports of concern, always through the access rules (childplans.rules (d), (e))."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from tillsammans.childplans import rules
from tillsammans.concerns.disclosure import child_as_reported
from tillsammans.concerns.models import ConcernReport, Decision, IntakeSettings, ReportStatus, Urgency
from tillsammans.core.access import Actor
from tillsammans.organisations.models import Principal


def overdue_condition(now=None) -> Q:
    now = now or timezone.now()
    today = timezone.localdate(now)
    return (Q(assessed_at__isnull=True, assessment_due_at__lt=now)
            | Q(decided_at__isnull=True, decision_due_on__lt=today)
            | Q(reporter__isnull=False, feedback_at__isnull=True, feedback_due_on__lt=today))


QUEUE_FIELDS = ("reference", "received_at", "urgency", "reporter", "assessment_due_at", "assessed_at",
                "decision_due_on", "decided_at", "decision", "extended_at", "feedback_due_on", "feedback_at",
                # the child as reported, and the register's protection (core.identity.shown via child_as_reported)
                "child", "child_number", "child_name", "child_age", "child_address", "child__protected_identity")
"""What the queue and Min översikt read of a report: what they show and what decides it. Not the
long texts, not the reporter's name and contact, not the area or the units."""


def queue(actor: Actor, state: str = "open", reference: str = "") -> QuerySet[ConcernReport]:
    """The intake's queue for its municipality: what is due first comes first. Paginate it."""
    reports = rules.intake_reports(actor)
    if state in ("", "open"):
        reports = reports.exclude(status=ReportStatus.DECIDED)
    elif state in (ReportStatus.RECEIVED, ReportStatus.ASSESSED, ReportStatus.DECIDED):
        reports = reports.filter(status=state)
    elif state == "overdue":
        reports = reports.filter(overdue_condition())
    elif state == "feedback":
        reports = reports.filter(reporter__isnull=False, decided_at__isnull=False, feedback_at__isnull=True)
    if reference.strip():
        reports = reports.filter(reference__iexact=reference.strip())
    # Only what the queue shows is read and carried through the count and the sort (QUEUE_FIELDS).
    return reports.select_related("child").only(*QUEUE_FIELDS).annotate(
        waiting=Case(When(assessed_at__isnull=True, then=Value(0)), When(decided_at__isnull=True, then=Value(1)),
                     default=Value(2), output_field=IntegerField()),
    ).order_by("waiting", "assessment_due_at", "decision_due_on", "-received_at", "-pk")


def mark_shown(reports: list[ConcernReport], basis: str) -> list[ConcernReport]:
    for report in reports:
        report.child_shown = child_as_reported(report, basis=basis)
    return reports


@dataclass(frozen=True, slots=True)
class QueueRow:
    """A report as one line of the queue, every text of it worked out once (the page's labels are
    translated once a page, not once a row; times in the local time zone)."""

    url: str
    reference: str
    child: str
    protected: bool
    urgency: str
    acute: bool
    received: str
    assessed: str
    assessment_due: str
    assessment_overdue: bool
    decided: bool
    decision: str
    feedback_missing: bool
    decision_due: str
    extended: bool
    decision_overdue: bool


_KEY = 987654321987


def queue_rows(reports: list[ConcernReport]) -> list[QueueRow]:
    """The queue's lines for reports that ``mark_shown`` gave their child as shown to intake."""
    now, today = timezone.now(), timezone.localdate()
    # One reverse a page: the address of every row is this one with the row's key put in.
    before, after = reverse("concerns:intake_detail", args=[_KEY]).split(str(_KEY))
    urgencies = {value: str(label) for value, label in Urgency.choices}
    decisions = {value: str(label) for value, label in Decision.choices}

    def moment(value) -> str:
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

    return [QueueRow(
        url=f"{before}{r.pk}{after}", reference=r.reference, child=r.child_shown.label,
        protected=r.child_shown.protected, urgency=urgencies.get(r.urgency, r.urgency),
        acute=r.urgency == Urgency.ACUTE,
        received=moment(r.received_at), assessed=moment(r.assessed_at), assessment_due=moment(r.assessment_due_at),
        assessment_overdue=r.assessed_at is None and now > r.assessment_due_at, decided=r.decided_at is not None,
        decision=decisions.get(r.decision, r.decision), feedback_missing=r.is_professional and r.feedback_at is None,
        decision_due=r.decision_due_on.isoformat(), extended=r.extended_at is not None,
        decision_overdue=r.decided_at is None and today > r.decision_due_on) for r in reports]


def own(actor: Actor) -> QuerySet[ConcernReport]:
    """The reports the acting membership sent, newest first (receipt and feedback only)."""
    return rules.own_reports(actor).select_related("municipality").order_by("-received_at", "-pk")


def intake_settings(actor: Actor) -> IntakeSettings | None:
    """The settings of the municipality whose intake the actor runs (unsaved defaults when none are
    stored yet), or None for every other actor. Never another municipality's."""
    municipality_id = rules.intake_municipality_id(actor)
    if municipality_id is None:
        return None
    found = IntakeSettings.objects.filter(municipality_id=municipality_id).select_related("municipality").first()
    if found is None:
        found = IntakeSettings(municipality=Principal.objects.get(pk=municipality_id))
    return found

"""Reads about reports of concern, always through the access rules (childplans.rules (d), (e))."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from tillsammans.childplans import rules
from tillsammans.concerns.disclosure import child_as_reported
from tillsammans.concerns.models import ConcernReport, IntakeSettings, ReportStatus
from tillsammans.core.access import Actor
from tillsammans.organisations.models import Principal


def overdue_condition(now=None) -> Q:
    now = now or timezone.now()
    today = timezone.localdate(now)
    return (Q(assessed_at__isnull=True, assessment_due_at__lt=now)
            | Q(decided_at__isnull=True, decision_due_on__lt=today)
            | Q(reporter__isnull=False, feedback_at__isnull=True, feedback_due_on__lt=today))


LONG_TEXTS = ("observations", "guardians", "assessment", "decision_reason", "extension_reason", "forward_reason")


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
    # The queue shows no report's long texts: they are not read (nor carried through the sort).
    return reports.select_related("child", "area", "reporter_unit").defer(*LONG_TEXTS).annotate(
        waiting=Case(When(assessed_at__isnull=True, then=Value(0)), When(decided_at__isnull=True, then=Value(1)),
                     default=Value(2), output_field=IntegerField()),
    ).order_by("waiting", "assessment_due_at", "decision_due_on", "-received_at", "-pk")


def mark_shown(reports: list[ConcernReport], basis: str) -> list[ConcernReport]:
    for report in reports:
        report.child_shown = child_as_reported(report, basis=basis)
    return reports


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

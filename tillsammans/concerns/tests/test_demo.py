"""The demo carries journey 8: reports in every state, overdue ones included; ``mottagning`` takes
them in and finishes the journey; the preschool teacher ``forskollarare`` reports and sees feedback."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tillsammans.accounts.models import Membership
from tillsammans.concerns import selectors
from tillsammans.concerns.models import ConcernReport, Decision, ReportStatus, Sector
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for


@pytest.mark.django_db
def test_the_demo_has_reports_in_every_state_and_carries_journey_8():
    out = StringIO()
    call_command("demo-data", stdout=out)
    assert "forskollarare" in out.getvalue()
    reports = ConcernReport.objects.all()
    assert {ReportStatus.RECEIVED, ReportStatus.ASSESSED, ReportStatus.DECIDED} <= set(reports.values_list(
        "status", flat=True))
    assert set(Decision.values) <= set(reports.values_list("decision", flat=True))
    assert any(r.assessment_overdue for r in reports) and any(r.decision_overdue for r in reports)
    assert any(r.feedback_overdue for r in reports) and reports.exclude(extension_reason="").exists()
    assert reports.filter(violence_suspected=True, decision=Decision.OPENED).exists()
    assert reports.filter(public=True, reporter_sector=Sector.ANONYMOUS).exists()

    intake = Membership.objects.get(user__username="mottagning", role="intake")
    assert selectors.queue(actor_for(intake), "overdue").count() >= 3
    teacher = Membership.objects.get(user__username="forskollarare")
    teacher_client, intake_client = client_for(teacher), client_for(intake)
    assert "Utredning inleds" in teacher_client.get(reverse("concerns:mine")).content.decode()
    teacher_client.post(reverse("concerns:new"), {
        "child_name": "Demo Nyberg", "child_age": "4", "observations": "Har slutat äta och blivit tyst, i dag grät hon "
        "och sa att hon inte vill gå hem.", "urgency": "normal", "family_informed": "no"})
    new = ConcernReport.objects.filter(reporter=teacher).order_by("-pk").first()
    assert new.municipality.name == "Ekmora kommun" and new.area is not None
    assert new.reference in intake_client.get(reverse("core:home")).content.decode()
    intake_client.post(reverse("concerns:assess", args=[new.pk]), {"assessment": "Inget omedelbart skyddsbehov."})
    intake_client.post(reverse("concerns:decide", args=[new.pk]), {
        "decision": "opened", "reason": "Behöver utredas vidare.", "give_feedback": "on"})
    receipt = teacher_client.get(reverse("concerns:receipt", args=[new.pk])).content.decode()
    assert "Utredning inleds" in receipt and "utredas vidare" not in receipt
    stats = client_for(intake).get(reverse("concerns:statistics")).content.decode()
    assert "Förskola" in stats

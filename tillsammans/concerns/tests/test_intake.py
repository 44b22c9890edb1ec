"""The intake's work: protection assessment, decision, direct opening on suspected violence, the
feedback to the professional reporter (by e-mail and in their list), and the link to the child's SIP
as a setting that is off by default."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tillsammans.concerns import services
from tillsammans.concerns.models import Decision, IntakeSettings, ReportStatus
from tillsammans.concerns.tests.conftest import send
from tillsammans.core.models import AccessEvent, AuditAction
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for, run_queued_tasks


@pytest.mark.django_db
def test_assess_decide_and_the_reporter_sees_the_feedback(concerns_world, report, django_capture_on_commit_callbacks):
    intake = client_for(concerns_world["intake"])
    early = intake.post(reverse("concerns:decide", args=[report.pk]), {"decision": "opened",
                                                                        "reason": "Utredning behövs."})
    assert "Registrera skyddsbedömningen först" in early.content.decode()
    intake.post(reverse("concerns:assess", args=[report.pk]), {"assessment": "Inget behov av omedelbart skydd."})
    report.refresh_from_db()
    assert report.status == ReportStatus.ASSESSED and report.assessed_by == concerns_world["intake"]
    with django_capture_on_commit_callbacks(execute=True):
        intake.post(reverse("concerns:decide", args=[report.pk]), {
            "decision": "not_opened", "reason": "Familjen har redan stöd från familjebehandlare.",
            "give_feedback": "on"})
    report.refresh_from_db()
    assert report.decision == Decision.NOT_OPENED and report.feedback_at is not None
    run_queued_tasks()
    feedback = next(m for m in mail.outbox if report.reference in m.subject and "Återkoppling" in m.subject)
    assert feedback.to == [concerns_world["teacher"].user.email]
    assert "Utredning inleds inte" in feedback.body and "familjebehandlare" not in feedback.body
    teacher = client_for(concerns_world["teacher"])
    for page in (teacher.get(reverse("concerns:mine")), teacher.get(reverse("concerns:receipt", args=[report.pk]))):
        text = page.content.decode()
        assert "Utredning inleds inte" in text and "familjebehandlare" not in text
    disclosed = AccessEvent.objects.get(action=AuditAction.DISCLOSE, object_id=str(report.pk))
    assert disclosed.detail == {"step": "feedback", "decision": "not_opened"}
    with pytest.raises(ValidationError):
        services.decision_record(actor=actor_for(concerns_world["intake"]), report=report,
                                 decision=Decision.OPENED, reason="Ändrar mig i efterhand.")


@pytest.mark.django_db
def test_suspected_violence_opens_an_investigation_directly(concerns_world, report):
    services.assessment_record(actor=actor_for(concerns_world["intake"]), report=report,
                               assessment="Barnet berättar om slag; polisanmälan görs.", needs_protection=True,
                               violence_suspected=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.DECIDED and report.decision == Decision.OPENED
    assert report.feedback_at is not None


@pytest.mark.django_db
def test_feedback_later_from_the_page(concerns_world, report):
    intake = actor_for(concerns_world["intake"])
    services.assessment_record(actor=intake, report=report, assessment="Inget omedelbart skyddsbehov.",
                               needs_protection=False, violence_suspected=False)
    services.decision_record(actor=intake, report=report, decision=Decision.ONGOING,
                             reason="Utredning pågår redan sedan mars.", give_feedback=False)
    report.refresh_from_db()
    assert report.feedback_at is None and report.feedback_due_on is not None
    client_for(concerns_world["intake"]).post(reverse("concerns:feedback", args=[report.pk]))
    report.refresh_from_db()
    assert report.feedback_at is not None


@pytest.mark.django_db
def test_the_sip_link_is_a_setting_off_by_default_and_telling_is_an_access_event(
        concerns_world, world, django_capture_on_commit_callbacks):
    plan = concerns_world["plan"]
    report = send(concerns_world["colleague"], child_number=plan.child.personal_number, child_name="")
    intake = client_for(concerns_world["intake"])
    page = intake.get(reverse("concerns:intake_detail", args=[report.pk])).content.decode()
    assert f"SIP {plan.pk}" not in page and "inställningen är avstängd" in page
    assert intake.post(reverse("concerns:sip_tell", args=[report.pk])).status_code == 302
    assert not AccessEvent.objects.filter(action=AuditAction.DISCLOSE).exists()
    IntakeSettings.objects.create(municipality=world["municipality"], show_sip=True)
    page = intake.get(reverse("concerns:intake_detail", args=[report.pk])).content.decode()
    assert f"SIP {plan.pk}" in page and plan.lead_membership.user.get_full_name() in page
    assert intake.get(reverse("childplans:plan", args=[plan.pk])).status_code == 404  # never the plan itself
    with django_capture_on_commit_callbacks(execute=True):
        intake.post(reverse("concerns:sip_tell", args=[report.pk]))
    event = AccessEvent.objects.get(action=AuditAction.DISCLOSE)
    assert event.detail["step"] == "sip_told" and event.person_id == str(plan.child_id)
    run_queued_tasks()
    told = next(m for m in mail.outbox if f"SIP {plan.pk}" in m.subject)
    assert concerns_world["lead"].user.email in told.to
    assert concerns_world["colleague"].user.get_full_name() not in told.body
    assert plan.child.first_name not in told.body


@pytest.mark.django_db
def test_forwarding_moves_the_report_and_its_clocks(concerns_world, report):
    intake = client_for(concerns_world["intake"])
    intake.post(reverse("concerns:forward", args=[report.pk]), {
        "municipality": concerns_world["other_municipality"].pk, "reason": "Barnet är folkbokfört i Annanstad."})
    report.refresh_from_db()
    assert report.municipality == concerns_world["other_municipality"]
    assert intake.get(reverse("concerns:intake_detail", args=[report.pk])).status_code == 404
    other = client_for(concerns_world["other_intake"])
    assert other.get(reverse("concerns:intake_detail", args=[report.pk])).status_code == 200

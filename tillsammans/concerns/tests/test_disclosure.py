"""Who reported never appears in anything a guardian or the child can see, extract or be sent: the
family's log extract, the plan's family copy (page and PDF), and every output other apps register
in ``concerns.disclosure.GUARDIAN_OUTPUTS`` (the family's own door)."""

import subprocess
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from tillsammans.concerns import disclosure, services
from tillsammans.concerns.models import Decision
from tillsammans.concerns.tests.conftest import send
from tillsammans.core.identity import fictional_number
from tillsammans.testing.clients import client_for
from tillsammans.testing.family import family_client
from tillsammans.testing.sip import actor_for, run_queued_tasks


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def reported(concerns_world, django_capture_on_commit_callbacks):
    """The SIP's child is reported by a teacher whose unit is nowhere else in the child's log."""
    plan = concerns_world["plan"]
    reporter = concerns_world["other_teacher"] = concerns_world["outsider"]
    with django_capture_on_commit_callbacks(execute=True):
        report = send(reporter, child_number=plan.child.personal_number, child_name="")
        client_for(reporter).get(reverse("concerns:receipt", args=[report.pk]))
        client_for(reporter).get(reverse("concerns:mine"))
        intake = actor_for(concerns_world["intake"])
        services.assessment_record(actor=intake, report=report, assessment="Inget omedelbart skyddsbehov.",
                                   needs_protection=False, violence_suspected=False)
        services.decision_record(actor=intake, report=report, decision=Decision.OPENED,
                                 reason="Utredning inleds enligt rutin.")
    run_queued_tasks()
    return report, reporter


def traces(reporter) -> list[str]:
    user = reporter.user
    return [user.get_full_name(), user.email, reporter.unit.name]


def guardian_outputs(concerns_world, tmp_path) -> dict[str, str]:
    plan, child = concerns_world["plan"], concerns_world["plan"].child
    auditor = client_for(concerns_world["auditor"])
    extract = auditor.post(reverse("logreview:extract"), {"personal_number": child.personal_number})
    assert extract["Content-Type"] == "application/pdf"
    lead = client_for(concerns_world["lead"])
    outputs = {
        "log extract (PDF)": pdf_text(extract.content, tmp_path),
        "family copy (page)": lead.get(reverse("childplans:family_copy", args=[plan.pk])).content.decode()
        .split("<main")[1],
        "family copy (PDF)": pdf_text(lead.get(reverse("childplans:family_copy", args=[plan.pk]),
                                               {"format": "pdf"}).content, tmp_path),
        "e-mails to the guardians": "\n".join(
            m.subject + m.body for m in mail.outbox
            if set(m.to) & {g.email for g in child.guardians.all() if g.email}),
    }
    # The family's own door, as a guardian with custody logged in with e-ID sees it.
    guardian = next(g for g in child.guardians.all() if g.has_custody)
    guardian.personal_number = fictional_number(date(1984, 5, 6), 3)
    guardian.save(update_fields=["personal_number"])
    family = family_client(guardian.personal_number)
    for name, route in (("family portal: plan", "family:plan"), ("family portal: log", "family:log")):
        response = family.get(reverse(route, args=[plan.pk]))
        assert response.status_code == 200, name
        outputs[name] = response.content.decode()
    outputs["family portal: PDF"] = pdf_text(family.get(reverse("family:plan_pdf", args=[plan.pk])).content,
                                             tmp_path)
    for name, render in disclosure.GUARDIAN_OUTPUTS.items():
        outputs[name] = render(child)
    return outputs


@pytest.mark.django_db
def test_the_reporter_is_absent_from_every_guardian_facing_output(concerns_world, reported, tmp_path):
    report, reporter = reported
    outputs = guardian_outputs(concerns_world, tmp_path)
    assert "Förskolan Ekorren" in outputs["log extract (PDF)"]  # the SIP's own reads are there
    for name, text in outputs.items():
        for trace in traces(reporter):
            assert trace not in text, f"{trace!r} in {name}"


@pytest.mark.django_db
def test_the_auditor_still_sees_the_reporters_events(concerns_world, reported):
    from tillsammans.core.models import AccessEvent

    report, reporter = reported
    assert AccessEvent.objects.filter(membership_id=reporter.pk, object_id=str(report.pk)).count() >= 2
    assert set(disclosure.for_family(report)) == {"reference", "received_at", "status", "decision", "decided_at"}

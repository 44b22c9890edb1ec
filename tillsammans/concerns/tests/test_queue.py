"""The intake's queue: each report's line in every state, the child as core.identity shows it to
intake (a protected child by name with the tag, never an address), nothing of the reporter, and a
query that reads only what the queue shows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillsammans.concerns import services
from tillsammans.concerns.tests.conftest import send
from tillsammans.core.models import AccessEvent
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for


def _line(page: str, reference: str) -> str:
    return page.split(reference, 1)[1].split("</tr>", 1)[0]


@pytest.mark.django_db
def test_every_state_of_a_report_reads_as_before_in_its_line(concerns_world):
    intake = actor_for(concerns_world["intake"])
    acute = send(concerns_world["teacher"], urgency="acute", child_name="Tove Provsson", child_age=4)
    assessed = send(concerns_world["teacher"], child_name="Alva Provsson")
    services.assessment_record(actor=intake, report=assessed, assessment="Inget omedelbart skyddsbehov.",
                               needs_protection=False, violence_suspected=False)
    extended = send(concerns_world["teacher"], child_name="Nils Provsson")
    services.assessment_record(actor=intake, report=extended, assessment="Inget omedelbart skyddsbehov.",
                               needs_protection=False, violence_suspected=False)
    services.extension_record(actor=intake, report=extended, until=extended.decision_due_on + timedelta(days=7),
                              reason="Vårdnadshavarna kan träffas först om tre veckor.")
    decided = send(concerns_world["teacher"], child_name="Ebba Provsson")
    services.assessment_record(actor=intake, report=decided, assessment="Inget omedelbart skyddsbehov.",
                               needs_protection=False, violence_suspected=False)
    services.decision_record(actor=intake, report=decided, decision="not_opened", reason="Stöd finns redan.",
                             give_feedback=False)
    page = client_for(concerns_world["intake"]).get(reverse("concerns:queue"), {"state": "all"}).content.decode()

    line = _line(page, acute.reference)
    assert "Tove Provsson, 4 år" in line and '<strong class="ds-tag" data-color="danger">Akut' in line
    assert f"Klart senast {acute.assessment_due_at.astimezone().strftime('%Y-%m-%d')}" in line
    assert "Försenad" not in line and "Skyddade personuppgifter" not in line
    line = _line(page, assessed.reference)
    assert "Klar " in line and f"Klart senast {assessed.decision_due_on:%Y-%m-%d}" in line and "förlängd" not in line
    line = _line(page, extended.reference)
    assert "(förlängd)" in line
    line = _line(page, decided.reference)
    assert "Utredning inleds inte" in line and "Återkoppling ej given" in line
    assert f'href="{reverse("concerns:intake_detail", args=[decided.pk])}"' in page


@pytest.mark.django_db
def test_a_protected_child_is_named_to_intake_with_the_tag_and_nothing_of_the_reporter_shows(concerns_world):
    from tillsammans.childplans.models import Child

    Child.objects.filter(personal_number=concerns_world["number"]).update(protected_identity=True)
    report = send(concerns_world["teacher"], child_number=concerns_world["number"], child_name="Ella Testberg",
                  child_address="Hemliga vägen 1, 123 45 Testköping")
    assert report.child_id is not None
    page = client_for(concerns_world["intake"]).get(reverse("concerns:queue")).content.decode()
    line = _line(page, report.reference)
    assert "Ella Testberg, 10 år" in line and "Skyddade personuppgifter" in line
    assert "Hemliga" not in page
    teacher = concerns_world["teacher"]
    assert teacher.user.get_full_name() not in page and "0155-10 20 30" not in page


@pytest.mark.django_db
def test_the_queue_reads_what_it_shows_and_logs_each_report_shown(concerns_world):
    reports = [send(concerns_world["teacher"]) for _ in range(3)]
    client = client_for(concerns_world["intake"])
    client.get(reverse("concerns:queue"))
    before = AccessEvent.objects.count()
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("concerns:queue")).content.decode()
    listed = [q["sql"] for q in captured.captured_queries if "concerns_concernreport" in q["sql"]
              and q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(listed) == 2  # the page's keys with the list's length, then those rows (core.paging)
    for sql in listed:
        for column in ("observations", "guardians", "reporter_name", "reporter_phone", "reporter_email",
                       "assessment\"", "organisations_area", "organisations_unit", "boundary"):
            assert column not in sql, column
    assert all(r.reference in page for r in reports)
    events = AccessEvent.objects.order_by("-pk")[:3]
    assert AccessEvent.objects.count() == before + 3
    assert {e.object_id for e in events} == {str(r.pk) for r in reports}
    assert {e.detail["via"] for e in events} == {"queue"}

"""Rule (d) beside the SIP's rules, stated as a table and proved row by row: intake for the reports
routed to its municipality; the reporter sees the receipt and the feedback only; everyone else –
intake of another municipality included – gets what a report that does not exist gives."""

import pytest
from django.urls import reverse

from tillsammans.childplans import rules
from tillsammans.concerns.disclosure import INTAKE_PURPOSE
from tillsammans.core import access
from tillsammans.core.models import AccessEvent, AuditOutcome
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for

# who, basis, may handle (intake pages), may see the receipt
TABLE = [
    ("intake", "intake", True, False),
    ("other_intake", None, False, False),
    ("teacher", "reporter", False, True),
    ("colleague", None, False, False),
    ("lead", None, False, False),
    ("nurse", None, False, False),
    ("admin", None, False, False),
    ("auditor", None, False, False),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "basis", "handles", "receipt"), TABLE)
def test_report_access_table(concerns_world, report, who, basis, handles, receipt):
    actor = actor_for(concerns_world[who])
    assert rules.report_basis(actor, report) == basis
    assert access.allowed(actor, "concerns.handle", report) is handles
    assert access.allowed(actor, "concerns.receipt", report) is receipt
    assert (report in rules.intake_reports(actor)) is handles
    assert (report in rules.own_reports(actor)) is receipt


def main(response) -> str:
    return response.content.decode().split("<main")[1].split("</main>")[0]


@pytest.mark.django_db
def test_intake_of_another_municipality_gets_what_a_missing_report_gives(concerns_world, report):
    other = client_for(concerns_world["other_intake"])
    for name in ("intake_detail", "assess", "decide", "extend", "forward"):
        theirs = other.get(reverse(f"concerns:{name}", args=[report.pk]))
        missing = other.get(reverse(f"concerns:{name}", args=[report.pk + 1000]))
        assert theirs.status_code == missing.status_code == 404
        assert main(theirs) == main(missing)
    assert other.post(reverse("concerns:feedback", args=[report.pk])).status_code == 404
    queue = other.get(reverse("concerns:queue"))
    assert report.reference not in queue.content.decode()
    refused = AccessEvent.objects.filter(user_id=concerns_world["other_intake"].user_id, outcome=AuditOutcome.REFUSED)
    assert refused.count() == 11  # every refused read and write is in the log, like the SIP's
    assert not AccessEvent.objects.filter(user_id=concerns_world["other_intake"].user_id,
                                          outcome=AuditOutcome.ALLOWED, object_id=str(report.pk)).exists()


@pytest.mark.django_db
def test_every_read_by_intake_is_an_access_event(concerns_world, report):
    intake = client_for(concerns_world["intake"])
    before = AccessEvent.objects.count()
    intake.get(reverse("concerns:queue"))
    intake.get(reverse("concerns:intake_detail", args=[report.pk]))
    intake.get(reverse("concerns:assess", args=[report.pk]))
    events = list(AccessEvent.objects.filter(seq__gt=before).order_by("seq"))
    assert [(e.detail["via"], e.purpose, e.object_id) for e in events] == [
        ("queue", INTAKE_PURPOSE, str(report.pk)), ("page", INTAKE_PURPOSE, str(report.pk)),
        ("form", INTAKE_PURPOSE, str(report.pk))]


@pytest.mark.django_db
def test_the_reporter_sees_the_receipt_and_the_feedback_never_the_case(concerns_world, report):
    teacher = client_for(concerns_world["teacher"])
    page = teacher.get(reverse("concerns:receipt", args=[report.pk])).content.decode()
    assert report.reference in page and "blåmärken" not in page
    assert teacher.get(reverse("concerns:intake_detail", args=[report.pk])).status_code == 403
    colleague = client_for(concerns_world["colleague"])
    assert colleague.get(reverse("concerns:receipt", args=[report.pk])).status_code == 404

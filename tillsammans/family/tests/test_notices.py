"""Notices without content: by e-mail or text message, in the person's language, once a day at most."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tillsammans.childplans import meetings
from tillsammans.core import sms
from tillsammans.family.models import NoticeChoice
from tillsammans.family.notices import send_due
from tillsammans.family.tests.conftest import FATHER
from tillsammans.testing.sip import actor_for, run_queued_tasks

pytestmark = pytest.mark.django_db


def test_a_booked_meeting_is_noticed_without_any_child_data(family, django_capture_on_commit_callbacks):
    sms.outbox.clear()
    mother, father = family["mother"], family["father"]
    mother.email, father.phone = "mamma@example.org", "070-5550000"
    mother.save()
    father.save()
    NoticeChoice.objects.create(identity_number=FATHER, channel="sms", language="ar")
    start = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=9), datetime.min.time()))
    start = start.replace(hour=13)
    meetings.schedule(actor=actor_for(family["lead"]), plan=family["plan"], starts_at=start,
                      ends_at=start + timedelta(hours=1), place="Förskolan")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_due()
        again = send_due()
    run_queued_tasks()
    assert sent == again == 4  # the mother and the father: something new, and a meeting
    to_mother = [m for m in mail.outbox if m.to == ["mamma@example.org"]]
    assert {m.subject for m in to_mother} == {"Något nytt i en plan i Tillsammans", "Ett möte är bokat i Tillsammans"}
    texts = [m.body for m in to_mother] + [text for _to, text in sms.outbox]
    assert len(sms.outbox) == 2 and all(to == "+46705550000" for to, _text in sms.outbox)
    assert any("اجتماع" in text for _to, text in sms.outbox)  # in the father's chosen language
    for text in texts:
        for secret in ("Ella", "Testberg", "Förskolan", family["number"], str(family["plan"].pk) + " "):
            assert secret not in text
    sms.outbox.clear()

"""The demo carries the journeys: principal areas with their networks, the municipality's groups,
three months of history that last month's log review can look at, and logins that work as printed."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillsammans.accounts.models import Membership, User
from tillsammans.core import audit
from tillsammans.core.models import AccessEvent
from tillsammans.logreview import selectors
from tillsammans.logreview.models import LogReview
from tillsammans.logreview.overview import last_month
from tillsammans.networks.models import ActionItem, Network, NetworkMeeting
from tillsammans.organisations.models import Area


@pytest.mark.django_db
def test_the_demo_carries_the_journeys_and_its_printed_logins_work(settings):
    out = StringIO()
    call_command("demo-data", stdout=out)

    # Journey 1: every district has a preschool principal area, each with its child-health network.
    principal_areas = Area.objects.filter(kind="principal_area")
    assert {area.parent_id for area in principal_areas} == set(
        Area.objects.filter(kind="district").values_list("pk", flat=True))
    for area in principal_areas:
        assert Network.objects.filter(area=area, kind="child_health").exists(), area
    assert {"nosam", "steering", "tactical", "process"} <= set(Network.objects.values_list("kind", flat=True))

    # Journey 2: meetings held over the last three months, with minutes and follow-up actions.
    now = timezone.now()
    held = NetworkMeeting.objects.filter(starts_at__lt=now, starts_at__gte=now - timedelta(days=92)).exclude(minutes="")
    assert held.values("network").distinct().count() == Network.objects.count()
    assert ActionItem.objects.filter(done_at__isnull=True).exists()
    assert ActionItem.objects.exclude(done_at=None).exists()

    # Journey 9: last month has emergency access, late openings and protected identities; the
    # month before is reviewed, last month is not yet.
    start, end = last_month(timezone.localdate())
    for flag in ("emergency", "night", "protected"):
        assert selectors.events_for_review(selectors.Filters(date_from=start, date_to=end, flag=flag)).exists(), flag
    assert AccessEvent.objects.filter(occurred_at__lt=now - timedelta(days=80)).exists()
    assert not LogReview.objects.filter(period_from__lte=start, period_to__gte=end).exists()
    assert LogReview.objects.filter(period_to__lt=start).exists()
    assert audit.verify().ok

    # Journey 11: the pathway, worries at each level, a forum with decided requests and one waiting,
    # a handover from preschool to school; the logins that finish the journey.
    from tillsammans.pathway.models import ForumRequest, Handover, Pathway, Worry

    assert Pathway.objects.filter(principal__name="Ekmora kommun", levels__contacts__isnull=False).exists()
    assert {0, 1, 2, 3} <= set(Worry.objects.values_list("level", flat=True))
    assert Worry.objects.filter(decided_at__isnull=True, decision_due__lt=timezone.localdate()).exists()
    assert {"sip", "one_service"} <= set(ForumRequest.objects.values_list("decision", flat=True))
    assert ForumRequest.objects.filter(status="waiting", consent__isnull=False, meeting__isnull=False).exists()
    assert ForumRequest.objects.filter(decision="sip", plan__lead_membership__user__username="kurator").exists()
    assert Handover.objects.filter(confirmed_at__isnull=False, from_unit__code="F-NM-1",
                                   to_unit__code="G-NM-1").exists()
    assert Handover.objects.filter(confirmed_at__isnull=True, recipient__user__username="larare").exists()

    # The login table names every role of every login, and the printed TOTP command works here.
    printed = out.getvalue()
    for membership in Membership.objects.filter(user__username__in=["processledare", "kurator", "forskollarare"]):
        assert f"{membership.get_role_display()} – {membership.unit.name}" in printed
    command = next(line.strip() for line in printed.splitlines() if "django_otp.oath" in line)
    user = User.objects.get(username="koordinator")
    secret = re.search(r"^koordinator\s+([A-Z2-7]{32})\s", printed, re.MULTILINE).group(1)
    code = subprocess.run(["bash", "-c", command.replace("HEMLIGHET", secret)], capture_output=True, text=True,
                          check=True, cwd=settings.BASE_DIR).stdout.strip()
    assert TOTPDevice.objects.get(user=user).verify_token(code)

    # Run again: nothing is added twice and the chain still verifies.
    counts = (Network.objects.count(), NetworkMeeting.objects.count(), AccessEvent.objects.filter(
        request_id="demo-history").count())
    call_command("demo-data", stdout=StringIO())
    assert (Network.objects.count(), NetworkMeeting.objects.count(), AccessEvent.objects.filter(
        request_id="demo-history").count()) == counts
    assert audit.verify().ok

"""The demo municipality: complete, inside its boundaries, idempotent and fictional."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from tillsammans.accounts.models import Contact, Membership, User
from tillsammans.accounts.roles import Role
from tillsammans.core import audit
from tillsammans.organisations.models import Area, Unit, UnitArea, UnitType


def _counts():
    from tillsammans.childplans.models import CoordinatedPlan

    return (CoordinatedPlan.objects.count(), Unit.objects.count(), Area.objects.count(), User.objects.count(),
            Membership.objects.count(), Contact.objects.count())


@pytest.mark.django_db
def test_demo_data_builds_a_complete_fictional_municipality_and_is_idempotent():
    out = StringIO()
    call_command("demo-data", stdout=out)
    districts = Area.objects.filter(kind="district")
    assert districts.count() == 4
    assert all(d.children.count() >= 2 for d in districts)
    assert Unit.objects.count() >= 38
    assert set(UnitType.objects.values_list("code", flat=True)) <= set(
        Unit.objects.values_list("unit_type__code", flat=True))
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert User.objects.count() >= 55
    district_ids = set(districts.values_list("pk", flat=True))
    for unit in Unit.objects.all():
        assert UnitArea.objects.filter(unit=unit, area_id__in=district_ids).exists(), unit
    emails = list(User.objects.values_list("email", flat=True)) + list(
        Unit.objects.values_list("email", flat=True)) + list(
        Contact.objects.values_list("email", flat=True))
    assert all(e.endswith(".exempel.se") for e in emails if e)
    printed = out.getvalue()
    assert "koordinator" in printed and "admin" in printed
    assert re.search(r"koordinator\s.*\s[A-Z2-7]{32}", printed)
    from tillsammans.childplans.models import CoordinatedPlan, PlanStatus

    assert set(CoordinatedPlan.objects.values_list("status", flat=True)) == set(PlanStatus.values)
    assert CoordinatedPlan.objects.filter(child__protected_identity=True).exists()
    from tillsammans.childplans.models import EmergencyAccess, Guardian, Objection, YoungPersonRequest

    assert Guardian.objects.filter(protected_identity=True, child__protected_identity=True).exists()
    assert YoungPersonRequest.objects.filter(plan__isnull=False).exists()
    assert Objection.objects.exclude(decision="").exists()
    assert EmergencyAccess.objects.filter(unconfirmed_flagged_at__isnull=False).exists()
    from tillsammans.networks.models import Network, NetworkMeeting

    assert Network.objects.count() >= 2
    assert NetworkMeeting.objects.exclude(minutes="").exists()
    from django.utils import timezone

    assert NetworkMeeting.objects.filter(starts_at__gt=timezone.now()).exists()
    from tillsammans.planning.models import ActionPlan

    assert set(ActionPlan.objects.values_list("status", flat=True)) == {"draft", "review", "approved", "submitted"}
    before = _counts()
    call_command("demo-data", stdout=StringIO())
    assert _counts() == before
    assert audit.verify().ok
    from tillsammans.core.models import AccessEvent
    from tillsammans.logreview.selectors import repeated_refusals

    assert any(row["count"] >= 3 for row in repeated_refusals(AccessEvent.objects.all()))

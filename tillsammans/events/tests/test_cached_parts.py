"""The event list, an event's page and competence coverage keep their shared part as a cached
fragment (ADR 0026): it is served between changes, rebuilt after a change made through the pages and
services, and never shows one viewer's controls, registration or CSRF token to another."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tillsammans.accounts.roles import Role
from tillsammans.events import services
from tillsammans.events.models import Course, Registration
from tillsammans.events.tests.conftest import make_event
from tillsammans.testing.clients import client_for
from tillsammans.testing.clock import frozen_at
from tillsammans.testing.csrf import form_token
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import actor_for

pytestmark = pytest.mark.django_db


def _get(client, url, params=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_event_list_is_cached_until_a_registration_changes_its_places(organiser, nurses, client):
    event = make_event(organiser, capacity=2)
    url = reverse("events:event_list")
    viewer = client_for(nurses[0])
    built, page = _get(viewer, url)
    cached, again = _get(viewer, url)
    assert cached < built and "0 av 2 platser tagna" in again
    # Registering through the page moves the generation: the list shows the place taken at once.
    assert client_for(nurses[1]).post(reverse("events:register", args=[event.pk])).status_code == 302
    _count, page = _get(viewer, url)
    assert "1 av 2 platser tagna" in page
    # A guest sees the open events only, whatever staff cached.
    internal = make_event(organiser, open_to_guests=False, title="Kompetensdag för personal")
    assert internal.title in _get(viewer, url)[1]
    assert internal.title not in _get(client, url)[1]
    assert internal.title in _get(viewer, url)[1]


def test_the_event_list_leaves_an_event_that_has_ended(organiser, nurses):
    event = make_event(organiser, days=1)
    viewer = client_for(nurses[0])
    with frozen_at(event.starts_at - timedelta(hours=1)) as clock:
        assert event.title in _get(viewer, reverse("events:event_list"))[1]
        assert event.title in _get(viewer, reverse("events:event_list"))[1]
        clock.move_to(event.ends_at + timedelta(minutes=2))
        # The list's key holds the minute: an event leaves "coming" without any change being made.
        assert event.title not in _get(viewer, reverse("events:event_list"))[1]


def test_the_event_page_is_cached_and_each_viewer_keeps_their_own_registration_and_token(organiser, nurses):
    event = make_event(organiser, capacity=1)
    url = reverse("events:event", args=[event.pk])
    first, second, third = (client_for(n) for n in nurses)
    for viewer in (first, second):
        viewer.handler.enforce_csrf_checks = True
    built, page = _get(first, url)
    cached, page = _get(second, url)
    assert cached < built
    assert "Anmäl mig" in page and "För arrangörerna" not in page
    register = reverse("events:register", args=[event.pk])
    token = form_token(page, register)
    assert token != form_token(_get(first, url)[1], register)  # the reader's own token, not the builder's
    assert second.post(register, {"csrfmiddlewaretoken": token}).status_code == 302
    assert Registration.objects.filter(event=event, user=second.user, status="registered").exists()
    mine = _get(second, url)[1]
    assert "Du är anmäld." in mine and "Avboka min anmälan" in mine and "Anmäl mig" not in mine
    # The others see the place taken and the waitlist button, never the registration of the second.
    theirs = _get(first, url)[1]
    assert "1 av 1 platser tagna, 0 på reservlistan" in theirs and "Sätt upp mig på reservlistan" in theirs
    assert "Du är anmäld." not in theirs and "Avboka min anmälan" not in theirs
    assert "Du är anmäld." not in _get(third, url)[1]


def test_only_organisers_see_the_organisers_part_of_a_cached_event_page(organiser, nurses, client):
    event = make_event(organiser)
    url = reverse("events:event", args=[event.pk])
    organiser_client = client_for(organiser)
    organiser_client.handler.enforce_csrf_checks = True
    nurse = client_for(nurses[0])
    for _ in range(2):
        own = _get(organiser_client, url)[1]
        assert "För arrangörerna" in own and "Mejla inbjudan till målgruppen" in own
        assert "För arrangörerna" not in _get(nurse, url)[1]
        guest = _get(client, url)[1]
        assert "För arrangörerna" not in guest and "Anmäl dig som gäst" in guest and "Anmäl mig" not in guest
    announce = reverse("events:announce", args=[event.pk])
    token = form_token(own, announce)
    assert organiser_client.post(announce, {"csrfmiddlewaretoken": token}).status_code == 302
    # A change in the organiser's page shows at once for everyone.
    response = organiser_client.post(reverse("events:event_cancel", args=[event.pk]), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "Evenemanget är inställt." in _get(nurse, url)[1]
    assert "Mejla inbjudan till målgruppen" not in _get(organiser_client, url)[1]


def test_competence_coverage_is_cached_per_manager_unit_and_moves_with_a_completion(world, organiser):
    course = Course.objects.create(name="FCA grundutbildning", validity_years=3)
    services.requirement_add(actor=actor_for(organiser), course=course, role=Role.STAFF, area=world["district_a"])
    bvc = [MembershipFactory(role=Role.STAFF, unit=world["bvc_a"]) for _ in range(3)]
    MembershipFactory(role=Role.STAFF, unit=world["preschool_a"])
    url = reverse("events:coverage")
    coordinator = client_for(organiser)
    built, page = _get(coordinator, url)
    cached, page = _get(coordinator, url)
    assert cached < built and "0 av 4" in page and "Utbildningar och krav" in page
    bvc_manager = client_for(MembershipFactory(role=Role.MANAGER, unit=world["bvc_a"]))
    preschool_manager = client_for(MembershipFactory(role=Role.MANAGER, unit=world["preschool_a"]))
    for _ in range(2):
        assert "0 av 3" in _get(bvc_manager, url)[1]
        assert "0 av 1" in _get(preschool_manager, url)[1]
        assert "Utbildningar och krav" not in _get(bvc_manager, url)[1]  # courses are the coordinator's
    done = coordinator.post(reverse("events:courses"), {
        "form": "completion", "done-email": bvc[0].user.email, "done-course": course.pk,
        "done-completed_on": timezone.localdate().isoformat(), "done-evidence": "Intyg"})
    assert done.status_code == 302
    assert "1 av 4" in _get(coordinator, url)[1]
    assert "1 av 3" in _get(bvc_manager, url)[1]
    assert "0 av 1" in _get(preschool_manager, url)[1]

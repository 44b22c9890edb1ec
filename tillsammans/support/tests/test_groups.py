"""Parent groups: sign-up with a waitlist that moves by itself, bad input named at the field, the bot
guard, text messages through the outbox, reminders, sessions inside the group's period, attendance
and completion, the anonymous evaluation, and parents' details deleted after the group."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tillsammans.core import sms
from tillsammans.support import services_groups, tasks
from tillsammans.support.models import Evaluation, Participant, ParticipantStatus
from tillsammans.support.tests.conftest import add_sessions, at, make_group, sign_up
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for, run_queued_tasks

pytestmark = pytest.mark.django_db


def test_a_full_group_puts_parents_on_the_waitlist_and_a_cancellation_moves_it_up(
        group, organiser, django_capture_on_commit_callbacks):
    add_sessions(organiser, group)
    with django_capture_on_commit_callbacks(execute=True):
        people = [sign_up(group, n) for n in range(3)]
    assert [p.status for p in people] == ["registered", "registered", "waitlisted"]
    run_queued_tasks()
    subjects = {m.to[0]: m for m in mail.outbox}
    assert "reservlista" in subjects["foralder2@exempel.se"].body
    mail.outbox.clear()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services_groups.participant_cancel(actor=actor_for(organiser), participant=people[0])
    run_queued_tasks()
    people[2].refresh_from_db()
    assert people[2].status == ParticipantStatus.REGISTERED and people[2].promoted_at
    assert any("Du fick en plats" in m.subject for m in mail.outbox if m.to == ["foralder2@exempel.se"])


def test_the_public_sign_up_confirms_by_text_message_in_the_parents_language(
        client, group, organiser, settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    add_sessions(organiser, group)
    url = reverse("support_public:signup", args=[group.pk])
    page = client.get(url, {"sprak": "ar"})
    started = page.context["form"]["started"].value()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"name": "Fatima Testsson", "age_band": "3-5", "remind_by": "sms",
                                     "phone": "070 987 65 43", "email": "", "started": started})
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert participant.language == "ar" and participant.phone == "+46709876543"
    confirmation = client.get(response["Location"]).content.decode()
    assert '<html lang="ar" dir="rtl"' in confirmation
    run_queued_tasks()
    assert [number for number, _body in sms.outbox] == ["+46709876543"]
    assert "مجموعة ABC للآباء" in sms.outbox[0][1]
    assert f"/stod/avboka/{participant.token}/" in sms.outbox[0][1]
    assert mail.outbox == []


def test_bad_input_is_named_at_the_field_and_what_was_typed_is_kept(client, group, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    url = reverse("support_public:signup", args=[group.pk])
    started = client.get(url).context["form"]["started"].value()
    html = client.post(url, {"name": "Per Testare", "age_band": "3-5", "remind_by": "email",
                             "email": "per@exempel", "phone": "12ab", "started": started}).content.decode()
    assert "Skriv en hel e-postadress" in html and 'value="per@exempel"' in html
    assert "Skriv ett mobilnummer" in html and 'value="12ab"' in html
    assert 'value="Per Testare"' in html
    html = client.post(url, {"name": "Per Testare", "age_band": "3-5", "remind_by": "sms", "email": "",
                             "started": started}).content.decode()
    assert "Skriv ett mobilnummer för sms:en" in html
    assert not Participant.objects.exists()


def test_bots_are_kept_out(client, group, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 3
    url = reverse("support_public:signup", args=[group.pk])
    started = client.get(url).context["form"]["started"].value()
    data = {"name": "Bot", "age_band": "3-5", "remind_by": "email", "email": "bot@exempel.se", "started": started}
    assert "för snabbt" in client.post(url, data).content.decode()  # sent at once
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    assert client.post(url, data | {"website": "http://spam"}).status_code == 200  # the honeypot
    assert not Participant.objects.exists()


def test_a_professional_signs_a_parent_up_only_with_their_agreement(group, world):
    from tillsammans.accounts.roles import Role
    from tillsammans.testing.factories import MembershipFactory

    nurse = client_for(MembershipFactory(role=Role.STAFF, unit=world["bvc_a"]))
    url = reverse("support:participant_add", args=[group.pk])
    data = {"name": "Lisa Testberg", "age_band": "0-2", "remind_by": "email", "email": "lisa@exempel.se",
            "language": "sv"}
    assert "med deras samtycke" in nurse.post(url, data).content.decode()
    assert nurse.post(url, data | {"agreement": "on"}).status_code == 302
    assert Participant.objects.get().signed_up_by == nurse.membership


def test_a_session_outside_the_groups_period_is_refused(organiser, group):
    with pytest.raises(ValidationError) as error:
        services_groups.session_add(actor=actor_for(organiser), group=group,
                                    starts_at=at(group.ends_on + timedelta(days=1), 18),
                                    ends_at=at(group.ends_on + timedelta(days=1), 20))
    assert "day" in error.value.message_dict


def test_coordinators_create_change_move_and_cancel_groups_and_sessions_in_the_pages(
        organiser, offer, abc, world, django_capture_on_commit_callbacks):
    client = client_for(organiser)
    start = timezone.localdate() + timedelta(days=20)
    data = {"programme": abc.pk, "offer": offer.pk, "name": "ABC hösten", "area": world["district_a"].pk,
            "language": "sv", "capacity": 10, "starts_on": start, "ends_on": start + timedelta(days=30),
            "place": "Biblioteket", "signup_open": "on"}
    response = client.post(reverse("support:group_create"), data)
    assert response.status_code == 302
    group = offer.groups.get(name="ABC hösten")
    session_url = reverse("support:session_add", args=[group.pk])
    outside = client.post(session_url, {"day": start - timedelta(days=1), "start": "18:00", "end": "20:00"})
    assert "inom gruppens period" in outside.content.decode()
    assert client.post(session_url, {"day": start, "start": "18:00", "end": "20:00"}).status_code == 302
    session = group.sessions.get()
    sign_up(group, 1)
    with django_capture_on_commit_callbacks(execute=True):
        moved = client.post(reverse("support:session_edit", args=[session.pk]),
                            {"day": start + timedelta(days=1), "start": "17:00", "end": "19:00", "place": "Rum 2"})
    assert moved.status_code == 302
    run_queued_tasks()
    assert any("har flyttats" in m.body for m in mail.outbox)
    # Moving the group away from its session is refused with the reason.
    refused = client.post(reverse("support:group_edit", args=[group.pk]),
                          data | {"starts_on": start + timedelta(days=5)})
    assert "utanför den nya perioden" in refused.content.decode()
    assert client.post(reverse("support:session_cancel", args=[session.pk])).status_code == 302
    assert client.post(reverse("support:group_edit", args=[group.pk]),
                       data | {"starts_on": start + timedelta(days=5), "capacity": 12}).status_code == 302
    group.refresh_from_db()
    assert group.capacity == 12 and group.starts_on == start + timedelta(days=5)
    assert client.post(reverse("support:group_cancel", args=[group.pk])).status_code == 302
    group.refresh_from_db()
    assert group.cancelled


def test_a_coordinator_of_another_area_cannot_manage_the_group(group, world):
    from tillsammans.accounts.roles import Role
    from tillsammans.testing.factories import MembershipFactory

    other = client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["preschool_b"],
                                         areas=[world["district_b"]]))
    assert other.get(reverse("support:group_edit", args=[group.pk])).status_code == 403
    page = other.get(reverse("support:group", args=[group.pk])).content.decode()
    assert "Förälder" not in page  # the parents' names are for those who run the group


def test_reminders_the_day_before_go_by_the_chosen_channel(group, organiser, django_capture_on_commit_callbacks):
    tomorrow = timezone.localdate() + timedelta(days=1)
    group.starts_on = tomorrow
    group.save()
    services_groups.session_add(actor=actor_for(organiser), group=group, starts_at=at(tomorrow, 18),
                                ends_at=at(tomorrow, 20))
    sign_up(group, 1, remind_by="sms", phone="0701112233", email="")
    sign_up(group, 2)
    sms.outbox.clear()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_session_reminders.call() == 2
    run_queued_tasks()
    assert [n for n, body in sms.outbox if "imorgon" in body] == ["+46701112233"]
    assert [m.to for m in mail.outbox if m.subject.startswith("Imorgon")] == [["foralder2@exempel.se"]]


def test_attendance_gives_completion_and_the_evaluation_is_anonymous_from_five_answers(organiser, offer, world):
    group = make_group(organiser, offer, world["district_a"], capacity=10, days=-30, length=25)
    sessions = [services_groups.session_add(actor=actor_for(organiser), group=group,
                                            starts_at=at(group.starts_on + timedelta(days=7 * i), 18),
                                            ends_at=at(group.starts_on + timedelta(days=7 * i), 20))
                for i in range(3)]
    group.signup_open = True
    group.ends_on = timezone.localdate() + timedelta(days=1)
    group.save()
    parents = [sign_up(group, n) for n in range(6)]
    for parent in parents:
        for session in sessions[:2]:
            services_groups.attendance_set(actor=actor_for(organiser), session=session, participant=parent,
                                           present=True)
    assert Participant.objects.filter(completed=True).count() == 6  # 2 of 3 sessions
    services_groups.attendance_set(actor=actor_for(organiser), session=sessions[0], participant=parents[0],
                                   present=False)
    parents[0].refresh_from_db()
    assert not parents[0].completed
    page = client_for(organiser).get(reverse("support:group", args=[group.pk])).content.decode()
    for n, parent in enumerate(parents[:4]):
        services_groups.evaluation_submit(participant=parent, rating=4, helped=5, comment="" if n else "Bra samtal")
    page = client_for(organiser).get(reverse("support:group", args=[group.pk])).content.decode()
    assert "minst fem har svarat" in page
    services_groups.evaluation_submit(participant=parents[4], rating=5, helped=5, comment="")
    page = client_for(organiser).get(reverse("support:group", args=[group.pk])).content.decode()
    assert "5 svar" in page and "Bra samtal" in page
    assert not any(hasattr(Evaluation, name) for name in ("participant", "participant_id"))
    with pytest.raises(ValidationError):
        services_groups.evaluation_submit(participant=parents[4], rating=1, helped=1, comment="")


def test_parents_details_are_deleted_a_set_time_after_the_group(organiser, offer, world, settings):
    settings.SUPPORT_PARTICIPANT_RETENTION_DAYS = 30
    group = make_group(organiser, offer, world["district_a"], days=1)
    parent = sign_up(group, 1, phone="0701234567")
    token = parent.token
    assert services_groups.participant_data_remove(today=group.ends_on + timedelta(days=30)) == 0
    assert services_groups.participant_data_remove(today=group.ends_on + timedelta(days=31)) == 1
    parent.refresh_from_db()
    assert (parent.name, parent.email, parent.phone, parent.data_removed) == ("", "", "", True)
    assert parent.status == ParticipantStatus.REGISTERED  # still counted
    from django.test import Client

    assert Client().get(reverse("support_public:signed_up", args=[token])).status_code == 404
    assert services_groups.participant_data_remove(today=group.ends_on + timedelta(days=60)) == 0


def test_my_overview_shows_the_groups_i_organise_that_start_soon(organiser, group):
    sign_up(group, 1)
    html = client_for(organiser).get(reverse("core:home")).content.decode()
    assert "Föräldragrupper som startar snart" in html
    assert "1 av 2 platser, 0 väntar" in html and group.name in html

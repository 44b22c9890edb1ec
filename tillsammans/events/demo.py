"""Demo step: a breakfast series where the agencies present themselves (past occasions with
attendance and feedback, a coming one that is full with a waitlist), a competence day open to
guests, and required courses with partial coverage."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from tillsammans.accounts.models import Membership
from tillsammans.core.access import Actor
from tillsammans.core.calendar import STOCKHOLM
from tillsammans.events import services
from tillsammans.events.models import Completion, Course, Event, EventKind, EventSeries, FeedbackAnswer, Registration

SYSTEM = Actor.for_system("demo-data")

PRESENTERS = [
    ("BVC-1", "BVC presenterar sig: hälsobesök, språkscreening och föräldragrupper"),
    ("SOC-2", "Socialtjänstens mottagning: så går en orosanmälan till"),
    ("EH-1", "Elevhälsan: hälsosamtal och tidiga insatser i skolan"),
    ("FC-1", "Familjecentralen: öppen förskola och föräldraskapsstöd"),
    ("BUP-1", "BUP: när ska man remittera, och vad händer sedan?"),
    ("BIB-1", "Biblioteket: språkstimulans och läsfrämjande för de minsta"),
]


def _as(membership: Membership) -> Actor:
    return Actor(user=membership.user, membership=membership, verified=True, request_id="demo")


def _at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), STOCKHOLM)


def build_events(demo) -> None:
    if EventSeries.objects.exists():
        return
    organiser = Membership.objects.get(user__username="koordinator", role="coordinator")
    nurse = Membership.objects.get(user__username="sjukskoterska")
    staff = list(Membership.objects.filter(role="staff").exclude(pk=nurse.pk).select_related("user")
                 .order_by("pk")[:40])
    series = services.series_create(actor=_as(organiser), name="Frukostmöten i Ekmora – verksamheterna presenterar sig",
                                    kind=EventKind.BREAKFAST, description=(
                                        "En gång i månaden presenterar en verksamhet sig för de andra över en "
                                        "frukost: vad de gör, hur man når dem och när man ska höra av sig."))
    today = timezone.localdate()
    for index, (code, title) in enumerate(PRESENTERS):
        unit = demo.units.get(code)
        day = today + timedelta(days=28 * (index - 2) + 3)
        event = services.event_create(
            actor=_as(organiser), title=title, kind=EventKind.BREAKFAST, series=series, presenting_unit=unit,
            course=None, description="Frukost från 07.45. Presentationen börjar 08.00 och följs av frågor.",
            starts_at=_at(day, 7, 45), ends_at=_at(day, 9, 0), place="Ekmora folkets hus, sal Ljuset",
            accessibility="Entré utan trappsteg, hörslinga, tillgänglig toalett", video_link="",
            capacity=12 if index == 2 else 30, registration_deadline=None, open_to_guests=index >= 2,
            audience_roles=["staff", "manager", "coordinator", "sip_lead"])
        if event.starts_at < timezone.now():
            _history(event, [nurse, *staff[index * 5:index * 5 + 14]])
        elif index == 2:  # the coming one is full, with a waitlist
            for member in [*staff[:12], nurse, *staff[12:14]]:
                services.register_staff(actor=_as(member), event=event)
        else:
            for member in staff[20:26]:
                services.register_staff(actor=_as(member), event=event)
    _courses(demo, organiser, staff, nurse)


def _history(event: Event, people: list[Membership]) -> None:
    """A held occasion: who came, with feedback (anonymous) from enough of them to be shown."""
    for number, member in enumerate(people):
        Registration.objects.create(event=event, user=member.user, membership=member, status="registered",
                                    attended=number % 5 != 4, feedback_given=number < 7)
    Registration.objects.create(event=event, name="Gästtalare från föreningen", organisation="Föreningen Trygga barn",
                                is_guest=True, walk_in=True, attended=True, status="registered",
                                guest_data_removed=True)
    comments = ["Bra att veta när man ska ringa mottagningen.", "", "Mer tid för frågor nästa gång.", "", "",
                "Tydligt och konkret.", ""]
    for number, comment in enumerate(comments):
        FeedbackAnswer.objects.create(event=event, rating=4 + number % 2, useful=3 + number % 3, comment=comment,
                                      answered_on=timezone.localtime(event.ends_at).date())


def _courses(demo, organiser: Membership, staff: list[Membership], nurse: Membership) -> None:
    fca = Course.objects.create(name="FCA grundutbildning", validity_years=3, sub_goal_number="7.3.1", description=(
        "Grundutbildning i familjecentrerat arbete för politiker, chefer och berörda medarbetare."))
    sip = Course.objects.create(name="SIP-utbildning", validity_years=None, description=(
        "Samordnad individuell plan: lagen, samtycket och mötet."))
    actor = _as(organiser)
    services.requirement_add(actor=actor, course=fca, role="staff", area=demo.districts[0])
    services.requirement_add(actor=actor, course=fca, role="manager", area=None)
    services.requirement_add(actor=actor, course=sip, role="sip_lead", area=None)
    today = timezone.localdate()
    for number, member in enumerate(staff[:25]):
        if number % 3 == 0:
            Completion.objects.create(user=member.user, course=fca, completed_on=today - timedelta(days=90 + number),
                                      source=Completion.Source.MANUAL, evidence="Intyg från utbildningen hösten",
                                      registered_by=organiser)
    Completion.objects.create(user=nurse.user, course=fca, completed_on=today - timedelta(days=400),
                              source=Completion.Source.MANUAL, evidence="Intyg", registered_by=organiser)
    day = today + timedelta(days=21)
    services.event_create(
        actor=actor, title="FCA grundutbildning – heldag", kind=EventKind.COURSE, series=None, presenting_unit=None,
        course=fca, description="Familjecentrerat arbete: lagstiftning, samverkan och praktiska exempel.",
        starts_at=_at(day, 9), ends_at=_at(day, 16), place="Ekmora stadshus, Stora salen",
        accessibility="Hiss, hörslinga, tillgänglig toalett", video_link="", capacity=60,
        registration_deadline=_at(day - timedelta(days=7), 23, 59), open_to_guests=True,
        audience_roles=["staff", "manager"])

"""Demo step: Ekmora's pathway, worries at each level in Förskolan Blåklockan (Norrmora), the
district's "En dörr in" forum with a past meeting whose requests are decided (a SIP, support from
one service) and a coming meeting with a request waiting, and a relay log handed over from the
preschool to Norrmoraskolan. Demo logins: ``forskollarare`` (preschool teacher) records worries and
brings requests, ``koordinator`` convenes the forum and decides, ``kurator`` leads the SIP,
``larare`` (Norrmoraskolan) confirms a handover that waits, ``forskolechef`` sees the overdue worry."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tillsammans.accounts.models import Membership, User
from tillsammans.childplans import services as child_services
from tillsammans.childplans.models import InformationCategory
from tillsammans.core.access import Actor
from tillsammans.core.calendar import STOCKHOLM
from tillsammans.core.identity import fictional_number
from tillsammans.networks import services as network_services
from tillsammans.networks.models import Network
from tillsammans.pathway import services, services_forum, services_handover, services_structure
from tillsammans.pathway.models import ForumRequest, Worry

LEVEL_CONTACTS = {0: ["forskolechef"], 1: ["rektor"], 2: ["koordinator", "kurator"], 3: ["mottagning"]}

# first name, last name, born, serial: the children of the demo's pathway (fictional numbers)
CHILDREN = [("Ludvig", "Vägberg", date(2022, 1, 11)), ("Nora", "Stafettsson", date(2021, 4, 2)),
            ("Ines", "Dörrlund", date(2021, 9, 19)), ("Kasper", "Forumsjö", date(2020, 11, 3)),
            ("Moa", "Anmälsson", date(2021, 2, 14)), ("Elvin", "Skolvik", date(2019, 6, 30))]
SEEN = [("Har blivit tyst och slutat äta vid lunchen.", ["healthy", "nurtured"]),
        ("Kommer ofta hungrig och utan kläder för vädret.", ["nurtured"]),
        ("Slår andra barn när det blir trångt.", ["safe", "respected"]),
        ("Är ofta frånvarande på måndagar.", ["achieving"]),
        ("Berättade om bråk hemma och var rädd att gå hem.", ["safe"]),
        ("Har svårt med språket och leker ensam.", ["included", "achieving"])]
MEASURED = [("Alfons", "Mätby", 4), ("Bodil", "Mätby", 6), ("Cassius", "Mätby", 8), ("Dina", "Mätby", 9),
            ("Edvin", "Mätby", 12), ("Fanny", "Mätby", 15)]


def _actor(membership: Membership) -> Actor:
    return Actor(user=membership.user, membership=membership, verified=True, request_id="demo-data")


def _member(username: str, role: str | None = None) -> Membership | None:
    qs = Membership.objects.filter(user__username=username)
    return (qs.filter(role=role) if role else qs).select_related("unit", "user").first()


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=STOCKHOLM)


def _backdate(worry: Worry, arose: date, decided_after: int | None) -> None:
    Worry.objects.filter(pk=worry.pk).update(
        arose_on=arose, decision_due=arose + timedelta(days=14),
        decided_at=_at(arose + timedelta(days=decided_after)) if decided_after is not None else None)


def build_pathway(demo) -> None:
    from tillsammans.demo.builder import _grant, _person

    if Worry.objects.filter(child__last_name="Vägberg").exists():
        return
    teacher_user, school_user = _person("forskollarare", 40), _person("larare", 41)
    _grant(teacher_user, "staff", demo.units["F-NM-1"], "Förskollärare")
    _grant(school_user, "staff", demo.units["G-NM-1"], "Lärare i förskoleklass")
    _grant(User.objects.get(username="forskolechef"), "manager", demo.units["F-NM-1"], "Rektor för förskolan")
    demo.logins.extend([teacher_user, school_user])
    teacher, school = _member("forskollarare"), _member("larare")
    coordinator, lead, nurse = _member("koordinator"), _member("kurator", "sip_lead"), _member("sjukskoterska")
    social = Membership.objects.filter(unit=demo.units["SOC-1"], role="staff").select_related("user").first()
    principal = _member("rektor")
    if None in (teacher, school, coordinator, lead, nurse, social, principal):
        return
    categories = list(InformationCategory.objects.all())

    pathway = services_structure.pathway_create(
        actor=_actor(coordinator), principal=demo.principals["kommun"], name="Handlingsvägledning för Ekmora",
        intro="Så gör vi i Ekmora när någon som möter barn känner oro: samma steg i förskola, skola, "
              "BVC, socialtjänst och föreningsliv. En dörr in är vårt gemensamma forum.")
    for level in pathway.levels.all():
        contacts = [m for m in (_member(u) for u in LEVEL_CONTACTS[level.number]) if m is not None]
        services_structure.level_update(actor=_actor(coordinator), level=level, title=level.title,
                                        description=level.description, steps=level.steps, tools=level.tools,
                                        deadline_days=level.deadline_days, contacts=contacts)

    forum = Network.objects.filter(name="En dörr in Norrmora").first() or network_services.network_create(
        actor=_actor(coordinator), name="En dörr in Norrmora", kind="forum", area=demo.districts[0],
        convener=coordinator, purpose="Gemensamt forum för barn i behov av samordnat stöd i Norrmora.",
        members=[(demo.units["BVC-1"], nurse, None), (demo.units["SOC-1"], social, None),
                 (demo.units["EH-1"], lead, None), (demo.units["G-NM-1"], principal, None),
                 (demo.units["F-NM-1"], teacher, None)])
    today = timezone.localdate()
    past = network_services.meeting_schedule(actor=_actor(coordinator), network=forum,
                                             starts_at=_at(today - timedelta(days=6), 13),
                                             ends_at=_at(today - timedelta(days=6), 15), place="Norrmora stadsdelshus")
    network_services.meeting_schedule(actor=_actor(coordinator), network=forum,
                                      starts_at=_at(today + timedelta(days=8), 13),
                                      ends_at=_at(today + timedelta(days=8), 15), place="Norrmora stadsdelshus")

    t = _actor(teacher)
    made = []
    for index, (first, last, born) in enumerate(CHILDREN):
        worry = services.worry_record(
            actor=t, personal_number=fictional_number(born, 30 + index), first_name=first, last_name=last,
            seen_heard=SEEN[index][0], needs=SEEN[index][1])
        guardians = [child_services.guardian_add(actor=t, child=worry.child, name=f"Vårdnadshavare {n} {last}",
                                                 email=f"vh-{n.lower()}-{index}@exempel.invalid")
                     for n in ("A", "B")]
        made.append((worry, guardians))

    # Level 0: a new worry (Ludvig), and one past its 14 days (Nora) that stands out.
    _backdate(made[1][0], today - timedelta(days=18), None)
    # Level 1: a relay log with two measures, one evaluated (Ines).
    worry, guardians = made[2]
    log = services.relay_log_open(actor=t, worry=worry, guardians=guardians, categories=categories)
    services.worry_decide(actor=t, worry=worry, decision="unit_measures")
    first = services.measure_add(actor=t, log=log, description="En fast vuxen vid samlingen och vid lämning",
                                 responsible=teacher, evaluate_on=today + timedelta(days=10))
    services.measure_add(actor=t, log=log, description="Bildstöd för dagens aktiviteter", responsible=teacher,
                         evaluate_on=today + timedelta(days=20))
    services.evaluation_add(actor=t, measure=first, outcome="Lugnare vid lämning; fortsätter till nästa utvärdering.",
                            status="ongoing", next_evaluation=today + timedelta(days=10))
    _backdate(worry, today - timedelta(days=30), 9)
    # Level 2: Kasper's request, decided on a SIP at the last meeting.
    worry, guardians = made[3]
    log = services.relay_log_open(actor=t, worry=worry, guardians=guardians, categories=categories)
    services.measure_add(actor=t, log=log, description="Närvarosamtal med vårdnadshavarna varannan vecka",
                         responsible=teacher, evaluate_on=today + timedelta(days=5))
    consent = services_forum.forum_consent_record(actor=t, worry=worry, forum=forum, guardians=guardians,
                                                  categories=categories)
    request = services_forum.request_submit(actor=t, worry=worry, forum=forum, consent=consent, meeting=None,
                                            question="Frånvaron ökar trots våra åtgärder; vi behöver BVC och "
                                                     "socialtjänsten med oss.")
    services_forum.request_schedule(actor=_actor(coordinator), request=request, meeting=past)
    services_forum.request_decide(actor=_actor(coordinator), request=request, decision="sip", lead=lead,
                                  reason="Behovet gäller förskola, BVC och socialtjänst; en samordnad plan behövs.")
    ForumRequest.objects.filter(pk=request.pk).update(created_at=_at(today - timedelta(days=20)))
    _backdate(worry, today - timedelta(days=45), 8)
    # An anonymous request answered with support from one service (Ludvig's worry stays at level 0).
    anonymous = services_forum.request_submit(actor=t, worry=made[0][0], forum=forum,
                                              question="Hur kan vi stödja ett barn som har slutat äta på förskolan?")
    services_forum.request_schedule(actor=_actor(coordinator), request=anonymous, meeting=past)
    services_forum.request_decide(actor=_actor(coordinator), request=anonymous, decision="one_service",
                                  service_contact=nurse, reason="BVC tar ett samtal med familjen om mat och sömn.")
    # Waiting on the coming meeting's agenda, named: the coordinator can decide it in the demo.
    worry, guardians = made[2]
    consent = services_forum.forum_consent_record(actor=t, worry=worry, forum=forum, guardians=guardians,
                                                  categories=categories)
    services_forum.request_submit(actor=t, worry=worry, forum=forum, consent=consent,
                                  question="Åtgärderna hjälper en del; behöver vi mer stöd utifrån?")
    # Level 3: a report of concern decided (Moa).
    services.worry_decide(actor=t, worry=made[4][0], decision="report",
                          note="Barnet berättar om våld hemma; anmälan görs genast till socialtjänsten.")
    # Handover: Elvin starts förskoleklass at Norrmoraskolan – handed over and confirmed.
    worry, guardians = made[5]
    log = services.relay_log_open(actor=t, worry=worry, guardians=guardians, categories=categories)
    services.worry_decide(actor=t, worry=worry, decision="unit_measures")
    services.measure_add(actor=t, log=log, description="Språkstöd i leken med en pedagog", responsible=teacher,
                         evaluate_on=today + timedelta(days=30))
    handover = services_handover.handover_offer(
        actor=t, log=log, to_unit=demo.units["G-NM-1"], recipient=school, guardians=guardians, categories=categories,
        note="Trivs i små grupper; bildstöd hjälper.")
    services_handover.handover_confirm(actor=_actor(school), handover=handover)
    # ... and Ines's log waits for Norrmoraskolan to confirm it (the demo's "larare" can).
    worry, guardians = made[2]
    services_handover.handover_offer(actor=t, log=worry.relay_log, to_unit=demo.units["G-NM-1"], recipient=school,
                                     guardians=guardians, categories=categories,
                                     note="Börjar förskoleklass i augusti.")
    # Enough decided worries in Norrmora for a median on the measures page.
    for index, (first, last, days) in enumerate(MEASURED):
        number = fictional_number(date(2020, 3, index + 1), 40 + index)
        worry = services.worry_record(actor=t, personal_number=number, first_name=first, last_name=last,
                                      seen_heard="Oro som togs om hand i verksamheten.")
        services.worry_decide(actor=t, worry=worry, decision="unit_measures")
        _backdate(worry, today - timedelta(days=60 + 10 * index), days)

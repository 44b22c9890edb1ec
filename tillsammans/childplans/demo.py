"""Demo step: fictional children with coordinated plans in every status (fictional numbers)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from tillsammans.accounts.models import Membership
from tillsammans.childplans import services
from tillsammans.childplans.models import Child, InformationCategory, PlanStatus
from tillsammans.core.access import Actor
from tillsammans.core.identity import fictional_number

CHILDREN = [
    # first, last, born, status, protected
    ("Alice", "Fjällström", date(2016, 3, 14), PlanStatus.NEED_FOUND, False),
    ("Bruno", "Gransjö", date(2014, 7, 2), PlanStatus.PREPARING, False),
    ("Cleo", "Hagström", date(2012, 11, 23), PlanStatus.INVITED, False),
    ("Dante", "Iversjö", date(2011, 1, 9), PlanStatus.MEETING, False),
    ("Elin", "Järvmark", date(2015, 5, 30), PlanStatus.FOLLOW_UP, False),
    ("Filip", "Kvarnlid", date(2013, 9, 17), PlanStatus.CLOSED, False),
    ("Greta", "Lövängen", date(2017, 2, 4), PlanStatus.NO_CONSENT, False),
    ("Hugo", "Mossvik", date(2010, 12, 12), PlanStatus.CONSENT_WITHDRAWN, False),
    ("Skyddad", "Person", date(2013, 4, 21), PlanStatus.FOLLOW_UP, True),
]


def guardian_number(index: int, which: str) -> str:
    """A demo guardian's fictional number: they log in to the family's door with it (test e-ID)."""
    born = date(1978 + index, 2, 10) if which == "A" else date(1979 + index, 8, 20)
    return fictional_number(born, index)


def _actor(membership: Membership) -> Actor:
    return Actor(user=membership.user, membership=membership, verified=True, request_id="demo-data")


def build_child_plans(demo) -> None:
    lead = Membership.objects.filter(user__username="kurator", role="sip_lead").first()
    if lead is None:
        return
    actor = _actor(lead)
    nurse = Membership.objects.filter(user__username="sjukskoterska").first()
    social = Membership.objects.filter(unit=demo.units["SOC-1"], role="staff").first()
    receiving = [demo.units["BVC-1"], demo.units["SOC-1"], demo.units["BUP-1"]]
    categories = list(InformationCategory.objects.all())
    for index, (first, last, born, status, protected) in enumerate(CHILDREN):
        number = fictional_number(born, index)
        if Child.objects.filter(personal_number=number).exists():
            continue
        plan = services.plan_start(actor=actor, personal_number=number, first_name=first,
                                   last_name=last, protected_identity=protected,
                                   reason="Behöver samordnat stöd från skola, BVC/BUP och socialtjänst.").plan
        if status == PlanStatus.NEED_FOUND:
            continue
        one = services.guardian_add(actor=actor, plan=plan, name=f"Vårdnadshavare A {last}",
                                    email=f"vh-a-{index}@exempel.invalid", personal_number=guardian_number(index, "A"))
        # The protected child's guardian B has protected identity of their own (ADR 0008).
        two = services.guardian_add(actor=actor, plan=plan, name=f"Vårdnadshavare B {last}",
                                    protected_identity=protected, personal_number=guardian_number(index, "B"),
                                    phone=f"070-000 00 {index:02d}")
        if status == PlanStatus.NO_CONSENT:
            services.plan_update(actor=actor, plan=plan, status=PlanStatus.NO_CONSENT)
            continue
        consent = services.consent_record(
            actor=actor, plan=plan, receiving_units=receiving, categories=categories,
            guardians=[one, two], child_view="Vill ha hjälp med läxor och med att sova bättre.",
            child_heard_how="Samtal med kuratorn i skolan.")
        for member in (nurse, social):
            if member is not None:
                services.participant_add(actor=actor, plan=plan, membership=member)
        if status == PlanStatus.PREPARING:
            continue
        if status == PlanStatus.CONSENT_WITHDRAWN:
            services.consent_withdraw(actor=actor, consent=consent, guardian=one, units=receiving)
            continue
        path = [PlanStatus.INVITED, PlanStatus.MEETING, PlanStatus.FOLLOW_UP]
        for step in path[: path.index(status) + 1] if status in path else path:
            services.plan_update(actor=actor, plan=plan, status=step,
                                 lead_principal=demo.principals["kommun"])
        _content(actor, plan, demo, follow_up=status in (PlanStatus.FOLLOW_UP, PlanStatus.CLOSED))
        if protected and nurse is not None:
            _unconfirmed_emergency(plan, nurse, number)
        if status == PlanStatus.CLOSED:
            services.plan_update(actor=actor, plan=plan, status=PlanStatus.CLOSED,
                                 closed_reason="Målen uppnådda vid uppföljningen " +
                                 timezone.localdate().isoformat())
    build_young_persons_voice(demo)


def _unconfirmed_emergency(plan, nurse, number) -> None:
    """An emergency access nobody confirmed in time: flagged in the plan and the log review."""
    from datetime import timedelta

    from tillsammans.childplans import emergency
    from tillsammans.childplans.models import EmergencyAccess, LegalGround

    if EmergencyAccess.objects.filter(plan=plan).exists():
        return
    emergency.emergency_open(actor=_actor(nurse), personal_number=number, legal_ground=LegalGround.OSL_10_2,
                             reason="Barnet kom till BVC med skador; vi behöver se pågående insatser.")
    earlier = timezone.now() - timedelta(days=2)
    EmergencyAccess.objects.filter(plan=plan).update(confirm_by=earlier, expires_at=earlier)
    emergency.flag_unconfirmed()


YOUNG = ("Sam", "Sextonsson", date(2010, 3, 3))


def build_young_persons_voice(demo) -> None:
    """A 16-year-old's own request (recorded by the school nurse with them), their own consent, an
    objection to one unit and the SIP coordinator's reasoned decision (ADR 0009)."""
    from tillsammans.childplans import voice
    from tillsammans.childplans.models import ConsentGiver, YoungPersonRequest

    lead = Membership.objects.filter(user__username="kurator", role="sip_lead").first()
    nurse = Membership.objects.filter(user__username="sjukskoterska").first()
    first, last, born = YOUNG
    number = fictional_number(born, 19)
    if lead is None or nurse is None or YoungPersonRequest.objects.filter(personal_number=number).exists():
        return
    request = voice.young_request(
        actor=_actor(nurse), personal_number=number, first_name=first, last_name=last,
        own_words="Jag vill ha hjälp med att orka skolan och med sömnen, och själv vara med och bestämma.",
        heard_how="Samtal på BVC/elevhälsan, den unge och sjuksköterskan fyllde i tillsammans.",
        lead=lead, without_guardians=True)
    actor = _actor(lead)
    plan = voice.young_request_accept(actor=actor, request=request)
    services.consent_record(actor=actor, plan=plan, receiving_units=[demo.units["SOC-1"], demo.units["BUP-1"]],
                            categories=list(InformationCategory.objects.all()),
                            given_by=ConsentGiver.YOUNG_PERSON,
                            child_view="Socialtjänsten och BUP får veta det som står i planen.",
                            child_heard_how="Enskilt samtal med kuratorn.")
    objection = voice.objection_record(actor=actor, plan=plan, unit=demo.units["BUP-1"],
                                       words="Jag vill inte att BUP ska vara med än.",
                                       heard_how="Enskilt samtal med kuratorn.")
    voice.objection_decide(actor=actor, objection=objection, decision="upheld",
                           reason="Den unge är 16 år och mogen att bestämma i frågan; BUP bjuds in först "
                                  "om den unge själv vill det.")
    voice.young_request(
        actor=_actor(nurse), personal_number=fictional_number(date(2009, 8, 8), 18), first_name="Tova",
        last_name="Sjuttonsdotter", own_words="Jag vill ha en plan för skolan.",
        heard_how="Samtal hos skolsköterskan.", lead=lead)


def _content(actor, plan, demo, *, follow_up: bool) -> None:
    from datetime import timedelta

    from tillsammans.childplans import services_goals as content
    from tillsammans.childplans.wellbeing import CODES

    today = timezone.localdate()
    content.goal_add(actor=actor, plan=plan, text="Jag vill kunna sova hela natten och orka i skolan.",
                     childs_own=True, indicators=["healthy", "achieving"])
    content.goal_add(actor=actor, plan=plan, text="Närvaron i skolan ökar till minst 90 % till terminens slut.",
                     indicators=["achieving", "included"])
    content.intervention_add(actor=actor, plan=plan, description="Samtal om sömn och rutiner, fyra tillfällen",
                             principal=demo.principals["region"], unit=demo.units["BVC-1"],
                             responsible_person="BVC-sjuksköterskan", start=today, status="ongoing",
                             indicators=["healthy"])
    content.intervention_add(actor=actor, plan=plan, description="Föräldrastöd i hemmet",
                             principal=demo.principals["kommun"], unit=demo.units["SOC-1"],
                             responsible_person="Familjebehandlare", start=today, status="planned",
                             indicators=["nurtured", "safe"])
    content.intervention_add(actor=actor, plan=plan, description="Läxhjälp två kvällar i veckan",
                             other_actor="Läxhjälpen i Västlunda (ideell förening)", status="ongoing",
                             indicators=["achieving"])
    start = dict.fromkeys(CODES, 2) | {"active": 3, "respected": 3}
    content.assessment_add(actor=actor, plan=plan, ratings=start, by="child",
                           assessed_on=today - timedelta(days=90))
    if follow_up:
        later = dict.fromkeys(CODES, 4) | {"healthy": 3, "safe": 5}
        content.assessment_add(actor=actor, plan=plan, ratings=later, by="child", assessed_on=today)

"""A preschool with a worry about a child, the district's joint forum and a school that receives
the relay log later (fictional)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tillsammans.accounts.roles import Role
from tillsammans.childplans import services as child_services
from tillsammans.childplans.categories import ensure_categories
from tillsammans.core.identity import fictional_number
from tillsammans.networks import services as network_services
from tillsammans.pathway import services, services_forum
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import actor_for


@pytest.fixture
def story(world):
    """Teacher and colleague at preschool A (Ekorren), a school (Älgen, preschool_b as the receiving
    unit), the forum "En dörr in Norra" with BVC, social services and preschool A."""
    teacher = MembershipFactory(role=Role.STAFF, unit=world["preschool_a"], function="Förskollärare")
    colleague = MembershipFactory(role=Role.STAFF, unit=world["preschool_a"], function="Barnskötare")
    unnamed = MembershipFactory(role=Role.STAFF, unit=world["preschool_a"])
    manager = MembershipFactory(role=Role.MANAGER, unit=world["preschool_a"], function="Rektor")
    nurse = MembershipFactory(role=Role.STAFF, unit=world["bvc_a"], function="BVC-sjuksköterska")
    social = MembershipFactory(role=Role.STAFF, unit=world["social_office"], function="Socialsekreterare")
    sip_lead = MembershipFactory(role=Role.SIP_LEAD, unit=world["social_office"], function="SIP-samordnare")
    convener = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["district_a"]])
    school = MembershipFactory(role=Role.STAFF, unit=world["preschool_b"], function="Lärare")
    outsider = MembershipFactory(role=Role.STAFF, unit=world["preschool_b"])
    auditor = MembershipFactory(role=Role.AUDITOR, unit=world["social_office"])
    forum = network_services.network_create(
        actor=actor_for(convener), name="En dörr in Norra", kind="forum", area=world["district_a"],
        convener=convener, members=[(world["bvc_a"], nurse, None), (world["social_office"], social, None),
                                    (world["preschool_a"], manager, None)])
    start = timezone.now() + timedelta(days=7)
    meeting = network_services.meeting_schedule(actor=actor_for(convener), network=forum, starts_at=start,
                                                ends_at=start + timedelta(hours=2), place="Stadsdelshuset")
    teacher_actor = actor_for(teacher)
    worry = services.worry_record(
        actor=teacher_actor, personal_number=fictional_number(date(2021, 3, 4), 3), first_name="Tove",
        last_name="Provlund", seen_heard="Har blivit tyst och äter inte på förskolan sedan två veckor.",
        needs=["healthy", "nurtured"])
    mother = child_services.guardian_add(actor=teacher_actor, child=worry.child, name="Vårdnadshavare Ett",
                                         email="vh1@exempel.invalid", phone="070-111 22 33")
    father = child_services.guardian_add(actor=teacher_actor, child=worry.child, name="Vårdnadshavare Två")
    return {"world": world, "teacher": teacher, "colleague": colleague, "unnamed": unnamed, "manager": manager,
            "nurse": nurse, "social": social, "sip_lead": sip_lead, "convener": convener, "school": school,
            "outsider": outsider, "auditor": auditor, "forum": forum, "meeting": meeting, "worry": worry,
            "mother": mother, "father": father, "categories": ensure_categories()}


def open_log(story):
    return services.relay_log_open(actor=actor_for(story["teacher"]), worry=story["worry"],
                                   guardians=[story["mother"], story["father"]], categories=story["categories"],
                                   team=[story["colleague"]])


def named_request(story, guardians=None):
    teacher = actor_for(story["teacher"])
    consent = services_forum.forum_consent_record(
        actor=teacher, worry=story["worry"], forum=story["forum"], categories=story["categories"],
        guardians=guardians or [story["mother"], story["father"]])
    return services_forum.request_submit(actor=teacher, worry=story["worry"], forum=story["forum"],
                                         question="Behöver stöd från BVC och socialtjänst.", consent=consent)

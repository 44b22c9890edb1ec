"""The pathway's objects for the role × route matrix and the every-page walk: a municipality's
pathway, a worry with a relay log (led from the SIP coordinator's preschool), a joint forum with a
meeting and a named request, a handover waiting for the school, and a worry nobody else sees."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from tillsammans.accounts.roles import Role
from tillsammans.childplans import services as child_services
from tillsammans.childplans.categories import ensure_categories
from tillsammans.core.identity import fictional_number
from tillsammans.networks import services as network_services
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import actor_for


def build_pathway(world, *, author, coordinator, forum_members) -> dict:
    """``author`` records the worry in their unit; ``coordinator`` writes the pathway and convenes
    the forum; ``forum_members`` are (unit, contact membership) pairs."""
    from tillsammans.pathway import services, services_forum, services_handover, services_structure

    pathway = services_structure.pathway_create(actor=actor_for(coordinator), principal=world["municipality"],
                                                name="Handlingsvägledning Testköping")
    actor = actor_for(author)
    worry = services.worry_record(actor=actor, personal_number=fictional_number(date(2021, 6, 7), 7),
                                  first_name="Tilde", last_name="Provgren",
                                  seen_heard="Har slutat leka med de andra och är ofta ledsen.", needs=["safe"])
    guardians = [child_services.guardian_add(actor=actor, child=worry.child, name=f"Vårdnadshavare {n}")
                 for n in ("Ett", "Två")]
    categories = ensure_categories()
    log = services.relay_log_open(actor=actor, worry=worry, guardians=guardians, categories=categories)
    measure = services.measure_add(actor=actor, log=log, description="Fast vuxen vid lämning", responsible=author,
                                   evaluate_on=timezone.localdate() + timedelta(days=14))
    forum = network_services.network_create(
        actor=actor_for(coordinator), name="En dörr in Norra", kind="forum", area=world["district_a"],
        convener=coordinator, members=[(unit, person, None) for unit, person in forum_members])
    start = timezone.now() + timedelta(days=10)
    meeting = network_services.meeting_schedule(actor=actor_for(coordinator), network=forum, starts_at=start,
                                                ends_at=start + timedelta(hours=2), place="Stadsdelshuset Norra")
    forum_consent = services_forum.forum_consent_record(actor=actor, worry=worry, forum=forum, guardians=guardians,
                                                        categories=categories)
    request = services_forum.request_submit(actor=actor, worry=worry, forum=forum, consent=forum_consent,
                                            question="Behöver stöd från fler verksamheter.")
    school = MembershipFactory(role=Role.STAFF, unit=world["preschool_b"], function="Lärare")
    handover = services_handover.handover_offer(actor=actor, log=log, to_unit=world["preschool_b"], recipient=school,
                                                guardians=guardians, categories=categories)
    other_author = MembershipFactory(role=Role.STAFF, unit=world["preschool_b"])
    other_worry = services.worry_record(actor=actor_for(other_author),
                                        personal_number=fictional_number(date(2020, 8, 9), 8), first_name="Otto",
                                        last_name="Annansson", seen_heard="Kommer ofta för sent och är trött.")
    return {"pathway": pathway, "level": pathway.levels.get(number=1), "worry": worry, "log": log,
            "member": log.members.get(membership=author), "measure": measure, "consent": log.consent,
            "forum": forum, "meeting": meeting, "request": request, "handover": handover,
            "other_worry": other_worry, "school": school}

"""The access rules for worries, relay logs and forum requests (childplans.rules, ADR 0023), stated
as tables and proved row by row: the unit's team, forum members with and without consent, after a
handover, after a withdrawal, in an emergency."""

from datetime import date

import pytest

from tillsammans.childplans import rules
from tillsammans.childplans import services as child_services
from tillsammans.childplans.models import LegalGround
from tillsammans.core.access import Actor
from tillsammans.core.identity import fictional_number
from tillsammans.pathway import services, services_forum, services_handover
from tillsammans.pathway.tests.conftest import named_request, open_log
from tillsammans.testing.sip import actor_for


def _withdraw_log_consent(story):
    log = story["worry"].relay_log
    services.consent_withdraw(actor=actor_for(story["teacher"]), consent=log.consent, guardian=story["father"],
                              units=[log.unit])


def _handover(story, confirm: bool):
    log = story["worry"].relay_log
    handover = services_handover.handover_offer(
        actor=actor_for(story["teacher"]), log=log, to_unit=story["world"]["preschool_b"],
        recipient=story["school"], guardians=[story["mother"], story["father"]], categories=story["categories"])
    if confirm:
        services_handover.handover_confirm(actor=actor_for(story["school"]), handover=handover)


def _emergency(story):
    """The child has a SIP (opened by the forum); an outsider declares an emergency for it."""
    request = named_request(story)
    services_forum.request_decide(actor=actor_for(story["convener"]), request=request, decision="sip",
                                  reason="Behov av samordning mellan BVC och socialtjänst.", lead=story["sip_lead"])
    child_services.emergency_open(actor=actor_for(story["outsider"]),
                                  personal_number=story["worry"].child.personal_number,
                                  legal_ground=LegalGround.EMERGENCY,
                                  reason="Barnet är akut sjukt och vi behöver veta vilka åtgärder som pågår.")


SITUATIONS = {
    "worry only": lambda s: None,
    "log with consent": open_log,
    "log, consent withdrawn": lambda s: (open_log(s), _withdraw_log_consent(s)),
    "handover waiting": lambda s: (open_log(s), _handover(s, confirm=False)),
    "handover confirmed": lambda s: (open_log(s), _handover(s, confirm=True)),
    "emergency": lambda s: (open_log(s), _emergency(s)),
}

# who, situation, basis for the worry and its relay log
WORRY_TABLE = [
    ("teacher", "worry only", "author"),
    ("colleague", "worry only", None),
    ("manager", "worry only", None),
    ("nurse", "worry only", None),
    ("teacher", "log with consent", "team"),
    ("colleague", "log with consent", "team"),
    ("unnamed", "log with consent", None),
    ("nurse", "log with consent", None),
    ("auditor", "log with consent", None),
    ("colleague", "log, consent withdrawn", None),
    ("teacher", "log, consent withdrawn", "author"),
    ("school", "handover waiting", "recipient"),
    ("teacher", "handover waiting", "team"),
    ("outsider", "handover waiting", None),
    ("teacher", "handover confirmed", None),
    ("colleague", "handover confirmed", None),
    ("school", "handover confirmed", "team"),
    ("outsider", "handover confirmed", None),
    ("outsider", "emergency", "emergency"),
    ("school", "emergency", None),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "situation", "basis"), WORRY_TABLE)
def test_worry_and_relay_log_table(story, who, situation, basis):
    SITUATIONS[situation](story)
    actor = actor_for(story[who])
    worry = story["worry"]
    worry.refresh_from_db()
    assert rules.worry_basis(actor, worry) == basis
    assert (worry.pk in rules.visible_worry_ids(actor)) is (basis is not None)
    assert [w.access_basis for w in rules.visible_worries(actor).filter(pk=worry.pk)] == ([basis] if basis else [])


def _anonymous(story):
    open_log(story)
    return services_forum.request_submit(actor=actor_for(story["teacher"]), worry=story["worry"],
                                         forum=story["forum"], question="Hur kan vi stödja ett barn som slutat äta?")


def _named(story):
    open_log(story)
    return named_request(story)


def _forum_consent_withdrawn_for_bvc(story):
    request = _named(story)
    services.consent_withdraw(actor=actor_for(story["teacher"]), consent=request.consent, guardian=story["mother"],
                              units=[story["world"]["bvc_a"]])
    return request


def _named_then_handed_over(story):
    request = _named(story)
    _handover(story, confirm=True)
    return request


def _named_emergency(story):
    request = _named(story)
    services_forum.request_decide(actor=actor_for(story["convener"]), request=request, decision="sip",
                                  reason="Behov av samordning mellan BVC och socialtjänst.", lead=story["sip_lead"])
    child_services.emergency_open(actor=actor_for(story["outsider"]),
                                  personal_number=story["worry"].child.personal_number,
                                  legal_ground=LegalGround.EMERGENCY,
                                  reason="Barnet är akut sjukt och vi behöver veta vilka åtgärder som pågår.")
    return request


REQUESTS = {"anonymous": _anonymous, "named": _named, "withdrawn for BVC": _forum_consent_withdrawn_for_bvc,
            "after handover": _named_then_handed_over, "emergency": _named_emergency}

# who, request, basis for the request to the forum
REQUEST_TABLE = [
    ("nurse", "named", "forum"),
    ("social", "named", "forum"),
    ("convener", "named", "forum"),
    ("manager", "named", "forum"),
    ("nurse", "anonymous", "anonymous"),
    ("convener", "anonymous", "anonymous"),
    ("teacher", "anonymous", "team"),
    ("teacher", "named", "team"),
    ("colleague", "named", "team"),
    ("unnamed", "named", None),
    ("outsider", "named", None),
    ("auditor", "named", None),
    ("sip_lead", "named", None),
    ("nurse", "withdrawn for BVC", "anonymous"),
    ("social", "withdrawn for BVC", "forum"),
    ("teacher", "after handover", None),
    ("school", "after handover", "team"),
    ("nurse", "after handover", "forum"),
    ("outsider", "emergency", "emergency"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "kind", "basis"), REQUEST_TABLE)
def test_forum_request_table(story, who, kind, basis):
    request = REQUESTS[kind](story)
    request.refresh_from_db()
    assert rules.request_basis(actor_for(story[who]), request) == basis


@pytest.mark.django_db
def test_nobody_outside_a_membership_or_unverified_sees_anything(story):
    open_log(story)
    teacher = story["teacher"]
    unverified = Actor(user=teacher.user, membership=teacher, verified=False)
    assert rules.worry_basis(unverified, story["worry"]) is None
    assert rules.worry_basis(Actor(user=teacher.user, verified=True), story["worry"]) is None
    assert rules.visible_worry_ids(unverified) == set()


@pytest.mark.django_db
def test_a_young_persons_own_consent_counts_from_15(world):
    from tillsammans.accounts.roles import Role
    from tillsammans.childplans.categories import ensure_categories
    from tillsammans.testing.factories import MembershipFactory

    counsellor = MembershipFactory(role=Role.STAFF, unit=world["preschool_a"])
    actor = actor_for(counsellor)
    worry = services.worry_record(actor=actor, personal_number=fictional_number(date(2009, 1, 5), 4),
                                  first_name="Unga", last_name="Provsson", seen_heard="Frånvarande i tre veckor.",
                                  childs_view="Jag vill prata med någon på skolan, inte hemma.")
    colleague = MembershipFactory(role=Role.STAFF, unit=world["preschool_a"])
    services.relay_log_open(actor=actor, worry=worry, given_by="young_person", categories=ensure_categories(),
                            child_view="Vill ha stöd i skolan.", child_heard_how="Samtal med kuratorn",
                            team=[colleague])
    assert rules.worry_basis(actor_for(colleague), worry) == "team"

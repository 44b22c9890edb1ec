"""The access rules for child data, stated as a table and proved row by row."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tillsammans.childplans import rules, services
from tillsammans.childplans.models import Consent, LegalGround
from tillsammans.core.models import AccessEvent
from tillsammans.testing.sip import actor_for

# who, situation, may see the plan
TABLE = [
    ("lead", "consent valid", True),
    ("nurse", "consent valid", True),
    ("social", "consent valid", True),
    ("outsider", "consent valid", False),
    ("admin", "consent valid", False),
    ("auditor", "consent valid", False),
    ("nurse", "nurse's unit withdrawn by one guardian", False),
    ("social", "nurse's unit withdrawn by one guardian", True),
    ("nurse", "consent past its end date", False),
    ("social", "consent past its end date", False),
    ("lead", "consent past its end date", True),
    ("nurse", "participant removed", False),
]


def arrange(sip, situation):
    lead = actor_for(sip["lead"])
    if situation == "nurse's unit withdrawn by one guardian":
        services.consent_withdraw(actor=lead, consent=sip["consent"], guardian=sip["father"],
                                  units=[sip["nurse"].unit])
    elif situation == "consent past its end date":
        Consent.objects.filter(pk=sip["consent"].pk).update(
            valid_from=timezone.localdate() - timedelta(days=400),
            valid_to=timezone.localdate() - timedelta(days=1))
    elif situation == "participant removed":
        participant = sip["plan"].participants.get(membership=sip["nurse"])
        services.participant_remove(actor=lead, participant=participant)


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "situation", "may_see"), TABLE)
def test_access_table(sip, who, situation, may_see):
    arrange(sip, situation)
    actor = actor_for(sip[who])
    plan = sip["plan"]
    assert (rules.access_basis(actor, plan) is not None) is may_see
    assert (plan.pk in rules.visible_plan_ids(actor)) is may_see  # the rule compiled once a day (lists)
    assert (plan.pk in set(rules.visible_plans(actor).values_list("pk", flat=True))) is may_see  # built now


@pytest.mark.django_db
def test_withdrawal_ends_access_at_once_and_tells_every_participant(sip, django_capture_on_commit_callbacks):
    nurse = actor_for(sip["nurse"])
    assert rules.access_basis(nurse, sip["plan"]) == "participant"
    with django_capture_on_commit_callbacks(execute=True):
        services.consent_withdraw(actor=actor_for(sip["lead"]), consent=sip["consent"],
                                  guardian=sip["mother"], units=[sip["nurse"].unit])
    assert rules.access_basis(nurse, sip["plan"]) is None
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.count() == 3  # one message per participant (lead, nurse, social)
    assert sip["consent"].grants.filter(withdrawn_at__isnull=False).count() == 1  # history kept


@pytest.mark.django_db
def test_withdrawing_every_unit_marks_the_plan(sip):
    services.consent_withdraw(actor=actor_for(sip["lead"]), consent=sip["consent"],
                              guardian=sip["mother"], units=[sip["nurse"].unit, sip["social"].unit])
    sip["plan"].refresh_from_db()
    assert sip["plan"].status == "consent_withdrawn"


@pytest.mark.django_db
def test_joint_custody_needs_both_guardians(sip, world):
    lead = actor_for(sip["lead"])
    from tillsammans.testing.factories import MembershipFactory

    bup = MembershipFactory(unit=world["care"].units.first() or world["bvc_a"])
    consent = services.consent_record(actor=lead, plan=sip["plan"], receiving_units=[world["preschool_b"]],
                                      categories=sip["consent"].categories.all(),
                                      guardians=[sip["mother"]])
    outsider = actor_for(sip["outsider"])
    services.participant_add(actor=lead, plan=sip["plan"], membership=sip["outsider"])
    assert rules.access_basis(outsider, sip["plan"]) is None  # only one of two custodians
    from tillsammans.childplans.models import ConsentGrant

    ConsentGrant.objects.create(consent=consent, guardian=sip["father"], unit=world["preschool_b"])
    assert rules.access_basis(outsider, sip["plan"]) == "participant"
    assert bup.pk


@pytest.mark.django_db
def test_emergency_access_is_logged_flagged_and_expires(sip):
    outsider = actor_for(sip["outsider"])
    plan = services.emergency_open(actor=outsider, personal_number=sip["number"],
                                   legal_ground=LegalGround.EMERGENCY,
                                   reason="Barnet är akut sjukt; vi behöver veta vilka insatser som pågår.")
    assert plan == sip["plan"]
    assert rules.access_basis(outsider, plan) == "emergency"
    event = AccessEvent.objects.filter(person_id=str(plan.child.pk)).order_by("-seq").first()
    assert event.detail["emergency"] is True and event.purpose == LegalGround.EMERGENCY
    later = timezone.now() + timedelta(hours=5)
    assert rules.access_basis(outsider, plan, now=later) is None
    assert plan.pk not in rules.visible_plan_ids(outsider, now=later)
    assert plan.pk in rules.visible_plan_ids(outsider) and plan.pk in rules.visible_plans(outsider).values_list(
        "pk", flat=True) and not rules.visible_plans(outsider, now=later).exists()


@pytest.mark.django_db
def test_emergency_needs_a_ground_and_a_reason(sip):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.emergency_open(actor=actor_for(sip["outsider"]), personal_number=sip["number"],
                                legal_ground="", reason="kort")
    assert set(error.value.message_dict) == {"legal_ground", "reason"}


@pytest.mark.django_db
def test_a_consent_must_name_its_receiving_units(sip):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.consent_record(actor=actor_for(sip["lead"]), plan=sip["plan"], receiving_units=[],
                                categories=sip["consent"].categories.all(), guardians=[sip["mother"]])
    assert "receiving_units" in error.value.message_dict


@pytest.mark.django_db
def test_a_plan_cannot_be_activated_without_an_overall_responsible_principal(sip, world):
    from django.core.exceptions import ValidationError

    lead = actor_for(sip["lead"])
    with pytest.raises(ValidationError) as error:
        services.plan_update(actor=lead, plan=sip["plan"], status="invited")
    assert "lead_principal" in error.value.message_dict
    sip["plan"].refresh_from_db()
    assert sip["plan"].status == "preparing"
    services.plan_update(actor=lead, plan=sip["plan"], status="invited", lead_principal=world["municipality"])
    assert sip["plan"].status == "invited"


@pytest.mark.django_db
def test_a_young_persons_own_view_is_required_from_15(world):
    from datetime import date

    from django.core.exceptions import ValidationError

    from tillsammans.accounts.roles import Role
    from tillsammans.childplans.categories import ensure_categories
    from tillsammans.core.identity import fictional_number
    from tillsammans.testing.factories import MembershipFactory

    lead = actor_for(MembershipFactory(role=Role.SIP_LEAD, unit=world["preschool_a"]))
    plan = services.plan_start(actor=lead, personal_number=fictional_number(date(2009, 1, 1), 5),
                               first_name="Tova", last_name="Tonårsson").plan
    guardian = services.guardian_add(actor=lead, plan=plan, name="Vårdnadshavare")
    kwargs = {"actor": lead, "plan": plan, "receiving_units": [world["bvc_a"]],
              "categories": ensure_categories(), "guardians": [guardian]}
    with pytest.raises(ValidationError) as error:
        services.consent_record(**kwargs)
    assert "child_view" in error.value.message_dict
    services.consent_record(**kwargs, child_view="Tova vill att BVC och skolan samarbetar.")

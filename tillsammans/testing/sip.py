"""Fixtures for child-plan tests: a plan with consent, participants and outsiders."""

from datetime import date

import pytest

from tillsammans.accounts.roles import Role
from tillsammans.childplans import services
from tillsammans.childplans.categories import ensure_categories
from tillsammans.core.access import Actor
from tillsammans.core.identity import fictional_number
from tillsammans.testing.factories import MembershipFactory, totp_device


def actor_for(membership):
    totp_device(membership.user) if not membership.user.totpdevice_set.exists() else None
    return Actor(user=membership.user, membership=membership, verified=True,
                 client_ip="127.0.0.1", request_id="test")


@pytest.fixture
def sip(world):
    """A plan led from preschool A, consent from both guardians for BVC Norra and social services."""
    lead = MembershipFactory(role=Role.SIP_LEAD, unit=world["preschool_a"], function="Specialpedagog")
    nurse = MembershipFactory(role=Role.STAFF, unit=world["bvc_a"], function="BVC-sjuksköterska")
    social = MembershipFactory(role=Role.STAFF, unit=world["social_office"], function="Socialsekreterare")
    outsider = MembershipFactory(role=Role.STAFF, unit=world["preschool_b"])
    admin = MembershipFactory(role=Role.SYSTEM_ADMIN, unit=world["social_office"])
    auditor = MembershipFactory(role=Role.AUDITOR, unit=world["social_office"])
    lead_actor = actor_for(lead)
    number = fictional_number(date(2016, 4, 12), 1)
    plan = services.plan_start(actor=lead_actor, personal_number=number, first_name="Ella",
                               last_name="Testberg", reason="Behöver stöd från BVC och socialtjänst").plan
    mother = services.guardian_add(actor=lead_actor, plan=plan, name="Vårdnadshavare Ett")
    father = services.guardian_add(actor=lead_actor, plan=plan, name="Vårdnadshavare Två")
    consent = services.consent_record(
        actor=lead_actor, plan=plan, receiving_units=[world["bvc_a"], world["social_office"]],
        categories=ensure_categories(), guardians=[mother, father])
    for member in (nurse, social):
        services.participant_add(actor=lead_actor, plan=plan, membership=member)
    return {"plan": plan, "lead": lead, "nurse": nurse, "social": social, "outsider": outsider,
            "admin": admin, "auditor": auditor, "consent": consent, "mother": mother,
            "father": father, "number": number}


def run_queued_tasks():
    """Run every queued background task in this process (tests): a retry must never send twice."""
    from django_tasks_db.models import DBTaskResult

    for result in DBTaskResult.objects.all():
        result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])

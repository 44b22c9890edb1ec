"""Who reaches what through the family's door: only one's own children's plans (nothing that tells
another plan exists), never a staff page; protected details never reach the other guardian; the
family's log view is the log review's extract; idle sessions end; many attempts are stopped."""

import time
from datetime import date

import pytest
from django.test import Client

from tillsammans.core.identity import fictional_number
from tillsammans.family.subject import LAST_SEEN_KEY
from tillsammans.testing.clients import client_for
from tillsammans.testing.family import e_id_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_family(world, test_idp):
    """Another child's plan, with a guardian who logs in."""
    from tillsammans.accounts.roles import Role
    from tillsammans.childplans import services
    from tillsammans.testing.factories import MembershipFactory
    from tillsammans.testing.sip import actor_for

    lead = MembershipFactory(role=Role.SIP_LEAD, unit=world["preschool_b"])
    plan = services.plan_start(actor=actor_for(lead), personal_number=fictional_number(date(2017, 3, 3), 8),
                               first_name="Olle", last_name="Annanberg").plan
    number = fictional_number(date(1990, 4, 4), 9)
    services.guardian_add(actor=actor_for(lead), plan=plan, name="Annan Förälder", personal_number=number)
    client = Client()
    e_id_login(client, number)
    return {"plan": plan, "client": client}


def test_a_guardian_sees_only_their_own_childrens_plans(family, mother_client, other_family):
    home = mother_client.get("/familj/").content.decode()
    assert "Ella Testberg" in home and "Olle" not in home
    own, other = family["plan"].pk, other_family["plan"].pk
    assert mother_client.get(f"/familj/plan/{own}/").status_code == 200
    for path in ("", "logg/", "samtycke/", "pdf/", "mabra/", "egna-ord/", "samtycke/nytt/"):
        hidden = mother_client.get(f"/familj/plan/{other}/{path}")
        missing = mother_client.get(f"/familj/plan/987654/{path}")
        assert hidden.status_code == missing.status_code == 404  # nothing tells that the plan exists
        assert hidden.content == missing.content
    assert other_family["client"].get(f"/familj/plan/{own}/").status_code == 404


def test_family_members_reach_no_staff_page_and_staff_reach_no_family_page(family, mother_client):
    for path in ("/", "/planer/", f"/planer/{family['plan'].pk}/", "/konto/roll/", "/loggkontroll/"):
        response = mother_client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/"), path
    lead = client_for(family["lead"])
    assert lead.get("/familj/").status_code == 403
    assert lead.get(f"/familj/plan/{family['plan'].pk}/").status_code == 403


def test_protected_details_never_reach_the_other_guardian(family, mother_client, father_client):
    mother, father = family["mother"], family["father"]
    mother.name, mother.protected_identity = "Maria Gömd", True
    mother.phone, mother.email, mother.street = "070-1112233", "maria@example.org", "Hemliga vägen 1"
    mother.save()
    father.name, father.phone = "Jonas Synlig", "070-9998877"
    father.save()
    plan = family["plan"].pk
    for path in ("", "samtycke/", "logg/", "pdf/"):
        body = father_client.get(f"/familj/plan/{plan}/{path}").content
        text = body.decode("latin-1") if path == "pdf/" else body.decode()
        for secret in ("Maria", "Gömd", "070-1112233", "maria@example.org", "Hemliga", mother.personal_number):
            assert secret not in text, (path, secret)
    consent_page = father_client.get(f"/familj/plan/{plan}/samtycke/").content.decode()
    assert "Skyddad identitet" in consent_page
    # The mother sees the father's name (he is not protected), never his contact details.
    mine = mother_client.get(f"/familj/plan/{plan}/samtycke/").content.decode()
    assert "Jonas Synlig" in mine and "070-9998877" not in mine


def test_the_familys_log_view_equals_the_log_reviews_extract(family, mother_client, auditor_client,
                                                             django_capture_on_commit_callbacks):
    from tillsammans.childplans.extract import visits
    from tillsammans.childplans.models import LegalGround
    from tillsammans.childplans.services import emergency_open
    from tillsammans.logreview.selectors import extract_for_child
    from tillsammans.testing.factories import MembershipFactory
    from tillsammans.testing.sip import actor_for

    plan = family["plan"]
    client_for(family["nurse"]).get(f"/planer/{plan.pk}/")
    client_for(family["lead"]).get(f"/planer/{plan.pk}/")
    outsider = MembershipFactory(role="staff", unit=family["outsider"].unit)
    with django_capture_on_commit_callbacks(execute=True):
        emergency_open(actor=actor_for(outsider), personal_number=family["number"],
                       legal_ground=LegalGround.EMERGENCY, reason="Akut läge, måste se insatserna nu.")
    client_for(outsider).get(f"/planer/{plan.pk}/")
    page = mother_client.get(f"/familj/plan/{plan.pk}/logg/")
    rows = page.context["rows"]
    expected = visits(extract_for_child(plan.child))
    key = [(r.when, r.unit_label, r.role, r.action_labels, r.emergency, r.legal_ground) for r in rows]
    assert key == [(v.when, v.unit_label, v.role, v.action_labels, v.emergency, v.legal_ground) for v in expected]
    assert any(r.emergency and r.legal_ground == LegalGround.EMERGENCY for r in rows)
    text = page.content.decode()
    assert "Nödåtkomst" in text and str(LegalGround.EMERGENCY.label) in text
    assert "BVC Norra" in text
    # The auditor's extract for the same child names the same visits.
    response = auditor_client.post("/loggkontroll/utdrag/", {"personal_number": family["number"]})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_an_idle_family_session_ends(family, mother_client):
    session = mother_client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 11 * 60
    session.save()
    response = mother_client.get("/familj/")
    assert response.status_code == 302 and response["Location"].startswith("/familj/logga-in/")
    page = mother_client.get(response["Location"]).content.decode()
    assert "Du loggades ut eftersom du inte gjort något på en stund." in page


def test_login_attempts_are_rate_limited(settings, family, test_idp):
    from django.core.cache import cache

    cache.clear()
    settings.FAMILY_LOGIN_RATE_PER_HOUR = 2
    client = Client()
    assert client.get("/familj/e-legitimation/").status_code == 302
    assert client.get("/familj/e-legitimation/").status_code == 302
    limited = client.get("/familj/e-legitimation/")
    assert limited.status_code == 429 and "Vänta en stund" in limited.content.decode()
    cache.clear()


def test_the_portal_speaks_arabic_right_to_left_and_somali(family, mother_client):
    mother_client.post("/familj/sprak/", {"language": "ar", "next": "/familj/"})
    page = mother_client.get(f"/familj/plan/{family['plan'].pk}/").content.decode()
    assert 'lang="ar" dir="rtl"' in page and "خطة" in page
    mother_client.post("/familj/sprak/", {"language": "so", "next": "/familj/"})
    page = mother_client.get(f"/familj/plan/{family['plan'].pk}/samtycke/").content.decode()
    assert 'lang="so" dir="ltr"' in page and "Oggolaansho" in page
    # Staff pages stay Swedish whatever the family chose in the same browser.
    assert 'lang="sv"' in Client().get("/konto/logga-in/").content.decode()

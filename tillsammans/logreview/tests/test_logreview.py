"""Loggkontroll: only auditors; flags find what they should; reviews documented; the family's
extract is a real, tagged PDF that names units and roles, not staff."""

import subprocess
from datetime import datetime, timedelta

import pikepdf
import pytest
from django.urls import reverse
from django.utils import timezone

from tillsammans.childplans import services
from tillsammans.childplans.models import LegalGround
from tillsammans.core.models import AccessEvent, AuditAction
from tillsammans.logreview import describe, selectors
from tillsammans.logreview.models import LogReview
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("auditor", 200), ("lead", 403), ("nurse", 403), ("admin", 403)])
def test_only_auditors_review_the_log(sip, who, status):
    client = client_for(sip[who])
    for name in ("logreview:review", "logreview:review_add", "logreview:extract"):
        assert client.get(reverse(name)).status_code == status


@pytest.mark.django_db
def test_auditor_sees_events_but_not_the_plan(sip):
    client = client_for(sip["auditor"])
    response = client.get(reverse("logreview:review"), {"personal_number": sip["number"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Samordnad individuell plan nr {sip['plan'].pk} (barn nr {sip['plan'].child.pk})" in html
    assert "Ella" not in html
    assert client.get(reverse("childplans:plan", args=[sip["plan"].pk])).status_code == 403


@pytest.mark.django_db
def test_emergency_and_protected_identity_flags(sip):
    outsider = actor_for(sip["outsider"])
    services.emergency_open(actor=outsider, personal_number=sip["number"], legal_ground=LegalGround.EMERGENCY,
                            reason="Akut läge, behöver se pågående insatser direkt.")
    emergency = list(selectors.events_for_review(selectors.Filters(flag="emergency")))
    assert [e.user_id for e in emergency] == [sip["outsider"].user_id]
    assert selectors.flag_rows(emergency)[0].flags[0] == "emergency"
    assert list(selectors.events_for_review(selectors.Filters(flag="protected"))) == []
    described = describe.describe(emergency)[0]
    assert described.purpose_label == "Nödsituation – fara för barnets liv eller hälsa"
    assert described.object_label.startswith("Nödåtkomst nr")  # the grant is its own object
    assert "emergency" not in described.purpose_label + described.object_label
    child = sip["plan"].child
    child.protected_identity = True
    child.save()
    assert selectors.events_for_review(selectors.Filters(flag="protected")).count() >= 1


@pytest.mark.django_db
def test_night_and_many_children_flags(sip, monkeypatch):
    from tillsammans.core import audit

    night = timezone.make_aware(datetime(2026, 11, 18, 23, 30))
    monkeypatch.setattr(audit.timezone, "now", lambda: night)
    lead = actor_for(sip["lead"])
    for child_id in range(100, 112):
        audit.record(lead, AuditAction.READ, object_type="childplans.coordinatedplan",
                     object_id=child_id, person=("child", child_id))
    rows = selectors.events_for_review(selectors.Filters(flag="night", date_from=night.date(),
                                                         date_to=night.date()))
    assert rows.count() == 12
    noon = selectors.Filters(flag="night", date_from=night.date(), date_to=night.date(), user="ingen")
    assert selectors.events_for_review(noon).count() == 0
    many = selectors.events_for_review(selectors.Filters(flag="many"))
    assert many.count() == 12
    assert set(selectors.flag_rows(list(many))[0].flags) >= {"night", "many"}
    day = selectors.events_for_review(selectors.Filters(date_from=night.date() + timedelta(days=1)))
    assert not day.filter(user_id=sip["lead"].user_id, object_id="100").exists()


@pytest.mark.django_db
def test_a_review_is_documented_and_reading_the_log_is_logged(sip):
    client = client_for(sip["auditor"])
    before = AccessEvent.objects.filter(object_type="core.accessevent").count()
    client.get(reverse("logreview:review"), {"flag": "emergency"})
    assert AccessEvent.objects.filter(object_type="core.accessevent").count() == before + 1
    bad = client.post(reverse("logreview:review_add"), {"period_from": "2026-11-01", "period_to": "2026-10-01",
                                                        "scope": "Alla nödåtkomster", "conclusion": "Inga fel"})
    assert bad.status_code == 200 and LogReview.objects.count() == 0
    response = client.post(reverse("logreview:review_add"), {
        "period_from": "2026-10-01", "period_to": "2026-10-31", "scope": "Alla nödåtkomster och nattöppningar",
        "conclusion": "Två nödåtkomster, båda med godtagbar grund."})
    assert response.status_code == 302
    assert LogReview.objects.get().reviewer == sip["auditor"]


@pytest.mark.django_db
def test_extract_for_a_guardian_is_a_tagged_swedish_pdf(sip, tmp_path):
    client_for(sip["nurse"]).get(reverse("childplans:plan", args=[sip["plan"].pk]))
    response = client_for(sip["auditor"]).post(reverse("logreview:extract"), {"personal_number": sip["number"]})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "utdrag.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Utdrag ur åtkomstloggen" in text
    assert "BVC Norra" in text and "Medarbetare" in text
    assert sip["nurse"].user.last_name not in text  # staff names are not disclosed
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "sv"
        tags = set()

        def walk(node):
            if isinstance(node, pikepdf.Dictionary) and "/S" in node:
                tags.add(str(node.S))
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if isinstance(kids, pikepdf.Array):
                for kid in kids:
                    walk(kid)
            elif isinstance(kids, pikepdf.Dictionary):
                walk(kids)

        walk(pdf.Root.StructTreeRoot)
        assert "/TH" in tags and "/Table" in tags
    export = AccessEvent.objects.get(action=AuditAction.EXPORT)
    assert export.person_id == str(sip["plan"].child.pk)


@pytest.mark.django_db
def test_the_log_speaks_swedish_not_codes(sip):
    """Roles, legal grounds and objects in words: no "sip_lead", "emergency" or "childplans.coordinatedplan"."""
    services.emergency_open(actor=actor_for(sip["outsider"]), personal_number=sip["number"],
                            legal_ground=LegalGround.EMERGENCY, reason="Akut läge, behöver se insatser nu.")
    html = client_for(sip["auditor"]).get(reverse("logreview:review")).content.decode()
    table = html[html.index("<tbody>"):html.index("</tbody>")]
    for code in ("sip_lead", "auditor", "staff", "emergency", "childplans.", "core.", "system:"):
        assert code not in table, code
    assert "SIP-samordnare" in table or "Medarbetare" in table

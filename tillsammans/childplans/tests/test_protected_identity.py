"""Protected identity is a property of every output: each output that can show a child or a
guardian, rendered for a protected child (and for a protected guardian) to every role, holds no
name, surname, number or address for the roles that may not see them (docs/adr/0008)."""

import re
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tillsammans.childplans import meeting_records, meetings, services
from tillsammans.childplans.models import LegalGround
from tillsammans.core import identity
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for, run_queued_tasks

ROLES = ("lead", "nurse", "social", "emergency", "outsider", "admin", "auditor")
STREET = "Gömda gatan 7"


def _pdf_text(content: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def protected(sip, world, django_capture_on_commit_callbacks):
    """The sip plan with a protected child, guardians with surnames and addresses, an emergency
    access by an outside nurse, a meeting (e-mails with .ics) and a withdrawal (e-mails)."""
    from tillsammans.accounts.roles import Role
    from tillsammans.testing.factories import MembershipFactory

    child = sip["plan"].child
    child.protected_identity, child.street, child.postal_code, child.city = True, STREET, "12345", "Västlunda"
    child.save()
    for guardian, name in ((sip["mother"], "Maria Testberg"), (sip["father"], "Jonas Hemlund")):
        guardian.name, guardian.street, guardian.phone = name, STREET, "070-1234567"
        guardian.email = f"{name.split()[0].lower()}@example.org"
        guardian.save()
    sip["emergency"] = MembershipFactory(role=Role.STAFF, unit=world["bvc_b"] if "bvc_b" in world
                                         else world["preschool_b"])
    lead = actor_for(sip["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        services.emergency_open(actor=actor_for(sip["emergency"]), personal_number=sip["number"],
                                legal_ground=LegalGround.EMERGENCY,
                                reason="Akut läge, behöver se pågående insatser direkt.")
        start = timezone.make_aware(datetime(2026, 12, 3, 13, 0))
        meeting = meetings.schedule(actor=lead, plan=sip["plan"], starts_at=start,
                                    ends_at=start.replace(hour=15), place="Förskolan Ekorren, rum 2")
        services.plan_update(actor=lead, plan=sip["plan"], childs_view="Vill bo kvar.")
        meeting_records.save_record(actor=lead, meeting=meeting, attended=[sip["lead"], sip["nurse"]],
                                    child_attended=True, guardians_attended=[sip["mother"], sip["father"]],
                                    agreed="Stöd i skolan och av BVC.")
        meeting_records.invite_family(actor=lead, meeting=meeting,
                                      keys=[f"guardian-{sip['mother'].pk}", f"guardian-{sip['father'].pk}"])
    run_queued_tasks()
    return sip


def _outputs(sip, who, tmp_path) -> dict[str, tuple[int, str]]:
    """Every output that can show the child or a guardian, as (status, text) for this role."""
    client = client_for(sip[who])
    plan = sip["plan"]
    out = {}
    pages = {
        "plan list": reverse("childplans:plan_list"),
        "plan page": reverse("childplans:plan", args=[plan.pk]),
        "family copy (print)": reverse("childplans:family_copy", args=[plan.pk]),
        "version history": reverse("childplans:history", args=[plan.pk]),
        "consent form": reverse("childplans:consent_add", args=[plan.pk]),
        "withdrawal form": reverse("childplans:consent_withdraw", args=[plan.pk, sip["consent"].pk]),
        "guardian form": reverse("childplans:guardian_add", args=[plan.pk]),
        "log review": reverse("logreview:review"),
    }
    for name, url in pages.items():
        response = client.get(url)
        out[name] = (response.status_code, response.content.decode())
    response = client.get(reverse("childplans:family_copy", args=[plan.pk]), {"format": "pdf"})
    out["family copy (PDF)"] = (response.status_code, _pdf_text(response.content, tmp_path, f"fc-{who}")
                                if response.status_code == 200 else "")
    response = client.post(reverse("logreview:extract"), {"personal_number": sip["number"]})
    out["family's log extract (PDF)"] = (
        response.status_code, _pdf_text(response.content, tmp_path, f"ex-{who}")
        if response.get("Content-Type") == "application/pdf" else response.content.decode())
    return out


def _leaks(text: str, secrets: list[str]) -> list[str]:
    """Secrets found as whole words ("Ella", not the "ella" in "aktuella")."""
    return [s for s in secrets if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text, re.IGNORECASE)]


@pytest.mark.django_db
def test_every_output_for_every_role_hides_a_protected_child(protected, tmp_path, capsys):
    child = protected["plan"].child
    secrets = ["Ella", "Testberg", "Hemlund", "Maria", "Jonas", STREET, "Gömda", "070-1234567",
               "maria@example.org", identity.display(child.personal_number)]
    cells = shown_cells = leaked = 0
    failures = []
    for who in ROLES:
        for output, (status, text) in _outputs(protected, who, tmp_path).items():
            cells += 1
            found = _leaks(text, secrets)
            named_here = who == "lead" and output in ("plan list", "plan page", "consent form",
                                                      "withdrawal form", "guardian form")
            if named_here:
                shown_cells += 1
                # The lead sees names and phone, never the address.
                if output == "plan page":
                    assert "Ella Testberg" in text and "Maria Testberg" in text and "070-1234567" in text
                if STREET in text or "Gömda" in text:
                    failures.append((who, output, status, [STREET]))
            elif found:
                leaked += 1
                failures.append((who, output, status, found))
    mails = [m.body + m.subject + "".join(str(a[1]) for a in m.attachments) for m in mail.outbox]
    assert len(mails) >= 6, "the fixture sends e-mails (meeting, emergency, family invitations)"
    for text in mails:
        cells += 1
        if _leaks(text, secrets):
            failures.append(("mail", "e-mail/.ics", 0, _leaks(text, secrets)))
    with capsys.disabled():
        print(f"\n[protected identity] {cells} output × role cells checked "
              f"({len(ROLES)} roles, {len(mails)} e-mails/.ics), names allowed in {shown_cells} "
              f"(the SIP coordinator's pages), leaks: {len(failures)}")
    assert not failures, failures
    assert leaked == 0


@pytest.mark.django_db
def test_a_guardians_own_protected_identity_hides_only_that_guardian(sip, tmp_path):
    mother = sip["mother"]
    mother.name, mother.protected_identity, mother.phone = "Maria Gömsäter", True, "070-7654321"
    mother.save()
    sip["father"].name = "Jonas Öppen"
    sip["father"].save()
    for who, sees_mother in (("lead", True), ("nurse", False), ("social", False)):
        page = client_for(sip[who]).get(reverse("childplans:plan", args=[sip["plan"].pk])).content.decode()
        assert ("Gömsäter" in page) is sees_mother, who
        assert ("070-7654321" in page) is sees_mother, who
        assert "Jonas Öppen" in page and "Ella Testberg" in page, who
        assert "Skyddad identitet" in page or sees_mother
        family = client_for(sip[who]).get(reverse("childplans:family_copy", args=[sip["plan"].pk]))
        assert "Gömsäter" not in family.content.decode()


@pytest.mark.django_db
def test_guardian_form_sets_protected_identity(sip):
    client = client_for(sip["lead"])
    response = client.post(reverse("childplans:guardian_add", args=[sip["plan"].pk]),
                           {"name": "Sara Skyddsson", "protected_identity": "on"})
    assert response.status_code == 302
    guardian = sip["plan"].child.guardians.get(name="Sara Skyddsson")
    assert guardian.protected_identity
    page = client_for(sip["nurse"]).get(reverse("childplans:plan", args=[sip["plan"].pk])).content.decode()
    assert "Skyddsson" not in page, [line for line in page.splitlines() if "Skyddsson" in line]
    assert page.count("Skyddad identitet") == 1  # the new guardian; the child is not protected


def test_shown_table():
    """The decision table of docs/adr/0008, cell by cell."""
    from types import SimpleNamespace

    child = SimpleNamespace(first_name="Ella", last_name="Testberg", personal_number="201604129806",
                            protected_identity=False, street="Gatan 1", postal_code="12345", city="Stad")
    assert identity.shown(child, basis="participant").name == "Ella Testberg"
    assert identity.shown(child, basis="participant").address.startswith("Gatan 1")
    assert identity.shown(child, basis="participant", output=identity.DOCUMENT).address == ""
    assert identity.shown(child, basis="lead", output=identity.MESSAGE).name == "Barn"
    assert identity.shown(child, basis=None).name == "Barn"
    child.protected_identity = True
    for basis in ("participant", "emergency", None):
        assert identity.shown(child, basis=basis).name == "Skyddad identitet"
    lead = identity.shown(child, basis="lead")
    assert lead.name == "Ella Testberg" and lead.address == ""
    assert identity.shown(child, basis="lead", output=identity.DOCUMENT).name == "Skyddad identitet"
    assert re.fullmatch(r"Skyddad identitet, \d+ år", identity.shown(child, basis="nurse").label)


TEMPLATE_DIRS = [Path(__file__).resolve().parents[2]]
NAME_FIELDS = re.compile(r"(child|guardian|\bg)\.(first_name|last_name|name|street|phone|email)\b")


def test_no_template_reads_a_childs_or_guardians_name_fields():
    offenders = []
    for path in TEMPLATE_DIRS[0].rglob("templates/**/*.html"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if NAME_FIELDS.search(line):
                offenders.append(f"{path.name}:{number}: {line.strip()[:80]}")
    assert offenders == []

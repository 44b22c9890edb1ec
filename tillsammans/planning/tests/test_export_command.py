"""`tillsammans export-plan`: an area's yearly plan or a development project's plan, in every format,
audited; the project's documents carry its period, municipalities, goals and activities."""

import io
import subprocess
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tillsammans.core.models import AccessEvent
from tillsammans.organisations.models import PrincipalKind
from tillsammans.planning import services
from tillsammans.planning.goals import parse_goals
from tillsammans.planning.models import ActionPlan, SubGoal
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture
from tillsammans.testing.factories import PrincipalFactory
from tillsammans.testing.sip import actor_for


@pytest.fixture
def project_plan(plan, world, coordinator_membership):  # noqa: F811
    actor = actor_for(coordinator_membership)
    project_plan = services.project_create(
        actor=actor, name="Delprojekt NPF", agreement=plan.template.agreement, start=date(2025, 1, 1),
        end=date(2026, 12, 31), description="Tidigt och samordnat stöd till barn med NPF-liknande svårigheter.",
        municipalities=[world["municipality"], PrincipalFactory(name="Kommun Två", kind=PrincipalKind.MUNICIPALITY)],
        goals=parse_goals("1 Tidigt stöd till barn med NPF-liknande svårigheter\n"
                          "1.1 Gemensam kartläggning skola–socialtjänst–BUP\n"
                          "1.2 Samordnade insatser i skolan"))
    sub_goal = SubGoal.objects.get(goal_area__template=project_plan.template, number="1.1")
    services.activity_add(actor=actor, plan=project_plan, sub_goal=sub_goal,
                          description="Gemensamt kartläggningsverktyg", responsible_text="Projektledaren",
                          expected_effect="Samma bild av behoven i alla kommuner")
    return project_plan


@pytest.mark.django_db
def test_export_plan_exports_a_project_plan_in_every_format(project_plan, tmp_path, coordinator_client):
    response = coordinator_client.get(reverse("planning:export", args=[project_plan.pk, "xlsx"]))
    assert response["Content-Disposition"] == 'attachment; filename="projektplan-delprojekt-npf.xlsx"'
    files = {}
    for fmt in ("pdf", "docx", "xlsx"):
        files[fmt] = tmp_path / f"projekt.{fmt}"
        call_command("export-plan", "--project", "Delprojekt NPF", "--format", fmt, "--output", str(files[fmt]),
                     stdout=io.StringIO())
    pdf = " ".join(subprocess.run(["pdftotext", str(files["pdf"]), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    docx = Document(str(files["docx"]))
    docx_text = " ".join(" ".join([p.text for p in docx.paragraphs]
                                  + [c.text for t in docx.tables for r in t.rows for c in r.cells]).split())
    for text in ("Projektplan", "Delprojekt NPF", "Period: 1 januari 2025 – 31 december 2026", "Kommun Två",
                 "Projektets syfte", "Tidigt och samordnat stöd",
                 "1 Tidigt stöd till barn med NPF-liknande svårigheter",
                 "1.1 Gemensam kartläggning skola–socialtjänst–BUP", "Gemensamt kartläggningsverktyg",
                 "1.2 Samordnade insatser i skolan", "Inga planerade aktiviteter.", "Budget", "Kontroller"):
        assert text in pdf and text in docx_text, text
    activities = list(load_workbook(files["xlsx"])["Aktiviteter"].iter_rows(min_row=2, values_only=True))
    assert activities[0][:3] == ("1 Tidigt stöd till barn med NPF-liknande svårigheter",
                                 "1.1 Gemensam kartläggning skola–socialtjänst–BUP", "Gemensamt kartläggningsverktyg")
    assert AccessEvent.objects.filter(action="export", object_id=str(project_plan.pk)).count() == 4
    call_command("export-plan", "--project", str(project_plan.project_id), "--format", "xlsx",
                 "--output", str(tmp_path / "by-id.xlsx"), stdout=io.StringIO())
    assert (tmp_path / "by-id.xlsx").read_bytes()[:2] == b"PK"


@pytest.mark.django_db
def test_export_plan_command_for_an_area_its_errors_and_access(plan, world, tmp_path, staff_client):  # noqa: F811
    output = tmp_path / "plan.xlsx"
    call_command("export-plan", "--area", "Norra", "--year", "2024", "--format", "xlsx", "--output", str(output),
                 stdout=io.StringIO())
    assert output.stat().st_size > 1000
    assert AccessEvent.objects.filter(action="export", object_id=str(plan.pk)).exists()
    with pytest.raises(CommandError, match="Ingen handlingsplan för Norra 2031"):
        call_command("export-plan", "--area", "Norra", "--year", "2031", "--format", "pdf", "--output", str(output))
    with pytest.raises(CommandError, match="--year"):
        call_command("export-plan", "--area", "Norra", "--format", "pdf", "--output", str(output))
    with pytest.raises(CommandError, match="Inget utvecklingsprojekt"):
        call_command("export-plan", "--project", "Finns inte", "--format", "pdf", "--output", str(output))
    assert staff_client.get(reverse("planning:export", args=[plan.pk, "pdf"])).status_code == 403


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_has_a_development_project_to_export(tmp_path):
    call_command("demo-data", stdout=io.StringIO())
    project_plan = ActionPlan.objects.get(project__isnull=False)
    assert project_plan.activities.count() == 3 and project_plan.project.lead.user.username == "processledare"
    output = tmp_path / "projekt.docx"
    call_command("export-plan", "--project", project_plan.project.name, "--format", "docx", "--output", str(output),
                 stdout=io.StringIO())
    text = " ".join(p.text for p in Document(str(output)).paragraphs)
    assert "Projektplan" in text and "Projektets syfte" in text and "Ekmora kommun" in text

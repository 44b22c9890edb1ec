"""Exports read back: PDF (pdftotext, pdfinfo, pikepdf), DOCX (python-docx), XLSX (openpyxl)."""

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
from django.core.management import call_command
from django.urls import reverse

from tillsammans.core.access import Actor
from tillsammans.planning import seed, services
from tillsammans.planning.models import SubGoal
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture

ARTEFACTS = Path(__file__).resolve().parents[3] / "var" / "test-artefacts"


@pytest.fixture
def full_plan(plan, world):  # noqa: F811
    actor = Actor.for_system("test")
    for sub_goal in SubGoal.objects.filter(goal_area__template=plan.template):
        activity = services.activity_add(actor=actor, plan=plan, sub_goal=sub_goal,
                                         description=f"Aktivitet {sub_goal.number}", target_group="Föräldrar",
                                         responsible_text="Koordinatorerna",
                                         expected_effect=f"Effekt {sub_goal.number}")
        activity.responsible_units.set([world["social_office"]])
    return plan


def _structure_tags(pdf):
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
    return tags


@pytest.mark.django_db
def test_pdf_docx_and_xlsx_contain_every_sub_goal_activity_and_total(full_plan, coordinator_client, tmp_path):
    numbers = list(SubGoal.objects.filter(goal_area__template=full_plan.template).values_list("number", flat=True))
    pdf = coordinator_client.get(reverse("planning:export", args=[full_plan.pk, "pdf"]))
    assert pdf.status_code == 200
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    for number in numbers:
        assert f"Aktivitet {number}" in text and f"Effekt {number}" in text
    for total in ("1553", "2283", "360", "4196"):
        assert total in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info and "Handlingsplan 2024" in info
    with pikepdf.open(path) as document:
        assert str(document.Root.Lang) == "sv"
        assert {"/TH", "/Table", "/H1"} <= _structure_tags(document)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "3", "-l", "3", str(path), str(ARTEFACTS / "plan-page")],
                   check=True)
    assert list(ARTEFACTS.glob("plan-page*.png"))

    from docx import Document

    docx = Document(io.BytesIO(coordinator_client.get(reverse("planning:export", args=[full_plan.pk, "docx"])).content))
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert "Målsättningar och planerade insatser" in headings and "Budget (tkr)" in headings
    cells = [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    assert len(docx.tables) == 4
    for number in numbers:
        assert f"Aktivitet {number}" in " ".join(cells)
    assert "4196" in cells and "1553" in cells

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(coordinator_client.get(
        reverse("planning:export", args=[full_plan.pk, "xlsx"])).content))
    activities = list(workbook["Aktiviteter"].iter_rows(min_row=2, values_only=True))
    assert len(activities) == 10
    budget = list(workbook["Budget"].iter_rows(values_only=True))
    assert budget[-1] == ("Summa", *seed.TOTALS.values(), 4196)


@pytest.mark.django_db
def test_export_plan_command_and_access(full_plan, world, tmp_path, staff_client):
    output = tmp_path / "plan.xlsx"
    call_command("export-plan", "--area", "Norra", "--year", "2024", "--format", "xlsx", "--output", str(output))
    assert output.stat().st_size > 1000
    assert staff_client.get(reverse("planning:export", args=[full_plan.pk, "pdf"])).status_code == 403


@pytest.mark.django_db
def test_yearly_follow_up_report(full_plan, coordinator_client, tmp_path):
    activity = full_plan.activities.get(sub_goal__number="7.2.1")
    activity.status, activity.outcome = "done", "Tre föräldragrupper med 24 deltagare."
    activity.save()
    response = coordinator_client.get(reverse("planning:export", args=[full_plan.pk, "uppfoljning.pdf"]))
    assert response.status_code == 200
    path = tmp_path / "uppfoljning.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Tre föräldragrupper med 24 deltagare." in text and "Klar 1" in text and "Ej påbörjad 9" in text

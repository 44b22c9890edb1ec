"""Exports read back: the PDF (pdftotext, pdfinfo, pikepdf) and the DOCX (python-docx) carry the same
document, every heading, table cell and total of it; the DOCX is A4, Swedish, with heading styles
and repeating header rows; the XLSX has its totals as formulas and prints A4 landscape."""

import io
import re
import subprocess
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.planning import services
from tillsammans.planning.exports import document, render_docx
from tillsammans.planning.models import Approval, SubGoal
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture
from tillsammans.testing.factories import MembershipFactory

ARTEFACTS = Path(__file__).resolve().parents[3] / "var" / "test-artefacts"
ACTOR = Actor.for_system("test")
CHAPTER = "Målsättningar för familjecentrerat arbetssätt"
SECTIONS = {
    "Inledning": "Stadsområdet arbetar familjecentrerat sedan flera år.\n\nPlanen bygger på uppföljningen.",
    "Organisering": "Koordinatorerna är anställda av stadsområdesnämnden och utgår från familjecentralen.",
    "Budget": "Budgeten följer samverkansavtalets fördelning mellan region och kommun.",
}


@pytest.fixture
def full_plan(plan, world):  # noqa: F811
    for sub_goal in SubGoal.objects.filter(goal_area__template=plan.template):
        activity = services.activity_add(actor=ACTOR, plan=plan, sub_goal=sub_goal,
                                         description=f"Aktivitet {sub_goal.number}", target_group="Föräldrar",
                                         responsible_text="Koordinatorerna",
                                         expected_effect=f"Effekt {sub_goal.number}")
        activity.responsible_units.set([world["social_office"]])
    first = plan.activities.get(sub_goal__number="7.1.1")
    first.start, first.end, first.measure, first.target = date(2024, 2, 1), date(2024, 11, 30), "Antal grupper", "6"
    first.save()
    # the region's document numbers in three levels: chapter 7 → goal area 7.1 → sub-goal 7.1.1
    plan.template.goal_areas.update(chapter_number="7", chapter_title=CHAPTER)
    plan.sections = {**plan.sections, **SECTIONS}
    plan.check_comment = "Bemanningen räknas om när den fjärde koordinatorn är anställd."
    Approval.objects.create(plan=plan, party=world["care"], membership=MembershipFactory(
        role=Role.MANAGER, unit=world["bvc_a"]))
    plan.save()
    return plan


def normal(text: str) -> str:
    return " ".join(text.split())


def pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"(?m)^\s*\d+ / \d+\s*$", " ", text)  # the page numbers in the footer


def docx_text(docx) -> str:
    parts = [paragraph.text for paragraph in docx.paragraphs]
    parts += [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.django_db
def test_the_pdf_and_the_docx_carry_the_same_document(full_plan, coordinator_client, tmp_path):
    pdf = coordinator_client.get(reverse("planning:export", args=[full_plan.pk, "pdf"]))
    docx_response = coordinator_client.get(reverse("planning:export", args=[full_plan.pk, "docx"]))
    assert pdf.status_code == docx_response.status_code == 200
    assert pdf["Content-Disposition"] == 'attachment; filename="handlingsplan-2024-norra.pdf"'
    pdf_plain, docx = pdf_text(pdf.content, tmp_path), Document(io.BytesIO(docx_response.content))
    docx_plain = docx_text(docx)
    model = document.build(full_plan)

    # every heading, paragraph, table cell and total of the document is in both files
    for text in model.texts():
        assert normal(text) in normal(pdf_plain), text
        assert normal(text) in normal(docx_plain), text
    # and the DOCX holds every word the PDF holds (the PDF repeats table headers on a new page)
    assert set(pdf_plain.split()) - set(docx_plain.split()) == set()
    assert len(pdf_plain.split()) >= len(docx_plain.split()) > 500

    headings = [(p.style.name, p.text) for p in docx.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    expected = [("Title", "Handlingsplan 2024")] + [(f"Heading {b.level}", b.text) for b in model.blocks
                                                     if isinstance(b, document.Heading)]
    assert headings == expected
    for name in ("Inledning", "Översikt målsättningar", "Målsättningar och planerade insatser", "Organisering",
                 "Budget", "Kontroller"):
        assert ("Heading 1", name) in headings
    assert ("Heading 2", "Kommentar till kontrollerna") in headings
    area = full_plan.template.goal_areas.get(number="7.2")
    assert ("Heading 2", f"7 {CHAPTER}") in headings and ("Heading 3", f"7.2 {area.title}") in headings
    assert docx.tables[0].rows[0].cells[0].text == "Kapitel"
    for sub_goal in SubGoal.objects.filter(goal_area__template=full_plan.template):
        for text in (f"Aktivitet {sub_goal.number}", f"Effekt {sub_goal.number}"):
            assert text in pdf_plain and text in docx_plain
    for text in (SECTIONS["Organisering"], SECTIONS["Budget"], "Uppföljning: Antal grupper", "Målvärde: 6",
                 "Tid: 2024-02-01 – 2024-11-30", full_plan.check_comment, "Lämnas till BVC Norra senast",
                 f"Godkänd för {full_plan.approvals.get().party.name} den"):
        assert text in normal(pdf_plain) and text in normal(docx_plain), text

    # Swedish numbers: thousands with a narrow no-break space, a decimal comma
    totals = [row for table in docx.tables for row in table.rows if row.cells[0].text == "Summa"]
    assert [c.text for c in totals[-1].cells][:5] == ["Summa", "1\u202f553", "2\u202f283", "360", "4\u202f196"]
    assert [c.text for c in totals[0].cells] == ["Summa", "", "350 % (3,5 åa)"]
    for plain in (pdf_plain, docx_plain):
        assert "4 196" in normal(plain) and "3,5" in plain and not re.search(r"\d\.\d+ (åa|%)", plain)
        for code in ("None", "cofinancing", "unfunded", "draft", "True", "False"):
            assert code not in plain
    assert "4\u202f196" in docx_plain

    # the DOCX: A4 with margins on every section, Swedish styles, tables with repeating header rows
    for section in docx.sections:
        assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)  # A4: 210 × 297 mm
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
        for margin, millimetres in ((section.left_margin, 18), (section.right_margin, 18),
                                    (section.top_margin, 20), (section.bottom_margin, 20)):
            assert round(margin.mm) == millimetres
    languages = {lang.get(qn("w:val")) for lang in docx.styles.element.iter(qn("w:lang"))}
    assert languages == {"sv-SE"}
    assert docx.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == "sv-SE"
    assert docx.core_properties.language == "sv-SE"
    assert len(docx.tables) == sum(isinstance(b, document.Table) for b in model.blocks) == 7
    for table in docx.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])

    # the PDF: tagged, Swedish, titled, with table headers in the structure tree
    path = tmp_path / "plan.pdf"
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info and "Handlingsplan 2024 – Norra" in info and "A4" in info
    with pikepdf.open(path) as pdf_document:
        assert str(pdf_document.Root.Lang) == "sv"
        assert {"/TH", "/Table", "/H1", "/H2", "/H3", "/H4", "/Caption"} <= _structure_tags(pdf_document)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "plan.docx").write_bytes(docx_response.content)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "3", "-l", "3", str(path), str(ARTEFACTS / "plan-page")],
                   check=True)
    assert list(ARTEFACTS.glob("plan-page*.png"))


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
def test_a_two_level_numbering_has_goal_areas_as_second_level_headings(plan):  # noqa: F811
    plan.template.goal_areas.update(chapter_number="", chapter_title="")
    model = document.build(plan)
    headings = [(b.level, b.text) for b in model.blocks if isinstance(b, document.Heading)]
    assert [text for level, text in headings if level == 2] == [
        f"{area.number} {area.title}" for area in plan.template.goal_areas.all()]
    assert not any(level == 3 for level, _text in headings)
    docx = Document(io.BytesIO(render_docx.render(model)))
    assert docx.tables[0].rows[0].cells[0].text == "Målområde"
    assert [p.text for p in docx.paragraphs if p.style.name == "Heading 2"][0].startswith("7.1 ")


@pytest.mark.django_db
def test_the_xlsx_has_formulas_for_totals_wraps_text_and_prints_a4_landscape(full_plan, coordinator_client):
    response = coordinator_client.get(reverse("planning:export", args=[full_plan.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Aktiviteter", "Organisering", "Budget", "Kontroller"]
    activities = list(workbook["Aktiviteter"].iter_rows(min_row=2, values_only=True))
    assert len(activities) == 10 and activities[0][2] == "Aktivitet 7.1.1" and activities[0][9] == "6"
    budget = workbook["Budget"]
    rows = list(budget.iter_rows(values_only=True))
    assert rows[0][:5] == ("Budgetpost", "HSNG", "SN+FSN", "GSN", "Summa")
    assert rows[1][:6] == (full_plan.budget_lines.first().name, 1250, 1980, 360, "=SUM(B2:D2)", 3.5)
    assert rows[4][:6] == ("Summa", "=SUM(B2:B4)", "=SUM(C2:C4)", "=SUM(D2:D4)", "=SUM(E2:E4)", "=SUM(F2:F4)")
    assert workbook["Organisering"]["C6"].value == "=SUM(C2:C5)"
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$1:$1"
        assert all(cell.alignment.wrap_text for row in sheet.iter_rows(min_row=2) for cell in row
                   if cell.data_type == "s")
    assert budget["B5"].number_format == "#,##0"


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


def test_swedish_numbers_and_dates():
    assert document.number_sv(1553) == "1\u202f553"
    assert document.number_sv(1234567) == "1\u202f234\u202f567"
    assert document.number_sv(document.Decimal("3.50")) == "3,5"
    assert document.number_sv(document.Decimal("350")) == "350"
    assert document.number_sv(-12) == "-12"
    assert document.number_sv(None) == ""
    assert document.date_sv(date(2025, 12, 1)) == "1 december 2025"

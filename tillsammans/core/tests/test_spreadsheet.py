"""No user text becomes a formula in any XLSX or CSV the product writes (OWASP "CSV injection").

Every writer goes through ``tillsammans.core.spreadsheet``; a source scan finds writers that do not,
and each known writer is fed the payloads and read back with openpyxl."""

import csv
import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from tillsammans.core.access import Actor
from tillsammans.core.spreadsheet import Formula, csv_text, safe_cell
from tillsammans.planning import services
from tillsammans.planning.models import BudgetLine, Post, SubGoal
from tillsammans.planning.tests.test_plans import plan  # noqa: F401 - fixture

SOURCE = Path(__file__).resolve().parents[2]
PAYLOADS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1", "-1+2", "@SUM(1)", "\t=1", "\r=1+1"]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
OUR_FORMULA = re.compile(r"^=(SUM\([A-Z]+\d+:[A-Z]+\d+\)|0)$")
# Every module that writes XLSX or CSV. A new writer must go through core.spreadsheet and be added
# here and to the payload test below.
WRITERS = {"planning/exports/render_xlsx.py", "events/exports.py", "insight/exports.py"}
RAW_WRITER = re.compile(r"\bWorkbook\(|import Workbook|csv\.writer\(|DictWriter\(|\bwriterows?\(")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_user_text_that_could_be_a_formula_is_text(payload):
    assert safe_cell(payload) == "'" + payload
    assert safe_cell("'" + payload) == "'" + payload  # already quoted: left as it is


def test_ordinary_values_pass_and_our_own_formulas_stay_formulas():
    for value in ("Föräldrar", "7.1.1 Delmål", "", None, 12, Decimal("3.5"), date(2025, 1, 1), "a=b", "1-2"):
        assert safe_cell(value) == value
    assert safe_cell(Formula("=SUM(B2:B4)")) == "=SUM(B2:B4)"
    with pytest.raises(ValueError):
        Formula("SUM(B2:B4)")


def test_csv_rows_are_made_safe():
    text = csv_text([["Namn", "Värde"], *[[payload, 1] for payload in PAYLOADS]])
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == ["Namn", "Värde"]
    assert [row[0] for row in rows[1:]] == ["'" + payload for payload in PAYLOADS]


def test_every_spreadsheet_and_csv_writer_goes_through_the_safe_helper():
    writers, raw = set(), []
    for path in SOURCE.rglob("*.py"):
        relative = path.relative_to(SOURCE).as_posix()
        if "/tests/" in f"/{relative}" or relative == "core/spreadsheet.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "core.spreadsheet import" in text:
            writers.add(relative)
        if RAW_WRITER.search(text) or "openpyxl" in text and relative not in WRITERS:
            raw.append(relative)
    assert raw == [], "write XLSX/CSV only through tillsammans.core.spreadsheet"
    assert writers == WRITERS


def _assert_no_formula_but_ours(workbook, payloads=PAYLOADS) -> None:
    found = set()
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert OUR_FORMULA.match(str(cell.value)), (sheet.title, cell.coordinate, cell.value)
                elif isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    assert not cell.value.startswith(DANGEROUS), (sheet.title, cell.coordinate, cell.value)
                    found.update(p for p in payloads if p in cell.value)
    assert found == set(payloads)


@pytest.fixture
def poisoned_plan(plan, world):  # noqa: F811
    """A plan where every text a user enters begins with a formula payload."""
    actor = Actor.for_system("test")
    sub_goals = list(SubGoal.objects.filter(goal_area__template=plan.template))
    for sub_goal, payload in zip(sub_goals, PAYLOADS, strict=False):
        services.activity_add(actor=actor, plan=plan, sub_goal=sub_goal, description=payload, target_group=payload,
                              responsible_text=payload, expected_effect=payload, measure=payload, target=payload[:100])
    for order, payload in enumerate(PAYLOADS, start=10):
        BudgetLine.objects.create(plan=plan, name=payload, order=order)
        Post.objects.create(plan=plan, role=payload, employer=world["social"], fte_percent=10)
    plan.check_comment = PAYLOADS[0]
    plan.save()
    return plan


@pytest.mark.django_db
def test_no_payload_becomes_a_formula_in_the_plan_xlsx_page_and_command(poisoned_plan, coordinator_client,
                                                                         tmp_path):
    response = coordinator_client.get(reverse("planning:export", args=[poisoned_plan.pk, "xlsx"]))
    # Names are stored stripped, so "\t=1" arrives as "=1": still never a formula.
    _assert_no_formula_but_ours(load_workbook(io.BytesIO(response.content)), [p.strip() for p in PAYLOADS])
    output = tmp_path / "plan.xlsx"
    call_command("export-plan", "--area", poisoned_plan.area.name, "--year", "2024", "--format", "xlsx",
                 "--output", str(output))
    _assert_no_formula_but_ours(load_workbook(output))


@pytest.mark.django_db
def test_no_payload_becomes_a_formula_in_the_receivers_overview_xlsx(poisoned_plan, coordinator_client):
    response = coordinator_client.get(reverse("planning:overview"), {"year": 2024, "format": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.max_row == 1 + len(PAYLOADS)
    _assert_no_formula_but_ours(workbook)
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert all(cell.alignment.wrap_text for row in sheet.iter_rows() for cell in row if cell.data_type == "s")


@pytest.mark.django_db
def test_no_payload_becomes_a_formula_in_the_attendance_export(world):
    from tillsammans.accounts.roles import Role
    from tillsammans.events import services as event_services
    from tillsammans.events.tests.conftest import make_event
    from tillsammans.testing.clients import client_for
    from tillsammans.testing.factories import MembershipFactory
    from tillsammans.testing.sip import actor_for

    organiser = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"])
    event = make_event(organiser, capacity=len(PAYLOADS) + 1)
    for payload in PAYLOADS:
        event_services.walk_in_add(actor=actor_for(organiser), event=event, name=payload, organisation=payload)
    response = client_for(organiser).get(reverse("events:attendance_export", args=[event.pk]))
    assert response.status_code == 200
    # Names are stored stripped, so "\t=1" arrives as "=1": still never a formula.
    _assert_no_formula_but_ours(load_workbook(io.BytesIO(response.content)), [p.strip() for p in PAYLOADS])


@pytest.mark.django_db
def test_no_payload_becomes_a_formula_in_the_survey_free_text_export(world):
    from tillsammans.accounts.roles import Role
    from tillsammans.insight.tests.conftest import answer, build_survey
    from tillsammans.testing.clients import client_for
    from tillsammans.testing.factories import MembershipFactory

    leader = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["town"]])
    survey, questions = build_survey(leader, world)
    for payload in PAYLOADS:
        answer(survey, questions, text=payload)
    client = client_for(leader)
    response = client.get(reverse("insight:free_text_xlsx", args=[survey.pk]))
    # Answers are stored stripped, so "\t=1" arrives as "=1": still never a formula.
    _assert_no_formula_but_ours(load_workbook(io.BytesIO(response.content)), [p.strip() for p in PAYLOADS])
    rows = list(csv.reader(io.StringIO(client.get(reverse("insight:free_text_csv", args=[survey.pk]))
                                       .content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert all(not row[3].startswith(DANGEROUS) for row in rows[1:]) and len(rows) == 1 + len(PAYLOADS)

"""Spreadsheets of plans: the plan's activities, organisation, budget and checks, and the receiver's
overview of a year's activities. Totals are formulas (``=SUM(...)``) so that a changed amount
recomputes; text wraps; every sheet prints on A4 landscape, fitted to the page width, with its
header row repeated. Every cell goes through :func:`tillsammans.core.spreadsheet.safe_cell`."""

from __future__ import annotations

from decimal import Decimal

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tillsammans.core.spreadsheet import Formula, append_row, new_workbook, set_cell, workbook_bytes
from tillsammans.planning import selectors, services
from tillsammans.planning.exports.document import CHECK_TITLES
from tillsammans.planning.models import ActionPlan

TKR = "#,##0"
FTE = "#,##0.0#"
DAY = "yyyy-mm-dd"
HEADER_FILL = PatternFill("solid", fgColor="EEF2F6")
WRAP = Alignment(wrap_text=True, vertical="top")
TOTAL_BORDER = Border(top=Side(style="thin"))


def _sheet(workbook, title: str, columns: list[tuple[str, int]], *, first: bool = False) -> Worksheet:
    """A sheet with a bold header row (repeated when printed), column widths and A4 landscape."""
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    append_row(sheet, [name for name, _width in columns])
    for index, (_name, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill, cell.alignment = Font(bold=True), HEADER_FILL, WRAP
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
    return sheet


def _wrap(sheet: Worksheet) -> None:
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP


def _total_row(sheet: Worksheet, label: str, sum_columns: list[int], first: int, last: int, fmt: str) -> int:
    row = sheet.max_row + 1
    label_cell = set_cell(sheet, row, 1, label)
    label_cell.font, label_cell.alignment = Font(bold=True), WRAP
    for column in sum_columns:
        letter = get_column_letter(column)
        formula = f"=SUM({letter}{first}:{letter}{last})" if last >= first else "=0"
        cell = set_cell(sheet, row, column, Formula(formula))
        cell.number_format, cell.font = fmt, Font(bold=True)
    for cell in sheet[row]:
        cell.border = TOTAL_BORDER
    return row


def _activities(workbook, goal_areas) -> None:
    sheet = _sheet(workbook, "Aktiviteter", [
        ("Målområde", 30), ("Delmål", 34), ("Aktivitet", 40), ("Målgrupp", 20), ("Ansvarig", 24),
        ("Förväntad effekt", 34), ("Start", 11), ("Slut", 11), ("Uppföljning", 24), ("Målvärde", 14),
        ("Status", 13)], first=True)
    for area in goal_areas:
        for sub in area.sub_goals.all():
            for activity in sub.plan_activities:
                units = ", ".join(unit.name for unit in activity.responsible_units.all())
                append_row(sheet, [
                    f"{area.number} {area.title}", f"{sub.number} {sub.title}", activity.description,
                    activity.target_group, ", ".join(p for p in (units, activity.responsible_text) if p),
                    activity.expected_effect, activity.start, activity.end, activity.measure, activity.target,
                    activity.get_status_display()])
    _wrap(sheet)
    for row in sheet.iter_rows(min_row=2, min_col=7, max_col=8):
        for cell in row:
            cell.number_format = DAY


def _organisation(workbook, posts) -> None:
    sheet = _sheet(workbook, "Organisering", [("Tjänst", 36), ("Arbetsgivare", 36), ("Omfattning (%)", 16)])
    for post in posts:
        append_row(sheet, [post.role, post.employer.name, Decimal(str(post.fte_percent))])
    _wrap(sheet)
    _total_row(sheet, "Summa", [3], 2, sheet.max_row, "#,##0.##")


def _budget(workbook, budget) -> None:
    funders = len(budget.funders)
    sum_column, fte_column = funders + 2, funders + 3
    sheet = _sheet(workbook, "Budget", [("Budgetpost", 40), *[(f.code, 12) for f in budget.funders],
                                        ("Summa", 12), ("Åa", 8), ("Omfattas av medfinansieringen", 18)])
    for line, values, _total in budget.rows:
        row = sheet.max_row + 1
        append_row(sheet, [line.name, *values, None, line.fte, "Ja" if line.under_cofinancing else "Nej"])
        last_funder = get_column_letter(funders + 1)
        set_cell(sheet, row, sum_column, Formula(f"=SUM(B{row}:{last_funder}{row})"))
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=sum_column):
        for cell in row:
            cell.number_format = TKR
    for row in sheet.iter_rows(min_row=2, min_col=fte_column, max_col=fte_column):
        row[0].number_format = FTE
    _total_row(sheet, "Summa", list(range(2, sum_column + 1)), 2, last, TKR)
    letter = get_column_letter(fte_column)
    set_cell(sheet, sheet.max_row, fte_column, Formula(f"=SUM({letter}2:{letter}{last})" if last >= 2 else "=0"))
    sheet.cell(row=sheet.max_row, column=fte_column).number_format = FTE
    append_row(sheet, [])
    append_row(sheet, ["Belopp i tusental kronor (tkr). Åa: årsarbetare."])
    for funder in budget.funders:
        append_row(sheet, [f"{funder.code}: {funder.name}"])
    _wrap(sheet)


def _checks(workbook, plan: ActionPlan, checks) -> None:
    sheet = _sheet(workbook, "Kontroller", [("Kontroll", 28), ("Resultat", 14), ("Underlag", 90)])
    for check in checks:
        append_row(sheet, [CHECK_TITLES.get(check.code, "Kontroll"), "Uppfyllt" if check.ok else "Ej uppfyllt",
                           check.message])
    if plan.check_comment.strip():
        append_row(sheet, ["Kommentar till kontrollerna", "", plan.check_comment])
    _wrap(sheet)


def plan_workbook(plan: ActionPlan) -> bytes:
    from django.utils import translation

    with translation.override("sv"):
        workbook = new_workbook()
        workbook.properties.title = (f"Projektplan – {plan.owner_name}" if plan.project_id
                                     else f"Handlingsplan {plan.template.year} – {plan.owner_name}")
        workbook.properties.language = "sv-SE"
        _activities(workbook, selectors.plan_structure(plan))
        _organisation(workbook, list(plan.posts.select_related("employer")))
        _budget(workbook, services.budget_table(plan))
        _checks(workbook, plan, services.checks(plan))
    return workbook_bytes(workbook)


def overview_workbook(year: int, goal_areas) -> bytes:
    """The receiver's overview: every visible plan's activities of ``year`` by goal area."""
    workbook = new_workbook()
    workbook.properties.title = f"Aktiviteter {year}"
    workbook.properties.language = "sv-SE"
    sheet = _sheet(workbook, f"Aktiviteter {year}", [
        ("Målområde", 34), ("Delmål", 10), ("Område", 20), ("Aktivitet", 44), ("Målgrupp", 22),
        ("Förväntad effekt", 40), ("Status", 14)], first=True)
    for area in goal_areas:
        for activity in area.overview:
            append_row(sheet, [f"{area.number} {area.title}", activity.sub_goal.number, activity.plan.owner_name,
                               activity.description, activity.target_group, activity.expected_effect,
                               activity.get_status_display()])
    _wrap(sheet)
    return workbook_bytes(workbook)

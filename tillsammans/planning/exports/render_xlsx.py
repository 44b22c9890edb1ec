"""Spreadsheets of plans: the plan's activities, organisation, budget and checks, and the receiver's
overview of a year's activities. Totals are formulas (``=SUM(...)``) so that a changed amount
recomputes; text wraps; every sheet prints on A4 landscape, fitted to the page width, with its
header row repeated. Every cell goes through :func:`tillsammans.core.spreadsheet.safe_cell`."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tillsammans.core.spreadsheet import Formula, append_row, new_workbook, set_cell, workbook_bytes
from tillsammans.planning import selectors, services
from tillsammans.planning.exports.document import check_result, check_title, document_title, employer_of, posts_of
from tillsammans.planning.models import ActionPlan

TKR = "#,##0"
FTE = "#,##0.0#"
DAY = "yyyy-mm-dd"
HEADER_FILL = PatternFill("solid", fgColor="EEF2F6")
WRAP = Alignment(wrap_text=True, vertical="top")
TOTAL_BORDER = Border(top=Side(style="thin"))
LINE_HEIGHT = 15  # points per line of 11 pt text


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


def _lines(text: str, width: float) -> int:
    per_line = max(1, int(width))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _wrap(sheet: Worksheet) -> None:
    """Wrap every cell and give each row the height its longest text needs (no program fits row
    heights to wrapped text of a file it has not laid out itself)."""
    for row in sheet.iter_rows(min_row=1):
        lines = 1
        for cell in row:
            cell.alignment = WRAP
            if isinstance(cell.value, str) and cell.data_type == "s":
                width = sheet.column_dimensions[cell.column_letter].width or 10
                lines = max(lines, _lines(cell.value, width))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * lines


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
    sheet = _sheet(workbook, _("Activities"), [
        (_("Goal area"), 20), (_("Sub-goal"), 24), (_("Activity"), 32), (_("Target group"), 14),
        (_("Responsible party"), 16), (_("Expected effect"), 26), (_("Start"), 11), (_("End"), 11),
        (_("Follow-up"), 16), (_("Target"), 10), (_("Status"), 12)], first=True)
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
    sheet = _sheet(workbook, _("Organisation"), [(_("Post"), 36), (_("Employer"), 36),
                                                 (_("Share of full time (%)"), 16)])
    for post in posts:
        append_row(sheet, [post.role, employer_of(post), Decimal(str(post.fte_percent))])
    _wrap(sheet)
    _total_row(sheet, _("Total"), [3], 2, sheet.max_row, "#,##0.##")


def _budget(workbook, budget) -> None:
    funders = len(budget.funders)
    sum_column, fte_column = funders + 2, funders + 3
    sheet = _sheet(workbook, _("Budget"), [
        (_("Budget line"), 40), *[(f.code, 12) for f in budget.funders], (_("Total"), 12), (_("FTE"), 8),
        (_("Covered by the co-financing rule"), 18)])
    for line, values, _total in budget.rows:
        row = sheet.max_row + 1
        append_row(sheet, [line.name, *values, None, line.fte, _("Yes") if line.under_cofinancing else _("No")])
        last_funder = get_column_letter(funders + 1)
        set_cell(sheet, row, sum_column, Formula(f"=SUM(B{row}:{last_funder}{row})"))
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=sum_column):
        for cell in row:
            cell.number_format = TKR
    for row in sheet.iter_rows(min_row=2, min_col=fte_column, max_col=fte_column):
        row[0].number_format = FTE
    _total_row(sheet, _("Total"), list(range(2, sum_column + 1)), 2, last, TKR)
    letter = get_column_letter(fte_column)
    set_cell(sheet, sheet.max_row, fte_column, Formula(f"=SUM({letter}2:{letter}{last})" if last >= 2 else "=0"))
    sheet.cell(row=sheet.max_row, column=fte_column).number_format = FTE
    append_row(sheet, [])
    append_row(sheet, [_("Amounts in thousands of SEK (tkr). FTE: full-time equivalents.")])
    for funder in budget.funders:
        append_row(sheet, [f"{funder.code}: {funder.name}"])
    _wrap(sheet)


def _checks(workbook, plan: ActionPlan, checks) -> None:
    sheet = _sheet(workbook, _("Checks"), [(_("Check"), 28), (_("Result"), 14), (_("Basis"), 80)])
    for check in checks:
        append_row(sheet, [check_title(check), check_result(check), check.message])
    if plan.check_comment.strip():
        append_row(sheet, [_("Comment on the checks"), "", plan.check_comment])
    _wrap(sheet)


def plan_workbook(plan: ActionPlan) -> bytes:
    with translation.override("sv"):
        workbook = new_workbook()
        workbook.properties.title = document_title(plan)
        workbook.properties.language = "sv-SE"
        _activities(workbook, selectors.plan_structure(plan))
        _organisation(workbook, posts_of(plan))
        _budget(workbook, services.budget_table(plan))
        _checks(workbook, plan, services.checks(plan))
    return workbook_bytes(workbook)


def overview_workbook(year: int, goal_areas) -> bytes:
    """The receiver's overview: every visible plan's activities of ``year`` by goal area."""
    with translation.override("sv"):
        workbook = new_workbook()
        workbook.properties.title = _("Activities %(year)s") % {"year": year}
        workbook.properties.language = "sv-SE"
        sheet = _sheet(workbook, workbook.properties.title, [
            (_("Goal area"), 28), (_("Sub-goal"), 10), (_("Area"), 18), (_("Activity"), 40), (_("Target group"), 18),
            (_("Expected effect"), 36), (_("Status"), 13)], first=True)
        for area in goal_areas:
            for activity in area.overview:
                append_row(sheet, [f"{area.number} {area.title}", activity.sub_goal.number, activity.plan.owner_name,
                                   activity.description, activity.target_group, activity.expected_effect,
                                   activity.get_status_display()])
        _wrap(sheet)
    return workbook_bytes(workbook)

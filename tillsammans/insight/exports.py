"""A survey's free-text answers for analysis, as CSV and XLSX (through core.spreadsheet, so that no
answer becomes a formula). No response id, area or date: only the question, the target group where
at least five of that group answered, and the text, ordered by text; a question that fewer than five
answered in words gives none (``selectors_surveys.readable_texts``, as on the results page)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tillsammans.core.spreadsheet import append_row, csv_text, new_workbook, workbook_bytes
from tillsammans.insight.models_surveys import Survey
from tillsammans.insight.selectors_surveys import free_texts


def _rows(survey: Survey) -> list[list[str]]:
    header = [_("Question number"), _("Question"), _("Target group"), _("Answer")]
    return [header, *[[row.number, row.question.text_in(survey.primary_language), row.group, row.text]
                      for row in free_texts(survey)]]


def free_text_csv(survey: Survey) -> str:
    return "\ufeff" + csv_text(_rows(survey))


def free_text_xlsx(survey: Survey) -> bytes:
    from openpyxl.styles import Alignment, Font

    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = _("Free text")[:31]
    for row in _rows(survey):
        append_row(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCD", (10, 45, 18, 80), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    return workbook_bytes(workbook)


def links_csv(rows: list[list]) -> str:
    """A survey's single-use links (to hand out or print)."""
    return "\ufeff" + csv_text(rows)

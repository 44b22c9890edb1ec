"""Spreadsheet and CSV cells that never turn user text into a formula.

openpyxl stores any string that begins with ``=`` as a formula, and Excel and LibreOffice also
evaluate CSV fields that begin with ``=``, ``+``, ``-`` or ``@`` (and tab or CR before them).
OWASP's CSV-injection guidance: prefix such a value with a single quote so that it is read as
text. Every XLSX and CSV the product writes goes through this module (a test in
``core/tests/test_spreadsheet.py`` looks for writers that do not). Totals that the product itself
computes are written as :class:`Formula`, the one kind of text that passes unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


class Formula(str):
    """A formula the product writes itself (e.g. ``=SUM(B2:B4)``): passed through as a formula."""

    def __new__(cls, text: str) -> Formula:
        if not text.startswith("="):
            raise ValueError("A formula begins with '='.")
        return super().__new__(cls, text)


def safe_cell(value: Any) -> Any:
    """``value`` as it may be written to a spreadsheet or CSV cell.

    Numbers, dates, ``None`` and :class:`Formula` pass unchanged; any other text that begins with
    ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading single quote, so that it stays
    text (OWASP "CSV injection")."""
    if isinstance(value, Formula) or not isinstance(value, str):
        return value
    if value.startswith(DANGEROUS_FIRST):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


def append_row(sheet, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet with every cell made safe."""
    sheet.append(safe_row(values))


def set_cell(sheet, row: int, column: int, value: Any):
    """Write one openpyxl cell, made safe; returns the cell."""
    return sheet.cell(row=row, column=column, value=safe_cell(value))


def new_workbook():
    """An empty openpyxl workbook (one place that the product creates workbooks)."""
    from openpyxl import Workbook

    return Workbook()


def workbook_bytes(workbook) -> bytes:
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


class SafeCsvWriter:
    """``csv.writer`` whose rows are made safe cell by cell."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, values: Iterable[Any]):
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(rows: Iterable[Iterable[Any]], *, delimiter: str = ";") -> str:
    """Rows as CSV text (semicolon-separated as Swedish Excel expects), every cell made safe."""
    output = io.StringIO(newline="")
    SafeCsvWriter(output, delimiter=delimiter).writerows(rows)
    return output.getvalue()

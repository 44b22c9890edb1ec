"""The plan document as DOCX: A4 with margins on every section, Swedish (sv-SE) on every style,
Heading styles, native tables whose header rows repeat on each page (``w:tblHeader``)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from tillsammans.planning.exports.document import Heading, Paragraph, PlanDocument, Table

LANGUAGE = "sv-SE"
TEXT_WIDTH_MM = 210 - 2 * 18  # A4 less the side margins


def _set_language(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), LANGUAGE)


def _swedish(document) -> None:
    """sv-SE on the document defaults, on every style and on the theme font language."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_language(rpr)
    for style in document.styles:
        _set_language(style.element.get_or_add_rPr())
    settings = document.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)
    document.core_properties.language = LANGUAGE


def _a4(document) -> None:
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Twips(11906), Twips(16838)  # A4, as Word writes it
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin = section.right_margin = Mm((210 - TEXT_WIDTH_MM) / 2)


def _page_numbers(document) -> None:
    """"3 / 5" at the bottom right of every page, as in the PDF (Word fills in the fields)."""
    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for index, field in enumerate(("PAGE", "NUMPAGES")):
            if index:
                paragraph.add_run(" / ")
            simple = OxmlElement("w:fldSimple")
            simple.set(qn("w:instr"), field)
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            simple.append(run)
            paragraph._p.append(simple)


def _cell_text(cell, text: str, *, bold: bool = False, right: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    for number, line in enumerate(text.split("\n")):
        if number:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold or None
        run.font.size = Pt(9)
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _keep_together(row) -> None:
    """A row is not split over two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _table_caption(table, caption: str) -> None:
    tblpr = table._tbl.tblPr
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption)
    tblpr.append(element)


def _table(document, block: Table) -> None:
    document.add_paragraph(block.caption, style="Caption").paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(block.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _table_caption(table, block.caption)
    header = table.rows[0]
    _keep_together(header)
    _repeat_header(header)
    for cell, text in zip(header.cells, block.columns, strict=True):
        _cell_text(cell, text, bold=True)
    for row in [*block.rows, *([block.total] if block.total else [])]:
        added = table.add_row()
        _keep_together(added)
        cells = added.cells
        is_total = row is block.total
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            _cell_text(cell, text, bold=is_total or (index == 0 and block.row_headers),
                       right=index in block.numeric)
    if block.widths:
        table.autofit = False
        for column, share in zip(table.columns, block.widths, strict=True):
            column.width = Mm(TEXT_WIDTH_MM * share / 100)
        for row in table.rows:
            for cell, share in zip(row.cells, block.widths, strict=True):
                cell.width = Mm(TEXT_WIDTH_MM * share / 100)


def render(model: PlanDocument) -> bytes:
    document = Document()
    _a4(document)
    _swedish(document)
    document.core_properties.title = model.title
    document.core_properties.subject = model.cover.subtitle
    document.add_heading(model.cover.title, level=0)
    document.add_paragraph(model.cover.subtitle, style="Subtitle")
    for line in model.cover.lines:
        document.add_paragraph(line)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    for block in model.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            run = document.add_paragraph().add_run(block.text)  # "\n" becomes a line break
            if block.note:
                run.font.size = Pt(9)
        else:
            _table(document, block)
    _a4(document)
    _page_numbers(document)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()

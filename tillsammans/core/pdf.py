"""PDF documents with WeasyPrint: tagged (PDF/UA-1 variant), Swedish, with a title.

WeasyPrint marks PDF/UA as experimental; we claim "tagged and checked" (pdfinfo Tagged: yes,
/Lang sv, a title, TH cells in the structure tree), not conformance. See ../shared/pitfalls.md.
"""

from __future__ import annotations

from pathlib import Path

from django.http import HttpResponse
from django.template.loader import render_to_string

CSS_FILE = Path(__file__).resolve().parent / "pdf" / "print.css"


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(CSS_FILE))], pdf_variant="pdf/ua-1")


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response

"""Exports of an action plan or project plan that read like the real thing. The PDF (tagged) and the
DOCX (heading styles, native tables) are rendered from one document model (``document.py``), so
that neither drops a part; the XLSX holds activities, organisation, budget and checks with totals
as formulas; the follow-up report is a PDF of every activity's status and outcome."""

from __future__ import annotations

from django.utils import timezone, translation

from tillsammans.core.pdf import render_pdf
from tillsammans.planning import selectors
from tillsammans.planning.exports import document, render_docx, render_xlsx
from tillsammans.planning.models import ActionPlan

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "uppfoljning.pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def to_pdf(plan: ActionPlan) -> bytes:
    return render_pdf("planning/plan_pdf.html", {"document": document.build(plan)})


def to_docx(plan: ActionPlan) -> bytes:
    return render_docx.render(document.build(plan))


def to_xlsx(plan: ActionPlan) -> bytes:
    return render_xlsx.plan_workbook(plan)


def to_follow_up_pdf(plan: ActionPlan) -> bytes:
    """The yearly follow-up report: every activity with its status and measured outcome."""
    with translation.override("sv"):
        counts: dict[str, int] = {}
        for activity in plan.activities.all():
            label = activity.get_status_display()
            counts[label] = counts.get(label, 0) + 1
        return render_pdf("planning/follow_up_pdf.html", {
            "plan": plan, "goal_areas": selectors.plan_structure(plan), "status_counts": sorted(counts.items()),
            "today": document.date_sv(timezone.localdate())})


def filename(plan: ActionPlan, fmt: str) -> str:
    """``handlingsplan-2026-norra.pdf``, ``projektplan-tidiga-insatser.docx``: what the file is, in Swedish."""
    from django.utils.text import slugify

    stem = (f"projektplan-{slugify(plan.project.name)}" if plan.project_id
            else f"handlingsplan-{plan.template.year}-{slugify(plan.owner_name)}")
    return f"{stem[:80].rstrip('-')}.{fmt}"


def export(plan: ActionPlan, fmt: str) -> bytes:
    return {"pdf": to_pdf, "docx": to_docx, "xlsx": to_xlsx, "uppfoljning.pdf": to_follow_up_pdf}[fmt](plan)

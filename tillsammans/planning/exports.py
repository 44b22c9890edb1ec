"""Exports of an action plan that read like the real thing: a tagged PDF, a DOCX a coordinator can go
on editing in Word (heading styles, native tables), and an XLSX with activity and budget sheets."""

from __future__ import annotations

import io

from django.utils import timezone

from tillsammans.core.pdf import render_pdf
from tillsammans.planning import selectors, services
from tillsammans.planning.models import ActionPlan

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "uppfoljning.pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _context(plan: ActionPlan) -> dict:
    return {"plan": plan, "goal_areas": selectors.plan_structure(plan), "budget": services.budget_table(plan),
            "checks": services.checks(plan), "posts": list(plan.posts.select_related("employer")),
            "today": timezone.localdate()}


def _responsible(activity) -> str:
    units = ", ".join(u.name for u in activity.responsible_units.all())
    return " ".join(part for part in (units, activity.responsible_text) if part)


def to_pdf(plan: ActionPlan) -> bytes:
    return render_pdf("planning/plan_pdf.html", _context(plan))


def to_docx(plan: ActionPlan) -> bytes:
    from docx import Document

    context = _context(plan)
    document = Document()
    document.core_properties.title = f"Handlingsplan {plan.template.year} – {plan.owner_name}"
    document.core_properties.language = "sv-SE"
    document.add_heading(f"Handlingsplan {plan.template.year} – {plan.owner_name}", level=0)
    for name, text in plan.ordered_sections:
        if name in ("Målsättningar och planerade insatser", "Budget", "Organisering"):
            continue
        document.add_heading(name, level=1)
        document.add_paragraph(text or "–")
    document.add_heading("Målsättningar och planerade insatser", level=1)
    for area in context["goal_areas"]:
        document.add_heading(f"{area.number} {area.title}", level=2)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ["Delmål", "Planerade aktiviteter och målgrupp", "Ansvarig",
                                                    "Förväntad effekt"], strict=True):
            cell.text = text
        for sub in area.sub_goals.all():
            for activity in sub.plan_activities or [None]:
                row = table.add_row().cells
                row[0].text = f"{sub.number} {sub.title}"
                if activity is not None:
                    row[1].text = activity.description + (f"\nMålgrupp: {activity.target_group}"
                                                          if activity.target_group else "")
                    row[2].text = _responsible(activity)
                    row[3].text = activity.expected_effect
    document.add_heading("Organisering", level=1)
    for post in context["posts"]:
        document.add_paragraph(f"{post.role}, {post.employer.name}, {post.fte_percent} %", style="List Bullet")
    document.add_heading("Budget (tkr)", level=1)
    budget = context["budget"]
    table = document.add_table(rows=1, cols=len(budget.funders) + 2)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["Budgetpost", *[f.code for f in budget.funders], "Summa"],
                          strict=True):
        cell.text = text
    for line, values, total in budget.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, [line.name, *map(str, values), str(total)], strict=True):
            cell.text = text
    cells = table.add_row().cells
    for cell, text in zip(cells, ["Summa", *map(str, budget.funder_totals), str(budget.total)], strict=True):
        cell.text = text
    document.add_heading("Kontroller", level=2)
    for check in context["checks"]:
        document.add_paragraph(("✓ " if check.ok else "Ej uppfyllt: ") + check.message)
    if plan.check_comment:
        document.add_paragraph(f"Kommentar: {plan.check_comment}")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def to_xlsx(plan: ActionPlan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    context = _context(plan)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Aktiviteter"
    sheet.append(["Målområde", "Delmål", "Aktivitet", "Målgrupp", "Ansvarig", "Förväntad effekt", "Start", "Slut",
                  "Uppföljning", "Målvärde", "Status"])
    for area in context["goal_areas"]:
        for sub in area.sub_goals.all():
            for activity in sub.plan_activities:
                sheet.append([area.number, f"{sub.number} {sub.title}", activity.description, activity.target_group,
                              _responsible(activity), activity.expected_effect, activity.start, activity.end,
                              activity.measure, activity.target, activity.get_status_display()])
    budget_sheet = workbook.create_sheet("Budget")
    budget = context["budget"]
    budget_sheet.append(["Budgetpost", *[f.code for f in budget.funders], "Summa"])
    for line, values, total in budget.rows:
        budget_sheet.append([line.name, *values, total])
    budget_sheet.append(["Summa", *budget.funder_totals, budget.total])
    for ws in (sheet, budget_sheet):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def to_follow_up_pdf(plan: ActionPlan) -> bytes:
    """The yearly follow-up report: every activity with its status and measured outcome."""
    context = _context(plan)
    counts: dict[str, int] = {}
    for activity in plan.activities.all():
        label = activity.get_status_display()
        counts[label] = counts.get(label, 0) + 1
    context["status_counts"] = sorted(counts.items())
    return render_pdf("planning/follow_up_pdf.html", context)


def export(plan: ActionPlan, fmt: str) -> bytes:
    return {"pdf": to_pdf, "docx": to_docx, "xlsx": to_xlsx, "uppfoljning.pdf": to_follow_up_pdf}[fmt](plan)

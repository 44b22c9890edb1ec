"""One document model of an action plan or project plan, from which the PDF and the DOCX are both
rendered, so that neither can drop a part: a cover, then blocks (headings, paragraphs, tables).

The plan is always printed in Swedish (the documents declare ``sv``/``sv-SE``), with Swedish
number formatting: decimal comma and a no-break space between thousands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import ClassVar

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillsammans.core.numbers import swedish_number as number_sv
from tillsammans.planning import selectors, services
from tillsammans.planning.models import ActionPlan

# the plan's own section names (data, as stored in the plan) under which generated tables follow
GOAL_OVERVIEW = "Översikt målsättningar"
GOALS = "Målsättningar och planerade insatser"
ORGANISATION = "Organisering"
BUDGET = "Budget"
GENERATED = (GOAL_OVERVIEW, GOALS, ORGANISATION, BUDGET)
CHECK_TITLES = {"cofinancing": gettext_lazy("Co-financing"), "fte": gettext_lazy("Staffing against the budget"),
                "unfunded": gettext_lazy("Funding of every budget line")}


def check_title(check) -> str:
    return str(CHECK_TITLES.get(check.code, gettext_lazy("Check")))


def check_result(check) -> str:
    return _("Met") if check.ok else _("Not met")


def date_sv(day: date | None) -> str:
    """``date(2025, 12, 1)`` → "1 december 2025"."""
    if day is None:
        return ""
    with translation.override("sv"):
        return formats.date_format(day, "j F Y")


@dataclass
class Heading:
    kind: ClassVar[str] = "heading"
    level: int
    text: str


@dataclass
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str
    note: bool = False  # smaller, secondary text (legends, explanations)


@dataclass
class Table:
    kind: ClassVar[str] = "table"
    caption: str  # what the table holds; the PDF's <caption>, the DOCX's table title
    columns: list[str]
    rows: list[list[str]]
    total: list[str] | None = None  # a closing sum row, set in bold
    row_headers: bool = False  # the first cell of each row names the row
    numeric: set[int] = field(default_factory=set)  # columns aligned to the right
    widths: list[int] | None = None  # share of the page width per column, in per cent


@dataclass
class Cover:
    title: str
    subtitle: str
    lines: list[str]


@dataclass
class PlanDocument:
    title: str
    cover: Cover
    blocks: list[Heading | Paragraph | Table]

    def texts(self) -> list[str]:
        """Every text of the document, in order (what a reader of either format must find)."""
        found = [self.cover.title, self.cover.subtitle, *self.cover.lines]
        for block in self.blocks:
            if isinstance(block, Table):
                found += [block.caption, *block.columns, *(cell for row in block.rows for cell in row),
                          *(block.total or [])]
            else:
                found.append(block.text)
        return found


def _paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(part.strip()) for part in (text or "").replace("\r\n", "\n").split("\n\n") if part.strip()]


def _responsible(activity) -> str:
    units = ", ".join(unit.name for unit in activity.responsible_units.all())
    return ", ".join(part for part in (units, activity.responsible_text.strip()) if part) or "–"


def _activity_cells(sub, activity) -> list[str]:
    what = [activity.description]
    if activity.target_group:
        what.append(_("Target group: %(group)s") % {"group": activity.target_group})
    if activity.start or activity.end:
        what.append(_("Time: %(start)s – %(end)s") % {"start": activity.start.isoformat() if activity.start else "…",
                                                      "end": activity.end.isoformat() if activity.end else "…"})
    effect = [activity.expected_effect or "–"]
    if activity.measure:
        effect.append(_("Follow-up: %(measure)s") % {"measure": activity.measure})
    if activity.target:
        effect.append(_("Target value: %(target)s") % {"target": activity.target})
    return [f"{sub.number} {sub.title}", "\n".join(what), _responsible(activity), "\n".join(effect)]


def _goal_blocks(goal_areas) -> tuple[list, list]:
    """The goal overview and one activity table per goal area; in a three-level numbering
    (7 → 7.1 → 7.1.1) the chapters head their goal areas."""
    chapters = any(area.chapter_number for area in goal_areas)
    overview_rows = [[f"{area.number} {area.title}",
                      "\n".join(f"{sub.number} {sub.title}" for sub in area.sub_goals.all())] for area in goal_areas]
    if chapters:
        overview = Table(_("Overview of goal areas and sub-goals"), [_("Chapter"), _("Goal area"), _("Sub-goal")], [
            [f"{area.chapter_number} {area.chapter_title}".strip(), *row]
            for area, row in zip(goal_areas, overview_rows, strict=True)], row_headers=True, widths=[20, 35, 45])
    else:
        overview = Table(_("Overview of goal areas and sub-goals"), [_("Goal area"), _("Sub-goal")], overview_rows,
                         row_headers=True, widths=[40, 60])
    columns = [_("Sub-goal"), _("Planned activities and target group"), _("Responsible party"), _("Expected effect")]
    tables: list = []
    chapter = None
    for area in goal_areas:
        if chapters and area.chapter_number != chapter:
            chapter = area.chapter_number
            tables.append(Heading(2, f"{area.chapter_number} {area.chapter_title}".strip()))
        rows = []
        for sub in area.sub_goals.all():
            rows += [_activity_cells(sub, activity) for activity in sub.plan_activities] or [
                [f"{sub.number} {sub.title}", _("No planned activities."), "–", "–"]]
        tables += [Heading(3 if chapters else 2, f"{area.number} {area.title}"),
                   Table(_("Planned activities for goal area %(number)s") % {"number": area.number}, columns, rows,
                         widths=[25, 30, 20, 25])]
    return [overview], tables


def posts_of(plan: ActionPlan) -> list:
    """The plan's posts with their employer and employing unit, in one query."""
    return list(plan.posts.select_related("employer", "employer_unit"))


def employer_of(post) -> str:
    """The employing unit when the post has one, else the authority."""
    return post.employer_name


def _organisation_blocks(posts) -> list:
    rows = [[post.role, employer_of(post), f"{number_sv(post.fte_percent)} %"] for post in posts]
    percent = sum((Decimal(str(post.fte_percent)) for post in posts), Decimal(0))
    total = _("%(percent)s %% (%(fte)s full-time equivalents)") % {"percent": number_sv(percent),
                                                                  "fte": number_sv(percent / 100)}
    return [Table(_("Posts in the organisation"), [_("Post"), _("Employer"), _("Share of full time")], rows,
                  total=[_("Total"), "", total], row_headers=True, numeric={2}, widths=[35, 35, 30])]


def _budget_blocks(budget) -> list:
    columns = [_("Budget line"), *[f.code for f in budget.funders], _("Total"), _("FTE"),
               _("Covered by the co-financing rule")]
    rows = [[line.name, *map(number_sv, values), number_sv(total), number_sv(line.fte) or "–",
             _("Yes") if line.under_cofinancing else _("No")] for line, values, total in budget.rows]
    fte = sum((line.fte or Decimal(0) for line, _values, _total in budget.rows), Decimal(0))
    numeric = set(range(1, len(budget.funders) + 3))
    share = 58 // (len(budget.funders) + 2)
    widths = [28, *[share] * (len(budget.funders) + 2), 72 - share * (len(budget.funders) + 2)]
    legend = "; ".join(f"{f.code}: {f.name}" for f in budget.funders)
    return [Table(_("Budget by budget line and funder, thousands of SEK"), columns, rows,
                  total=[_("Total"), *map(number_sv, budget.funder_totals), number_sv(budget.total), number_sv(fte),
                         ""], row_headers=True, numeric=numeric, widths=widths),
            Paragraph(_("Amounts in thousands of SEK (tkr). FTE: full-time equivalents. Funders – %(legend)s.")
                      % {"legend": legend}, note=True)]


def _check_blocks(plan: ActionPlan, checks) -> list:
    rows = [[check_title(check), check_result(check), check.message] for check in checks]
    blocks: list = [Heading(1, _("Checks")),
                    Table(_("Checks of budget and staffing"), [_("Check"), _("Result"), _("Basis")], rows,
                          row_headers=True, widths=[25, 15, 60])]
    if plan.check_comment.strip():
        blocks += [Heading(2, _("Comment on the checks")), *_paragraphs(plan.check_comment)]
    return blocks


def document_title(plan: ActionPlan) -> str:
    if plan.project_id:
        return _("Project plan – %(name)s") % {"name": plan.project.name}
    return _("Action plan %(year)s – %(owner)s") % {"year": plan.template.year, "owner": plan.owner_name}


def _cover(plan: ActionPlan) -> Cover:
    agreement = plan.template.agreement
    if plan.project_id:
        project = plan.project
        lines = [_("Development project within %(agreement)s") % {"agreement": agreement.name},
                 _("Period: %(start)s – %(end)s") % {"start": date_sv(project.start), "end": date_sv(project.end)},
                 _("Participating municipalities: %(names)s")
                 % {"names": ", ".join(m.name for m in project.municipalities.all())}]
        cover_title, subtitle = _("Project plan"), project.name
    else:
        deadline = selectors.deadline_for(plan)
        lines = [agreement.name, _("To be submitted to %(receiver)s by %(deadline)s")
                 % {"receiver": agreement.receiver.name, "deadline": date_sv(deadline)}]
        copies = services.copy_units(agreement)
        if copies:
            lines.append(_("Copies to: %(units)s") % {"units": ", ".join(unit.name for unit in copies)})
        cover_title = _("Action plan %(year)s") % {"year": plan.template.year}
        subtitle = _("Family-centred way of working – %(owner)s") % {"owner": plan.owner_name}
    lines += [_("Approved for %(party)s on %(date)s")
              % {"party": approval.party.name, "date": date_sv(timezone.localtime(approval.approved_at).date())}
              for approval in plan.approvals.select_related("party").order_by("approved_at")]
    lines += [_("Status: %(status)s") % {"status": plan.get_status_display()},
              _("Printed %(date)s") % {"date": date_sv(timezone.localdate())}]
    return Cover(cover_title, subtitle, lines)


def build(plan: ActionPlan) -> PlanDocument:
    """The whole plan as one document, in Swedish whatever language the reader's pages use."""
    with translation.override("sv"):
        goal_areas = selectors.plan_structure(plan)
        budget = services.budget_table(plan)
        checks = services.checks(plan)
        overview, goal_tables = _goal_blocks(goal_areas)
        generated = {GOAL_OVERVIEW: overview, GOALS: goal_tables, ORGANISATION: _organisation_blocks(posts_of(plan)),
                     BUDGET: _budget_blocks(budget)}
        blocks: list = []
        if plan.project_id and plan.project.description.strip():
            blocks += [Heading(1, _("Purpose of the project")), *_paragraphs(plan.project.description)]
        sections = plan.ordered_sections
        names = [name for name, _text in sections]
        sections += [(name, "") for name in GENERATED if name not in names]
        for name, text in sections:
            if not (text or "").strip() and name not in generated:
                continue
            blocks += [Heading(1, name), *_paragraphs(text), *generated.get(name, [])]
        blocks += _check_blocks(plan, checks)
        return PlanDocument(document_title(plan), _cover(plan), blocks)

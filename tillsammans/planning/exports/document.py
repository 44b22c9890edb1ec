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

from django.utils import timezone, translation

from tillsammans.planning import selectors, services
from tillsammans.planning.models import ActionPlan

THOUSANDS = "\u202f"  # narrow no-break space, as in the pages
GOAL_OVERVIEW = "Översikt målsättningar"
GOALS = "Målsättningar och planerade insatser"
ORGANISATION = "Organisering"
BUDGET = "Budget"
GENERATED = (GOAL_OVERVIEW, GOALS, ORGANISATION, BUDGET)
ACTIVITY_COLUMNS = ["Delmål", "Planerade aktiviteter och målgrupp", "Ansvarig", "Förväntad effekt"]
CHECK_TITLES = {"cofinancing": "Medfinansiering", "fte": "Bemanning mot budget",
                "unfunded": "Finansiering av varje budgetpost"}
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]


def number_sv(value, decimals: int | None = None) -> str:
    """``1553`` → ``1 553``, ``Decimal("3.5")`` → ``3,5`` (narrow no-break space between thousands)."""
    if value is None:
        return ""
    number = Decimal(str(value))
    if decimals is not None:
        number = round(number, decimals)
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    text = f"{number:,f}" if decimals is None else f"{number:,.{decimals}f}"
    return text.replace(",", THOUSANDS).replace(".", ",").replace("-", "−")


def date_sv(day: date | None) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


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
        what.append(f"Målgrupp: {activity.target_group}")
    if activity.start or activity.end:
        what.append(f"Tid: {activity.start.isoformat() if activity.start else '…'} – "
                    f"{activity.end.isoformat() if activity.end else '…'}")
    effect = [activity.expected_effect or "–"]
    if activity.measure:
        effect.append(f"Uppföljning: {activity.measure}")
    if activity.target:
        effect.append(f"Målvärde: {activity.target}")
    return [f"{sub.number} {sub.title}", "\n".join(what), _responsible(activity), "\n".join(effect)]


def _goal_blocks(goal_areas) -> tuple[list, list]:
    overview = Table("Översikt över målområden och delmål", ["Målområde", "Delmål"], [
        [f"{area.number} {area.title}", "\n".join(f"{sub.number} {sub.title}" for sub in area.sub_goals.all())]
        for area in goal_areas], row_headers=True)
    tables: list = []
    chapter = ""
    for area in goal_areas:
        # a three-level numbering (7 → 7.1 → 7.1.1) has chapters above the goal areas
        if getattr(area, "chapter_number", "") and area.chapter_number != chapter:
            chapter = area.chapter_number
            tables.append(Heading(2, f"{area.chapter_number} {area.chapter_title}".strip()))
        rows = []
        for sub in area.sub_goals.all():
            rows += [_activity_cells(sub, activity) for activity in sub.plan_activities] or [
                [f"{sub.number} {sub.title}", "Inga planerade aktiviteter.", "–", "–"]]
        tables += [Heading(3 if chapter else 2, f"{area.number} {area.title}"),
                   Table(f"Planerade aktiviteter för målområde {area.number}", ACTIVITY_COLUMNS, rows)]
    return [overview], tables


def _employer(post) -> str:
    """The employing unit when the post has one, else the authority."""
    unit = getattr(post, "employer_unit", None)
    return unit.name if unit is not None else post.employer.name


def _organisation_blocks(posts) -> list:
    rows = [[post.role, _employer(post), f"{number_sv(post.fte_percent)} %"] for post in posts]
    percent = sum((Decimal(str(post.fte_percent)) for post in posts), Decimal(0))
    return [Table("Tjänster i organisationen", ["Tjänst", "Arbetsgivare", "Omfattning"], rows,
                  total=["Summa", "", f"{number_sv(percent)} % ({number_sv(percent / 100)} åa)"],
                  row_headers=True, numeric={2})]


def _budget_blocks(budget) -> list:
    columns = ["Budgetpost", *[f.code for f in budget.funders], "Summa", "Åa", "Omfattas av medfinansieringen"]
    rows = [[line.name, *map(number_sv, values), number_sv(total), number_sv(line.fte) or "–",
             "Ja" if line.under_cofinancing else "Nej"] for line, values, total in budget.rows]
    fte = sum((line.fte or Decimal(0) for line, _values, _total in budget.rows), Decimal(0))
    numeric = set(range(1, len(budget.funders) + 3))
    legend = "; ".join(f"{f.code}: {f.name}" for f in budget.funders)
    return [Table("Budget per budgetpost och finansiär, tusental kronor", columns, rows,
                  total=["Summa", *map(number_sv, budget.funder_totals), number_sv(budget.total), number_sv(fte), ""],
                  row_headers=True, numeric=numeric),
            Paragraph(f"Belopp i tusental kronor (tkr). Åa: årsarbetare. Finansiärer – {legend}.", note=True)]


def _check_blocks(plan: ActionPlan, checks) -> list:
    rows = [[CHECK_TITLES.get(check.code, "Kontroll"), "Uppfyllt" if check.ok else "Ej uppfyllt", check.message]
            for check in checks]
    blocks: list = [Heading(1, "Kontroller"),
                    Table("Kontroller av budget och bemanning", ["Kontroll", "Resultat", "Underlag"], rows,
                          row_headers=True)]
    if plan.check_comment.strip():
        blocks += [Heading(2, "Kommentar till kontrollerna"), *_paragraphs(plan.check_comment)]
    return blocks


def _cover(plan: ActionPlan) -> tuple[str, Cover]:
    agreement = plan.template.agreement
    today = date_sv(timezone.localdate())
    if plan.project_id:
        project = plan.project
        title = f"Projektplan – {project.name}"
        lines = [f"Utvecklingsprojekt inom {agreement.name}",
                 f"Period: {date_sv(project.start)} – {date_sv(project.end)}",
                 "Deltagande kommuner: " + ", ".join(m.name for m in project.municipalities.all())]
        cover_title, subtitle = "Projektplan", project.name
    else:
        title = f"Handlingsplan {plan.template.year} – {plan.owner_name}"
        deadline = date(plan.template.year - 1, agreement.deadline_month, agreement.deadline_day)
        lines = [agreement.name, f"Lämnas till {agreement.receiver.name} senast {date_sv(deadline)}"]
        cover_title = f"Handlingsplan {plan.template.year}"
        subtitle = f"Familjecentrerat arbetssätt – {plan.owner_name}"
    lines += [f"Status: {plan.get_status_display()}", f"Utskriven {today}"]
    return title, Cover(cover_title, subtitle, lines)


def build(plan: ActionPlan) -> PlanDocument:
    """The whole plan as one document, in Swedish whatever language the reader's pages use."""
    with translation.override("sv"):
        goal_areas = selectors.plan_structure(plan)
        posts = list(plan.posts.select_related("employer"))
        budget = services.budget_table(plan)
        checks = services.checks(plan)
        title, cover = _cover(plan)
        overview, goal_tables = _goal_blocks(goal_areas)
        generated = {GOAL_OVERVIEW: overview, GOALS: goal_tables, ORGANISATION: _organisation_blocks(posts),
                     BUDGET: _budget_blocks(budget)}
        blocks: list = []
        if plan.project_id and plan.project.description.strip():
            blocks += [Heading(1, "Projektets syfte"), *_paragraphs(plan.project.description)]
        sections = plan.ordered_sections
        names = [name for name, _text in sections]
        sections += [(name, "") for name in GENERATED if name not in names]
        for name, text in sections:
            if not (text or "").strip() and name not in generated:
                continue
            blocks += [Heading(1, name), *_paragraphs(text), *generated.get(name, [])]
        blocks += _check_blocks(plan, checks)
    return PlanDocument(title, cover, blocks)

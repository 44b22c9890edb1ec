"""Reads for surveys: lists and the results, counted in the database in a fixed number of queries and
suppressed (``core.suppression``) before anything reaches a page, a chart or an export."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from tillsammans.accounts.roles import Role
from tillsammans.accounts.selectors import coordinator_area_ids
from tillsammans.core.access import Actor
from tillsammans.core.suppression import Shown, Table, enough, suppress_counts, suppress_table
from tillsammans.insight.models_surveys import Answer, Question, QuestionKind, Response, Survey, TargetGroup
from tillsammans.organisations.models import Area

NO_AREA = 0
"""The column of answers that named no area."""


def surveys_for(actor: Actor) -> QuerySet[Survey]:
    """Coordinators see their own surveys and those of their areas; managers and receivers all."""
    surveys = Survey.objects.annotate(answer_count=Count("responses", distinct=True)).select_related(
        "owner__user", "owner__unit")
    if actor.has_role(Role.COORDINATOR):
        scope = coordinator_area_ids(actor.membership)
        surveys = surveys.filter(Q(owner=actor.membership) | Q(areas__in=scope)).distinct()
    return surveys.order_by("-created_at", "-pk")


@dataclass
class OptionRow:
    label: str
    shown: Shown
    share: int | None  # percent of the question's respondents, None when suppressed


@dataclass
class QuestionResult:
    question: Question
    number: int
    respondents: Shown
    options: list[OptionRow] = field(default_factory=list)
    by_group: Table | None = None
    by_area: Table | None = None
    mean: Decimal | None = None
    texts: int = 0  # free-text answers (the true count: show ``respondents``, which is suppressed)
    texts_readable: bool = False  # enough people wrote one for the texts to be shown (readable_texts)


@dataclass
class SurveyResults:
    survey: Survey
    total: Shown
    by_group: Table
    groups: list[tuple[str, str]]
    areas: list[tuple[int, str]]
    questions: list[QuestionResult]


@dataclass
class Grid:
    """A suppressed table ready for a template: header, rows of (label, cells, total), totals row."""

    caption: str
    corner: str
    columns: list[str]
    rows: list[tuple[str, list[Shown], Shown]]
    totals: list[Shown]
    total: Shown


def grid(table: Table, *, caption: str, corner: str, row_names: dict, column_names: dict) -> Grid:
    return Grid(caption=caption, corner=corner, columns=[str(column_names.get(c, c)) for c in table.columns],
                rows=[(str(row_names.get(r, r)), [table.cell(r, c) for c in table.columns], table.row_totals[r])
                      for r in table.rows],
                totals=[table.column_totals[c] for c in table.columns], total=table.total)


def _labels(question: Question) -> list[str]:
    if question.kind == QuestionKind.SCALE:
        return [str(n) for n in range(1, 6)]
    return question.choices_in("sv")


def _values(question: Question) -> list[int]:
    return list(range(1, 6)) if question.kind == QuestionKind.SCALE else list(range(question.option_count))


def results(survey: Survey) -> SurveyResults:
    """Every question's counts per option, by target group and by area, suppressed; four queries."""
    group_names = dict(TargetGroup.choices)
    groups = [(g, str(group_names.get(g, g))) for g in survey.target_groups]
    area_rows = list(survey.areas.order_by("name").values_list("pk", "name"))
    responses = list(Response.objects.filter(survey=survey).values("target_group", "area_id")
                     .annotate(n=Count("id")).order_by())
    has_no_area = any(r["area_id"] is None for r in responses)
    areas = [*area_rows, *([(NO_AREA, "–")] if has_no_area else [])]
    area_keys = [pk for pk, _name in areas]
    group_keys = [g for g, _name in groups]

    per_group_area: dict[tuple, int] = defaultdict(int)
    for row in responses:
        per_group_area[(row["target_group"], row["area_id"] or NO_AREA)] += row["n"]
    by_group = suppress_table(per_group_area, group_keys, area_keys or [NO_AREA])

    # Respondents per question (people who answered it), then options by group and by area.
    answered = defaultdict(int)
    for row in (Answer.objects.filter(question__survey=survey).values("question_id")
                .annotate(n=Count("response_id", distinct=True)).order_by()):
        answered[row["question_id"]] = row["n"]
    counts: dict[int, dict[tuple, int]] = defaultdict(lambda: defaultdict(int))
    for row in (Answer.objects.filter(question__survey=survey, value__isnull=False)
                .values("question_id", "value", "response__target_group", "response__area_id")
                .annotate(n=Count("id")).order_by()):
        counts[row["question_id"]][(row["value"], row["response__target_group"],
                                    row["response__area_id"] or NO_AREA)] += row["n"]

    question_results = []
    for number, question in enumerate(survey.questions.all(), start=1):
        respondents_shown, _total = suppress_counts({"n": answered[question.pk]}, ["n"])
        result = QuestionResult(question=question, number=number, respondents=respondents_shown["n"])
        if question.kind == QuestionKind.TEXT:
            result.texts = answered[question.pk]
            result.texts_readable = answered[question.pk] > 0 and enough(answered[question.pk])
            question_results.append(result)
            continue
        cells = counts[question.pk]
        values = _values(question)
        per_value = defaultdict(int)
        per_group: dict[tuple, int] = defaultdict(int)
        per_area: dict[tuple, int] = defaultdict(int)
        for (value, group, area), n in cells.items():
            per_value[value] += n
            per_group[(value, group)] += n
            per_area[(value, area)] += n
        shown, _sum = suppress_counts(per_value, values)
        people = answered[question.pk]
        for value, label in zip(values, _labels(question), strict=True):
            cell = shown[value]
            share = None if cell.suppressed or not people or not enough(people) else round(100 * cell.value / people)
            result.options.append(OptionRow(label=label, shown=cell, share=share))
        result.by_group = suppress_table(per_group, values, group_keys)
        if area_keys:
            result.by_area = suppress_table(per_area, values, area_keys)
        if question.kind == QuestionKind.SCALE and people and enough(people):
            total = sum(v * per_value[v] for v in values)
            result.mean = (Decimal(total) / Decimal(people)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        question_results.append(result)
    return SurveyResults(survey=survey, total=by_group.total, by_group=by_group, groups=groups, areas=areas,
                         questions=question_results)


def group_sizes(survey: Survey) -> dict[str, int]:
    return dict(Response.objects.filter(survey=survey).values_list("target_group").annotate(n=Count("id")).order_by())


FREE_TEXT_PAGE = 25
"""Free-text answers shown a page at a time on the results page."""


def readable_texts(survey: Survey) -> QuerySet[Answer]:
    """The free-text answers that may be read, on the page and in the export: only those of questions
    that at least five people answered in words – fewer, and none is given, as a breakdown hides a
    count under five (``core.suppression.enough``). Ordered by question, then by text, not by when
    they came: one person's texts must not line up across questions. Two queries, whatever the size."""
    written = (Answer.objects.filter(question__survey=survey, question__kind=QuestionKind.TEXT).exclude(text="")
               .values("question_id").annotate(n=Count("id")).order_by())
    shown = [row["question_id"] for row in written if enough(row["n"])]
    return (Answer.objects.filter(question_id__in=shown).exclude(text="").select_related("question", "response")
            .order_by("question__order", "question_id", "text", "pk"))


@dataclass
class FreeText:
    question: Question
    number: int
    group: str  # the target group, "" when the group has fewer than five answers
    text: str


def _free_text_rows(survey: Survey, answers, numbers: dict[int, int] | None = None) -> list[FreeText]:
    sizes = group_sizes(survey)
    names = dict(TargetGroup.choices)
    if numbers is None:
        numbers = {pk: n for n, pk in enumerate(survey.questions.values_list("pk", flat=True), start=1)}
    rows = []
    for answer in answers:
        group = answer.response.target_group
        rows.append(FreeText(question=answer.question, number=numbers.get(answer.question_id, 0),
                             group=str(names.get(group, group)) if enough(sizes.get(group, 0)) else "",
                             text=answer.text))
    return rows


def free_texts(survey: Survey) -> list[FreeText]:
    """Every readable free-text answer, for the export."""
    return _free_text_rows(survey, readable_texts(survey))


def free_text_page(survey: Survey, number, numbers: dict[int, int]) -> tuple[Page, list[FreeText]]:
    """One page (``FREE_TEXT_PAGE``) of the readable free-text answers, for the results page; the
    same few queries at any number of answers."""
    page = Paginator(readable_texts(survey), FREE_TEXT_PAGE).get_page(number)
    return page, _free_text_rows(survey, page.object_list, numbers)


def area_names(pks) -> dict[int, str]:
    return dict(Area.objects.filter(pk__in=pks).values_list("pk", "name"))

"""Counts per term and area for the follow-up (groups, parents, completion, languages, materials
handed out), and the figures an action plan's follow-up shows for the sub-goals that programmes and
materials follow up. Counts of people pass core.suppression: under 5 is shown as "<5"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from tillsammans.core import suppression
from tillsammans.organisations.models import Area
from tillsammans.support import indicators
from tillsammans.support.languages import BY_CODE
from tillsammans.support.models import Evaluation, ParentGroup, ParticipantStatus, Programme, StockEntry, StockKind


@dataclass(frozen=True)
class Term:
    year: int
    autumn: bool

    @property
    def start(self) -> date:
        return date(self.year, 7, 1) if self.autumn else date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year + 1, 1, 1) if self.autumn else date(self.year, 7, 1)

    @property
    def code(self) -> str:
        return f"{'ht' if self.autumn else 'vt'}{self.year}"

    @property
    def label(self) -> str:
        return (_("Autumn %(year)s") if self.autumn else _("Spring %(year)s")) % {"year": self.year}

    @classmethod
    def of(cls, day: date) -> Term:
        return cls(day.year, day.month >= 7)

    @classmethod
    def parse(cls, code: str) -> Term | None:
        if len(code) == 6 and code[:2] in ("vt", "ht") and code[2:].isdigit():
            return cls(int(code[2:]), code[:2] == "ht")
        return None

    def previous(self, n: int) -> list[Term]:
        terms, term = [], self
        for _i in range(n):
            terms.append(term)
            term = Term(term.year, False) if term.autumn else Term(term.year - 1, True)
        return terms


@dataclass
class Statistics:
    term: Term
    areas: list[Area]
    groups: dict[int, suppression.Shown]
    people: suppression.Table  # area × programme: parents with a place
    completion: dict[int, str]
    languages: suppression.Table  # area × language
    materials: dict[int, int]

    def rows(self) -> list[dict]:
        return [{"area": area, "groups": self.groups[area.pk],
                 "people": [self.people.cell(area.pk, p) for p in self.people.columns],
                 "total": self.people.row_totals[area.pk], "completion": self.completion.get(area.pk, "–"),
                 "materials": self.materials.get(area.pk, 0),
                 "languages": [self.languages.cell(area.pk, c) for c in self.languages.columns]}
                for area in self.areas]


def term_statistics(term: Term, areas: list[Area]) -> Statistics:
    area_ids = [a.pk for a in areas]
    groups = {area: figure.value for area, figure in indicators.parent_groups(term.start, term.end, area_ids).items()}
    owners = indicators._owners(area_ids)
    programmes = list(Programme.objects.order_by("name").values_list("name", flat=True))
    people: dict[tuple, int] = {}
    by_language: dict[tuple, int] = {}
    rows = (ParentGroup.objects.filter(cancelled=False, starts_on__gte=term.start, starts_on__lt=term.end)
            .values("area_id", "programme__name", "language")
            .annotate(n=Count("participants", filter=Q(participants__status=ParticipantStatus.REGISTERED))))
    used_languages = set()
    for row in rows:
        for owner in owners.get(row["area_id"], ()):
            people[(owner, row["programme__name"])] = people.get((owner, row["programme__name"]), 0) + row["n"]
            by_language[(owner, row["language"])] = by_language.get((owner, row["language"]), 0) + row["n"]
            used_languages.add(row["language"])
    completion = {}
    for area, figure in indicators.group_completion(term.start, term.end, area_ids).items():
        completion[area] = f"{figure.value} %" if suppression.enough(figure.n) else f"<{suppression.THRESHOLD}"
    language_codes = sorted(used_languages, key=lambda c: list(BY_CODE).index(c) if c in BY_CODE else 99)
    return Statistics(
        term=term, areas=areas,
        groups={a: suppression.Shown(groups.get(a, 0)) for a in area_ids},
        people=suppression.suppress_table(people, area_ids, programmes),
        completion=completion,
        languages=suppression.suppress_table(by_language, area_ids, language_codes),
        materials={a: f.value for a, f in indicators.materials_handed_out(term.start, term.end, area_ids).items()})


@dataclass
class FollowUp:
    label: str
    figures: list[tuple[str, str]]


def followup_by_sub_goal(numbers, *, area: Area | None, year: int) -> dict[str, list[FollowUp]]:
    """For each sub-goal number that a programme or material follows up: the year's figures in the
    plan's area (every area when the plan has none), people suppressed under 5."""
    numbers = {n for n in numbers if n}
    result: dict[str, list[FollowUp]] = {}
    if not numbers:
        return result
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    scope = Q()
    if area is not None:
        owners = indicators._owners([area.pk])
        scope = Q(area_id__in=list(owners))
    rows = (ParentGroup.objects.filter(scope, cancelled=False, starts_on__gte=start, starts_on__lt=end,
                                       programme__sub_goal_number__in=numbers)
            .values("programme__sub_goal_number", "programme__name")
            .annotate(groups=Count("pk", distinct=True),
                      people=Count("participants", filter=Q(participants__status=ParticipantStatus.REGISTERED)),
                      completed=Count("participants", filter=Q(participants__status=ParticipantStatus.REGISTERED,
                                                               participants__completed=True)))
            .order_by("programme__name"))
    for row in rows:
        people = suppression.Shown(row["people"], suppression._small(row["people"], suppression.THRESHOLD))
        done = suppression.Shown(row["completed"], suppression._small(row["completed"], suppression.THRESHOLD)
                                 or people.suppressed)
        result.setdefault(row["programme__sub_goal_number"], []).append(FollowUp(row["programme__name"], [
            (_("groups"), str(row["groups"])), (_("parents with a place"), str(people)),
            (_("completed"), str(done))]))
    handed = StockEntry.objects.filter(kind=StockKind.HANDED_OUT, on__gte=start, on__lt=end,
                                       material__sub_goal_number__in=numbers)
    if area is not None:
        handed = handed.filter(unit__area_links__area_id=area.pk)
    for row in handed.values("material__sub_goal_number", "material__name").annotate(n=Sum("change")).order_by(
            "material__name"):
        result.setdefault(row["material__sub_goal_number"], []).append(FollowUp(
            row["material__name"], [(_("handed out"), str(-(row["n"] or 0)))]))
    return result


@dataclass
class EvaluationSummary:
    answers: int
    shown: bool
    rating: float | None = None
    helped: float | None = None
    comments: list[str] | None = None


def evaluation_summary(group) -> EvaluationSummary:
    """The group's anonymous evaluation, shown only from five answers so that no answer can be traced."""
    answers = list(Evaluation.objects.filter(group=group).values_list("rating", "helped", "comment"))
    if len(answers) < suppression.THRESHOLD:
        return EvaluationSummary(answers=len(answers), shown=False)
    return EvaluationSummary(
        answers=len(answers), shown=True, rating=round(sum(a[0] for a in answers) / len(answers), 1),
        helped=round(sum(a[1] for a in answers) / len(answers), 1), comments=sorted(a[2] for a in answers if a[2]))

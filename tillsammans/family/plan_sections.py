"""What the family wrote and did through their own door, on the staff's plan page
(``childplans.sections``): the child's and the guardians' own words, what they want to talk about,
their answers to meeting invitations and every consent act they signed with e-ID. A guardian is
named as the viewer may see them (``identity.shown`` through the plan page's people); the identity
number an act was signed with is never shown, only that it was an e-ID and its level."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from tillsammans.childplans.sections import PlanSection, section
from tillsammans.family.models import Contribution, FamilyAct, MeetingAnswer


def _contributions():
    return Exists(Contribution.objects.filter(plan=OuterRef("pk")))


def _acts():
    return Exists(FamilyAct.objects.filter(plan=OuterRef("pk")))


def _answers():
    return Exists(MeetingAnswer.objects.filter(meeting__plan=OuterRef("pk")))


def _by(row, names: dict[int, str]) -> str:
    """Who wrote or answered: the child (never named here: the page names the child once) or the
    guardian as the viewer may see them."""
    if row.guardian_id is None:
        return _("The child or young person")
    return names.get(row.guardian_id) or _("A guardian")


@section("family", order=20, presence={"family_words": _contributions, "family_acts": _acts,
                                       "family_answers": _answers})
def from_the_family(plan, basis, people, present) -> PlanSection | None:
    names = {g.pk: g.shown.name for g in people.get("guardians", [])}
    words, topics, answers, acts = [], [], [], []
    if "family_words" in present:
        for row in Contribution.objects.filter(plan=plan).select_related("meeting").order_by("-created_at", "-pk"):
            row.by_shown = _by(row, names)
            (words if row.kind == Contribution.Kind.OWN_WORDS else topics).append(row)
    if "family_answers" in present:
        answers = list(MeetingAnswer.objects.filter(meeting__plan=plan).select_related("meeting")
                       .order_by("-meeting__starts_at", "who"))
        for row in answers:
            row.by_shown = _by(row, names)
    if "family_acts" in present:
        acts = list(FamilyAct.objects.filter(plan=plan).prefetch_related("units").order_by("-recorded_at", "-pk"))
        for row in acts:
            row.by_shown = _by(row, names)
            row.unit_names = sorted(u.name for u in row.units.all())
    if not (words or topics or answers or acts):
        return None
    return PlanSection(key="family", title=_("From the family"), template="family/staff/plan_section.html",
                       context={"words": words, "topics": topics, "answers": answers, "acts": acts})

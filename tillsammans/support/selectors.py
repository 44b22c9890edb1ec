"""Reads about parenting support: the catalogue with its filters, an offer's text in the visitor's
language, placing an address in an area by its postcode, groups, leaders and stock."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum, prefetch_related_objects
from django.utils import timezone

from tillsammans.core import waitlist
from tillsammans.core.counting import count_of
from tillsammans.core.text import fold
from tillsammans.organisations.models import Area, UnitArea
from tillsammans.support import languages
from tillsammans.support.models import (
    BAND_YEARS,
    AgeBand,
    GroupLeader,
    GroupSession,
    LeaderProgramme,
    Offer,
    OfferText,
    ParentGroup,
    Participant,
    ParticipantStatus,
    SpokenLanguage,
    StockEntry,
)


def text_for(offer: Offer, language: str) -> OfferText:
    """The offer's text in ``language``, else English, else Swedish, else any (from the prefetched texts)."""
    texts = {t.language: t for t in offer.texts.all()}
    for code in languages.fallbacks(language):
        if code in texts:
            return texts[code]
    return next(iter(texts.values()), OfferText(offer=offer, language="sv", title=str(offer), summary=""))


# Areas and addresses -------------------------------------------------------------------------------

POSTCODE = re.compile(r"(?<!\d)(\d{3})\s?(\d{2})(?!\d)")


@dataclass(frozen=True)
class Placement:
    area: Area | None
    postcode: str
    how: str  # "postcode", "district" (first three digits) or "" (not placed)


def _depths() -> tuple[dict[int, int | None], dict[int, int]]:
    parents = dict(Area.objects.values_list("pk", "parent_id"))
    depth: dict[int, int] = {}

    def of(pk: int) -> int:
        if pk not in depth:
            seen, current, n = set(), parents.get(pk), 0
            while current is not None and current not in seen:
                seen.add(current)
                current, n = parents.get(current), n + 1
            depth[pk] = n
        return depth[pk]

    for pk in parents:
        of(pk)
    return parents, depth


def place_address(text: str) -> Placement:
    """Place an address in an area by its postcode: the areas in which units with the same postcode
    lie (no geocoding: the installation has no address register offline). When no unit has that
    postcode, the first three digits (the postal district) are tried. The deepest area wins."""
    match = POSTCODE.search(text or "")
    if not match:
        return Placement(None, "", "")
    code = match.group(1) + match.group(2)
    for how, lookup in (("postcode", Q(unit__postal_code__in=[code, f"{code[:3]} {code[3:]}"])),
                        ("district", Q(unit__postal_code__startswith=code[:3]))):
        counts = defaultdict(int)
        for area_id in UnitArea.objects.filter(lookup, area__valid_to__isnull=True).values_list("area_id", flat=True):
            counts[area_id] += 1
        if counts:
            _parents, depth = _depths()
            best = max(counts, key=lambda pk: (depth.get(pk, 0), counts[pk], -pk))
            return Placement(Area.objects.get(pk=best), code, how)
    return Placement(None, code, "")


def related_area_ids(area: Area) -> set[int]:
    """An area, the areas below it and the areas above it: an offer for the whole city is also for
    each of its districts."""
    parents, _depth = _depths()
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent in parents.items():
        children[parent].append(pk)
    result, stack = set(), [area.pk]
    while stack:
        pk = stack.pop()
        if pk not in result:
            result.add(pk)
            stack.extend(children.get(pk, ()))
    current = parents.get(area.pk)
    while current is not None and current not in result:
        result.add(current)
        current = parents.get(current)
    return result


# The catalogue ---------------------------------------------------------------------------------


@dataclass
class Filters:
    area: Area | None = None
    age: str = ""
    language: str = ""
    kind: str = ""
    q: str = ""

    @property
    def any(self) -> bool:
        return bool(self.area or self.age or self.language or self.kind or self.q)


def open_groups(today: date | None = None) -> QuerySet[ParentGroup]:
    today = today or timezone.localdate()
    return ParentGroup.objects.filter(cancelled=False, ends_on__gte=today)


def catalogue(filters: Filters, *, today: date | None = None, published_only: bool = True) -> QuerySet[Offer]:
    """Offers matching the filters, with what the list shows prefetched (a fixed number of queries)."""
    today = today or timezone.localdate()
    offers = Offer.objects.published(today) if published_only else Offer.objects.all()
    if filters.area is not None:
        offers = offers.filter(Exists(Offer.areas.through.objects.filter(
            offer_id=OuterRef("pk"), area_id__in=related_area_ids(filters.area))))
    if filters.age == AgeBand.EXPECTING:
        offers = offers.filter(for_expecting=True)
    elif filters.age in BAND_YEARS:
        low, high = BAND_YEARS[filters.age]
        offers = offers.filter(Q(age_from__isnull=True) | Q(age_from__lte=high),
                               Q(age_to__isnull=True) | Q(age_to__gte=low)).exclude(
            age_from__isnull=True, age_to__isnull=True)
    if filters.language:
        offers = offers.filter(
            Exists(SpokenLanguage.objects.filter(offer_id=OuterRef("pk"), code=filters.language))
            | Exists(open_groups(today).filter(offer_id=OuterRef("pk"), language=filters.language)))
    if filters.kind:
        offers = offers.filter(kind=filters.kind)
    if filters.q:
        offers = offers.filter(Exists(OfferText.objects.filter(offer_id=OuterRef("pk"),
                                                               folded__contains=fold(filters.q))))
    return offers.select_related("provider", "programme").prefetch_related(
        "texts", "spoken", "areas",
        Prefetch("groups", queryset=open_groups(today).order_by("starts_on", "pk"), to_attr="open_groups"),
    ).order_by("kind", "pk")


def offer_public(pk: int, *, today: date | None = None, published_only: bool = True) -> Offer | None:
    offer = offer_found(pk, today=today, published_only=published_only)
    if offer is not None:
        offer_page_parts(offer, today=today)
    return offer


def offer_found(pk: int, *, today: date | None = None, published_only: bool = True) -> Offer | None:
    """The offer (published, unless ``published_only`` is false) with its provider and texts."""
    offers = Offer.objects.published(today) if published_only else Offer.objects.all()
    return offers.select_related("provider", "programme").prefetch_related("texts").filter(pk=pk).first()


def offer_page_parts(offer: Offer, *, today: date | None = None) -> None:
    """Read what an offer's page shows beside its texts: languages, areas and the open groups with
    their places taken and sessions (``offer.open_groups``)."""
    today = today or timezone.localdate()
    groups = open_groups(today).annotate(
        taken=Count("participants", filter=Q(participants__status=ParticipantStatus.REGISTERED))
    ).prefetch_related(Prefetch("sessions", queryset=GroupSession.objects.filter(cancelled=False)))
    prefetch_related_objects([offer], "spoken", "areas", Prefetch("groups", queryset=groups.order_by("starts_on", "pk"),
                                                                  to_attr="open_groups"))


# Groups ---------------------------------------------------------------------------------------------


def groups_for(*, area_ids=None, include_ended: bool = False, today: date | None = None) -> QuerySet[ParentGroup]:
    today = today or timezone.localdate()
    groups = ParentGroup.objects.all() if include_ended else ParentGroup.objects.filter(ends_on__gte=today)
    if area_ids is not None:
        groups = groups.filter(area_id__in=area_ids)
    return groups.select_related("programme", "area").annotate(  # counted for the rows shown (core.counting)
        registered=count_of(Participant.objects.filter(status=ParticipantStatus.REGISTERED), "group"),
        waitlisted=count_of(Participant.objects.filter(status=ParticipantStatus.WAITLISTED), "group"),
    ).order_by("starts_on", "pk")


def group_detail(pk: int) -> ParentGroup | None:
    return ParentGroup.objects.select_related("programme", "area", "offer").prefetch_related(
        "organisers__user", "leaders__contact__unit", "offer__texts").filter(pk=pk).first()


def group_counts(group: ParentGroup) -> dict[str, int]:
    rows = dict(group.participants.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {"registered": rows.get(ParticipantStatus.REGISTERED, 0),
            "waitlisted": rows.get(ParticipantStatus.WAITLISTED, 0)}


def participants_of(group: ParentGroup) -> list[Participant]:
    """Those with a place, then the waitlist in its order (cancelled ones are not shown)."""
    rows = list(group.participants.filter(status__in=[ParticipantStatus.REGISTERED, ParticipantStatus.WAITLISTED])
                .annotate(present=Count("attendance", filter=Q(attendance__session__cancelled=False)))
                .order_by("created_at", "pk"))
    return sorted(rows, key=lambda p: p.status != ParticipantStatus.REGISTERED)


def waitlist_position(participant: Participant) -> int | None:
    return waitlist.position(participant.group.participants, participant)


def attendance_rows(session: GroupSession) -> list[tuple[Participant, bool]]:
    present = set(session.attendance.values_list("participant_id", flat=True))
    rows = session.group.participants.filter(status=ParticipantStatus.REGISTERED).order_by("name", "pk")
    return [(p, p.pk in present) for p in rows]


# Leaders and stock ---------------------------------------------------------------------------------


def leader_pool() -> QuerySet[GroupLeader]:
    return GroupLeader.objects.select_related("contact__unit").prefetch_related(
        Prefetch("programmes", queryset=LeaderProgramme.objects.select_related("programme").order_by(
            "programme__name"))).annotate(
        led=Count("groups", filter=Q(groups__cancelled=False), distinct=True)).order_by("contact__name", "pk")


def stock_by_unit(material) -> list[dict]:
    """Each unit's stock of a material and what it has handed out, in one query."""
    rows = (StockEntry.objects.filter(material=material).values("unit_id", "unit__name")
            .annotate(stock=Sum("change"), handed_out=Sum("change", filter=Q(kind="handed_out")))
            .order_by("unit__name", "unit_id"))
    return [{"unit_id": r["unit_id"], "unit": r["unit__name"], "stock": r["stock"] or 0,
             "handed_out": -(r["handed_out"] or 0)} for r in rows]


def stock_of(material, unit) -> int:
    """How many of a material a unit has now (the sum of its stock entries)."""
    return StockEntry.objects.filter(material=material, unit=unit).aggregate(n=Sum("change"))["n"] or 0

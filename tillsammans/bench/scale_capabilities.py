"""The later capabilities at scale (needs surveys and indicators, knowledge events, parenting
support, reports of concern), through the bulk paths of ``scale_rows``; ``scale.generate`` calls
them. The pathway has a module of its own (``scale_pathway``). Everything is invented."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import timedelta

from django.utils import timezone

from tillsammans.bench.scale_rows import BATCH, FIRST, LAST, columns_of, defaults_row, next_id, write_rows


def add_insight(area_ids: Sequence[int], *, years: int = 3, responses: int = 0, owner_id: int,
                progress=None) -> None:
    """Indicator values for every area and year (four indicators, made if missing) and a closed needs
    survey with ``responses`` answers spread over the areas and two target groups."""
    from decimal import Decimal

    from tillsammans.insight.models import Answer, Indicator, IndicatorValue, Question, Response, Survey

    rnd = random.Random(len(area_ids) + responses)
    names = ["Närvaro i grundskolan", "Orosanmälningar per 1 000 barn", "Andel barn i förskola", "Antal SIP"]
    indicators = [Indicator.objects.get_or_create(name=name, defaults={"unit": "%", "good": "up"})[0]
                  for name in names]
    last = timezone.localdate().year - 1
    IndicatorValue.objects.bulk_create([
        IndicatorValue(indicator=indicator, area_id=area, year=year, value=Decimal(rnd.randint(500, 990)) / 10,
                       source="csv")
        for indicator in indicators for area in area_ids for year in range(last - years + 1, last + 1)],
        batch_size=BATCH, ignore_conflicts=True)
    if not responses:
        return
    survey = Survey.objects.create(title=f"Behovsenkät {rnd.randrange(10**6)}", target_groups=[
        "young_people", "guardians"], languages=["sv"], status="closed", token=f"scale-{rnd.randrange(10**12)}",
        owner_id=owner_id)
    survey.areas.set(area_ids[:20])
    scale_q = Question.objects.create(survey=survey, order=1, kind="scale", text={"sv": "Jag vet vart jag vänder mig"})
    choice_q = Question.objects.create(survey=survey, order=2, kind="multiple", text={"sv": "Hur vill du få veta?"},
                                       choices={"sv": ["Sms", "E-post", "På plats"]})
    text_q = Question.objects.create(survey=survey, order=3, kind="text", text={"sv": "Vad saknar du?"})
    done = 0
    while done < responses:
        n = min(5_000, responses - done)
        rows = Response.objects.bulk_create([
            Response(survey=survey, target_group=("young_people", "guardians")[i % 2],
                     area_id=area_ids[:20][i % min(20, len(area_ids))], answered_on=timezone.localdate())
            for i in range(done, done + n)], batch_size=BATCH)
        Answer.objects.bulk_create([
            answer for response in rows for answer in (
                Answer(response=response, question=scale_q, value=rnd.randint(1, 5)),
                Answer(response=response, question=choice_q, value=rnd.randrange(3)),
                Answer(response=response, question=text_q, text="Fler kvällstider"))], batch_size=BATCH)
        done += n
        if progress:
            progress(n)


def add_knowledge_events(count: int, *, membership_ids: Sequence[int], years: int = 3, per_event: int = 20,
                         progress=None) -> None:
    """Events spread over the years (a tenth still to come), each with registrations and attendance."""
    from tillsammans.accounts.models import Membership
    from tillsammans.events.models import Event, EventKind, Registration

    if not count or not membership_ids:
        return
    rnd = random.Random(count)
    users = dict(Membership.objects.filter(pk__in=membership_ids).values_list("pk", "user_id"))
    people = list(users.items())
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    span = timedelta(days=365 * years)
    kinds = list(EventKind.values)
    created = Event.objects.bulk_create([
        Event(title=f"Frukostmöte {i}", kind=kinds[i % len(kinds)], starts_at=start,
              ends_at=start + timedelta(hours=2), place="Folkets hus", capacity=per_event + 5,
              open_to_guests=i % 3 == 0, audience_roles=["staff"])
        for i, start in ((i, now - span + span * (i + 1) / (count * 0.9)) for i in range(count))],
        batch_size=BATCH)
    for event in created:
        chosen = rnd.sample(people, min(per_event, len(people)))
        Registration.objects.bulk_create([
            Registration(event=event, user_id=user_id, membership_id=membership_id, status="registered",
                         attended=event.starts_at < now and rnd.random() < 0.85)
            for membership_id, user_id in chosen], batch_size=BATCH)
        if progress:
            progress(1)


def add_support_offers(count: int, *, unit_ids: Sequence[int], area_ids: Sequence[int], per_group: int = 10,
                       progress=None) -> list[int]:
    """Published offers of every kind with texts in Swedish, English and Arabic, held in one or two
    languages; every fourth is a programme with a parent group of ``per_group`` parents."""
    from tillsammans.support.models import (
        AgeBand,
        Offer,
        OfferKind,
        OfferText,
        ParentGroup,
        Participant,
        Programme,
        SpokenLanguage,
    )

    if not count or not unit_ids or not area_ids:
        return []
    abc = Programme.objects.get_or_create(name="ABC", defaults={"sub_goal_number": "7.1.1"})[0]
    kinds, bands = list(OfferKind.values), [b for b in AgeBand.values if b != "expecting"]
    today = timezone.localdate()
    ids: list[int] = []
    for first in range(0, count, BATCH):
        n = min(BATCH, count - first)
        offers = Offer.objects.bulk_create([
            Offer(kind=OfferKind.PROGRAMME if (first + i) % 4 == 0 else kinds[(first + i) % len(kinds)],
                  programme=abc if (first + i) % 4 == 0 else None, provider_id=unit_ids[(first + i) % len(unit_ids)],
                  age_from=[0, 3, 6, 13][(first + i) % 4], age_to=[5, 12, 12, 18][(first + i) % 4], published=True)
            for i in range(n)], batch_size=BATCH)
        Offer.areas.through.objects.bulk_create([
            Offer.areas.through(offer_id=o.pk, area_id=area_ids[k % len(area_ids)]) for k, o in enumerate(offers)],
            batch_size=BATCH)
        OfferText.objects.bulk_create([
            OfferText(offer=o, language=lang, title=f"{title} {o.pk}", summary=summary,
                      folded=f"{title} {o.pk}".lower())
            for o in offers for lang, title, summary in (
                ("sv", "Föräldrastöd", "Stöd för föräldrar."), ("en", "Parent support", "Support for parents."),
                ("ar", "دعم الوالدين", "دعم للوالدين."))], batch_size=BATCH)
        SpokenLanguage.objects.bulk_create([SpokenLanguage(offer=o, code=code) for k, o in enumerate(offers)
                                            for code in (["sv", "en"] if k % 3 == 0 else ["sv"])], batch_size=BATCH)
        groups = ParentGroup.objects.bulk_create([
            ParentGroup(offer=o, programme=abc, area_id=area_ids[k % len(area_ids)], name=f"ABC {o.pk}",
                        language="en" if k % 8 == 0 else "sv", capacity=per_group + 2,
                        starts_on=today + timedelta(days=k % 60 - 30), ends_on=today + timedelta(days=k % 60),
                        place="Familjecentralen")
            for k, o in enumerate(offers) if o.kind == OfferKind.PROGRAMME], batch_size=BATCH)
        Participant.objects.bulk_create([
            Participant(group=g, name="", email=f"p{g.pk}-{j}@example.org", age_band=bands[j % len(bands)],
                        status="registered", token=f"scale-{g.pk}-{j}", completed=j % 3 != 0)
            for g in groups for j in range(per_group)], batch_size=BATCH)
        ids += [o.pk for o in offers]
        if progress:
            progress(n)
    return ids


def add_concerns(count: int, *, municipality_id: int, reporter_ids: Sequence[int], unit_of: dict[int, int],
                 area_ids: Sequence[int] = (), progress=None) -> list[int]:
    """Reports of concern to one municipality's intake, over the last year, in every state
    (a tenth awaiting the protection assessment, a tenth awaiting the decision, the rest decided)."""
    from tillsammans.concerns import deadlines
    from tillsammans.concerns.models import ConcernReport, Decision, ReportStatus

    if count <= 0 or not reporter_ids:
        return []
    start = next_id(ConcernReport)
    now = timezone.now()
    sample = ConcernReport()
    decisions = [Decision.OPENED, Decision.NOT_OPENED, Decision.ONGOING]
    rows = []
    for i in range(count):
        pk = start + i
        received = now - timedelta(hours=1 + i * 6)
        state = (ReportStatus.RECEIVED if i % 10 == 0 else ReportStatus.ASSESSED if i % 10 == 1
                 else ReportStatus.DECIDED)
        reporter = reporter_ids[i % len(reporter_ids)]
        decided = received + timedelta(days=5) if state == ReportStatus.DECIDED else None
        rows.append([pk, *defaults_row(ConcernReport, sample, {
            "reference": f"ORO-SKALA-{pk:07d}", "municipality_id": municipality_id,
            "area_id": area_ids[i % len(area_ids)] if area_ids else None, "routed_by": "reporter_unit",
            "received_at": received, "child_name": f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}",
            "child_age": i % 18, "observations": "Barnet berättade att det inte vill gå hem.",
            "reporter_id": reporter, "reporter_unit_id": unit_of[reporter], "reporter_sector": "preschool",
            "reporter_name": "Skalans anmälare", "status": state,
            "assessment_due_at": deadlines.assessment_due(received),
            "decision_due_on": deadlines.decision_due(received),
            "assessed_at": received + timedelta(hours=5) if state != ReportStatus.RECEIVED else None,
            "decided_at": decided, "decision": decisions[i % 3] if decided else "",
            "feedback_at": decided, "feedback_due_on": decided.date() if decided else None})])
    write_rows(ConcernReport, ["id", *columns_of(ConcernReport)], rows, progress)
    return list(range(start, start + count))

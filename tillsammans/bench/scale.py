"""A fictional region at any size, written through bulk paths (COPY on PostgreSQL, bulk_create
elsewhere). Used by ``tillsammans generate-scale``, by ``make bench`` and by the query-count tests
(which grow a small world and check that no page's query count grows with it).

Everything is invented: names from short lists, personal identity numbers from the test serials
980–999 (coordination numbers for the second half), e-mail under example.org.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

FIRST = ["Alva", "Elsa", "Maja", "Saga", "Vera", "Ella", "Nils", "Leo", "Liam", "Otto", "Ivar", "Tage",
         "Ebba", "Stina", "Hugo", "Malte", "Selma", "Wilma", "Arvid", "Frans"]
LAST = ["Testberg", "Provsson", "Exempelström", "Fiktivgren", "Påhittlund", "Låtsasdal", "Övningsvik",
        "Demoqvist", "Skissberg", "Utkastsson"]

BATCH = 5000


@dataclass
class Sizes:
    children: int = 1_000_000
    professionals: int = 100_000
    plans: int = 200_000
    events: int = 10_000_000
    units: int = 5_000
    areas: int = 500
    years: int = 3
    lead_plans: int = 500  # plans led by the benchmark's SIP coordinator
    lead_participations: int = 200  # plans the coordinator takes part in besides
    knowledge_events: int = 3_000  # breakfast meetings, courses… over the years, 20 registrations each
    concerns: int = 20_000  # reports of concern to the first municipality's intake over the last year
    support_offers: int = 20_000  # parenting-support offers in three languages, a parent group on every fourth
    worries: int = 50_000  # the pathway: worries of one preschool teacher, relay logs, forum requests
    survey_responses: int = 20_000  # answers to one needs survey (four questions each)


SMALL = Sizes(children=2_000, professionals=500, plans=400, events=20_000, units=100, areas=20,
              lead_plans=10, lead_participations=5, knowledge_events=30, concerns=200, support_offers=40,
              worries=200, survey_responses=200)


def child_number(index: int) -> str:
    """A unique, fictional number: birth date, test serial 980–999, valid check digit.
    Even blocks are personal identity numbers, odd ones coordination numbers (day + 60)."""
    from tillsammans.core.identity import luhn_digit

    serial = 980 + index % 20
    rest = index // 20
    coordination = rest % 2
    born = date(1999, 12, 31) - timedelta(days=rest // 2)  # never collides with the demo's children
    day = born.day + (60 if coordination else 0)
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    return f"{born:%Y%m}{day:02d}{serial:03d}{luhn_digit(nine)}"


def _table(model) -> str:
    return model._meta.db_table


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def write_rows(model, columns: Sequence[str], rows: Iterable[Sequence[Any]],
               progress: Callable[[int], None] | None = None) -> int:
    """Insert rows fast: COPY on PostgreSQL (psycopg 3), executemany in batches otherwise.
    ``columns`` are database column names; ids are given explicitly by the caller."""
    table = _table(model)
    written = 0
    if connection.vendor == "postgresql":
        names = ", ".join(f'"{c}"' for c in columns)
        with connection.cursor() as cursor, cursor.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
                if progress and written % BATCH == 0:
                    progress(BATCH)
        if progress:
            progress(written % BATCH)
        if "id" in columns:
            with connection.cursor() as cursor:
                # table names come from the models, never from input
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "  # noqa: S608
                               f"(SELECT max(id) FROM \"{table}\"))")
        return written
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'  # noqa: S608 (names from the models)
    batch: list[Sequence[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append([_sqlite_value(v) for v in row])
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                written += len(batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
            if progress:
                progress(len(batch))
    return written


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


@dataclass
class Region:
    principal_ids: list[int]
    authority_ids: list[int]
    unit_ids: list[int]
    membership_ids: list[int]  # staff memberships (taking part in plans)
    unit_of_membership: dict[int, int]


def add_units(authority_ids: Sequence[int], count: int, progress=None) -> list[int]:
    from tillsammans.organisations.models import Unit, UnitType

    unit_type = UnitType.objects.order_by("pk").first()
    if unit_type is None:
        unit_type = UnitType.objects.create(code="forskola", name="Förskola")
    start = _next_id(Unit)
    now = timezone.now()
    sample = Unit(authority_id=authority_ids[0], unit_type=unit_type, name="x")
    fields = [f for f in Unit._meta.concrete_fields if f.column != "id"]
    ids = list(range(start, start + count))

    def rows():
        rnd = random.Random(start)
        for i, pk in enumerate(ids):
            values = {}
            for field in fields:
                values[field.column] = field.get_db_prep_save(field.pre_save(sample, True), connection)
            values.update({"authority_id": authority_ids[i % len(authority_ids)],
                           "unit_type_id": unit_type.pk, "name": f"Enhet {LAST[i % len(LAST)]} {pk}",
                           "latitude": 55.5 + rnd.random() * 10, "longitude": 12 + rnd.random() * 10})
            for name in ("created_at", "updated_at"):
                if name in values:
                    values[name] = now
            yield [pk, *(values[f.column] for f in fields)]

    write_rows(Unit, ["id", *(f.column for f in fields)], rows(), progress)
    return ids


def _defaults_row(model, sample, overrides: dict[str, Any]) -> list[Any]:
    values = []
    for field in model._meta.concrete_fields:
        if field.column == "id":
            continue
        if field.column in overrides:
            values.append(overrides[field.column])
        else:
            values.append(field.get_db_prep_save(field.pre_save(sample, True), connection))
    return values


def _columns(model) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if f.column != "id"]


def add_staff(unit_ids: Sequence[int], count: int, role: str = "staff", progress=None) -> list[int]:
    """Users with one membership each (unusable passwords); returns the membership ids."""
    from tillsammans.accounts.models import Membership, User

    now = timezone.now()
    user_start, member_start = _next_id(User), _next_id(Membership)
    sample_user = User(username="x")
    sample_member = Membership(role=role)

    def users():
        for i in range(count):
            pk = user_start + i
            first, last = FIRST[pk % len(FIRST)], LAST[(pk // len(FIRST)) % len(LAST)]
            yield [pk, *_defaults_row(User, sample_user, {
                "password": "!", "username": f"user{pk}", "first_name": first, "last_name": last,
                "email": f"user{pk}@example.org", "date_joined": now, "is_active": True,
                "name_folded": f"{first} {last} user{pk}@example.org".casefold()})]

    def memberships():
        for i in range(count):
            pk = member_start + i
            yield [pk, *_defaults_row(Membership, sample_member, {
                "user_id": user_start + i, "unit_id": unit_ids[i % len(unit_ids)], "role": role,
                "created_at": now, "valid_from": now.date()})]

    write_rows(User, ["id", *_columns(User)], users(), progress)
    write_rows(Membership, ["id", *_columns(Membership)], memberships())
    return list(range(member_start, member_start + count))


def add_plans(*, count: int, lead_ids: Sequence[int], participant_ids: Sequence[int],
              unit_of: dict[int, int], category_ids: Sequence[int], first_child: int | None = None,
              progress=None) -> list[int]:
    """Plans with a child, two guardians with custody, one valid consent for the participants'
    units from both guardians, and the participants. Returns the plan ids."""
    from tillsammans.childplans.models import (
        Child,
        Consent,
        ConsentGrant,
        CoordinatedPlan,
        Guardian,
        Participant,
    )

    now = timezone.now()
    today = timezone.localdate()
    child0, plan0, guardian0 = _next_id(Child), _next_id(CoordinatedPlan), _next_id(Guardian)
    consent0, grant0, part0 = _next_id(Consent), _next_id(ConsentGrant), _next_id(Participant)
    first_child = child0 if first_child is None else first_child
    rnd = random.Random(plan0)
    plan_parts = []
    for _ in range(count):
        chosen = rnd.sample(list(participant_ids), min(3, len(participant_ids))) if participant_ids else []
        plan_parts.append(chosen)
    samples = {m: m() for m in (Child, CoordinatedPlan, Guardian, Consent, ConsentGrant, Participant)}

    write_rows(Child, ["id", *_columns(Child)], (
        [child0 + i, *_defaults_row(Child, samples[Child], {
            "personal_number": child_number(first_child + i), "first_name": FIRST[i % len(FIRST)],
            "last_name": LAST[(i // 7) % len(LAST)], "protected_identity": i % 200 == 199,
            "created_at": now})] for i in range(count)), progress)
    write_rows(CoordinatedPlan, ["id", *_columns(CoordinatedPlan)], (
        [plan0 + i, *_defaults_row(CoordinatedPlan, samples[CoordinatedPlan], {
            "child_id": child0 + i, "lead_membership_id": lead_ids[i % len(lead_ids)], "status": "follow_up",
            "reason": "Behöver samordnat stöd.", "created_at": now - timedelta(minutes=i),
            "updated_at": now - timedelta(minutes=i)})] for i in range(count)))
    write_rows(Guardian, ["id", *_columns(Guardian)], (
        [guardian0 + 2 * i + g, *_defaults_row(Guardian, samples[Guardian], {
            "child_id": child0 + i, "name": f"Vårdnadshavare {g + 1}", "has_custody": True})]
        for i in range(count) for g in (0, 1)))
    write_rows(Consent, ["id", *_columns(Consent)], (
        [consent0 + i, *_defaults_row(Consent, samples[Consent], {
            "plan_id": plan0 + i, "child_id": child0 + i, "recorded_by_id": lead_ids[i % len(lead_ids)],
            "recorded_at": now,
            "valid_from": today - timedelta(days=30), "valid_to": today + timedelta(days=335)})]
        for i in range(count)))
    through = Consent.receiving_units.through
    cat_through = Consent.categories.through
    write_rows(through, ["consent_id", "unit_id"], (
        [consent0 + i, unit] for i in range(count) for unit in sorted({unit_of[m] for m in plan_parts[i]})))
    write_rows(cat_through, ["consent_id", "informationcategory_id"], (
        [consent0 + i, c] for i in range(count) for c in category_ids))

    def grants():
        pk = grant0
        for i in range(count):
            for unit in sorted({unit_of[m] for m in plan_parts[i]}):
                for g in (0, 1):
                    yield [pk, *_defaults_row(ConsentGrant, samples[ConsentGrant], {
                        "consent_id": consent0 + i, "guardian_id": guardian0 + 2 * i + g, "unit_id": unit,
                        "given_at": now})]
                    pk += 1

    write_rows(ConsentGrant, ["id", *_columns(ConsentGrant)], grants())

    def participants():
        pk = part0
        for i in range(count):
            for m in plan_parts[i]:
                yield [pk, *_defaults_row(Participant, samples[Participant], {
                    "plan_id": plan0 + i, "membership_id": m, "added_at": now})]
                pk += 1

    write_rows(Participant, ["id", *_columns(Participant)], participants())
    return list(range(plan0, plan0 + count))


def add_participation(membership_id: int, plan_ids: Sequence[int], unit_id: int) -> None:
    """Let a membership take part in existing plans, covered by their consents (both guardians)."""
    from tillsammans.childplans.models import Consent, ConsentGrant, Guardian, Participant

    now = timezone.now()
    Participant.objects.bulk_create([Participant(plan_id=p, membership_id=membership_id) for p in plan_ids],
                                    ignore_conflicts=True, batch_size=BATCH)
    consents = dict(Consent.objects.filter(plan_id__in=plan_ids).values_list("pk", "plan__child_id"))
    Consent.receiving_units.through.objects.bulk_create(
        [Consent.receiving_units.through(consent_id=c, unit_id=unit_id) for c in consents],
        ignore_conflicts=True, batch_size=BATCH)
    guardians = Guardian.objects.filter(child_id__in=consents.values()).values_list("pk", "child_id")
    by_child: dict[int, list[int]] = {}
    for pk, child in guardians:
        by_child.setdefault(child, []).append(pk)
    ConsentGrant.objects.bulk_create(
        [ConsentGrant(consent_id=c, guardian_id=g, unit_id=unit_id, given_at=now)
         for c, child in consents.items() for g in by_child.get(child, [])],
        ignore_conflicts=True, batch_size=BATCH)


def add_events(count: int, *, membership_ids: Sequence[int], child_ids: Sequence[int], years: int = 3,
               progress=None) -> int:
    """Access events spread over the last ``years`` years, chained onto the current tip with the
    same HMAC and canonical text as ``core.audit`` (so that verify-audit passes), with checkpoints."""
    from django.conf import settings

    from tillsammans.accounts.models import Membership
    from tillsammans.core import audit
    from tillsammans.core.models import AccessEvent, AuditCheckpoint

    if count <= 0:
        return 0
    audit.sequence()  # events waiting for the sequencer (ADR 0022) come first in the chain
    with transaction.atomic():
        audit._lock_chain()
        tip = audit._tip()
        seq = tip["seq"] if tip else 0
        prev = tip["mac"] if tip else audit.GENESIS
        # Spread over the past years (older than events already written, if any: the review orders
        # by time, the chain by seq, so both orders stay consistent within the generated events).
        now = timezone.now()
        start = now - timedelta(days=365 * years)
        step = (now - start) / count
        members = {m.pk: m for m in Membership.objects.filter(pk__in=list(membership_ids)[:5000])
                   .select_related("user", "unit")}
        pool = [members[pk] for pk in list(membership_ids)[:5000] if pk in members]
        rnd = random.Random(seq)
        event_id = _next_id(AccessEvent)
        checkpoints: list[tuple[int, str]] = []
        every = settings.AUDIT_CHECKPOINT_EVERY
        columns = ["id", "seq", "occurred_at", "user_id", "user_label", "membership_id", "role", "unit_id",
                   "unit_label", "authority_id", "action", "object_type", "object_id", "person_type",
                   "person_id", "purpose", "client_ip", "request_id", "detail", "canonical", "prev_mac", "mac",
                   "outcome"]

        def rows() -> Iterator[list[Any]]:
            nonlocal seq, prev
            for i in range(count):
                m = pool[rnd.randrange(len(pool))]
                child = child_ids[rnd.randrange(len(child_ids))] if child_ids else 0
                seq += 1
                values = {
                    "seq": seq, "occurred_at": start + step * (i + 1), "user_id": m.user_id,
                    "user_label": f"{m.user.first_name} {m.user.last_name}", "membership_id": m.pk,
                    "role": m.role, "unit_id": m.unit_id, "unit_label": m.unit.name,
                    "authority_id": m.unit.authority_id, "action": "read",
                    "object_type": "childplans.coordinatedplan", "object_id": str(child),
                    "person_type": "child", "person_id": str(child), "purpose": "Samordnad individuell plan",
                    "client_ip": "127.0.0.1", "request_id": f"scale{seq}", "detail": {"via": "scale"},
                    "prev_mac": prev,
                }
                text = audit.canonical_text(values)
                mac = audit._sign(prev + "\n" + text)
                if seq % every == 0:
                    checkpoints.append((seq, mac))
                row = [event_id + i, *(values[c] for c in columns[1:18]), _json(values["detail"]), text, prev, mac,
                       "allowed"]
                prev = mac
                yield row

        write_rows(AccessEvent, columns, rows(), progress)
        written = AuditCheckpoint.objects.bulk_create([
            AuditCheckpoint(seq=s, event_mac=mac, created_at=now,
                            mac=audit._checkpoint_mac(s, mac, now)) for s, mac in checkpoints],
            batch_size=BATCH)
        if written:
            # The newest one goes to the anchors outside the database, as the worker's would.
            from tillsammans.core import audit_anchor

            audit_anchor.publish_after_commit(written[-1])
        return count


def generate(sizes: Sizes, *, progress_factory=None) -> dict[str, Any]:
    """Build a whole region. Returns the ids a benchmark needs (the SIP coordinator and more)."""
    from tillsammans.accounts.roles import Role
    from tillsammans.childplans.categories import ensure_categories
    from tillsammans.organisations.models import Area, AreaKind, Authority, Principal, UnitArea

    def bar(total: int, label: str):
        if progress_factory is None:
            return _NoBar()
        return progress_factory(total=total, desc=label)

    tag = f"{random.randrange(10**6):06d}"
    principals = [Principal.objects.create(name=f"Skalkommun {tag}-{i}", kind="municipality")
                  for i in range(max(1, sizes.areas // 25))]
    authorities = [Authority.objects.create(principal=p, name=f"Nämnd {k}") for p in principals for k in range(2)]
    with bar(sizes.units, "units") as b:
        unit_ids = add_units([a.pk for a in authorities], sizes.units, b.update)
    areas = Area.objects.bulk_create([
        Area(name=f"Område {tag}-{i}", kind=AreaKind.DISTRICT, principal=principals[i % len(principals)])
        for i in range(sizes.areas)], batch_size=BATCH)
    UnitArea.objects.bulk_create([UnitArea(unit_id=u, area=areas[i % len(areas)]) for i, u in enumerate(unit_ids)],
                                 batch_size=BATCH, ignore_conflicts=True)
    with bar(sizes.professionals, "professionals") as b:
        staff = add_staff(unit_ids, max(2, sizes.professionals - 1), role=Role.STAFF, progress=b.update)
        lead = add_staff(unit_ids[:1], 1, role=Role.SIP_LEAD)[0]
    unit_of = dict(zip(staff, [unit_ids[i % len(unit_ids)] for i in range(len(staff))], strict=True))
    unit_of[lead] = unit_ids[0]
    categories = [c.pk for c in ensure_categories()]
    plans: list[int] = []
    with bar(sizes.plans, "plans") as b:
        plans += add_plans(count=min(sizes.lead_plans, sizes.plans), lead_ids=[lead], participant_ids=staff,
                           unit_of=unit_of, category_ids=categories, progress=b.update)
        rest = sizes.plans - len(plans)
        step = 20_000
        while rest > 0:
            n = min(step, rest)
            plans += add_plans(count=n, lead_ids=staff, participant_ids=staff, unit_of=unit_of,
                               category_ids=categories, progress=b.update)
            rest -= n
    add_participation(lead, plans[sizes.lead_plans:sizes.lead_plans + sizes.lead_participations], unit_ids[0])
    extra_children = sizes.children - sizes.plans
    if extra_children > 0:
        with bar(extra_children, "children") as b:
            _add_children(extra_children, b.update)
    # The coordinator's own children and reads appear in the log too (the review by child and by
    # user then has something to page through).
    from tillsammans.childplans.models import Child, CoordinatedPlan

    child_ids = list(Child.objects.order_by("-pk").values_list("pk", flat=True)[:50_000])
    child_ids += list(CoordinatedPlan.objects.filter(lead_membership_id=lead).values_list("child_id", flat=True))
    with bar(sizes.events, "access events") as b:
        add_events(sizes.events, membership_ids=[lead, *staff[:4999]], child_ids=child_ids, years=sizes.years,
                   progress=b.update)
    with bar(sizes.knowledge_events, "knowledge events") as b:
        add_knowledge_events(sizes.knowledge_events, membership_ids=staff[:20_000], years=sizes.years,
                             progress=b.update)
    intake = add_staff(unit_ids[:1], 1, role=Role.INTAKE)[0]
    with bar(sizes.concerns, "reports of concern") as b:
        add_concerns(sizes.concerns, municipality_id=principals[0].pk, reporter_ids=staff[:2000], unit_of=unit_of,
                     area_ids=[a.pk for a in areas if a.principal_id == principals[0].pk], progress=b.update)
    with bar(sizes.support_offers, "parenting-support offers") as b:
        add_support_offers(sizes.support_offers, unit_ids=unit_ids, area_ids=[a.pk for a in areas],
                           progress=b.update)
    from tillsammans.bench.scale_pathway import add_pathway

    author = add_pathway(sizes.worries, staff, unit_of, lead, areas[0], categories)
    with bar(sizes.survey_responses, "survey answers") as b:
        add_insight([a.pk for a in areas], years=sizes.years, responses=sizes.survey_responses,
                    owner_id=staff[0], progress=b.update)
    return {"lead_membership": lead, "plans": plans[:5], "units": unit_ids[:5], "areas": [a.pk for a in areas[:5]],
            "intake_membership": intake, "worry_author": author}


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


def _add_children(count: int, progress=None) -> None:
    from tillsammans.childplans.models import Child

    start = _next_id(Child)
    now = timezone.now()
    sample = Child()
    write_rows(Child, ["id", *_columns(Child)], (
        [start + i, *_defaults_row(Child, sample, {
            "personal_number": child_number(start + i), "first_name": FIRST[i % len(FIRST)],
            "last_name": LAST[(i // 3) % len(LAST)], "created_at": now})] for i in range(count)), progress)


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int = 1) -> None:
        pass


def add_concerns(count: int, *, municipality_id: int, reporter_ids: Sequence[int], unit_of: dict[int, int],
                 area_ids: Sequence[int] = (), progress=None) -> list[int]:
    """Reports of concern to one municipality's intake, over the last year, in every state
    (a tenth awaiting the protection assessment, a tenth awaiting the decision, the rest decided)."""
    from tillsammans.concerns import deadlines
    from tillsammans.concerns.models import ConcernReport, Decision, ReportStatus

    if count <= 0 or not reporter_ids:
        return []
    start = _next_id(ConcernReport)
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
        rows.append([pk, *_defaults_row(ConcernReport, sample, {
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
    write_rows(ConcernReport, ["id", *_columns(ConcernReport)], rows, progress)
    return list(range(start, start + count))

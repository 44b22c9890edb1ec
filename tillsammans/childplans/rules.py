"""The access rules for child data, in one place.

A person acting in membership M may see a child's plan only if
  (a) M is the plan's SIP coordinator (the organisation that collects the consent), or
  (b) M takes part in the plan AND M's unit is named in a consent for this plan that is valid
      today and that every guardian with custody has given for that unit and not withdrawn (or
      that the young person, 15 or older, gave themselves), AND the young person has no objection
      to M's unit that is undecided or upheld (ADR 0009), or
  (c) M holds an unexpired emergency access to the plan (legal ground and reason logged).
A person acting in membership M may see a report of concern only if
  (d) M has the intake role and the report is routed to the municipality (principal) of M's unit:
      intake for the reports routed to my municipality (basis "intake"); or
  (e) M is the membership that sent it (basis "reporter"), and then only the receipt and the
      feedback, never the case.
Intake never sees a child's plan through (d). Whether intake may see that a plan exists is a
municipality's setting (concerns.IntakeSettings.show_sip), read where the report is shown.
System administrators, auditors and receivers never see child data.

The pathway (ADR 0023) – a worry, its relay log, a request to a joint forum – follows the same
consents (``consent_covered_units``). A person acting in membership M sees a worry and its log if
  (g) M recorded the worry and the worry (or its log) is still in M's unit ("author"), or
  (h) the log names M, M's unit holds the log and its consent covers that unit ("team"), or
  (i) M is the named recipient of a pending handover whose consent covers M's unit ("recipient"), or
  (j) M holds an unexpired emergency access to the child's plan ("emergency").
After a confirmed handover the log is in the receiving unit: the giving unit's people lose it.
M sees a request to a forum if M sees its worry (g–j), or M is one of the forum's people (convener,
chair, a member unit's contact): named when the request's consent covers M's unit ("forum"),
otherwise only its anonymous summary ("anonymous").
A family member logged in with e-ID (no account, no membership; ADR 0016) reaches a plan only as
  (f1) "guardian": a guardian with custody recorded on the child's plan with the same personal
       identity number – unless the young person (15 or older) asked for their own plan without
       the guardians, or
  (f2) "young_person": the child themself, from the day they turn 15.
Nothing else: not a guardian without custody, not a child under 15, not a closed door that says
whether a plan exists. ``family_plans`` answers for all of a person's plans in a fixed number of
queries; ``family_basis`` for one.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from django.db.models import Case, CharField, Exists, OuterRef, Q, Value, When
from django.utils import timezone

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor

NO_CHILD_DATA = {Role.SYSTEM_ADMIN, Role.AUDITOR, Role.RECEIVER}


def consent_covered_units(consent_ids, on: date | None = None) -> dict[int, set[int]]:
    """For each consent: the receiving units it covers today – valid, and given and not withdrawn
    by every guardian with custody, or by the young person themselves while 15 or older (ADR 0009).
    Plans, relay logs, forum requests and handovers all ask this one question (ADR 0023)."""
    from tillsammans.childplans.models import Consent, ConsentGrant, Guardian

    on = on or timezone.localdate()
    consent_ids = [pk for pk in consent_ids if pk is not None]
    result: dict[int, set[int]] = {pk: set() for pk in consent_ids}
    consents = list(Consent.objects.filter(pk__in=consent_ids, valid_from__lte=on, valid_to__gte=on)
                    .values_list("pk", "child_id", "given_by", "child__personal_number"))
    if not consents:
        return result
    ids = [c[0] for c in consents]
    receiving = defaultdict(set)
    for consent_id, unit_id in Consent.receiving_units.through.objects.filter(
            consent_id__in=ids).values_list("consent_id", "unit_id"):
        receiving[consent_id].add(unit_id)
    custodians = defaultdict(set)
    for guardian_id, child_id in Guardian.objects.filter(
            child_id__in={c[1] for c in consents}, has_custody=True).values_list("pk", "child_id"):
        custodians[child_id].add(guardian_id)
    granted = defaultdict(set)
    for consent_id, unit_id, guardian_id in ConsentGrant.objects.filter(
            consent_id__in=ids, withdrawn_at__isnull=True).values_list("consent_id", "unit_id", "guardian_id"):
        granted[(consent_id, unit_id)].add(guardian_id)
    result.update(_coverage(consents, receiving, custodians, granted, on))
    return result


def _coverage(consents, receiving, custodians, granted, on: date) -> dict[int, set[int]]:
    """The consent rule itself, over rows read already: ``consents`` as (pk, child, given by, the
    child's number), each valid on ``on``; the units each names; the guardians with custody of
    each child; the guardians with an active grant per (consent, unit) – None: the young person."""
    from tillsammans.childplans.models import ConsentGiver
    from tillsammans.childplans.models_voice import YOUNG_PERSON_AGE
    from tillsammans.core.identity import age

    result: dict[int, set[int]] = {}
    for consent_id, child_id, given_by, number in consents:
        result[consent_id] = set()
        if given_by == ConsentGiver.YOUNG_PERSON:
            if age(number, on) < YOUNG_PERSON_AGE:
                continue  # a young person's own consent counts from 15 only
            result[consent_id] = {u for u in receiving[consent_id] if None in granted[(consent_id, u)]}
            continue
        needed = custodians[child_id]
        if not needed:
            continue  # no guardian with custody recorded: nobody could have consented
        result[consent_id] = {u for u in receiving[consent_id] if needed <= granted[(consent_id, u)]}
    return result


def plan_covered_units(plan, consents, guardians, objected_units, on: date | None = None) -> set[int]:
    """``covered_units`` for one plan from what its page has read already – the plan's consents
    with ``receiving_units`` and ``grants`` prefetched, the child's guardians, the units the young
    person objects to (undecided or upheld) – so that the page asks no query of its own for it."""
    on = on or timezone.localdate()
    valid = [c for c in consents if c.valid_from <= on <= c.valid_to]
    receiving = {c.pk: {u.pk for u in c.receiving_units.all()} for c in valid}
    custodians = defaultdict(set)
    for guardian in guardians:
        if guardian.has_custody:
            custodians[guardian.child_id].add(guardian.pk)
    granted = defaultdict(set)
    for consent in valid:
        for grant in consent.grants.all():
            if grant.withdrawn_at is None:
                granted[(consent.pk, grant.unit_id)].add(grant.guardian_id)
    rows = [(c.pk, c.child_id, c.given_by, plan.child.personal_number if c.child_id == plan.child_id else None)
            for c in valid]
    rows = [row for row in rows if row[3] is not None]
    covered = set().union(*_coverage(rows, receiving, custodians, granted, on).values())
    return covered - set(objected_units)


def old_enough_q(on: date, field: str = "child__personal_number") -> Q:
    """``age(number, on) >= YOUNG_PERSON_AGE`` as a condition on a stored 12-digit number, so that a
    list can ask it in SQL: born on or before the same day 15 years earlier; a coordination number
    (day + 60) compared within its birth month. Checked against ``age`` by a property test."""
    from tillsammans.childplans.models_voice import YOUNG_PERSON_AGE

    month = f"{on.year - YOUNG_PERSON_AGE:04d}{on.month:02d}"
    born_by = Q(**{f"{field}__lte": f"{month}{on.day:02d}9999"})
    coordination = Q(**{f"{field}__gte": f"{month}61", f"{field}__lte": f"{month}{on.day + 60:02d}9999"})
    return born_by | coordination


def consents_covering(unit_id: int, on: date | None = None):
    """The consents that cover this unit today, as a query: ``consent_covered_units`` asked the
    other way round, in SQL, for lists that must page in the database (ADR 0027). Valid today and
    naming the unit; given for it and not withdrawn by every guardian with custody (and there is
    one), or by the young person themselves from 15."""
    from tillsammans.childplans.models import Child, Consent, ConsentGiver, ConsentGrant, Guardian

    on = on or timezone.localdate()
    active = ConsentGrant.objects.filter(unit_id=unit_id, withdrawn_at__isnull=True)
    custodians = Guardian.objects.filter(child_id=OuterRef("child_id"), has_custody=True)
    ungranted = custodians.filter(~Exists(active.filter(consent_id=OuterRef(OuterRef("pk")),
                                                        guardian_id=OuterRef("pk"))))
    by_guardians = ~Q(given_by=ConsentGiver.YOUNG_PERSON) & Exists(custodians) & ~Exists(ungranted)
    # The child's age asked by its key (not joined): the whole rule is then one condition on each
    # consent row, which the planner evaluates once per consent.
    old_enough = Exists(Child.objects.filter(old_enough_q(on, "personal_number"), pk=OuterRef("child_id")))
    by_young_person = (Q(given_by=ConsentGiver.YOUNG_PERSON) & old_enough
                       & Exists(active.filter(consent_id=OuterRef("pk"), guardian__isnull=True)))
    return Consent.objects.filter(Q(valid_from__lte=on, valid_to__gte=on, receiving_units=unit_id)
                                  & (by_guardians | by_young_person))


def covered_units(plan_ids: list[int], on: date | None = None) -> dict[int, set[int]]:
    """For each plan: the receiving units that a valid, complete, unwithdrawn consent covers –
    every guardian with custody, or the young person's own consent from 15 (ADR 0009) – minus
    the units the young person objected to, while undecided or when the objection was upheld."""
    from tillsammans.childplans.models import Consent, Objection

    on = on or timezone.localdate()
    result: dict[int, set[int]] = {pk: set() for pk in plan_ids}
    of_plan = dict(Consent.objects.filter(plan_id__in=plan_ids, valid_from__lte=on, valid_to__gte=on)
                   .values_list("pk", "plan_id"))
    if not of_plan:
        return result
    for consent_id, units in consent_covered_units(list(of_plan), on).items():
        result[of_plan[consent_id]] |= units
    for objection in Objection.objects.filter(plan_id__in=plan_ids, unit__isnull=False).exclude(
            decision=Objection.Decision.OVERRIDDEN).values("plan_id", "unit_id"):
        result[objection["plan_id"]].discard(objection["unit_id"])
    return result


def visible_plans(actor: Actor, now: datetime | None = None):
    """Every plan the actor may see now (a–c above) as one query, so that lists page and count in
    the database (ADR 0027): the candidates found by index (led, taken part in, emergency access),
    then a participant's unit checked against the plan's consents and the young person's
    objections, each looked up by the plan's key. Usable inside another query (``.values("pk")``);
    a list's own query takes ``visible_plans_listed``, the same rule compiled once a day."""
    from tillsammans.childplans.models import CoordinatedPlan

    membership = _acting(actor)
    if membership is None:
        return CoordinatedPlan.objects.none()
    now = now or timezone.now()
    return CoordinatedPlan.objects.filter(_visible_plans_q(membership.pk, membership.unit_id, now, _day(now)))


def visible_plans_listed(actor: Actor, now: datetime | None = None):
    """``visible_plans`` for the top of a list's own query (not inside another): the same condition
    (``_visible_plans_q``) built and compiled once a day, given the membership, its unit and the
    time at each request (ADR 0034). Building it took more Python than the rest of the list."""
    from django.db.models import BigIntegerField, DateTimeField

    from tillsammans.childplans.models import CoordinatedPlan
    from tillsammans.core.compiled import Bound, compiled

    membership = _acting(actor)
    if membership is None:
        return CoordinatedPlan.objects.none()
    now = now or timezone.now()
    today = _day(now)
    rule = compiled(CoordinatedPlan, "childplans.visible_plans", today, lambda: _visible_plans_q(
        Bound("membership", BigIntegerField()), Bound("unit", BigIntegerField()), Bound("now", DateTimeField()),
        today), {"membership": membership.pk, "unit": membership.unit_id, "now": now},
        using=CoordinatedPlan.objects.db)
    return CoordinatedPlan.objects.filter(rule)


def _day(now: datetime) -> date:
    return now.astimezone(timezone.get_current_timezone()).date()


def _visible_plans_q(membership, unit, now, today: date) -> Q:
    """Rules a–c as one condition on a plan, for the membership, its unit and the time given (values,
    or ``Bound`` placeholders of a compiled condition)."""
    from tillsammans.childplans.models import CoordinatedPlan, EmergencyAccess, Objection, Participant

    taking_part = Participant.objects.filter(membership_id=membership, removed_at__isnull=True)
    emergency = EmergencyAccess.objects.filter(membership_id=membership, expires_at__gt=now)
    candidates = (CoordinatedPlan.objects.filter(lead_membership_id=membership).order_by().values("pk")
                  .union(taking_part.order_by().values("plan_id"), emergency.order_by().values("plan_id")))
    covering = consents_covering(unit, today)
    participant = (Exists(taking_part.filter(plan_id=OuterRef("pk"))) & Exists(covering.filter(plan_id=OuterRef("pk")))
                   & ~Exists(Objection.objects.filter(plan_id=OuterRef("pk"), unit_id=unit)
                             .exclude(decision=Objection.Decision.OVERRIDDEN)))
    return Q(pk__in=candidates) & (Q(lead_membership_id=membership) | participant
                                   | Exists(emergency.filter(plan_id=OuterRef("pk"))))


def visible_plan_ids(actor: Actor, now: datetime | None = None) -> set[int]:
    """Every plan the actor may see now, with one query."""
    return set(visible_plans_listed(actor, now).values_list("pk", flat=True))


def access_basis(actor: Actor, plan, now: datetime | None = None) -> str | None:
    """Why the actor may see this plan ("lead", "participant", "emergency"), or None."""
    from tillsammans.childplans.models import EmergencyAccess, Participant

    membership = actor.membership
    if plan is None or membership is None or membership.role in NO_CHILD_DATA or not actor.verified:
        return None
    now = now or timezone.now()
    if plan.lead_membership_id == membership.pk:
        return "lead"
    if Participant.objects.filter(plan=plan, membership=membership, removed_at__isnull=True).exists():
        today = now.astimezone(timezone.get_current_timezone()).date()
        if membership.unit_id in covered_units([plan.pk], today)[plan.pk]:
            return "participant"
    if EmergencyAccess.objects.filter(plan=plan, membership=membership, expires_at__gt=now).exists():
        return "emergency"
    return None


# The pathway (ADR 0023) ---------------------------------------------------------------------------

WORRY_BASES = ("author", "team", "recipient", "emergency")
REQUEST_NAMED = ("team", "forum", "emergency")


def _acting(actor: Actor):
    membership = actor.membership
    if membership is None or membership.role in NO_CHILD_DATA or not actor.verified:
        return None
    return membership


def _emergency_children(membership, now: datetime) -> set[int]:
    from tillsammans.childplans.models import EmergencyAccess

    return set(EmergencyAccess.objects.filter(membership=membership, expires_at__gt=now)
               .values_list("plan__child_id", flat=True))


def worry_bases(actor: Actor, worries, now: datetime | None = None) -> dict[int, str | None]:
    """Why the actor may see each worry and its relay log (g–j above), or None; a fixed number of
    queries however many worries."""
    from tillsammans.pathway.models import Handover, LogMember, RelayLog

    worries = [w for w in worries if w is not None]
    result: dict[int, str | None] = {w.pk: None for w in worries}
    membership = _acting(actor)
    if membership is None or not worries:
        return result
    now = now or timezone.now()
    today = now.astimezone(timezone.get_current_timezone()).date()
    logs = {row["worry_id"]: row for row in RelayLog.objects.filter(worry__in=worries).values(
        "pk", "worry_id", "unit_id", "consent_id")}
    named = set(LogMember.objects.filter(log_id__in=[r["pk"] for r in logs.values()], membership=membership,
                                         removed_at__isnull=True).values_list("log_id", flat=True))
    pending = {row["log_id"]: row for row in Handover.objects.filter(
        log_id__in=[r["pk"] for r in logs.values()], recipient=membership, confirmed_at__isnull=True,
        cancelled_at__isnull=True).values("log_id", "to_unit_id", "consent_id")}
    # Only a consent that can decide a reason is asked: of a log naming the membership in its own
    # unit, or of a handover to it (most often none, as for a forum's people reading its requests).
    covered = consent_covered_units([r["consent_id"] for r in logs.values()
                                     if r["pk"] in named and r["unit_id"] == membership.unit_id]
                                    + [r["consent_id"] for r in pending.values()
                                       if r["to_unit_id"] == membership.unit_id], today)
    emergency = _emergency_children(membership, now)
    for worry in worries:
        log = logs.get(worry.pk)
        holding_unit = log["unit_id"] if log else worry.unit_id
        if log and log["pk"] in named and log["unit_id"] == membership.unit_id \
                and log["unit_id"] in covered.get(log["consent_id"], set()):
            result[worry.pk] = "team"
        elif worry.author_id == membership.pk and holding_unit == membership.unit_id:
            result[worry.pk] = "author"
        elif log and log["pk"] in pending and pending[log["pk"]]["to_unit_id"] == membership.unit_id \
                and membership.unit_id in covered.get(pending[log["pk"]]["consent_id"], set()):
            result[worry.pk] = "recipient"
        elif worry.child_id in emergency:
            result[worry.pk] = "emergency"
    return result


def worry_basis(actor: Actor, worry, now: datetime | None = None) -> str | None:
    if worry is None:
        return None
    return worry_bases(actor, [worry], now)[worry.pk]


def visible_worries(actor: Actor, now: datetime | None = None):
    """Every worry the actor may see now (g–j above) as one query, so that the list pages and
    counts in the database (ADR 0027), each with ``access_basis``: why, as ``worry_bases`` says."""
    from tillsammans.childplans.models import EmergencyAccess
    from tillsammans.pathway.models import Handover, LogMember, Worry

    membership = _acting(actor)
    if membership is None:
        return Worry.objects.none()
    now = now or timezone.now()
    today = now.astimezone(timezone.get_current_timezone()).date()
    unit = membership.unit_id
    covering = consents_covering(unit, today)
    # Pending handovers to the membership and its emergency accesses are few (most often none):
    # read first, so that the list's query carries only the rules that can apply (and is planned
    # faster).
    pending = dict(Handover.objects.filter(recipient=membership, confirmed_at__isnull=True, cancelled_at__isnull=True,
                                           to_unit_id=unit).values_list("pk", "log_id"))
    emergency = set(EmergencyAccess.objects.filter(membership=membership, expires_at__gt=now)
                    .values_list("plan__child_id", flat=True))
    # The worries that can qualify: what M recorded (by index) and those whose logs name M (read
    # first: a few hundred at most for the busiest teacher). As one subquery the planner joined
    # them by scanning every worry and every log.
    named = LogMember.objects.filter(membership=membership, removed_at__isnull=True)
    named_worries = list(named.values_list("log__worry_id", flat=True))
    # Of the consents of the logs naming M in M's unit, those that cover the unit: each looked up
    # by its key (never all the consents naming the unit), once, not again for the column below.
    covered = list(covering.filter(pk__in=named.filter(log__unit_id=unit).values("log__consent_id"))
                   .order_by().values_list("pk", flat=True))
    team = (Q(relay_log__unit_id=unit) & Q(relay_log__consent_id__in=covered)
            & Exists(named.filter(log_id=OuterRef("relay_log"))))
    author = Q(author=membership) & (Q(relay_log__unit_id=unit) | Q(relay_log__isnull=True, unit_id=unit))
    reasons = [When(team, then=Value("team")), When(author, then=Value("author"))]
    reachable = Q(author=membership) | Q(pk__in=named_worries)
    if pending:
        reasons.append(When(Exists(Handover.objects.filter(pk__in=pending, log_id=OuterRef("relay_log")).filter(
            Exists(covering.filter(pk=OuterRef("consent_id"))))), then=Value("recipient")))
        reachable |= Q(relay_log__in=pending.values())
    if emergency:
        reasons.append(When(child_id__in=emergency, then=Value("emergency")))
        reachable |= Q(child_id__in=emergency)
    # Why, in the order worry_bases asks it; a worry with no reason is not seen.
    basis = Case(*reasons, default=None, output_field=CharField())
    return Worry.objects.filter(reachable).annotate(access_basis=basis).filter(access_basis__isnull=False)


def visible_worry_ids(actor: Actor, now: datetime | None = None) -> set[int]:
    """Every worry the actor may see now, with one query."""
    return set(visible_worries(actor, now).values_list("pk", flat=True))


def forum_people(forum) -> set[int]:
    """The memberships that sit in a forum: its convener, its chair and each current member unit's
    contact person."""
    from tillsammans.networks.models import NetworkMember

    people = {forum.convener_id, forum.chair_id}
    people |= set(NetworkMember.objects.filter(network=forum, left_at__isnull=True,
                                               contact_membership__isnull=False)
                  .values_list("contact_membership_id", flat=True))
    return {pk for pk in people if pk}


def forum_units(forum) -> set[int]:
    """The units a consent must name before the forum may see the child: every current member
    unit, and the units of its convener and chair."""
    return set(forum_unit_rows(forum).values_list("pk", flat=True))


def forum_unit_rows(forum):
    """``forum_units`` as one query of the units themselves (a page that names them)."""
    from tillsammans.accounts.models import Membership
    from tillsammans.networks.models import NetworkMember
    from tillsammans.organisations.models import Unit

    members = NetworkMember.objects.filter(network=forum, left_at__isnull=True).order_by().values("unit_id")
    heads = Membership.objects.filter(pk__in=[pk for pk in (forum.convener_id, forum.chair_id) if pk]) \
        .order_by().values("unit_id")
    return Unit.objects.filter(pk__in=members.union(heads))


def request_bases(actor: Actor, requests, now: datetime | None = None) -> dict[int, str | None]:
    """Why the actor may see each request to a forum: "team"/"author" through its worry, "forum"
    (named, the consent covers the actor's unit), "anonymous" (a forum's person without such a
    consent: the summary only), "emergency", or None. A fixed number of queries."""
    from tillsammans.networks.models import NetworkMember

    requests = [r for r in requests if r is not None]
    result: dict[int, str | None] = {r.pk: None for r in requests}
    membership = _acting(actor)
    if membership is None or not requests:
        return result
    now = now or timezone.now()
    today = now.astimezone(timezone.get_current_timezone()).date()
    worry_basis_of = worry_bases(actor, [r.worry for r in requests], now)
    forum_ids = {r.forum_id for r in requests}
    sits = set(NetworkMember.objects.filter(network_id__in=forum_ids, left_at__isnull=True,
                                            contact_membership=membership).values_list("network_id", flat=True))
    sits |= {r.forum_id for r in requests if membership.pk in (r.forum.convener_id, r.forum.chair_id)}
    # Only the consents that decide between "forum" and "anonymous" are asked.
    covered = consent_covered_units([r.consent_id for r in requests if r.forum_id in sits
                                     and worry_basis_of.get(r.worry_id) not in ("author", "team")], today)
    for request in requests:
        through_worry = worry_basis_of.get(request.worry_id)
        if through_worry in ("author", "team"):
            result[request.pk] = "team"
        elif request.forum_id in sits:
            named = membership.unit_id in covered.get(request.consent_id, set())
            result[request.pk] = "forum" if named else "anonymous"
        elif through_worry == "emergency":
            result[request.pk] = "emergency"
    return result


def request_basis(actor: Actor, request, now: datetime | None = None) -> str | None:
    if request is None:
        return None
    return request_bases(actor, [request], now)[request.pk]
def family_plans(number: str, on: date | None = None) -> dict[int, str]:
    """Every plan a person identified by e-ID reaches, with how ("guardian" or "young_person")."""
    from tillsammans.childplans.models import CoordinatedPlan, Guardian, YoungPersonRequest
    from tillsammans.childplans.models_voice import YOUNG_PERSON_AGE
    from tillsammans.core.identity import age

    if not number or len(number) != 12 or not number.isdigit():
        return {}
    on = on or timezone.localdate()
    result: dict[int, str] = {}
    as_guardian = set(Guardian.objects.filter(personal_number=number, has_custody=True,
                                              child__plan__isnull=False).values_list("child__plan", flat=True))
    if as_guardian:
        kept_out = set(YoungPersonRequest.objects.filter(plan_id__in=as_guardian, without_guardians=True)
                       .values_list("plan_id", "plan__child__personal_number"))
        as_guardian -= {plan_id for plan_id, child_number in kept_out if age(child_number, on) >= YOUNG_PERSON_AGE}
        result.update(dict.fromkeys(as_guardian, "guardian"))
    if age(number, on) >= YOUNG_PERSON_AGE:
        own = CoordinatedPlan.objects.filter(child__personal_number=number).values_list("pk", flat=True).first()
        if own is not None:
            result[own] = "young_person"
    return result


def family_basis(number: str, plan, on: date | None = None) -> str | None:
    """How a person identified by e-ID reaches this plan ("guardian", "young_person") or None."""
    if plan is None:
        return None
    return family_plans(number, on).get(plan.pk)
# (d) and (e): reports of concern ---------------------------------------------------------------


def intake_municipality_id(actor: Actor) -> int | None:
    """The municipality whose reports the actor takes in: the principal of an intake membership's
    unit (one query), or None for every other role."""
    from tillsammans.organisations.models import Unit

    membership = actor.membership
    if membership is None or membership.role != Role.INTAKE or not actor.verified:
        return None
    cached = actor.extra.get("intake_municipality_id")
    if cached is None:
        cached = Unit.objects.filter(pk=membership.unit_id).values_list(
            "authority__principal_id", flat=True).first()
        actor.extra["intake_municipality_id"] = cached
    return cached


def report_basis(actor: Actor, report) -> str | None:
    """Why the actor may see this report: "intake" (d), "reporter" (e: receipt and feedback only),
    or None. Intake of another municipality gets None, as for a report that does not exist."""
    membership = actor.membership
    if report is None or membership is None or membership.role in NO_CHILD_DATA or not actor.verified:
        return None
    if membership.role == Role.INTAKE and report.municipality_id == intake_municipality_id(actor):
        return "intake"
    if report.reporter_id is not None and report.reporter_id == membership.pk:
        return "reporter"
    return None


def intake_reports(actor: Actor):
    """Every report the actor may take in (rule d), as a queryset (empty for every other role)."""
    from tillsammans.concerns.models import ConcernReport

    municipality_id = intake_municipality_id(actor)
    if municipality_id is None:
        return ConcernReport.objects.none()
    return ConcernReport.objects.filter(municipality_id=municipality_id)


def own_reports(actor: Actor):
    """The reports the acting membership sent (rule e): receipt and feedback only."""
    from tillsammans.concerns.models import ConcernReport

    membership = actor.membership
    if membership is None or membership.role in NO_CHILD_DATA or not actor.verified:
        return ConcernReport.objects.none()
    return ConcernReport.objects.filter(reporter=membership)

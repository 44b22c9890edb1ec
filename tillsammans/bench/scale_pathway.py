"""The pathway at any size, through the bulk paths of ``scale``: children with two guardians, a
worry each (every other one decided, the others past their deadline and with a relay log with the
guardians' consent (the author and the team named, two measures, an entry), and every
third brought to a forum as an anonymous request. Everything is invented."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import NamedTuple

from django.utils import timezone

from tillsammans.bench.scale_rows import FIRST, LAST, child_number, columns_of, defaults_row, next_id, write_rows


class Owner(NamedTuple):
    """Whose worries: the author, their unit, the colleagues named on each relay log (memberships of
    the same unit) and the forum that gets every third of them as a request, if any."""
    author: int
    unit: int
    team: tuple[int, ...] = ()
    forum: int | None = None
    area: int | None = None


def add_worries(count: int, *, author_id: int | None = None, unit_id: int | None = None,
                team_ids: Sequence[int] = (), category_ids=(), forum_id: int | None = None,
                area_id: int | None = None, first_child: int | None = None, owners: Sequence[Owner] = (),
                shares: Sequence[int] = (), progress=None) -> list[int]:
    """Returns the worry ids. One owner (``author_id``, ``unit_id``, ``team_ids``, ``forum_id``) or
    several (``owners`` with ``shares`` worries each, in order)."""
    from tillsammans.childplans.models import Child, Consent, ConsentGrant, Guardian
    from tillsammans.pathway.models import ForumRequest, LogEntry, LogMember, Measure, RelayLog, Worry

    if not owners:
        owners, shares = [Owner(author_id, unit_id, tuple(team_ids), forum_id, area_id)], [count]
    of = [owner for owner, share in zip(owners, shares, strict=True) for _ in range(share)][:count]
    count = len(of)
    now = timezone.now()
    today = timezone.localdate()
    ids = {m: next_id(m) for m in (Child, Guardian, Worry, RelayLog, Consent, ConsentGrant, LogMember, Measure,
                                     LogEntry, ForumRequest)}
    child0 = ids[Child]
    first_child = child0 if first_child is None else first_child
    samples = {m: m() for m in ids}
    logged = [i for i in range(count) if i % 2 == 1]
    write_rows(Child, ["id", *columns_of(Child)], (
        [child0 + i, *defaults_row(Child, samples[Child], {
            "personal_number": child_number(first_child + i), "first_name": FIRST[i % len(FIRST)],
            "last_name": LAST[(i // 5) % len(LAST)], "created_at": now})] for i in range(count)), progress)
    write_rows(Guardian, ["id", *columns_of(Guardian)], (
        [ids[Guardian] + 2 * i + g, *defaults_row(Guardian, samples[Guardian], {
            "child_id": child0 + i, "name": f"Vårdnadshavare {g + 1}", "has_custody": True})]
        for i in range(count) for g in (0, 1)))

    def worries():
        for i in range(count):
            decided = i % 2 == 0
            arose = today - timedelta(days=i % 40 if decided else 15 + i % 40)
            author = of[i].author
            yield [ids[Worry] + i, *defaults_row(Worry, samples[Worry], {
                "child_id": child0 + i, "unit_id": of[i].unit, "author_id": author, "arose_on": arose,
                "decision_due": arose + timedelta(days=14), "seen_heard": "Oro som behöver tas om hand.",
                "needs": '["safe"]', "level": 1 if decided else 0, "decision": "unit_measures" if decided else "",
                "decided_at": now if decided else None, "decided_by_id": author if decided else None,
                "created_at": timezone.make_aware(datetime.combine(arose, time(9)))})]

    write_rows(Worry, ["id", *columns_of(Worry)], worries())
    write_rows(Consent, ["id", *columns_of(Consent)], (
        [ids[Consent] + n, *defaults_row(Consent, samples[Consent], {
            "plan_id": None, "child_id": child0 + i, "purpose": "relay_log", "recorded_by_id": of[i].author,
            "recorded_at": now, "valid_from": today - timedelta(days=30), "valid_to": today + timedelta(days=335)})]
        for n, i in enumerate(logged)))
    write_rows(Consent.receiving_units.through, ["consent_id", "unit_id"],
               ([ids[Consent] + n, of[i].unit] for n, i in enumerate(logged)))
    write_rows(Consent.categories.through, ["consent_id", "informationcategory_id"],
               ([ids[Consent] + n, c] for n in range(len(logged)) for c in category_ids))
    write_rows(ConsentGrant, ["id", *columns_of(ConsentGrant)], (
        [ids[ConsentGrant] + 2 * n + g, *defaults_row(ConsentGrant, samples[ConsentGrant], {
            "consent_id": ids[Consent] + n, "guardian_id": ids[Guardian] + 2 * i + g, "unit_id": of[i].unit,
            "given_at": now})] for n, i in enumerate(logged) for g in (0, 1)))
    write_rows(RelayLog, ["id", *columns_of(RelayLog)], (
        [ids[RelayLog] + n, *defaults_row(RelayLog, samples[RelayLog], {
            "worry_id": ids[Worry] + i, "unit_id": of[i].unit, "consent_id": ids[Consent] + n,
            "family_contact_id": of[i].author, "created_at": now})] for n, i in enumerate(logged)))
    named = [(n, person) for n, i in enumerate(logged)
             for person in (of[i].author, *[t for t in of[i].team if t != of[i].author])]
    write_rows(LogMember, ["id", *columns_of(LogMember)], (
        [ids[LogMember] + k, *defaults_row(LogMember, samples[LogMember], {
            "log_id": ids[RelayLog] + n, "membership_id": person, "added_at": now})]
        for k, (n, person) in enumerate(named)))
    write_rows(Measure, ["id", *columns_of(Measure)], (
        [ids[Measure] + 2 * n + m, *defaults_row(Measure, samples[Measure], {
            "log_id": ids[RelayLog] + n, "description": ["Fast vuxen vid lämning", "Bildstöd"][m],
            "responsible_id": of[i].author, "evaluate_on": today + timedelta(days=7 + n % 30), "status": "ongoing",
            "created_by_id": of[i].author, "created_at": now})] for n, i in enumerate(logged) for m in (0, 1)))
    write_rows(LogEntry, ["id", *columns_of(LogEntry)], (
        [ids[LogEntry] + n, *defaults_row(LogEntry, samples[LogEntry], {
            "log_id": ids[RelayLog] + n, "membership_id": of[i].author, "at": now,
            "text": "Stafettloggen öppnades med samtycke"})] for n, i in enumerate(logged)))
    asked = [i for i in range(count) if i % 3 == 0 and of[i].forum is not None]
    write_rows(ForumRequest, ["id", *columns_of(ForumRequest)], (
        [ids[ForumRequest] + n, *defaults_row(ForumRequest, samples[ForumRequest], {
            "forum_id": of[i].forum, "worry_id": ids[Worry] + i, "requesting_unit_id": of[i].unit,
            "requested_by_id": of[i].author, "age_band": "3-5", "area_id": of[i].area, "needs": '["safe"]',
            "question": "Hur går vi vidare?", "status": "waiting", "created_at": now})]
        for n, i in enumerate(asked)))
    return list(range(ids[Worry], ids[Worry] + count))


# A busy preschool teacher's share, like the SIP coordinator's 500 plans: the worries they recorded
# and those of a colleague whose logs name them; everyone else's worries spread over the region.
TEACHER_WORRIES, COLLEAGUE_WORRIES, PER_AUTHOR = 500, 400, 100


def add_pathway(count: int, staff, unit_of, lead, area, categories) -> int | None:
    """A joint forum convened by the SIP coordinator; one busy teacher's worries and a colleague's
    that name them go to it, the rest of the region's worries spread over its staff, a hundred each
    (bench/scale_pathway)."""
    from tillsammans.networks.models import Network, NetworkMember

    author = staff[0]
    colleagues = [m for m in staff[1:] if unit_of[m] == unit_of[author]]
    if not count:
        return None
    forum = Network.objects.create(name=f"Skalforum {area.name}", kind="forum", area=area, convener_id=lead)
    NetworkMember.objects.create(network=forum, unit_id=unit_of[author], contact_membership_id=author)
    owners = [Owner(author, unit_of[author], tuple(colleagues[:2]), forum.pk, area.pk)]
    shares = [min(count, TEACHER_WORRIES)]
    if colleagues:
        owners.append(Owner(colleagues[0], unit_of[author], (author,), forum.pk, area.pk))
        shares.append(min(count - shares[0], COLLEAGUE_WORRIES))
    others = [m for m in staff[1:] if m not in colleagues[:1]]
    left = count - sum(shares)
    for n in range(min(len(others), -(-left // PER_AUTHOR))):
        owners.append(Owner(others[n], unit_of[others[n]]))
        shares.append(min(PER_AUTHOR, left - n * PER_AUTHOR))
    add_worries(count, owners=owners, shares=shares, category_ids=categories)
    return author

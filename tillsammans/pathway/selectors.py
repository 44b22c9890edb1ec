"""Reads of the pathway. Child data only through ``childplans.rules``; every child shown is an
access event written by the caller's page (``audit.batch()`` for lists)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Case, F, Prefetch, QuerySet, When
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from tillsammans.childplans import rules
from tillsammans.core import audit, identity
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.pathway.models import Evaluation, ForumRequest, Measure, Worry
from tillsammans.pathway.services import PURPOSE

# The display basis of core.identity.shown() for each pathway basis: names to everyone the rules
# let in; a child with protected identity is shown as such on every pathway page (ADR 0023).
SHOWN_BASIS = {"author": "participant", "team": "participant", "recipient": "participant",
               "forum": "participant", "emergency": "emergency"}


def shown_child(worry: Worry, basis: str | None, output: str = identity.PAGE):
    return identity.shown(worry.child, basis=SHOWN_BASIS.get(basis or ""), output=output)


def worries_for(actor: Actor, *, open_only: bool = False) -> QuerySet[Worry]:
    """The worries the actor sees: those still waiting for a decision first, the nearest deadline
    first; then the decided ones, the latest decision first. Paged in the database (ADR 0027)."""
    qs = rules.visible_worries(actor).select_related(
        "child", "unit", "author__user", "relay_log__unit").order_by(
        F("decided_at").desc(nulls_first=True), "decision_due", "-pk")
    if open_only:
        qs = qs.filter(decided_at__isnull=True)
    return qs


def worry_page(worry: Worry) -> dict:
    """Everything the worry's page shows, in a fixed number of queries."""
    log = getattr(worry, "relay_log", None)
    context = {"log": log, "measures": [], "entries": [], "members": [], "handovers": [], "consents": []}
    if log is not None:
        context["measures"] = list(log.measures.select_related("responsible__user").prefetch_related(
            Prefetch("evaluations", queryset=Evaluation.objects.select_related("recorded_by__user"))))
        context["entries"] = list(log.entries.select_related("membership__user").order_by("-at", "-pk"))
        context["members"] = list(log.members.filter(removed_at__isnull=True).select_related(
            "membership__user", "membership__unit"))
        context["handovers"] = list(log.handovers.select_related("to_unit", "from_unit", "recipient__user"))
    context["requests"] = list(worry.forum_requests.select_related("forum", "meeting", "lead__user",
                                                                   "service_contact__user", "plan"))
    context["consents"] = list(worry.child.consents.filter(plan__isnull=True).prefetch_related(
        "receiving_units", "grants").order_by("-recorded_at"))
    context["guardians"] = list(worry.child.guardians.all())
    context["need_labels"] = need_labels(worry.needs)
    return context


def need_labels(codes) -> list[str]:
    from tillsammans.childplans import wellbeing

    return [wellbeing.label(code) for code in codes if code in wellbeing.CODES]


FORUM_LIMIT = 100


def requests_of_forums(actor: Actor, forum_ids, *, waiting_only: bool = False) -> list[ForumRequest]:
    """The requests of these forums – those waiting first, then the latest decided – at most
    FORUM_LIMIT, each with ``basis`` set for the actor."""
    qs = ForumRequest.objects.filter(forum_id__in=forum_ids)
    if waiting_only:
        qs = qs.filter(status=ForumRequest.Status.WAITING)
    requests = list(qs.select_related("forum", "meeting", "area", "requesting_unit", "worry__child")
                    .order_by(Case(When(status=ForumRequest.Status.WAITING, then=0), default=1), "-created_at")
                    [:FORUM_LIMIT])
    return with_bases(actor, requests)


def with_bases(actor: Actor, requests) -> list[ForumRequest]:
    """The requests the actor may see, each with ``basis`` (``rules.request_bases``: why), ``named``
    (the forum sees the child) and ``child_shown`` (how the child is shown, if named); one pass of
    the rules for all of them. The rest are left out. Each also has ``labels``: its age band,
    status and decision in words, translated once a list rather than once a row."""
    requests = list(requests)
    bases = rules.request_bases(actor, requests)
    words = {name: {value: str(label) for value, label in ForumRequest._meta.get_field(name).flatchoices}
             for name in ("age_band", "status", "decision")}
    for request in requests:
        request.basis = bases[request.pk]
        request.named = request.basis in rules.REQUEST_NAMED
        request.child_shown = shown_child(request.worry, request.basis) if request.named else None
        request.labels = {name: words[name].get(getattr(request, name), getattr(request, name)) for name in words}
    return [r for r in requests if r.basis]


def record_reads(actor: Actor, requests) -> None:
    """One access event per child shown by name; an anonymous summary is no read of child data."""
    for request in requests:
        if getattr(request, "named", False):
            audit.record(actor, AuditAction.READ, request, person=request.worry.child, purpose="Forum",
                         detail={"via": "list", "basis": request.basis})


def report_url(*, worry: Worry | None = None, request: ForumRequest | None = None) -> str | None:
    """The professional report form of the concerns app, filled in from the worry or the request
    (pathway.prefill); None where that app is not installed."""
    for name in ("concerns:new",):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        query = {"oro": worry.pk} if worry is not None else {"arende": request.pk}
        return f"{url}?{urlencode(query)}"
    return None


def report_prefill(actor: Actor, worry: Worry | None = None, request: ForumRequest | None = None) -> dict:
    """What a report of concern can be filled in with from a worry or a forum request: the child and
    what was seen. Checked access (the worry's team or author, or a forum that sees the child by
    name) and an access event; PermissionDenied otherwise."""
    if request is not None:
        basis = rules.request_basis(actor, request)
        if basis not in rules.REQUEST_NAMED:
            raise PermissionDenied
        worry = request.worry
    elif worry is not None:
        basis = rules.worry_basis(actor, worry)
        if basis not in ("author", "team", "emergency"):
            raise PermissionDenied
    else:
        return {}
    child = worry.child
    audit.record(actor, AuditAction.READ, request or worry, person=child, purpose=PURPOSE,
                 detail={"via": "report_prefill"})
    seen = worry.seen_heard
    if request is not None:
        seen = f"{seen}\n\n{request.question}"
    return {"personal_number": child.personal_number, "first_name": child.first_name,
            "last_name": child.last_name, "protected_identity": child.protected_identity,
            "observations": seen, "observed_on": worry.arose_on, "guardians_informed": bool(worry.guardians_talk),
            "guardians_talk": worry.guardians_talk, "worry_id": worry.pk,
            "request_id": request.pk if request is not None else None}


def open_measures(log) -> QuerySet[Measure]:
    return log.measures.filter(status="ongoing")

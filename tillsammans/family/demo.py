"""Demo step: the family's own door. The demo guardians (childplans.demo) have fictional numbers;
the test e-ID lists them so that a tester picks one instead of a BankID. Dante's guardians have
joint custody and a meeting to answer; Sam (16) logs in to his own plan."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from tillsammans.childplans.demo import CHILDREN, YOUNG, guardian_number
from tillsammans.core.identity import display, fictional_number

STATUS_LABELS = {"meeting": "plan i status SIP-möte, ett möte att svara på", "follow_up": "plan i uppföljning",
                 "consent_withdrawn": "samtycket återkallat", "preparing": "plan under förberedelse"}


def _identities() -> list[tuple[str, str]]:
    rows = []
    for index, (_first, _last, _born, status, protected) in enumerate(CHILDREN):
        if status not in STATUS_LABELS:
            continue
        for which in ("A", "B"):
            text = f"vårdnadshavare {which} till barn {index + 1} ({STATUS_LABELS[status]})"
            if protected:
                text += ", skyddade personuppgifter" if which == "B" else ", barnet har skyddade personuppgifter"
            rows.append((guardian_number(index, which), text))
    rows.append((fictional_number(YOUNG[2], 19), "ung person, 16 år, med egen plan"))
    rows.append((fictional_number(CHILDREN[0][2], 0), "barn under 15 med plan (kan inte logga in)"))
    rows.append((fictional_number(date(1975, 6, 1), 7), "person utan plan (neutral sida)"))
    return rows


DEMO_IDENTITIES = _identities()


def build_family(demo) -> None:
    """A meeting ahead in the plan in status "SIP meeting", and the test e-ID's client."""
    from tillsammans.childplans import meetings
    from tillsammans.childplans.models import CoordinatedPlan
    from tillsammans.core.access import Actor

    index = next(i for i, child in enumerate(CHILDREN) if child[3] == "meeting")
    plan = CoordinatedPlan.objects.filter(child__personal_number=fictional_number(CHILDREN[index][2], index)).first()
    if plan is not None and not plan.meetings.filter(starts_at__gte=timezone.now()).exists():
        lead = plan.lead_membership
        day = timezone.localdate() + timedelta(days=12)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        start = timezone.make_aware(datetime.combine(day, time(14, 0)))
        meetings.schedule(actor=Actor(user=lead.user, membership=lead, verified=True, request_id="demo-data"),
                          plan=plan, starts_at=start, ends_at=start + timedelta(hours=1, minutes=30),
                          place="Skolan, samtalsrummet")
    if plan is not None:
        _the_family_has_written(plan, index)
    if settings.FAMILY_TEST_IDP:
        from tillsammans.family.testidp.identities import ensure_client

        ensure_client([f"{base}/familj/e-legitimation/svar/" for base in (
            settings.SITE_URL, "http://127.0.0.1:8000", "http://localhost:8000")])


def _the_family_has_written(plan, index: int) -> None:
    """So that the SIP coordinator's plan page shows a section "From the family": guardian A wrote
    what the family wants to talk about at the coming meeting and said she is coming; Sam (16) wrote
    what matters to him in his own plan."""
    import time as clock

    from tillsammans.childplans.models import CoordinatedPlan
    from tillsammans.core.access import Actor
    from tillsammans.family import services
    from tillsammans.family.models import Contribution, MeetingAnswer
    from tillsammans.family.subject import FamilyMember

    def member(number: str) -> Actor:
        return Actor(family=FamilyMember(number=number, authenticated_at=int(clock.time())), verified=True,
                     request_id="demo-data")

    meeting = plan.meetings.filter(starts_at__gte=timezone.now(), cancelled=False).order_by("starts_at").first()
    if meeting is not None and not Contribution.objects.filter(plan=plan).exists():
        mother = member(guardian_number(index, "A"))
        services.contribute(actor=mother, plan=plan, kind=Contribution.Kind.TOPIC, meeting=meeting,
                            text="Hur vi gör lämningarna lugnare på morgonen, och vem vi ringer när det strular.")
        services.answer_meeting(actor=mother, plan=plan, meeting=meeting, answer=MeetingAnswer.Answer.COMING)
    young = fictional_number(YOUNG[2], 19)
    own = CoordinatedPlan.objects.filter(child__personal_number=young).first()
    if own is not None and not Contribution.objects.filter(plan=own).exists():
        services.contribute(actor=member(young), plan=own, kind=Contribution.Kind.OWN_WORDS,
                            text="Att få sova ordentligt och ha någon att prata med på skolan.")


def login_help() -> str:
    if not settings.FAMILY_TEST_IDP:
        return ("\nFamiljens dörr (/familj/): test-e-legitimationen är avstängd "
                "(FAMILY_TEST_IDP=true i demon slår på den).\n")
    lines = ["", f"Familjens dörr: {settings.SITE_URL}/familj/ – välj \"Logga in med e-legitimation\" och ange "
             "ett av de fiktiva personnumren nedan i test-e-legitimationen (i BankIDs ställe):"]
    lines += [f"  {display(number)}  {text}" for number, text in DEMO_IDENTITIES]
    return "\n".join(lines) + "\n"

"""Demo step: reports of concern in every state, overdue ones included, made through the services,
and a year of older reports for the statistics. The preschool teacher ``forskollarare`` can report;
``mottagning`` (intake, Ekmora) takes them in. Everything is fictional."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from tillsammans.accounts.models import Membership
from tillsammans.concerns import deadlines, services
from tillsammans.concerns.models import ConcernReport, Decision, FamilyInformed, Urgency
from tillsammans.core.access import Actor
from tillsammans.core.identity import fictional_number
from tillsammans.organisations.models import Principal

OBSERVATIONS = [
    "I morse (måndag kl. 8) hade barnet blåmärken på båda överarmarna. Barnet sa själv att pappa blev arg.",
    "Barnet har de senaste två veckorna kommit utan mat och i smutsiga kläder; hämtas ofta sent av ingen vuxen.",
    "Eleven berättade i dag på lektionen att hen inte vågar gå hem eftersom mamma dricker och skriker.",
    "Vid BVC-besöket 3/5 var barnet avmagrat och föräldern verkade påverkad. Jag såg det själv.",
    "En granne har hört skrik och slag från lägenheten flera kvällar i rad, senast i går kl. 22.",
]
# (hours ago received, urgency, step, reporter unit code) – the states the intake meets.
CURRENT = [
    (2, Urgency.ACUTE, "received", "forskollarare"),
    (30, Urgency.SOON, "received", "G-NM-1"),            # protection assessment overdue
    (26, Urgency.NORMAL, "assessed", "BVC-1"),
    (17 * 24, Urgency.NORMAL, "assessed", "EH-1"),       # decision overdue
    (13 * 24, Urgency.NORMAL, "extended", "G-SM-1"),
    (10 * 24, Urgency.NORMAL, "opened", "forskollarare"),
    (20 * 24, Urgency.NORMAL, "not_opened_no_feedback", "BVC-3"),  # feedback overdue
    (5 * 24, Urgency.SOON, "ongoing", "VC-1"),
    (3 * 24, Urgency.ACUTE, "violence", "BH-1"),
]
OLDER_UNITS = ["F-NM-1", "F-NM-2", "F-OM-1", "G-NM-1", "G-OM-1", "G-SM-1", "BVC-1", "BVC-2", "BVC-3", "EH-1",
               "POL-1", "VC-1", "BUP-1", "F-SM-1", "G-VL-1"]


def _actor(membership: Membership) -> Actor:
    return Actor(user=membership.user, membership=membership, verified=True, request_id="demo-data")


def _reporter(demo, code: str) -> Membership | None:
    if code == "forskollarare":
        return Membership.objects.filter(user__username=code).first()
    return Membership.objects.filter(unit=demo.units[code]).exclude(role__in=["intake", "auditor", "receiver",
                                                                              "system_admin"]).order_by("pk").first()


def _backdate(report: ConcernReport, hours: int) -> ConcernReport:
    received = timezone.now() - timedelta(hours=hours)
    ConcernReport.objects.filter(pk=report.pk).update(
        received_at=received, assessment_due_at=deadlines.assessment_due(received),
        decision_due_on=deadlines.decision_due(received))
    report.refresh_from_db()
    return report


def _teacher(demo) -> None:
    from tillsammans.demo.builder import _grant, _person

    user = _person("forskollarare", 90)
    _grant(user, "staff", demo.units["F-NM-1"], "Förskollärare")
    if user not in demo.logins:
        demo.logins.append(user)


def build_concerns(demo) -> None:
    _teacher(demo)
    intake = Membership.objects.filter(user__username="mottagning", role="intake").first()
    if intake is None or ConcernReport.objects.exists():
        return
    intake_actor = _actor(intake)
    for index, (hours, urgency, step, code) in enumerate(CURRENT):
        reporter = _reporter(demo, code)
        if reporter is None:
            continue
        report = services.report_submit(
            actor=_actor(reporter), child_number=fictional_number(date(2015 + index % 8, 1 + index, 3), index + 5),
            child_name=f"Demo Barnsson {index + 1}", child_address=f"Ekvägen {index + 3}, 611 3{index} Ekmora",
            guardians="Vårdnadshavare A, 070-000 00 00", observations=OBSERVATIONS[index % len(OBSERVATIONS)],
            urgency=urgency, family_informed=FamilyInformed.NOT_SAFE if index % 3 == 0 else FamilyInformed.YES,
            interpreter="arabiska" if index == 4 else "")
        report = _backdate(report, hours)
        _advance(intake_actor, report, step)
    municipality = Principal.objects.filter(name="Ekmora kommun").first()
    services.public_submit(
        actor=Actor(), municipality=municipality, child_name="Okänt barn på Hamngatan", child_age=7,
        child_address="Hamngatan 4, Ekmora", observations="Barnet är ute ensamt sent varje kväll och ser hungrigt ut.",
        urgency=Urgency.NORMAL)
    services.public_submit(
        actor=Actor(), municipality=municipality, child_name="Barnbarn Demosson", child_age=11,
        observations="Mitt barnbarn berättar att hen får sova på golvet och att det inte finns mat hemma.",
        relation="relative", reporter_name="Mormor Demosson", reporter_phone="070-000 11 22")
    _older(demo, intake_actor)


def _advance(actor: Actor, report: ConcernReport, step: str) -> None:
    if step == "received":
        return
    services.assessment_record(actor=actor, report=report, assessment="Inget behov av omedelbart skydd: barnet är "
                               "på förskolan och vårdnadshavarna kontaktas efter bedömningen.",
                               needs_protection=False, violence_suspected=step == "violence")
    if step == "extended":
        services.extension_record(actor=actor, report=report, until=report.decision_due_on + timedelta(days=7),
                                  reason="Synnerliga skäl: barnet och vårdnadshavarna behöver höras med tolk, "
                                         "och tolk finns först nästa vecka.")
    decision = {"opened": Decision.OPENED, "not_opened_no_feedback": Decision.NOT_OPENED,
                "ongoing": Decision.ONGOING}.get(step)
    if decision:
        services.decision_record(actor=actor, report=report, decision=decision,
                                 reason="Förhandsbedömningen visar att barnet kan vara i behov av stöd eller skydd."
                                 if decision != Decision.NOT_OPENED else "Familjen har redan tagit emot stöd; "
                                 "ingen ny oro framkommer vid samtal.", give_feedback=step != "not_opened_no_feedback")
        if step == "not_opened_no_feedback":
            ConcernReport.objects.filter(pk=report.pk).update(
                feedback_due_on=timezone.localdate() - timedelta(days=2))


def _older(demo, intake_actor: Actor) -> None:
    """A year of decided reports from many sectors and districts, for the statistics."""
    decisions = [Decision.OPENED, Decision.NOT_OPENED, Decision.NOT_OPENED, Decision.ONGOING, Decision.OPENED]
    for index in range(60):
        reporter = _reporter(demo, OLDER_UNITS[index % len(OLDER_UNITS)])
        if reporter is None:
            continue
        report = services.report_submit(
            actor=_actor(reporter), child_number=fictional_number(date(2012 + index % 10, 1 + index % 12, 20),
                                                                  index % 20),
            observations=OBSERVATIONS[index % len(OBSERVATIONS)], urgency=Urgency.NORMAL)
        report = _backdate(report, (30 + index * 5) * 24)
        services.assessment_record(actor=intake_actor, report=report, assessment="Inget behov av omedelbart skydd.",
                                   needs_protection=False, violence_suspected=False)
        services.decision_record(actor=intake_actor, report=report, decision=decisions[index % len(decisions)],
                                 reason="Förhandsbedömning gjord enligt rutin.", give_feedback=True)
        stamp = report.received_at + timedelta(hours=20)
        ConcernReport.objects.filter(pk=report.pk).update(assessed_at=stamp, decided_at=stamp + timedelta(days=9),
                                                          feedback_at=stamp + timedelta(days=9))

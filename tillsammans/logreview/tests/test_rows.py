"""The log review's table says the same for every kind of event as it always has: who, in which role
and unit, did what to which object, on what ground, and which flags the event carries – in
Swedish words, escaped, with protected children never named. The expected cells are written out
by hand: they were read off the page before its rows were read narrow and put into words in
Python (``selectors.EventRow``, ``describe.describe``), and the page must still show them cell for cell."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tillsammans.childplans import services
from tillsammans.childplans.models import Child, EmergencyAccess, LegalGround
from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.identity import fictional_number
from tillsammans.core.models import AccessEvent, AuditAction, AuditOutcome
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory, UnitFactory
from tillsammans.testing.family import family_actor
from tillsammans.testing.sip import actor_for

PLAN = "Samordnad individuell plan"
NIGHT, MANY, REFUSED, PROBING = "Utanför kontorstid", "Många barn", "Nekad", "Upprepade nekanden"
EMERGENCY, PROTECTED = "Nödåtkomst", "Skyddade personuppgifter"


def _wednesday(weeks_back: int):
    """A Wednesday in the past (an office day, so that only the hour decides "outside office hours")."""
    today = timezone.localdate()
    days = (today.weekday() - 2) % 7 or 7
    return today - timedelta(days=days + 7 * weeks_back)


def _at(day, hour: int, minute: int = 0):
    return datetime.combine(day, time(hour, minute), timezone.get_current_timezone())


def _rows(html_text: str) -> list[list[str]]:
    body = html_text[html_text.index("<tbody>"):html_text.index("</tbody>")]
    return [[cell.strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def _tags(*labels: str) -> str:
    return " ".join(f'<span class="ds-tag" data-color="warning">{label}</span>' for label in labels)


def _all_pages(client, params=None) -> list[list[str]]:
    """Every row of the review, following the "older" links to the end."""
    rows, params = [], dict(params or {})
    while True:
        response = client.get(reverse("logreview:review"), params)
        assert response.status_code == 200
        rows += _rows(response.content.decode())
        older = response.context["page"].older
        if not older:
            return rows
        params["before"] = older


@pytest.fixture
def kinds(sip, world, monkeypatch):
    """One event of every kind the table words differently, at fixed local times, and the cells
    each must show: {event pk: [time, user, role and unit, action, what, purpose, flags]}."""
    clock = {"now": None}
    real_now = timezone.now
    monkeypatch.setattr(audit.timezone, "now", lambda: clock["now"] or real_now())
    plan, child = sip["plan"], sip["plan"].child
    lead, outsider = actor_for(sip["lead"]), actor_for(sip["outsider"])
    lead_name, outsider_name = sip["lead"].user.get_full_name(), sip["outsider"].user.get_full_name()
    lead_unit, outsider_unit = sip["lead"].unit.name, sip["outsider"].unit.name
    odd = MembershipFactory(unit=UnitFactory(name='Förskolan <Solen> & "Månen"'))
    protected = Child.objects.create(personal_number=fictional_number(date(2018, 3, 1), 7), first_name="Hemlig",
                                     last_name="Skyddadsson", protected_identity=True)
    day, old_day = _wednesday(0), _wednesday(10)
    expected: dict[int, list[str]] = {}

    def record(when, actor, *args, cells, **kwargs):
        clock["now"] = when
        event = audit.record(actor, *args, **kwargs)
        expected[AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first()] = [
            timezone.localtime(when).strftime("%Y-%m-%d %H:%M"), *cells]
        return event

    at = _at(day, 9)
    record(at, lead, AuditAction.READ, plan, person=child, purpose="SIP",
           detail={"description": "Planen lästes med: <Mål & insatser>"},
           cells=[lead_name, f"SIP-samordnare, {lead_unit}", "läsning",
                  f"{PLAN} nr {plan.pk} (barn nr {child.pk})<br>Planen lästes med: &lt;Mål &amp; insatser&gt;",
                  "Samordnad individuell plan (SIP)", ""])
    record(at + timedelta(minutes=1), Actor.for_system("påminnelser"), AuditAction.UPDATE,
           object_type="insight.indicator", object_id=2,
           cells=["Tillsammans självt (automatiskt jobb)", "ingen roll, –", "ändring", "Indikator nr 2", "–", ""])
    record(at + timedelta(minutes=2), family_actor(sip["number"]), AuditAction.READ, plan, person=child,
           purpose="SIP", cells=[f"Familjen, med e-legitimation ({sip['number'][:8]}-{sip['number'][8:]})",
                                 "Vårdnadshavare eller den unge (e-legitimation), –", "läsning",
                                 f"{PLAN} nr {plan.pk} (barn nr {child.pk})", "Samordnad individuell plan (SIP)", ""])
    record(at + timedelta(minutes=3), actor_for(odd), AuditAction.EXPORT, object_type="childplans.search",
           purpose="egen <text>", cells=[odd.user.get_full_name(),
                                         "Medarbetare, Förskolan &lt;Solen&gt; &amp; &quot;Månen&quot;", "export",
                                         "Sökning efter ett barn", "egen &lt;text&gt;", ""])
    record(at + timedelta(minutes=4), lead, AuditAction.READ, object_type="okänd.sak", object_id=7,
           person=("guardian", sip["mother"].pk), purpose=LegalGround.OSL_10_2,
           cells=[lead_name, f"SIP-samordnare, {lead_unit}", "läsning",
                  f"Annan uppgift nr 7 (vårdnadshavare nr {sip['mother'].pk})",
                  "OSL 10 kap. 2 § – nödvändigt för den egna verksamheten", ""])
    record(at + timedelta(minutes=5), lead, AuditAction.READ, object_type="childplans.coordinatedplan",
           object_id=990, person=protected, purpose="SIP",
           cells=[lead_name, f"SIP-samordnare, {lead_unit}", "läsning",
                  f"{PLAN} nr 990 (barn nr {protected.pk})", "Samordnad individuell plan (SIP)", _tags(PROTECTED)])
    for minute in range(3):  # three refusals on one day: refused, and repeated (the page's warning)
        record(_at(day, 10, minute), outsider, AuditAction.READ, plan, person=child, outcome=AuditOutcome.REFUSED,
               cells=[outsider_name, f"Medarbetare, {outsider_unit}", "läsning",
                      f"{PLAN} nr {plan.pk} (barn nr {child.pk})", "–", _tags(REFUSED, PROBING)])
    record(_at(day, 11), outsider, AuditAction.READ, plan, person=child, outcome=AuditOutcome.REFUSED,
           cells=[outsider_name, f"Medarbetare, {outsider_unit}", "läsning",
                  f"{PLAN} nr {plan.pk} (barn nr {child.pk})", "–", _tags(REFUSED, PROBING)])
    for minute in range(3):  # the same long ago: outside the warning's 30 days, still flagged
        record(_at(old_day, 10, minute), outsider, AuditAction.READ, plan, person=child,
               outcome=AuditOutcome.REFUSED, cells=[outsider_name, f"Medarbetare, {outsider_unit}", "läsning",
                                                    f"{PLAN} nr {plan.pk} (barn nr {child.pk})", "–",
                                                    _tags(REFUSED, PROBING)])
    record(_at(old_day + timedelta(days=1), 12), outsider, AuditAction.READ, plan, person=child,
           outcome=AuditOutcome.REFUSED, cells=[outsider_name, f"Medarbetare, {outsider_unit}", "läsning",
                  f"{PLAN} nr {plan.pk} (barn nr {child.pk})", "–", _tags(REFUSED)])  # one refusal that day
    for number in range(11):  # eleven children in one evening hour: outside office hours, and many
        record(_at(day, 23, number), lead, AuditAction.READ, object_type="childplans.coordinatedplan",
               object_id=500 + number, person=("child", 700 + number), purpose="SIP",
               cells=[lead_name, f"SIP-samordnare, {lead_unit}", "läsning",
                      f"{PLAN} nr {500 + number} (barn nr {700 + number})", "Samordnad individuell plan (SIP)",
                      _tags(NIGHT, MANY)])
    clock["now"] = _at(day, 12)
    services.emergency_open(actor=outsider, personal_number=sip["number"],
                                    legal_ground=LegalGround.EMERGENCY, reason="Akut läge, behöver se insatser nu.")
    grant = EmergencyAccess.objects.get()
    emergency = "Nödsituation – fara för barnets liv eller hälsa"
    actions = {"create": "skapande", "read": "läsning", "grant": "tilldelning"}
    for event in AccessEvent.objects.filter(occurred_at=_at(day, 12)):
        what = (f"Nödåtkomst nr {grant.pk} (barn nr {child.pk})" if event.object_type == "childplans.emergencyaccess"
                else f"{PLAN} nr {plan.pk} (barn nr {child.pk})")
        expected[event.pk] = [f"{day:%Y-%m-%d} 12:00", outsider_name, f"Medarbetare, {outsider_unit}",
                              actions[event.action], what, emergency,
                              _tags(EMERGENCY)]
    clock["now"] = None
    return expected


@pytest.mark.django_db
def test_each_kind_of_event_reads_as_before(kinds, sip):
    rows = _all_pages(client_for(sip["auditor"]))
    events = list(AccessEvent.objects.filter(seq__isnull=False).order_by("-occurred_at", "-seq")
                  .values_list("pk", flat=True))
    # The page's own reads are logged after it is read, so it shows what was logged before it.
    shown = dict(zip(events[len(events) - len(rows):], rows, strict=True))
    assert set(kinds) <= set(shown)
    assert {pk: shown[pk] for pk in kinds} == kinds


@pytest.mark.django_db
def test_filtered_pages_flag_as_the_whole_log_does(kinds, sip):
    """A page filtered to one person, or to a period that starts before the warning's 30 days,
    flags its events as the unfiltered log does (the flags count the whole log, not the page)."""
    client = client_for(sip["auditor"])
    by_user = _all_pages(client, {"user_id": sip["outsider"].user_id})
    flags = [row[-1] for row in by_user]
    assert flags.count(_tags(REFUSED, PROBING)) == 7 and flags.count(_tags(REFUSED)) == 1
    old_day = _wednesday(10)
    period = _all_pages(client, {"date_from": old_day.isoformat(),
                                 "date_to": (old_day + timedelta(days=1)).isoformat()})
    assert [row[-1] for row in period] == [_tags(REFUSED)] + [_tags(REFUSED, PROBING)] * 3


@pytest.mark.django_db
def test_a_protected_child_is_flagged_never_named(kinds, sip):
    client = client_for(sip["auditor"])
    child = Child.objects.get(protected_identity=True)
    for params in ({}, {"personal_number": child.personal_number}, {"flag": "protected"}):
        page = client.get(reverse("logreview:review"), params).content.decode()
        number = child.personal_number
    for secret in (child.first_name, child.last_name, number, f"{number[:8]}-{number[8:]}", number[2:8]):
            assert secret not in page, (params, secret)
    rows = _rows(client.get(reverse("logreview:review"), {"personal_number": child.personal_number}).content.decode())
    assert [row[-1] for row in rows] == [_tags(PROTECTED)]
    assert rows[0][4] == f"{PLAN} nr 990 (barn nr {child.pk})"


@pytest.mark.django_db
def test_the_warning_names_repeated_refusals_and_links_to_them(kinds, sip):
    page = client_for(sip["auditor"]).get(reverse("logreview:review")).content.decode()
    day = _wednesday(0)
    warning = page[page.index('id="probing-heading"'):page.index("</section>")]
    name = html.escape(sip["outsider"].user.get_full_name())
    assert f"{name}: 4 nekanden den {day:%Y-%m-%d}" in warning
    assert f"user_id={sip['outsider'].user_id}&amp;date_from={day:%Y-%m-%d}" in warning
    assert str(_wednesday(10)) not in warning  # outside the warning's 30 days


@pytest.mark.django_db
def test_a_picked_person_and_unit_are_named_and_kept_in_the_form(kinds, sip):
    client = client_for(sip["auditor"])
    user, unit = sip["outsider"].user, sip["outsider"].unit
    page = client.get(reverse("logreview:review"), {"user_id": user.pk, "unit_id": unit.pk}).content.decode()
    assert f"Händelser av\n  <strong>{html.escape(user.get_full_name())}</strong>" in page
    assert f"Händelser i\n  <strong>{html.escape(unit.name)}</strong>" in page
    assert f'<input type="hidden" name="user_id" value="{user.pk}">' in page
    assert f'<input type="hidden" name="unit_id" value="{unit.pk}">' in page
    rows = _rows(page)
    assert rows and {row[1] for row in rows} == {html.escape(user.get_full_name())}
    nameless = MembershipFactory(user__first_name="", user__last_name="")
    page = client.get(reverse("logreview:review"), {"user_id": nameless.user_id}).content.decode()
    assert f"<strong>{nameless.user.username}</strong>" in page  # the user name when there is no name
    assert "Inga händelser matchar." in page

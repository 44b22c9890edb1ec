"""The consent rule asked in SQL (``consents_covering``, ``old_enough_q``) gives the same answer as
the rule in Python (``consent_covered_units``, ``age``) that the rest of the rules rest on."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tillsammans.childplans import rules
from tillsammans.childplans.models import Child, Consent, ConsentGiver, ConsentGrant, Guardian
from tillsammans.childplans.models_voice import YOUNG_PERSON_AGE
from tillsammans.core.identity import age, fictional_number

DAYS = [date(2028, 2, 29), date(2027, 2, 28), date(2027, 3, 1), date(2026, 12, 31), date(2027, 1, 1),
        date(2026, 11, 24)]


def coordination(number: str) -> str:
    return f"{number[:6]}{int(number[6:8]) + 60:02d}{number[8:]}"


@pytest.mark.django_db
@pytest.mark.parametrize("on", DAYS)
def test_old_enough_in_sql_is_age_from_the_number(on):
    """Every birthday from ten days before to ten days after the fifteenth, as personal identity
    numbers and as coordination numbers (day + 60), and a few far from it."""
    cutoff = date(on.year - YOUNG_PERSON_AGE, on.month, 28) + timedelta(days=on.day - 28)
    born = [cutoff + timedelta(days=d) for d in range(-10, 11)]
    born += [date(on.year - 30, 6, 1), date(on.year - 3, 6, 1), date(on.year - YOUNG_PERSON_AGE, 2, 28)]
    numbers = []
    for serial, day in enumerate(born):
        number = fictional_number(day, serial)
        numbers += [number, coordination(number)]
    Child.objects.bulk_create(Child(personal_number=n, first_name="Test", last_name="Barn") for n in set(numbers))
    found = set(Child.objects.filter(rules.old_enough_q(on, "personal_number"))
                .values_list("personal_number", flat=True))
    assert found == {n for n in numbers if age(n, on) >= YOUNG_PERSON_AGE}


scenario = st.fixed_dictionaries({
    "young_person": st.booleans(),
    "years": st.sampled_from([14, 15, 16]),
    "birthday_offset": st.integers(-2, 2),
    "coordination": st.booleans(),
    "guardians": st.lists(st.booleans(), max_size=3),  # custody of each
    "receives": st.lists(st.booleans(), min_size=2, max_size=2),  # each unit named by the consent
    # (guardian index or None for the young person, unit index, withdrawn)
    "grants": st.lists(st.tuples(st.one_of(st.none(), st.integers(0, 2)), st.integers(0, 1), st.booleans()),
                       max_size=8),
    "valid": st.sampled_from(["now", "ended", "not yet"]),
})


@pytest.mark.django_db
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=scenario)
def test_consents_covering_in_sql_is_consent_covered_units(world, case):
    today = date.today()
    units = [world["bvc_a"], world["social_office"]]
    born = date(today.year - case["years"], today.month, 1) + timedelta(days=today.day - 1 + case["birthday_offset"])
    number = fictional_number(born, Child.objects.count())
    if case["coordination"]:
        number = coordination(number)
    while Child.objects.filter(personal_number=number).exists():
        number = number[:8] + f"{int(number[8:11]) + 1:03d}" + number[11]
    child = Child.objects.create(personal_number=number, first_name="Test", last_name="Barn")
    guardians = [Guardian.objects.create(child=child, name=f"Vårdnadshavare {i}", has_custody=custody)
                 for i, custody in enumerate(case["guardians"])]
    valid_from, valid_to = {"now": (today, today), "ended": (today - timedelta(days=9), today - timedelta(days=1)),
                            "not yet": (today + timedelta(days=1), today + timedelta(days=9))}[case["valid"]]
    given_by = ConsentGiver.YOUNG_PERSON if case["young_person"] else ConsentGiver.GUARDIANS
    consent = Consent.objects.create(child=child, valid_from=valid_from, valid_to=valid_to, given_by=given_by)
    consent.receiving_units.set([u for u, named in zip(units, case["receives"], strict=True) if named])
    seen = set()
    for who, unit_index, withdrawn in case["grants"]:
        guardian = None if who is None or who >= len(guardians) else guardians[who]
        key = (guardian.pk if guardian else None, unit_index)
        if key in seen:
            continue
        seen.add(key)
        ConsentGrant.objects.create(consent=consent, guardian=guardian, unit=units[unit_index],
                                    withdrawn_at=consent.recorded_at if withdrawn else None)
    expected = rules.consent_covered_units([consent.pk], today)[consent.pk]
    for unit in units:
        in_sql = rules.consents_covering(unit.pk, today).filter(pk=consent.pk).exists()
        assert in_sql is (unit.pk in expected), (case, unit.name)


@pytest.mark.django_db
@pytest.mark.parametrize("situation", ["consent valid", "nurse's unit withdrawn by one guardian",
                                       "consent past its end date", "participant removed", "objection to the nurse",
                                       "a guardian without custody added", "a third guardian with custody added"])
def test_the_plan_page_covers_the_units_the_rule_covers(sip, situation):
    """The plan page works out the covered units from the rows it read (``plan_covered_units``);
    the rule asked by its own queries (``covered_units``) must say the same."""
    from tillsammans.childplans import selectors, services, voice
    from tillsammans.childplans.tests.test_access_rules import arrange
    from tillsammans.testing.sip import actor_for

    lead = actor_for(sip["lead"])
    if situation == "objection to the nurse":
        voice.objection_record(actor=lead, plan=sip["plan"], unit=sip["nurse"].unit, words="Jag vill inte.",
                               heard_how="Samtal")
    elif situation.startswith("a guardian without custody"):
        Guardian.objects.filter(pk=services.guardian_add(actor=lead, plan=sip["plan"], name="Förälder Tre").pk).update(
            has_custody=False)
    elif situation.startswith("a third guardian"):
        services.guardian_add(actor=lead, plan=sip["plan"], name="Vårdnadshavare Tre")
    else:
        arrange(sip, situation)
    expected = rules.covered_units([sip["plan"].pk])[sip["plan"].pk]
    page = selectors.plan_page(sip["plan"], "lead")
    assert page["covered"] == expected
    assert situation not in ("consent valid", "participant removed") or expected == {
        sip["nurse"].unit_id, sip["social"].unit_id}
    assert situation != "objection to the nurse" or expected == {sip["social"].unit_id}
    assert situation != "a third guardian with custody added" or expected == set()

"""The worry list: what waits for a decision first, on every database, paged in the database."""

from datetime import date

import pytest
from django.urls import reverse

from tillsammans.core.identity import fictional_number
from tillsammans.pathway import selectors, services
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for


@pytest.mark.django_db
def test_waiting_worries_come_first_then_the_latest_decision(story, settings):
    settings.PAGE_SIZE = 2
    teacher = actor_for(story["teacher"])
    made = [services.worry_record(actor=teacher, personal_number=fictional_number(date(2020, 5, n), n),
                                  first_name=name, last_name="Provlund", seen_heard="Oro som behöver tas om hand.")
            for n, name in ((1, "Alva"), (2, "Bo"), (3, "Cilla"))]
    for worry in (made[0], made[2]):
        services.worry_decide(actor=teacher, worry=worry, decision="unit_measures")
    order = [w.pk for w in selectors.worries_for(teacher)]
    assert order[:2] == [w.pk for w in sorted((story["worry"], made[1]), key=lambda w: (w.decision_due, -w.pk))]
    assert order[2:] == [made[2].pk, made[0].pk]
    client = client_for(story["teacher"])
    first = client.get(reverse("pathway:worry_list")).content.decode()
    second = client.get(reverse("pathway:worry_list") + "?page=2").content.decode()
    assert "Bo Provlund" in first and "Alva Provlund" not in first and "Cilla Provlund" not in first
    assert "Cilla Provlund" in second and "Alva Provlund" in second and "Bo Provlund" not in second

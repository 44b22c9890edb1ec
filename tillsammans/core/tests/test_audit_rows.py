"""The rows a page's append writes are the events it recorded, column for column, in both chain
modes: on PostgreSQL they are read from the signed texts in one INSERT, elsewhere written by the
ORM; either way the events handed back carry their ids and are saved."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AccessEvent, AppendOnlyError, AuditAction, AuditOutcome
from tillsammans.testing.factories import MembershipFactory, UnitFactory

COLUMNS = [f.attname for f in AccessEvent._meta.concrete_fields]


def staff_actor():
    membership = MembershipFactory(unit=UnitFactory(name='Förskolan "Solen" & <Månen>\\'))
    membership.user.first_name, membership.user.last_name = "Åsa", "O'Neill"
    return Actor(user=membership.user, membership=membership, verified=True, client_ip="10.0.0.7",
                 request_id="r-1")


def record_many(actor):
    return [
        audit.record(actor, AuditAction.READ, object_type="test.item", object_id=1, purpose="SIP",
                     detail={"via": "list", "text": 'rad 1\nrad 2\t"citat" \\ ü 😀', "n": [1, 2.5, None]}),
        audit.record(actor, AuditAction.READ, object_type="test.item", object_id="x-2",
                     person=("child", 42), outcome=AuditOutcome.REFUSED),
        audit.record(actor, AuditAction.UPDATE, object_type="test.item",
                     occurred_at=datetime(2019, 3, 4, 5, 6, 7, 89, tzinfo=UTC)),
        audit.record(Actor.for_system("påminnelser"), AuditAction.READ, object_type="test.other"),
    ]


def as_row(event):
    return {name: getattr(event, name) for name in COLUMNS}


@pytest.mark.django_db
@pytest.mark.parametrize("chain", ["inline", "sequencer"])
def test_the_rows_written_are_the_events_recorded(settings, chain):
    settings.AUDIT_CHAIN = chain
    actor = staff_actor()
    with CaptureQueriesContext(connection) as captured, audit.batch():
        events = record_many(actor)
    assert sum(q["sql"].startswith("INSERT INTO core_accessevent") or
               q["sql"].startswith('INSERT INTO "core_accessevent"') for q in captured.captured_queries) == 1
    stored = {e.pk: e for e in AccessEvent.objects.all()}
    assert sorted(stored) == sorted(e.pk for e in events)
    for event in events:
        assert as_row(stored[event.pk]) == as_row(event)
        assert not event._state.adding
        with pytest.raises(AppendOnlyError):
            event.save()
    assert [e.pk for e in events] == sorted(e.pk for e in events)  # written in the order recorded
    if chain == "sequencer":
        assert audit.sequence() == len(events)
    assert audit.verify().ok


@pytest.mark.django_db
@pytest.mark.parametrize("chain", ["inline", "sequencer"])
def test_one_event_outside_a_batch_is_written_and_saved(settings, chain):
    settings.AUDIT_CHAIN = chain
    event = audit.record(staff_actor(), AuditAction.READ, object_type="test.item", object_id=7)
    assert event.pk is not None and as_row(AccessEvent.objects.get(pk=event.pk)) == as_row(event)


@pytest.mark.django_db
def test_an_event_is_made_as_the_model_would_make_it():
    values = {"occurred_at": datetime(2026, 1, 2, tzinfo=UTC), "action": "read", "object_type": "t",
              "detail": {"a": 1}, "user_label": "x"}
    made, expected = audit._new_event(values), AccessEvent(**values)
    assert as_row(made) == as_row(expected)
    assert made._state.adding and made._state.db is None

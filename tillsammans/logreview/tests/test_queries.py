"""What the log review asks the database, and what it no longer asks twice: the repeated refusals
of the days the page's warning covers come from the warning, the child the page is filtered to is
looked up once (its protection with it), and the rows are read as the columns the table shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tillsammans.core import audit
from tillsammans.core.models import AuditAction, AuditOutcome
from tillsammans.testing.clients import client_for
from tillsammans.testing.sip import actor_for


def _queries(client, params=None) -> list[str]:
    client.get(reverse("logreview:review"), params or {})
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("logreview:review"), params or {})
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _refused_on(sip, when, times: int = 3) -> None:
    outsider = actor_for(sip["outsider"])
    for minute in range(times):
        audit.record(outsider, AuditAction.READ, sip["plan"], person=sip["plan"].child,
                     outcome=AuditOutcome.REFUSED, occurred_at=when + timedelta(minutes=minute))


def _counting_refusals(sql: list[str]) -> int:
    return sum(1 for query in sql if "'refused'" in query and "COUNT(" in query.upper())


@pytest.mark.django_db
def test_refused_rows_inside_the_warning_ask_no_more(sip):
    client = client_for(sip["auditor"])
    before = _queries(client)
    _refused_on(sip, timezone.now() - timedelta(hours=1))
    shown = _queries(client)
    page = client.get(reverse("logreview:review")).content.decode()
    assert "Upprepade nekanden" in page and 'id="probing-heading"' in page
    assert len(shown) == len(before)
    assert _counting_refusals(shown) == 1  # the warning's own query, no second one for the flags


@pytest.mark.django_db
def test_refused_rows_before_the_warning_ask_once_for_their_days(sip):
    client = client_for(sip["auditor"])
    before = _queries(client)
    _refused_on(sip, timezone.now() - timedelta(days=60))
    shown = _queries(client)
    assert "Upprepade nekanden" in client.get(reverse("logreview:review")).content.decode()
    assert len(shown) == len(before) + 1
    assert _counting_refusals(shown) == 2


@pytest.mark.django_db
def test_the_child_filter_reads_the_child_once(sip):
    sql = _queries(client_for(sip["auditor"]), {"personal_number": sip["number"]})
    children = [query for query in sql if "childplans_child" in query]
    assert len(children) == 1 and "protected_identity" in children[0]


@pytest.mark.django_db
def test_the_rows_are_read_as_the_columns_shown(sip):
    sql = _queries(client_for(sip["auditor"]))
    page = [query for query in sql if "core_accessevent" in query and "LIMIT 51" in query]
    assert len(page) == 1
    for column in ("canonical", "prev_mac", '"mac"', "client_ip", "request_id", "membership_id", "authority_id"):
        assert column not in page[0], column
    reviews = [query for query in sql if "logreview_logreview" in query]
    assert len(reviews) == 1 and "password" not in reviews[0]

"""A page and the list's length in one query (core/paging.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tillsammans.core.paging import page_of
from tillsammans.organisations.models import Unit
from tillsammans.testing.factories import UnitFactory


@pytest.fixture
def units(db):
    for n in range(7):
        UnitFactory(name=f"Enhet {n:02d}")
    return Unit.objects.filter(name__startswith="Enhet ").order_by("name")


def names(page):
    return [u.name for u in page.object_list]


def test_a_page_and_the_length_in_one_query(units):
    with CaptureQueriesContext(connection) as captured:
        page = page_of(units, "2", 3)
        assert names(page) == ["Enhet 03", "Enhet 04", "Enhet 05"]
        assert (page.number, page.paginator.count, page.paginator.num_pages) == (2, 7, 3)
        assert page.has_previous() and page.has_next() and page.start_index() == 4
    assert len(captured) == 1


@pytest.mark.parametrize(("asked", "shown"), [("9", 3), ("0", 1), ("-2", 1), ("x", 1), (None, 1), ("3", 3),
                                                   ("99999999999999999999999", 3), ("1e9", 1)])
def test_a_page_past_the_end_is_the_last_and_anything_else_the_first(units, asked, shown):
    page = page_of(units, asked, 3)
    assert page.number == shown and page.paginator.count == 7
    assert names(page) == [f"Enhet {n:02d}" for n in range(7)][(shown - 1) * 3:shown * 3]


def test_an_empty_list_is_one_empty_page(db):
    page = page_of(Unit.objects.filter(name="Ingen sådan").order_by("pk"), "4", 3)
    assert (page.number, page.paginator.count, list(page.object_list)) == (1, 0, [])


def test_an_empty_first_page_asks_nothing_more(db):
    with CaptureQueriesContext(connection) as captured:
        page = page_of(Unit.objects.filter(name="Ingen sådan").order_by("pk"), None, 3)
    assert (page.number, page.paginator.count, page.paginator.num_pages, list(page.object_list)) == (1, 0, 1, [])
    assert len(captured) == 1

"""A page and the list's length in one query (core/paging.py)."""

import pytest
from django.db import connection
from django.db.models import Count
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


def test_a_page_and_the_length_in_one_query_then_the_pages_rows(units):
    with CaptureQueriesContext(connection) as captured:
        page = page_of(units, "2", 3)
        assert names(page) == ["Enhet 03", "Enhet 04", "Enhet 05"]
        assert (page.number, page.paginator.count, page.paginator.num_pages) == (2, 7, 3)
        assert page.has_previous() and page.has_next() and page.start_index() == 4
    assert len(captured) == 2
    keys, rows = (q["sql"] for q in captured.captured_queries)
    assert "OVER ()" in keys and '"organisations_unit"."name"' not in keys.split("FROM")[0]  # keys only
    assert "OVER ()" not in rows


def test_the_rows_keep_the_lists_order_annotations_and_joins(units):
    from django.db.models import Value
    from django.db.models.functions import Concat

    listed = units.annotate(shown=Concat("name", Value("!"))).select_related("authority").order_by("-name")
    page = page_of(listed, "1", 3)
    assert [u.shown for u in page.object_list] == ["Enhet 06!", "Enhet 05!", "Enhet 04!"]
    with CaptureQueriesContext(connection) as captured:
        assert all(u.authority.name for u in page.object_list)  # read with the rows
    assert len(captured) == 0


def test_the_list_decides_once_which_rows_belong_and_the_rows_are_read_fresh(units, monkeypatch):
    from tillsammans.core import paging

    original = paging._rows

    def after_a_change(queryset, keys, carried):
        Unit.objects.filter(name="Enhet 01").update(name="Flyttad")
        Unit.objects.filter(name="Enhet 02").delete()
        return original(queryset, keys, carried)

    monkeypatch.setattr(paging, "_rows", after_a_change)
    assert names(page_of(units, "1", 3)) == ["Enhet 00", "Flyttad"]


def test_a_count_per_row_is_read_with_the_lists_own_query(units):
    listed = units.annotate(members=Count("memberships")).order_by("name")
    with CaptureQueriesContext(connection) as captured:
        page = page_of(listed, "3", 3)
    assert [(u.name, u.members) for u in page.object_list] == [("Enhet 06", 0)]
    assert "COUNT" in captured.captured_queries[-1]["sql"]


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


def test_a_narrow_list_pages_its_tuples_read_by_key_with_their_joins(units):
    listed = units.order_by("-name")
    with CaptureQueriesContext(connection) as captured:
        page = page_of(listed, "2", 3, columns=("name", "authority__name"))
    assert [row[0] for row in page.object_list] == ["Enhet 03", "Enhet 02", "Enhet 01"]
    assert all(isinstance(row, tuple) and len(row) == 2 and row[1] for row in page.object_list)
    assert (page.paginator.count, page.paginator.num_pages) == (7, 3)
    assert len(captured) == 2
    keys, rows = (q["sql"] for q in captured.captured_queries)
    assert "OVER ()" in keys and '"organisations_unit"."name"' not in keys.split("FROM")[0]
    assert "JOIN" not in keys  # the columns' joins are read for the page's rows only
    assert "OVER ()" not in rows and "organisations_authority" in rows


def test_a_narrow_list_with_a_column_of_its_own_reads_it_with_the_lists_query(units):
    from django.db.models import Value
    from django.db.models.functions import Concat

    listed = units.annotate(shown=Concat("name", Value("!"))).order_by("name")
    assert page_of(listed, "3", 3, columns=("shown",)).object_list == [("Enhet 06!",)]
    assert page_of(units.filter(name="x"), "1", 3, columns=("name",)).object_list == []

"""A page of a list and the list's length in one query.

Django's ``Paginator`` asks the database twice: ``COUNT(*)`` and then the page. For a list whose
filter is itself the costly part (the access rules of child data asked in SQL, ADR 0027) that is
the filter twice, compiled twice. Here the length comes with the page's rows as a window count
(``COUNT(*) OVER ()``, evaluated before LIMIT); only a page past the end asks again (an empty first
page is an empty list).

That first query reads only the keys (and the list's own computed columns, such as why the viewer
may see each row): the window count needs every row of the list, and a list query's joins (the
child, the unit, the author and their person for each row) would otherwise be read for all of
them – 700 rows joined five ways to show 25. The page's rows are then read by those keys with the
list's joins and put in the first query's order. Whether a row belongs to the list (the access
rules of child data) is decided once, by the first query, like any page decides once what it
shows; asking the filter again for 25 keys cost more than reading them (a large filter compiled
twice).

A list may be read narrow: given ``columns`` (joins by name, ``"child__first_name"``), its page is
those columns as tuples, read by key – no model instances, no columns nobody shows (ADR 0029); the
keys' query joins nothing for them."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

# A page number beyond any list (and beyond what a database's OFFSET holds) is the last page.
LAST_ASKED = 10**9


def page_of(queryset: QuerySet, number, per_page: int, *, columns: tuple[str, ...] | None = None) -> Page:
    """The page ``number`` (a query parameter: anything not a whole number is the first page, a page
    past the end is the last one) as a Django ``Page`` that the pagination template reads; its rows
    are the list's objects, or with ``columns`` a tuple of those columns each."""
    paginator = Paginator(queryset, per_page)
    try:
        number = min(max(int(number), 1), LAST_ASKED)
    except (TypeError, ValueError):
        number = 1
    carried = _carried(queryset)
    fields = ("pk", *(carried or ()))
    keys = list(queryset.annotate(list_length=Window(Count("pk"))).values_list(*fields, "list_length")
                [(number - 1) * per_page:number * per_page])
    if keys:
        paginator.__dict__["count"] = keys[0][-1]
    elif number == 1:  # the first page is empty: so is the list, nothing more to ask
        paginator.__dict__["count"] = 0
    else:
        number = paginator.num_pages  # past the end or empty: counted, the last page read
        keys = list(queryset.values_list(*fields)[(number - 1) * per_page:number * per_page]) \
            if paginator.count else []
    if columns is not None:
        return Page(_narrow_rows(queryset, [key[0] for key in keys], carried, columns), number, paginator)
    if carried is None:
        return Page(_filtered_rows(queryset, [key[0] for key in keys]), number, paginator)
    return Page(_rows(queryset, keys, carried), number, paginator)


def _carried(queryset: QuerySet) -> list[str] | None:
    """The list's computed columns, which the keys' query reads too; None when one is an aggregate
    (a count per row cannot ride on the keys' query: the rows are then read with the list's query)."""
    annotations = queryset.query.annotations
    if any(getattr(expression, "contains_aggregate", False) for expression in annotations.values()):
        return None
    return list(annotations)


def _rows(queryset: QuerySet, keys: list[tuple], carried: list[str]) -> list:
    """The rows of these keys with the list's joins, deferred fields and prefetches, each given the
    computed columns the keys' query read, in the keys' order."""
    if not keys:
        return []
    rows = queryset.model._base_manager.filter(pk__in=[key[0] for key in keys])
    rows.query.select_related = queryset.query.select_related
    rows.query.deferred_loading = queryset.query.deferred_loading
    rows = rows.prefetch_related(*queryset._prefetch_related_lookups)
    found = {row.pk: row for row in rows}
    page = []
    for key in keys:
        row = found.get(key[0])
        if row is not None:  # deleted in between
            for name, value in zip(carried, key[1:], strict=False):
                setattr(row, name, value)
            page.append(row)
    return page


def _narrow_rows(queryset: QuerySet, keys: list, carried: list[str] | None, columns: tuple[str, ...]) -> list[tuple]:
    """These keys' ``columns`` as tuples, in the keys' order: read by key (joins included), or with
    the list's own query when the list computes a column of its own."""
    if not keys:
        return []
    if carried or carried is None:
        rows = queryset.order_by().filter(pk__in=keys).values_list("pk", *columns)
    else:
        rows = queryset.model._base_manager.filter(pk__in=keys).values_list("pk", *columns)
    found = {row[0]: row[1:] for row in rows}
    return [found[pk] for pk in keys if pk in found]


def _filtered_rows(queryset: QuerySet, keys: list) -> list:
    """The list's rows for these keys read with the list's own query, in the keys' order."""
    if not keys:
        return []
    found = {row.pk: row for row in queryset.order_by().filter(pk__in=keys)}
    return [found[pk] for pk in keys if pk in found]

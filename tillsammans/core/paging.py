"""A page of a list and the list's length in one query.

Django's ``Paginator`` asks the database twice: ``COUNT(*)`` and then the page. For a list whose
filter is itself the costly part (the access rules of child data asked in SQL, ADR 0027) that is
the filter twice, compiled twice. Here the length comes with the page's rows as a window count
(``COUNT(*) OVER ()``, evaluated before LIMIT); only a page past the end asks again.

That first query reads only the keys: the window count needs every row of the list, and a list
query's joins (the child, the unit, the author and their person for each row) would otherwise be
read for all of them – 700 rows joined five ways to show 25. The page's 25 rows are then read
with the list's own query (its joins, annotations and access rules, asked again for those keys)
and put in the first query's order."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

# A page number beyond any list (and beyond what a database's OFFSET holds) is the last page.
LAST_ASKED = 10**9


def page_of(queryset: QuerySet, number, per_page: int) -> Page:
    """The page ``number`` (a query parameter: anything not a whole number is the first page, a page
    past the end is the last one) as a Django ``Page`` that the pagination template reads."""
    paginator = Paginator(queryset, per_page)
    try:
        number = min(max(int(number), 1), LAST_ASKED)
    except (TypeError, ValueError):
        number = 1
    keys = list(queryset.annotate(list_length=Window(Count("pk"))).values_list("pk", "list_length")
                [(number - 1) * per_page:number * per_page])
    if keys:
        paginator.__dict__["count"] = keys[0][1]
    else:
        number = paginator.num_pages  # past the end or empty: counted, the last page read
        keys = list(queryset.values_list("pk", "pk")[(number - 1) * per_page:number * per_page]) \
            if paginator.count else []
    return Page(_rows(queryset, [pk for pk, _ in keys]), number, paginator)


def _rows(queryset: QuerySet, keys: list) -> list:
    """The list's rows for these keys, in their order (a row that stopped qualifying in between is
    not shown: the list's filter is asked again)."""
    if not keys:
        return []
    found = {row.pk: row for row in queryset.order_by().filter(pk__in=keys)}
    return [found[pk] for pk in keys if pk in found]

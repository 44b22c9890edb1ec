"""A page of a list and the list's length in one query.

Django's ``Paginator`` asks the database twice: ``COUNT(*)`` and then the page. For a list whose
filter is itself the costly part (the access rules of child data asked in SQL, ADR 0027) that is
the filter twice, compiled twice. Here the length comes with the page's rows as a window count
(``COUNT(*) OVER ()``, evaluated before LIMIT); only a page past the end asks again (an empty first
page is an empty list)."""

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
    rows = list(queryset.annotate(list_length=Window(Count("pk")))[(number - 1) * per_page:number * per_page])
    if rows:
        paginator.__dict__["count"] = rows[0].list_length
    elif number == 1:  # the first page is empty: so is the list, nothing more to ask
        paginator.__dict__["count"] = 0
    else:
        number = paginator.num_pages  # past the end or empty: counted, the last page read
        rows = list(queryset[(number - 1) * per_page:number * per_page]) if paginator.count else []
    return Page(rows, number, paginator)

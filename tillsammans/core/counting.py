"""Counts of related rows as a column of the rows shown.

``annotate(n=Count("relation", filter=…))`` groups every row of the list with all its related
rows before the page is cut: a list of events or parent groups grouped every registration of
every event to show 25. ``count_of`` is a correlated subquery instead, which the database
works out for the rows it returns (docs/performance.md)."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(related: QuerySet, link: str) -> Coalesce:
    """The number of rows of ``related`` whose ``link`` (a foreign key) is the outer row, 0 if none:
    ``groups.annotate(registered=count_of(Participant.objects.filter(status=…), "group"))``."""
    rows = related.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

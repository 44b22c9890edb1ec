"""Background work for insight: the computed indicators are counted again every night."""

from __future__ import annotations

from datetime import time

from django_tasks import task

from tillsammans.core.scheduler import daily


@daily("insight-computed-indicators", at=time(2, 30))
@task()
def compute_indicators() -> int:
    from tillsammans.core.access import Actor
    from tillsammans.insight.services_indicators import compute_all

    return compute_all(actor=Actor.for_system("insight-compute"))


@daily("insight-unconfirmed-subscribers", at=time(3, 15))
@task()
def remove_unconfirmed_subscribers() -> int:
    from tillsammans.insight.services_newsletters import unconfirmed_remove

    return unconfirmed_remove()

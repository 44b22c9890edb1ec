"""Scheduled work of the family's door: the day's notices without content, at 17:00."""

from datetime import time

from django.db import transaction
from django_tasks import task

from tillsammans.core.scheduler import daily


@daily("family-notices", at=time(17, 0))
@task()
def family_notices_task() -> int:
    from tillsammans.family.notices import send_due

    with transaction.atomic():
        return send_due()

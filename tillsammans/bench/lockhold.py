"""How long a child-data page holds the access log's chain lock, measured inside the process.

    python tillsammans/bench/lockhold.py --database tillsammans_bench [--repeat 30]

Run by path (not as a module) so that it also measures another checkout of the code when started
with PYTHONPATH pointing at it. The chain lock serialises every writer of the log, so the time it
is held per request caps the whole installation at 1000 / hold_ms child-data pages per second
whatever the number of workers or machines. Measured from the statement that takes the lock to
the end of the COMMIT that releases it, with an execute wrapper on the connection; CPU load from
other processes inflates both figures alike, the ratio is what matters.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="tillsammans_bench_small")
    parser.add_argument("--host", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--label", default="current")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"{args.host}/{args.database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    import django

    django.setup()
    from django.db import connection

    from tillsammans.accounts.models import Membership
    from tillsammans.accounts.roles import Role
    from tillsammans.testing.clients import client_for

    lead = Membership.objects.filter(role=Role.SIP_LEAD, user__username__startswith="user").order_by("pk").first()
    client = client_for(lead)
    plan = lead.led_plans.order_by("pk").first()
    state: dict[str, float | None] = {"locked_at": None}
    holds: list[float] = []

    def wrapper(execute, sql, params, many, context):
        is_lock = "pg_advisory_xact_lock" in sql
        if is_lock and state["locked_at"] is None:
            state["locked_at"] = time.perf_counter()
        return execute(sql, params, many, context)

    django_commit = connection._commit

    def commit_and_time():
        django_commit()
        if state["locked_at"] is not None:
            holds.append((time.perf_counter() - state["locked_at"]) * 1000)
            state["locked_at"] = None

    connection._commit = commit_and_time
    for name, url in (("plan_page", f"/planer/{plan.pk}/"), ("plan_list", "/planer/")):
        client.get(url)
        holds.clear()
        totals = []
        with connection.execute_wrapper(wrapper):
            for _ in range(args.repeat):
                start = time.perf_counter()
                response = client.get(url)
                totals.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, response.status_code
        hold = statistics.median(holds) if holds else 0.0
        total = statistics.median(totals)
        print(f"LOCKHOLD label={args.label} page={name} request_ms={total:.1f} lock_held_ms={hold:.2f} "
              f"share={hold / total:.0%} cap_pages_per_s={1000 / hold if hold else float('inf'):.0f}", flush=True)
    from django.conf import settings

    if settings.AUDIT_CHAIN == "sequencer":
        # The pages above took no lock; their events wait. The sequencer holds the lock per round:
        # how long, and so how many events a second one sequencer can chain.
        from tillsammans.core import audit
        from tillsammans.core.models import AccessEvent

        waiting = AccessEvent.objects.filter(seq__isnull=True).count()
        holds.clear()
        with connection.execute_wrapper(wrapper):
            chained = audit.sequence()
        hold = sum(holds)
        print(f"SEQUENCER label={args.label} waiting={waiting} chained={chained} lock_held_ms={hold:.1f} "
              f"per_event_ms={hold / max(chained, 1):.3f} cap_events_per_s={chained / hold * 1000 if hold else 0:.0f}",
              flush=True)


if __name__ == "__main__":
    main()

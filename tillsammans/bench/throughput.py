"""Child-data page throughput with 1, 2 and 4 gunicorn workers, beside a page that logs nothing:
does the access log serialise the installation?

    python -m tillsammans.bench.throughput --database tillsammans_bench [--workers 1,2,4] [--seconds 10]
        [--chain inline|sequencer]   # how events join the chain (ADR 0022); both: "inline,sequencer"
        [--code-dir DIR]   # serve another checkout (e.g. the code before a change) on the same data

Prepares the database once (migrate, a small fictional region), then for each worker count starts
gunicorn on loopback, loads the plan page (one access event a request) and the directory (none)
with wrk (16 connections), and stops it. With the sequencer, a sequencer runs beside the server as
the worker would, and the line says how far behind it was at most (``chain_lag_ms``) and how many
events were left for it when the load stopped. Prints one THROUGHPUT line per run.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    import django

    django.setup()


def ensure_database(url: str) -> None:
    """Create the named PostgreSQL database if it does not exist."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare(sizes) -> dict:
    """Migrate and, on an empty database, generate the region; return what the load needs."""
    from django.core.management import call_command

    from tillsammans.accounts.models import Membership
    from tillsammans.accounts.roles import Role
    from tillsammans.bench import scale

    call_command("migrate", verbosity=0, interactive=False)
    lead = Membership.objects.filter(role=Role.SIP_LEAD, user__username__startswith="user").order_by("pk").first()
    if lead is None:
        from tqdm import tqdm

        scale.generate(sizes, progress_factory=lambda total, desc: tqdm(total=total, desc=desc, unit="rows"))
        lead = Membership.objects.filter(role=Role.SIP_LEAD, user__username__startswith="user").order_by("pk").first()
    from tillsammans.childplans.models import Child
    from tillsammans.organisations.models import Area
    from tillsammans.testing.clients import client_for

    client = client_for(lead)
    plan = lead.led_plans.order_by("pk").first()
    return {
        "cookie": f"sessionid={client.cookies['sessionid'].value}",
        "plan": plan.pk,
        "child": Child.objects.order_by("-pk").values_list("pk", flat=True).first(),
        "area": Area.objects.filter(unit_links__isnull=False).order_by("pk").values_list("pk", flat=True).first(),
        "lead": lead,
    }


class LockSampler:
    """Samples pg_stat_activity every 100 ms: how many of the database's busy connections wait
    for an advisory lock (the chain lock) while the load runs."""

    def __init__(self, url: str):
        import threading

        self.url, self.samples, self.stop = url, [], threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            while not self.stop.wait(0.1):
                self.samples.append(conn.execute(
                    "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'), "
                    "count(*) FILTER (WHERE state <> 'idle') - 1 FROM pg_stat_activity "
                    "WHERE datname = current_database()").fetchone())

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    def summary(self) -> str:
        waiting = sum(s[0] for s in self.samples)
        busy = sum(max(s[1], 0) for s in self.samples)
        return f"lock_waiting={waiting}/{busy}"


class Sequencer:
    """The worker's sequencer, run in a thread beside the server while the load runs; samples how
    old the oldest event waiting for it is (the chain's lag) every 100 ms."""

    def __init__(self):
        import threading

        self.stop, self.lag_ms = threading.Event(), [0.0]
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        from django.conf import settings
        from django.db import connection
        from django.db.models import Min
        from django.utils import timezone

        from tillsammans.core import audit
        from tillsammans.core.models import AccessEvent

        every = max(1, settings.AUDIT_SEQUENCER_MS // 100)
        tick = 0
        try:
            while not self.stop.wait(0.1):
                tick += 1
                oldest = AccessEvent.objects.filter(seq__isnull=True).aggregate(at=Min("occurred_at"))["at"]
                if oldest is not None:
                    self.lag_ms.append((timezone.now() - oldest).total_seconds() * 1000)
                if tick % every == 0:
                    audit.sequence()
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    def summary(self) -> str:
        from tillsammans.core.models import AccessEvent

        left = AccessEvent.objects.filter(seq__isnull=True).count()
        return f"chain_lag_ms={max(self.lag_ms):.0f} left_unchained={left}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="tillsammans_bench_small")
    parser.add_argument("--host", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--code-dir", type=Path, default=None)
    parser.add_argument("--label", default="")
    parser.add_argument("--pages", default="plan_page,plan_list,directory_nolog")
    parser.add_argument("--chain", default="", help="inline, sequencer or both (comma-separated)")
    args = parser.parse_args(argv)
    url = f"{args.host}/{args.database}"
    ensure_database(url)
    setup_django(url)
    from django.conf import settings

    chains = args.chain.split(",") if args.chain else [settings.AUDIT_CHAIN]
    from tillsammans.bench import scale, server

    target = prepare(scale.SMALL)
    from django.db import connections

    connections.close_all()
    pages = {
        "plan_page": (f"/planer/{target['plan']}/", target["cookie"]),
        "plan_list": ("/planer/", target["cookie"]),
        "directory_nolog": (f"/vem-gor-vad/?area={target['area']}", target["cookie"]),
    }
    from contextlib import ExitStack

    from tillsammans.core import audit

    for chain in chains:
        os.environ["AUDIT_CHAIN"] = settings.AUDIT_CHAIN = chain  # the server's setting and ours
        audit.sequence()
        for workers in (int(w) for w in args.workers.split(",")):
            with server.gunicorn(workers=workers, database_url=url, code_dir=args.code_dir) as base:
                for name in args.pages.split(","):
                    path, cookie = pages[name]
                    server.wrk(base + path, cookie=cookie, seconds=2, connections=args.connections)  # warm up
                    with ExitStack() as stack:
                        sampler = stack.enter_context(LockSampler(url))
                        sequencer = stack.enter_context(Sequencer()) if chain == "sequencer" else None
                        load = server.wrk(base + path, cookie=cookie, seconds=args.seconds,
                                          connections=args.connections)
                    lag = f" {sequencer.summary()}" if sequencer else ""
                    print(f"THROUGHPUT label={args.label or chain} workers={workers} page={name} "
                          f"req_s={load.requests_per_s:.1f} p50_ms={load.p50_ms:.1f} p99_ms={load.p99_ms:.1f} "
                          f"errors={load.errors} requests={load.requests} {sampler.summary()}{lag}", flush=True)


if __name__ == "__main__":
    main()

"""``make load``: locust, headless and bounded, against gunicorn on loopback.

    python -m tillsammans.bench.load [--database tillsammans_bench_small] [--users 50] [--minutes 2]
        [--workers 4]

Uses the benchmark database (built by ``make bench`` or on first use here, small size), starts
gunicorn with production settings, runs the mix in ``locustfile.py`` and prints one LOAD line
with the request count, errors, throughput and 95th percentile; exits non-zero on any error.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tillsammans.bench.throughput import ensure_database, setup_django


def targets(path: Path) -> None:
    from tillsammans.accounts.models import Membership
    from tillsammans.accounts.roles import Role
    from tillsammans.organisations.models import Area
    from tillsammans.testing.clients import client_for

    lead = Membership.objects.filter(role=Role.SIP_LEAD, user__username__startswith="user").order_by("pk").first()
    auditor = Membership.objects.filter(role=Role.AUDITOR).order_by("pk").first()
    staff = Membership.objects.filter(role=Role.STAFF).order_by("pk").first()
    plans = list(lead.led_plans.order_by("pk").values_list("pk", flat=True)[:50])
    first = lead.led_plans.order_by("pk").select_related("child").first()
    area = Area.objects.filter(units__isnull=False).order_by("pk").values_list("pk", flat=True).first()
    path.write_text(json.dumps({
        "lead_session": client_for(lead).cookies["sessionid"].value,
        "auditor_session": client_for(auditor).cookies["sessionid"].value,
        "staff_session": client_for(staff).cookies["sessionid"].value,
        "plans": plans, "lead_user": lead.user_id, "child_number": first.child.personal_number,
        "area": area, "month": time.strftime("%Y-%m-01"),
    }))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="tillsammans_bench_small")
    parser.add_argument("--host", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=2)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)
    url = f"{args.host}/{args.database}"
    ensure_database(url)
    setup_django(url)
    from django.db import connections

    from tillsammans.bench import server
    from tillsammans.bench.pages import build
    from tillsammans.bench.scale import SMALL

    build(SMALL)
    with tempfile.TemporaryDirectory() as tmp:
        target_file = Path(tmp) / "targets.json"
        targets(target_file)
        connections.close_all()
        with server.gunicorn(workers=args.workers, database_url=url) as base:
            prefix = Path(tmp) / "load"
            subprocess.run([  # noqa: S603
                str(Path(sys.executable).parent / "locust"), "-f", str(Path(__file__).with_name("locustfile.py")),
                "--headless", "-u", str(args.users), "-r", "10", "-t", f"{int(args.minutes * 60)}s",
                "--host", base, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
                "--stop-timeout", "10"], check=False, env={**os.environ, "LOAD_TARGETS": str(target_file)})
            rows = list(csv.DictReader(Path(f"{prefix}_stats.csv").read_text().splitlines()))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    for row in rows:
        if row["Name"] != "Aggregated":
            print(f"LOAD page={row['Name']} requests={row['Request Count']} errors={row['Failure Count']} "
                  f"p50_ms={row['50%']} p95_ms={row['95%']}")
    errors = int(total["Failure Count"])
    print(f"LOAD users={args.users} seconds={int(args.minutes * 60)} workers={args.workers} "
          f"requests={total['Request Count']} errors={errors} req_s={float(total['Requests/s']):.1f} "
          f"p50_ms={total['50%']} p95_ms={total['95%']}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()

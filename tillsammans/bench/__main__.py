"""``make bench``: speed targets as ratios, measured on a throw-away test database.

Prints, for each target, the time of a large case divided by the time of a small one. Pages are
paginated and free of N+1 queries, so the ratios should stay near 1 however much data there is;
the audit chain must not slow down as it grows. Tests assert behaviour, never wall-clock time.
"""

from __future__ import annotations

import os
import statistics
import time


def _timed(fn, repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run() -> None:
    from django.test import Client

    from tillsammans.accounts.roles import Role
    from tillsammans.core import audit
    from tillsammans.core.access import Actor
    from tillsammans.testing import factories as f
    from tillsammans.testing.clients import client_for

    authority = f.AuthorityFactory()
    area = f.AreaFactory()
    membership = f.MembershipFactory(role=Role.STAFF, unit=f.UnitFactory(authority=authority))
    client: Client = client_for(membership)

    def directory():
        assert client.get("/vem-gor-vad/", {"area": area.pk}).status_code == 200

    from tillsammans.organisations.services import recompute_area_units

    f.UnitFactory.create_batch(30, authority=authority)
    recompute_area_units(area)
    small = _timed(directory)
    f.UnitFactory.create_batch(970, authority=authority)
    recompute_area_units(area)
    large = _timed(directory)
    print(f"directory page, 1000 vs 30 units:        ratio {large / small:5.2f}  "
          f"({small * 1000:.1f} ms → {large * 1000:.1f} ms)")

    actor = Actor.for_system("bench")

    def hundred_events():
        for _ in range(100):
            audit.record(actor, "read", object_type="bench.item", object_id=1)

    first = _timed(hundred_events, repeat=3)
    for _ in range(20):
        hundred_events()
    later = _timed(hundred_events, repeat=3)
    print(f"audit.record, 100 events late vs early:   ratio {later / first:5.2f}  "
          f"({first * 10:.2f} ms → {later * 10:.2f} ms per event)")
    start = time.perf_counter()
    result = audit.verify()
    print(f"verify-audit over {result.checked} events: {time.perf_counter() - start:.2f} s, "
          f"ok={result.ok}")


if __name__ == "__main__":
    main()

"""Build a fictional region at a chosen size through bulk paths (COPY on PostgreSQL)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import connection
from tqdm import tqdm

from tillsammans.bench import scale


class Command(BaseCommand):
    help = ("Add a fictional region at a chosen size: children, professionals, plans with guardians, "
            "consents and participants, units, areas and years of chained access events. Defaults are the "
            "benchmark's scale size (1 000 000 children, 10 000 000 events); --small gives a quick one.")

    def add_arguments(self, parser):
        defaults = scale.Sizes()
        parser.add_argument("--small", action="store_true", help="a small region (2 000 children)")
        for name, help_text in (
                ("children", "children in all"), ("professionals", "staff with one membership each"),
                ("plans", "coordinated plans (each with a child, two guardians, a consent, participants)"),
                ("events", "access events, chained"), ("units", "units"), ("areas", "areas"),
                ("years", "years the access events span"),
                ("lead_plans", "plans led by the one SIP coordinator the benchmark logs in as"),
                ("lead_participations", "plans that coordinator takes part in besides")):
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name, type=int, default=None,
                                help=f"{help_text} (default {getattr(defaults, name):,})")

    def handle(self, *args, **options):
        sizes = scale.SMALL if options["small"] else scale.Sizes()
        for name in sizes.__dataclass_fields__:
            if options.get(name) is not None:
                if options[name] < 0:
                    raise ValueError(f"--{name} must not be negative")
                setattr(sizes, name, options[name])
        sizes.plans = max(1, min(sizes.plans, sizes.children))
        sizes.units, sizes.areas = max(1, sizes.units), max(1, sizes.areas)
        sizes.professionals = max(3, sizes.professionals)
        start = time.monotonic()
        result = scale.generate(sizes, progress_factory=lambda total, desc: tqdm(
            total=total, desc=desc, unit=" rows", unit_scale=True, disable=options["verbosity"] == 0))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(
            f"Generated {sizes.children:,} children, {sizes.plans:,} plans, {sizes.events:,} access events "
            f"in {time.monotonic() - start:.0f} s. The SIP coordinator is membership {result['lead_membership']}."))

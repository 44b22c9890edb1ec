"""``make bench``: every key page against the floor, at a small and at a scale size, on PostgreSQL.

    python -m tillsammans.bench [--database tillsammans_bench] [--children N --plans N --events N ...]

Builds (once; reused on later runs) two databases, ``<database>_small`` and ``<database>_large``:
the demo municipality grown by ``generate-scale``'s bulk paths. Then, for each, counts every key
page's queries in-process and times it over HTTP (gunicorn, production settings, sequential
requests, median of 20), with the floor – a bare Django view doing one indexed lookup – timed in
the same run. Prints one line per page:

    BENCH page=<name> p50_ms=<x> floor_p50_ms=<y> ratio=<x/y> queries_small=<n> queries_large=<m>

and the PDF export on its own line. The default scale size (below) is built and measured within
20 minutes on a 2-core machine; the issue's full size is ``--children 1000000 --professionals
100000 --plans 200000 --events 10000000`` (a separate database name keeps both).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from tillsammans.bench import scale

DEFAULT_LARGE = scale.Sizes(children=200_000, professionals=20_000, plans=40_000, events=2_000_000,
                            units=5_000, areas=500, years=3, lead_plans=500, lead_participations=200)


def run(database: str, host: str, sizes: scale.Sizes, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        subprocess.run([sys.executable, "-m", "tillsammans.bench.pages", "--database", database,  # noqa: S603
                        "--host", host, "--sizes", json.dumps(asdict(sizes)), "--repeat", str(repeat),
                        "--out", str(out)], check=True)
        return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="tillsammans_bench")
    parser.add_argument("--host", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--repeat", type=int, default=20)
    for name in asdict(DEFAULT_LARGE):
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, type=int,
                            default=getattr(DEFAULT_LARGE, name))
    args = parser.parse_args(argv)
    large_sizes = scale.Sizes(**{name: getattr(args, name) for name in asdict(DEFAULT_LARGE)})
    small = run(f"{args.database}_small", args.host, scale.SMALL, args.repeat)
    large = run(f"{args.database}_large", args.host, large_sizes, args.repeat)
    floor = large["p50_ms"]["floor"]
    print(f"BENCH sizes small={small['sizes']['children']} children/{small['sizes']['events']} events, "
          f"large={large['sizes']['children']} children/{large['sizes']['events']} events "
          f"(built in {large['build_s']:.0f} s)")
    for name, p50 in large["p50_ms"].items():
        if name == "floor":
            continue
        kind = "export" if name.startswith("export:") else "page"
        label = name.removeprefix("export:")
        print(f"BENCH {kind}={label} p50_ms={p50:.1f} floor_p50_ms={floor:.1f} ratio={p50 / floor:.1f} "
              f"queries_small={small['queries'].get(name)} queries_large={large['queries'].get(name)}")
    print(f"BENCH floor small_p50_ms={small['p50_ms']['floor']:.1f} large_p50_ms={floor:.1f}")


if __name__ == "__main__":
    main()

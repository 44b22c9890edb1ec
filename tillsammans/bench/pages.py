"""Measure the key pages on one database: query count (in-process) and median time over HTTP
(gunicorn, production settings, one sync worker, sequential requests), beside the floor.

    python -m tillsammans.bench.pages --database tillsammans_bench_small --size small --out result.json

Run by ``python -m tillsammans.bench`` once per size. On an empty database it builds the demo
municipality (for the network, action-plan and receiver pages) and grows it with ``scale``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import urllib.parse
import urllib.request
from dataclasses import asdict

from tillsammans.bench.throughput import ensure_database, setup_django


def build(sizes) -> None:
    from django.core.management import call_command
    from django.utils import translation

    from tillsammans.accounts.models import User

    call_command("migrate", verbosity=0, interactive=False)
    if User.objects.filter(username="granskare").exists():
        return
    from tqdm import tqdm

    from tillsammans.bench import scale
    from tillsammans.demo.builder import build as build_demo

    translation.activate("sv")
    build_demo()
    scale.generate(sizes, progress_factory=lambda total, desc: tqdm(total=total, desc=desc, unit=" rows",
                                                                    unit_scale=True))
    from django.db import connection

    from tillsammans.core import audit

    audit.sequence()  # the demo's events, written sealed on PostgreSQL (ADR 0022)
    with connection.cursor() as cursor:
        # VACUUM too: bulk-written tables have no visibility map until vacuumed, so an index-only
        # scan (the intake queue's count, ADR 0033) would still read the table row by row.
        cursor.execute("VACUUM (ANALYZE)")


def targets() -> list[tuple[str, str, object]]:
    """(page name, path, membership to log in as) for every key page."""
    from tillsammans.accounts.models import Membership
    from tillsammans.accounts.roles import Role
    from tillsammans.childplans.models import Child
    from tillsammans.networks.models import Network
    from tillsammans.organisations.models import Area
    from tillsammans.planning.models import ActionPlan

    lead = Membership.objects.filter(role=Role.SIP_LEAD, user__username__startswith="user").order_by("pk").first()
    plan = lead.led_plans.order_by("pk").first()
    auditor = Membership.objects.filter(user__username="granskare").first()
    receiver = Membership.objects.filter(user__username="mottagare").first()
    coordinator = Membership.objects.filter(user__username="processledare").first()
    nurse = Membership.objects.filter(user__username="sjukskoterska").first()
    area = Area.objects.filter(parent__isnull=True, units__isnull=False).order_by("pk").first()
    network = Network.objects.order_by("pk").first()
    action_plan = ActionPlan.objects.order_by("pk").first()
    from tillsammans.events.models import Event

    event = Event.objects.order_by("-starts_at").first()
    intake = Membership.objects.filter(role=Role.INTAKE, user__username__startswith="user").order_by("pk").first()
    from tillsammans.support.models import Offer

    support_offer = Offer.objects.filter(published=True).order_by("pk").values_list("pk", flat=True).first()
    from tillsammans.insight.models import Indicator, Survey

    survey = Survey.objects.order_by("-pk").first()
    indicator = Indicator.objects.order_by("pk").first()
    month = time.strftime("%Y-%m-01")
    today = time.strftime("%Y-%m-%d")
    child_number = plan.child.personal_number
    last_child = Child.objects.order_by("-pk").values_list("pk", flat=True).first()
    forum = Network.objects.filter(kind="forum", name__startswith="Skalforum").order_by("pk").first()
    request = forum.forum_requests.select_related("requested_by").order_by("pk").first() if forum else None
    rows = [
        ("my_plans", "/planer/", lead),
        ("plan_page", f"/planer/{plan.pk}/", lead),
        ("family_copy", f"/planer/{plan.pk}/familjekopia/", lead),
        ("log_review", "/loggkontroll/", auditor),
        ("log_review_child", f"/loggkontroll/?personal_number={child_number}", auditor),
        ("log_review_user", f"/loggkontroll/?user_id={lead.user_id}", auditor),
        ("log_review_month", f"/loggkontroll/?date_from={month}&date_to={today}", auditor),
        ("receiver_overview", "/handlingsplaner/oversikt/", receiver),
        ("directory", f"/vem-gor-vad/?area={area.pk}", nurse),
        ("area_page", f"/omraden/{area.pk}/", nurse),
        ("network_page", f"/natverk/{network.pk}/" if network else "", coordinator),
        ("action_plan_page", f"/handlingsplaner/{action_plan.pk}/" if action_plan else "", coordinator),
        ("event_list", "/evenemang/", nurse),
        ("event_page", f"/evenemang/{event.pk}/" if event else "", nurse),
        ("competence_coverage", "/evenemang/kompetens/", coordinator),
        ("worry_list", "/vagen/oro/" if request else "", request.requested_by if request else None),
        ("forum_page", f"/vagen/forum/{forum.pk}/" if forum else "", forum.convener if forum else None),
        ("pathway_measures", "/vagen/matt/", coordinator),
        ("intake_queue", "/orosanmalan/mottagning/" if intake else "", intake),
        ("intake_overdue", "/orosanmalan/mottagning/?state=overdue" if intake else "", intake),
        ("support_catalogue", "/stod/", nurse),
        ("support_catalogue_filtered", "/stod/?age=3-5&language=en&q=stöd", nurse),
        ("support_offer_page", f"/stod/{support_offer}/" if support_offer else "", nurse),
        ("support_groups", "/foraldraskapsstod/grupper/?alla=1", coordinator),
        ("insight_dashboard", "/insikt/oversikt/", nurse),
        ("survey_results", f"/insikt/enkater/{survey.pk}/resultat/" if survey else "", coordinator),
        ("indicator_page", f"/insikt/indikatorer/{indicator.pk}/" if indicator else "", nurse),
        ("export:family_copy_pdf", f"/planer/{plan.pk}/familjekopia/?format=pdf", lead),
        ("floor_login", f"/bench/floor-login/{last_child}/", lead),
        ("floor", f"/bench/floor/{last_child}/", None),
    ]
    rows += [(f"{name}_uncached", path, who) for name, path, who in rows if name in CACHED_PAGES]
    return [(name, path, who) for name, path, who in rows if path]


# Pages whose shared part is a cached fragment (core/fragments.py): each is also measured as
# "<page>_uncached", rebuilt on every request, which is what it costs after any structural change.
CACHED_PAGES = ("directory", "area_page", "network_page", "action_plan_page", "support_catalogue",
                "support_catalogue_filtered", "insight_dashboard", "survey_results", "event_list", "event_page",
                "competence_coverage", "indicator_page", "receiver_overview", "support_groups",
                "support_offer_page")


def count_queries(rows) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tillsammans.core import fragments
    from tillsammans.testing.clients import client_for

    counts = {}
    for name, path, who in rows:
        if who is None:
            continue
        client = client_for(who)
        client.get(path)
        if name.endswith("_uncached"):
            fragments.changed()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        counts[name] = len(captured) if response.status_code == 200 else -response.status_code
    return counts


def time_pages(rows, database_url: str, repeat: int) -> dict[str, float]:
    from django.db import connections

    from tillsammans.bench import server
    from tillsammans.core import fragments
    from tillsammans.testing.clients import client_for

    cookies = {}
    for name, _path, who in rows:
        if who is not None:
            cookies[name] = f"sessionid={client_for(who).cookies['sessionid'].value}"
    connections.close_all()
    medians = {}
    with server.gunicorn(workers=1, database_url=database_url) as base:
        for name, path, _who in rows:
            address = base + urllib.parse.quote(path, safe="/?=&%")  # "?q=stöd": the request line is ASCII
            request = urllib.request.Request(address, headers={"Cookie": cookies.get(name, "")})  # noqa: S310
            samples = []
            for index in range(repeat + 3):
                if name.endswith("_uncached"):
                    fragments.changed()
                start = time.perf_counter()
                with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (loopback)
                    response.read()
                    assert response.status == 200, (name, response.status)
                if index >= 3:
                    samples.append((time.perf_counter() - start) * 1000)
            medians[name] = statistics.median(samples)
    return medians


def main(argv: list[str] | None = None) -> None:
    from tillsammans.bench import scale

    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--host", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--sizes", default="{}", help="JSON of scale.Sizes fields")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    url = f"{args.host}/{args.database}"
    ensure_database(url)
    setup_django(url)
    sizes = scale.Sizes(**json.loads(args.sizes))
    started = time.monotonic()
    build(sizes)
    built = time.monotonic() - started
    rows = targets()
    result = {"sizes": asdict(sizes), "build_s": built, "queries": count_queries(rows),
              "p50_ms": time_pages(rows, url, args.repeat)}
    with open(args.out, "w") as out:
        json.dump(result, out)


if __name__ == "__main__":
    main()
